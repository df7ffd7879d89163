package org.pmlab.web.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.web.timeline.Hosts.EP;
import static org.pmlab.web.timeline.Hosts.RP;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.sim.api.TraceRecord;
import org.pmlab.web.timeline.Timeline.Lane;
import org.pmlab.web.timeline.Timeline.LaneKind;
import org.pmlab.web.timeline.Timeline.Marker;
import org.pmlab.web.timeline.Timeline.MarkerKind;
import org.pmlab.web.timeline.Timeline.Segment;

class TimelineBuilderTest {

    private static Timeline of(SimMachine m) {
        return TimelineBuilder.build("test", MachineLanes.of(m, List.of()), m.trace().records(), null, null,
                m.clock().nanoTime());
    }

    private static Lane lane(Timeline t, String name) {
        return t.lanes().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyFunctionHasOneLaneInTreeOrderWithTheBusFirstAndResourcesLast() {
        SimMachine m = Hosts.acpi();
        m.trace().enable(true);
        Hosts.bindVfio(m, EP);
        Timeline t = of(m);
        List<String> names = t.lanes().stream().map(Lane::name).toList();
        assertThat(names.get(0)).isEqualTo("pci0000:00");
        assertThat(t.lanes().stream().filter(l -> l.kind() == LaneKind.DEVICE).count())
                .isEqualTo(m.pci().devices().size());
        assertThat(names.indexOf(RP.toString())).isLessThan(names.indexOf(EP.toString()));
        assertThat(lane(t, EP.toString()).depth()).isGreaterThan(lane(t, RP.toString()).depth());
        assertThat(t.lanes().get(t.lanes().size() - 1).kind()).isEqualTo(LaneKind.POWER_RESOURCE);
    }

    @Test
    void anIdleBoundEndpointGoesThroughSuspendingIntoD3coldAndEndsAsItIsNow() {
        SimMachine m = Hosts.acpi();
        m.trace().enable(true);
        Hosts.bindVfio(m, EP);
        Lane ep = lane(of(m), EP.toString());
        List<String> states = ep.segments().stream().map(s -> s.power() + "/" + s.status()).collect(Collectors.toList());
        // bound at once, the endpoint spends the 10 ms of its D3hot transition suspending
        assertThat(states).containsExactly("D0/suspending", "D3cold/suspended");
        assertThat(ep.segments().get(0).toNs() - ep.segments().get(0).fromNs()).isEqualTo(10_000_000L);
        assertThat(ep.segments()).anyMatch(Segment::transitional);
        Segment last = ep.segments().get(ep.segments().size() - 1);
        assertThat(last.power()).isEqualTo(m.pci().get(EP).currentState().label());
        assertThat(last.status()).isEqualTo(m.pci().get(EP).pm().info().runtimeStatus());
        assertThat(last.toNs()).isEqualTo(m.clock().nanoTime());
        for (int i = 1; i < ep.segments().size(); i++) {
            assertThat(ep.segments().get(i).fromNs()).isEqualTo(ep.segments().get(i - 1).toNs());
        }
    }

    @Test
    void bindAndThePowerResourceMethodsAreMarked() {
        SimMachine m = Hosts.acpi();
        m.trace().enable(true);
        Hosts.bindVfio(m, EP);
        m.clock().advance(java.time.Duration.ofMillis(100)); // the resource stays off a while
        Timeline t = of(m);
        assertThat(lane(t, EP.toString()).markers()).extracting(Marker::label).anyMatch(l -> l.contains("bind vfio-pci"));
        Lane pslt = t.lanes().stream().filter(l -> l.kind() == LaneKind.POWER_RESOURCE).findFirst().orElseThrow();
        assertThat(pslt.markers()).extracting(Marker::kind).contains(MarkerKind.RESOURCE_OFF);
        assertThat(pslt.segments()).extracting(Segment::power).contains("on", "off");
    }

    @Test
    void aWindowClipsSegmentsAndDropsMarkersOutsideIt() {
        SimMachine m = Hosts.acpi();
        m.trace().enable(true);
        Hosts.bindVfio(m, EP);
        long now = m.clock().nanoTime();
        long from = now / 2;
        Timeline t = TimelineBuilder.build("test", MachineLanes.of(m, List.of(EP)), m.trace().records(), from, now, now);
        assertThat(t.lanes()).hasSize(1);
        for (Segment s : t.lanes().get(0).segments()) {
            assertThat(s.fromNs()).isGreaterThanOrEqualTo(from);
            assertThat(s.toNs()).isLessThanOrEqualTo(now);
        }
        assertThat(t.lanes().get(0).markers()).allMatch(mk -> mk.timeNs() >= from);
    }

    @Test
    void withoutRecordsEachLaneShowsItsStateNowOverTheWholeWindow() {
        SimMachine m = Hosts.acpi();
        Timeline t = TimelineBuilder.build("test", MachineLanes.of(m, List.of(EP)), List.<TraceRecord>of(), null, null,
                m.clock().nanoTime());
        Lane ep = t.lanes().get(0);
        assertThat(ep.segments()).hasSize(1);
        assertThat(ep.segments().get(0).power()).isEqualTo(m.pci().get(EP).currentState().label());
        assertThat(t.toNs()).isGreaterThan(t.fromNs());
    }

    @Test
    void aSysfsWriteRecordIsAnActionNamingTheAttributeAndValue() {
        SimMachine m = Hosts.acpi();
        TraceRecord write = new TraceRecord(5, "sysfs_write", EP.toString(),
                "/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0/power/control <- 'on' = 3");
        Timeline t = TimelineBuilder.build("test", MachineLanes.of(m, List.of(EP)), List.of(write), 0L, 10L, 10);
        assertThat(t.lanes().get(0).markers()).extracting(Marker::label).containsExactly("power/control=on");
    }
}

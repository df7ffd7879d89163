package org.pmlab.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.web.timeline.Hosts;

class UpdatesTest {

    private final SimMachine machine = Hosts.acpi();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger unsubscriptions = new AtomicInteger();

    private Lab lab() {
        return (Lab) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Lab.class}, (p, m, a) -> switch (m.getName()) {
            case "live" -> machine;
            case "firmwareNames" -> List.of("acpi-sim", "nod3cold");
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    private BundleContext context() {
        ServiceRegistration<?> reg = (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                    if (m.getName().equals("unregister")) {
                        unsubscriptions.incrementAndGet();
                    }
                    return null;
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, a) -> {
                    if (m.getName().equals("registerService")) {
                        subscriptions.incrementAndGet();
                        return reg;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static AsyncContext async() {
        return (AsyncContext) Proxy.newProxyInstance(UpdatesTest.class.getClassLoader(), new Class<?>[] {AsyncContext.class},
                (p, m, a) -> null);
    }

    private Event powerEvent(String bdf) {
        return new Event(ModelEvents.PCI_POWER_STATE, Map.of(ModelEvents.MACHINE, machine.id(), ModelEvents.DEVICE, bdf,
                ModelEvents.STATE, "D3hot"));
    }

    @Test
    void withNoPageOpenTheViewSubscribesToNothing() {
        Updates u = new Updates(lab(), context(), Long.MAX_VALUE / 4);
        assertThat(u.subscribed()).isFalse();
        StringWriter out = new StringWriter();
        Updates.Client c = new Updates.Client(async(), new PrintWriter(out));
        u.connect(c);
        assertThat(u.subscribed()).isTrue();
        u.disconnect(c);
        assertThat(u.subscribed()).isFalse();
        assertThat(subscriptions).hasValue(1);
        assertThat(unsubscriptions).hasValue(1);
    }

    @Test
    void aHundredThousandEventsInOneWindowAreOneMessageWithEachChangedNodeOnce() {
        Updates u = new Updates(lab(), context(), Long.MAX_VALUE / 4); // the test flushes, not the timer
        StringWriter out = new StringWriter();
        Updates.Client c = new Updates.Client(async(), new PrintWriter(out));
        u.connect(c);
        List<Bdf> devices = machine.pci().devices().stream().map(d -> d.bdf()).toList();
        for (int i = 0; i < 100_000; i++) {
            u.handle(powerEvent(devices.get(i % devices.size()).toString()));
        }
        u.flush();
        String sent = out.toString();
        assertThat(sent.split("\nevent: ", -1)).hasSize(1);
        assertThat(sent).startsWith("event: nodes\n");
        for (Bdf b : devices) {
            assertThat(sent.split("\"bdf\":\"" + b + "\"", -1)).as("%s once", b).hasSize(2);
        }
        u.flush();
        assertThat(out.toString()).isEqualTo(sent); // nothing new, nothing sent
    }

    @Test
    void moreChangedNodesThanAMessageShouldCarryAskThePageToReloadTheTree() {
        Updates u = new Updates(lab(), context(), Long.MAX_VALUE / 4);
        StringWriter out = new StringWriter();
        u.connect(new Updates.Client(async(), new PrintWriter(out)));
        for (int i = 0; i <= Updates.MAX_NODES; i++) {
            u.handle(powerEvent(String.format("0001:%02x:%02x.0", i / 32, i % 32)));
        }
        u.flush();
        assertThat(out.toString()).startsWith("event: tree\n").doesNotContain("\"nodes\"");
    }

    @Test
    void eventsOfAnotherMachineAreIgnored() {
        Updates u = new Updates(lab(), context(), Long.MAX_VALUE / 4);
        StringWriter out = new StringWriter();
        u.connect(new Updates.Client(async(), new PrintWriter(out)));
        u.handle(new Event(ModelEvents.PCI_POWER_STATE, Map.of(ModelEvents.MACHINE, machine.id() + 1,
                ModelEvents.DEVICE, "0000:01:00.0")));
        u.flush();
        assertThat(out.toString()).isEmpty();
    }
}

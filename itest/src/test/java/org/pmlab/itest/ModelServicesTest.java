package org.pmlab.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.SimClock;

/**
 * The model's services in the assembled platform: the live machine's runtime PM on a device tree, and the
 * live firmware swap chosen through Config Admin and by stopping the bound firmware's bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModelServicesTest {

    private static final Bdf GPU = Bdf.parse("0000:01:00.0");
    private static final Bdf PORT = Bdf.parse("0000:00:01.0");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;
    @Inject
    private Lab lab;
    @Inject
    private ConfigurationAdmin cm;

    @Configuration
    public Option[] config() {
        return new Option[] {PmlabOptions.launcher()};
    }

    @Inject
    private org.pmlab.energy.api.PowerModel power;

    /** A class-wide figure set through Config Admin prices the live machine's ledger; deleting it restores the default. */
    @Test
    public void powerFiguresFromConfigAdminPriceTheLedger() throws Exception {
        org.pmlab.pci.api.PciDevice gpu = lab.live().pci().get(GPU);
        assertEquals(70.0, power.of(gpu).watts(org.pmlab.hw.api.PhysicalState.D0_ACTIVE), 0);
        org.osgi.service.cm.Configuration c = cm.getFactoryConfiguration(org.pmlab.energy.api.PowerModel.PID, "itest", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(org.pmlab.energy.api.PowerModel.MATCH, "gpu");
        props.put("d0Active", 42.5);
        c.update(props);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (power.of(gpu).watts(org.pmlab.hw.api.PhysicalState.D0_ACTIVE) != 42.5 && System.nanoTime() < deadline) {
            Thread.sleep(20); // DS activates the override component on its own thread
        }
        assertEquals(42.5, power.of(gpu).watts(org.pmlab.hw.api.PhysicalState.D0_ACTIVE), 0);
        assertEquals("config gpu", power.of(gpu).source(org.pmlab.hw.api.PhysicalState.D0_ACTIVE));
        double joules = power.measure(lab.live(), 0, List.of(GPU)).joules();
        assertTrue(joules >= 0);
        c.delete();
        deadline = System.nanoTime() + WAIT.toNanos();
        while (power.of(gpu).watts(org.pmlab.hw.api.PhysicalState.D0_ACTIVE) != 70.0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(70.0, power.of(gpu).watts(org.pmlab.hw.api.PhysicalState.D0_ACTIVE), 0);
    }

    @Test
    public void liveMachinesRuntimePmDrivesATwoDeviceTreeThroughTheRegistry() {
        Machine m = lab.live();
        PmDevice p = m.pmDevices().add("itest-parent", null, null);
        PmDevice c = m.pmDevices().add("itest-child", p, null);
        rpm().enable(p);
        rpm().enable(c);

        assertEquals(0, rpm().getSync(c));
        assertEquals(RuntimeStatus.ACTIVE, p.info().status());
        assertEquals(1, p.info().activeKids());

        assertEquals(0, rpm().putSync(c));
        clock().settle();
        assertEquals(RuntimeStatus.SUSPENDED, c.info().status());
        assertEquals(RuntimeStatus.SUSPENDED, p.info().status());
        assertEquals(0, p.info().activeKids());

        m.pmDevices().remove(c);
        m.pmDevices().remove(p);
    }

    @Test
    public void firmwareChosenThroughConfigAdminIsSwappedLiveWithUsageCountsUnchanged() throws IOException {
        bindIdleGpu();
        assertEquals(PowerState.D3COLD, state(GPU));
        List<Integer> usage = usageCounts();

        useFirmware("nod3cold");
        assertEquals(PowerState.D3HOT, state(GPU));
        assertEquals(PowerState.D3HOT, state(PORT));
        assertEquals(usage, usageCounts());

        useFirmware("acpi-sim");
        assertEquals(PowerState.D3COLD, state(GPU));
        assertEquals(PowerState.D3COLD, state(PORT));
        assertEquals(usage, usageCounts());
    }

    @Test
    public void stoppingTheBoundFirmwareBundleFallsBackToAnotherAndStartingItSwapsBack() throws BundleException {
        bindIdleGpu();
        assertEquals("acpi-sim", lab.live().firmware().activeName());
        List<Integer> usage = usageCounts();
        Bundle acpi = bundle("org.pmlab.firmware.acpi.sim");

        acpi.stop();
        try {
            assertTrue(lab.await(m -> m.firmware().activeName().equals("nod3cold"), WAIT));
            clock().settle();
            assertEquals(PowerState.D3HOT, state(GPU));
            assertEquals(usage, usageCounts());
        } finally {
            acpi.start();
        }
        assertTrue(lab.await(m -> m.firmware().activeName().equals("acpi-sim"), WAIT));
        clock().settle();
        assertEquals(PowerState.D3COLD, state(GPU));
        assertEquals(usage, usageCounts());
    }

    private void bindIdleGpu() {
        PciBus bus = lab.live().pci();
        if (bus.get(GPU).driver().isEmpty()) {
            assertEquals(0, bus.setDriverOverride(GPU, "vfio-pci"));
            assertEquals(0, bus.bind(GPU, "vfio-pci"));
        }
        clock().settle();
    }

    private void useFirmware(String name) throws IOException {
        org.osgi.service.cm.Configuration c = cm.getConfiguration(Lab.PLATFORM_PID, "?");
        Dictionary<String, Object> p = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        p.put("firmware.target", "(firmware.name=" + name + ")");
        c.update(p);
        assertTrue("firmware " + name + " became active", lab.await(m -> m.firmware().activeName().equals(name), WAIT));
        clock().settle();
    }

    private PowerState state(Bdf bdf) {
        return lab.live().pci().get(bdf).currentState();
    }

    private List<Integer> usageCounts() {
        return lab.live().pci().devices().stream().map(d -> d.pm().info().usageCount()).toList();
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** The model's services are reached through the lab's live machine, the one way to them. */
    private RuntimePm rpm() {
        return lab.live().runtimePm();
    }

    private SimClock clock() {
        return lab.live().clock();
    }
}

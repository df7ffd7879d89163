package org.pmlab.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.vfio.api.VfioDeviceInfo;
import org.pmlab.vfio.api.VfioService;
import org.pmlab.vfio.api.VfioUser;

/**
 * vfio-pci in the assembled platform, through its OSGi services: the seed's table on fresh
 * machines (issue 4), {@code disable_idle_d3} from Config Admin, the low-power features of an
 * open device under both firmware models, a live firmware swap while low power is engaged, and
 * the {@code vfio:} commands through Gogo (issue 6).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VfioPlatformTest {

    private static final Bdf GPU = Bdf.parse("0000:01:00.0");
    private static final Bdf PORT = Bdf.parse("0000:00:01.0");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;
    @Inject
    private Lab lab;
    @Inject
    private VfioService vfio;
    @Inject
    private ConfigurationAdmin cm;
    @Inject
    private CommandProcessor processor;

    @Configuration
    public Option[] config() {
        return new Option[] {PmlabOptions.launcher()};
    }

    private record SeedRow(String id, KernelVersion kernel, String firmware, PowerState gpu, PowerState port,
            String gpuStatus, int gpuUsage) {
    }

    /** Scenarios A1-A4: the unused GPU and its root port, per kernel and firmware. */
    @Test
    public void theSeedsFourResultsOnFreshMachines() {
        List<SeedRow> rows = List.of(
                new SeedRow("A1", KernelVersion.V5_18, "nod3cold", PowerState.D3HOT, PowerState.D0, "active", 2),
                new SeedRow("A2", KernelVersion.V5_18, "acpi-sim", PowerState.D3HOT, PowerState.D0, "active", 2),
                new SeedRow("A3", KernelVersion.V6_1, "nod3cold", PowerState.D3HOT, PowerState.D3HOT, "suspended", 0),
                new SeedRow("A4", KernelVersion.V6_1, "acpi-sim", PowerState.D3COLD, PowerState.D3COLD, "suspended", 0));
        for (SeedRow row : rows) {
            Machine m = boot(row.kernel(), row.firmware());
            bind(m);
            m.clock().settle();
            assertEquals(row.id() + " GPU", row.gpu(), state(m, GPU));
            assertEquals(row.id() + " port", row.port(), state(m, PORT));
            assertEquals(row.id() + " GPU status", row.gpuStatus(), pm(m, GPU).runtimeStatus());
            assertEquals(row.id() + " GPU usage", row.gpuUsage(), pm(m, GPU).usageCount());
            assertEquals(row.id() + " port kids", row.port() == PowerState.D0 ? 1 : 0, pm(m, PORT).activeKids());
        }
    }

    /** F1 on the next bind: the parameter comes from Config Admin; a bound device keeps its copy. */
    @Test
    public void disableIdleD3FromConfigAdminTakesEffectOnTheNextBind() throws Exception {
        Machine m = boot(KernelVersion.V6_1, "acpi-sim");
        bind(m);
        m.clock().settle();
        assertEquals(PowerState.D3COLD, state(m, GPU));
        try {
            setDisableIdleD3(true);
            VfioDeviceInfo kept = vfio.user(m).info(GPU).orElseThrow();
            assertFalse("a bound device keeps its value", kept.disableIdleD3());
            m.clock().settle();
            assertEquals(PowerState.D3COLD, state(m, GPU));

            assertEquals(0, m.pci().unbind(GPU));
            bind(m);
            m.clock().settle();
            assertTrue(vfio.user(m).info(GPU).orElseThrow().disableIdleD3());
            assertEquals(PowerState.D0, state(m, GPU));
            assertEquals(PowerState.D0, state(m, PORT));
            assertEquals("active", pm(m, GPU).runtimeStatus());
            assertEquals(1, pm(m, GPU).usageCount());
        } finally {
            setDisableIdleD3(false);
        }
    }

    /** E1 and E11: the open GPU in low power, D3cold with ACPI D3cold, D3hot without; exit restores it. */
    @Test
    public void anOpenDeviceEnteringLowPowerReachesD3coldUnderAcpiSimAndD3hotUnderNod3cold() {
        for (String fw : List.of("acpi-sim", "nod3cold")) {
            PowerState low = fw.equals("acpi-sim") ? PowerState.D3COLD : PowerState.D3HOT;
            Machine m = boot(KernelVersion.V6_1, fw);
            bind(m);
            VfioUser u = vfio.user(m);
            int fd = u.open(GPU);
            assertTrue(fw + ": open", fd >= 3);
            assertEquals(fw, 0, u.lowPowerEntry(fd));
            m.clock().settle();
            assertEquals(fw + " GPU", low, state(m, GPU));
            assertEquals(fw + " port", low, state(m, PORT));
            assertTrue(u.info(GPU).orElseThrow().pmRuntimeEngaged());
            assertEquals(0, pm(m, GPU).usageCount());

            assertEquals(fw, 0, u.lowPowerExit(fd));
            m.clock().settle();
            assertEquals(PowerState.D0, state(m, GPU));
            assertEquals(PowerState.D0, state(m, PORT));
            assertEquals(1, pm(m, GPU).usageCount());
            assertEquals(0, u.close(fd));
            m.clock().settle();
            assertEquals(0, pm(m, GPU).usageCount());
        }
    }

    /** A firmware swap chosen through Config Admin while the GPU is engaged: it stays engaged, counts unchanged. */
    @Test
    public void aFirmwareSwapWhileEngagedKeepsItEngagedWithCountsUnchanged() throws IOException {
        useFirmware("acpi-sim");
        Machine m = lab.live();
        assertTrue("the live kernel has the low-power features", m.kernel().atLeast(KernelVersion.V6_1));
        bind(m);
        VfioUser u = vfio.user(m);
        int fd = u.open(GPU);
        try {
            assertEquals(0, u.lowPowerEntry(fd));
            m.clock().settle();
            assertEquals(PowerState.D3COLD, state(m, GPU));
            List<Integer> usage = usageCounts(m);

            useFirmware("nod3cold");
            assertEquals(PowerState.D3HOT, state(m, GPU));
            assertEquals(PowerState.D3HOT, state(m, PORT));
            assertTrue(u.info(GPU).orElseThrow().pmRuntimeEngaged());
            assertEquals(usage, usageCounts(m));

            useFirmware("acpi-sim");
            assertEquals(PowerState.D3COLD, state(m, GPU));
            assertTrue(u.info(GPU).orElseThrow().pmRuntimeEngaged());
            assertEquals(usage, usageCounts(m));
        } finally {
            useFirmware("acpi-sim");
            u.lowPowerExit(fd);
            u.close(fd);
            m.clock().settle();
        }
    }

    /** The acceptance steps through Gogo on the live machine, and the one-line refusal on 5.19. */
    @Test
    public void lowPowerCommandsThroughGogo() throws Exception {
        useFirmware("acpi-sim");
        bind(lab.live());
        try (CommandSession s = processor.createSession(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new ByteArrayOutputStream())) {
            String fd = String.valueOf(s.execute("vfio:open " + GPU)).trim();
            s.execute("vfio:irq " + fd + " intx");
            assertEquals("low power engaged", String.valueOf(s.execute("vfio:low-power enter " + GPU)).trim());
            Machine m = lab.live();
            assertEquals(PowerState.D3COLD, state(m, GPU));
            assertEquals(PowerState.D3COLD, state(m, PORT));
            assertTrue(String.valueOf(s.execute("vfio:list")).contains("engaged"));
            assertTrue(String.valueOf(s.execute("vfio:low-power exit " + GPU)).contains("low power exited"));
            assertEquals(PowerState.D0, state(m, GPU));
            assertEquals(1, pm(m, GPU).usageCount());
            s.execute("vfio:close " + fd);

            rebootWithKernel(KernelVersion.V5_19);
            try {
                bind(lab.live());
                s.execute("vfio:open " + GPU);
                s.execute("vfio:low-power enter " + GPU);
                fail("LOW_POWER_ENTRY on 5.19 succeeded");
            } catch (IllegalStateException e) {
                assertEquals("VFIO_DEVICE_FEATURE LOW_POWER_ENTRY: -ENOTTY (-25): not supported on kernel 5.19"
                        + " (the low-power features came with 6.1)", e.getMessage());
            } finally {
                rebootWithKernel(KernelVersion.NEWEST);
            }
        }
    }

    // ---- helpers ----

    private Machine boot(KernelVersion k, String firmware) {
        BootSpec spec = lab.live().bootSpec().withKernel(k).withFirmware(firmware);
        return lab.boot(spec);
    }

    private static void bind(Machine m) {
        PciBus bus = m.pci();
        if (bus.get(GPU).driver().isEmpty()) {
            assertEquals(0, bus.setDriverOverride(GPU, "vfio-pci"));
            assertEquals(0, bus.bind(GPU, "vfio-pci"));
        }
    }

    private static PowerState state(Machine m, Bdf bdf) {
        return m.pci().get(bdf).currentState();
    }

    private static PmInfo pm(Machine m, Bdf bdf) {
        return m.pci().get(bdf).pm().info();
    }

    private static List<Integer> usageCounts(Machine m) {
        return m.pci().devices().stream().map(d -> d.pm().info().usageCount()).toList();
    }

    private void update(String pid, String key, Object value) throws IOException {
        org.osgi.service.cm.Configuration c = cm.getConfiguration(pid, "?");
        Dictionary<String, Object> p = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        p.put(key, value);
        c.update(p);
    }

    private void useFirmware(String name) throws IOException {
        if (!lab.live().firmware().activeName().equals(name)) {
            update(Lab.PLATFORM_PID, "firmware.target", "(firmware.name=" + name + ")");
        }
        assertTrue("firmware " + name + " became active", lab.await(m -> m.firmware().activeName().equals(name), WAIT));
        lab.live().clock().settle();
    }

    private void rebootWithKernel(KernelVersion k) throws IOException {
        update(KernelVersion.PID, "version", k.toString());
        assertTrue("rebooted with " + k, lab.await(m -> m.kernel().equals(k), WAIT));
    }

    /**
     * Sets the parameter through Config Admin and waits, without polling, until DS has given it
     * to vfio-pci: the component's service then carries the new property.
     */
    private void setDisableIdleD3(boolean value) throws IOException, InvalidSyntaxException, InterruptedException {
        update(VfioService.PID, VfioService.DISABLE_IDLE_D3, value);
        String filter = "(&(objectClass=" + VfioService.class.getName() + ")(" + VfioService.DISABLE_IDLE_D3 + "="
                + value + "))";
        ServiceTracker<VfioService, VfioService> t = new ServiceTracker<>(context, FrameworkUtil.createFilter(filter), null);
        t.open();
        try {
            assertNotNull("vfio-pci got disable_idle_d3=" + value, t.waitForService(TimeUnit.SECONDS.toMillis(20)));
        } finally {
            t.close();
        }
        assertEquals(value, vfio.disableIdleD3());
    }
}

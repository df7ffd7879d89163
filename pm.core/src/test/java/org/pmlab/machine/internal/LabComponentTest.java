package org.pmlab.machine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.firmware.nod3cold.internal.NoD3coldFirmware;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.DriverContext;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pci.api.PciDriverProvider;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.topology.internal.JsonTopologyCodec;

/** The lab driven as SCR drives it: configuration and reference callbacks, from several threads at once. */
class LabComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final LabComponent lab = new LabComponent();

    @AfterEach
    void stop() {
        lab.deactivate();
    }

    private void activate(String kernel) {
        lab.codec = new JsonTopologyCodec();
        lab.activate(kernel(kernel), platform(""));
    }

    @Test
    void theFirstBootSeesTheReferencesBoundBeforeActivation() {
        PlatformFirmware acpi = new AcpiSimFirmware();
        lab.addFirmware(acpi);
        lab.bindFirmware(acpi);
        lab.addDriver(new TestModule("early"));
        activate("6.1");

        Machine m = lab.live();
        assertThat(m.firmware().activeName()).isEqualTo("acpi-sim");
        assertThat(m.pci().drivers()).containsOnlyOnce("early");
        assertThat(m.kernel()).isEqualTo(KernelVersion.V6_1);
    }

    @Test
    void callbacksFromManyThreadsNeverLoadADriverTwiceNorIntoAMachineBeingReplaced() throws Exception {
        PlatformFirmware acpi = new AcpiSimFirmware();
        PlatformFirmware nod3 = new NoD3coldFirmware();
        lab.addFirmware(acpi);
        lab.addFirmware(nod3);
        lab.bindFirmware(acpi);
        activate("6.1");

        int modules = 40;
        CyclicBarrier start = new CyclicBarrier(3);
        List<Throwable> errors = new ArrayList<>();
        Thread drivers = thread(errors, start, () -> {
            for (int i = 0; i < modules; i++) {
                lab.addDriver(new TestModule("drv" + i));
            }
        });
        String[] kernels = {"5.18", "6.0", "6.18", "5.19", "6.1"};
        Thread reboots = thread(errors, start, () -> {
            for (String k : kernels) {
                lab.modified(kernel(k), platform(""));
            }
        });
        Thread swaps = thread(errors, start, () -> {
            for (int i = 0; i < 10; i++) {
                lab.bindFirmware(i % 2 == 0 ? nod3 : acpi);
            }
        });
        for (Thread t : List.of(drivers, reboots, swaps)) {
            t.join();
        }
        assertThat(errors).isEmpty();

        assertThat(lab.await(m -> true, WAIT)).as("the lab finished its work").isTrue();
        Machine m = lab.live();
        assertThat(m.kernel()).isEqualTo(KernelVersion.V6_1);
        assertThat(m.firmware().activeName()).isEqualTo("acpi-sim");
        List<String> loaded = m.pci().drivers();
        for (int i = 0; i < modules; i++) {
            assertThat(loaded).containsOnlyOnce("drv" + i);
        }
    }

    @Test
    void unloadingAModuleWaitsUntilItsDevicesAreUnbound() {
        activate("6.18");
        TestModule stub = new TestModule("late");
        lab.addDriver(stub);
        assertThat(lab.live().pci().drivers()).contains("late");

        lab.removeDriver(stub); // returns only once rmmod ran
        assertThat(lab.live().pci().drivers()).doesNotContain("late");
    }

    @Test
    void aTopologyThatCannotBeLoadedIsReportedByEveryUseInOneLine() {
        lab.codec = new JsonTopologyCodec();
        lab.activate(kernel("6.18"), platform("/nonexistent/host.json"));

        assertThatThrownBy(lab::live).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot boot the simulated host: ").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> lab.await(m -> true, WAIT)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot boot the simulated host: ");

        lab.modified(kernel("6.18"), platform(""));
        assertThat(lab.live().pci().devices()).isNotEmpty();
    }

    @Test
    void aDriverArrivingDuringABootIsInTheMachineThatBootProduces() throws Exception {
        activate("6.18");
        CountDownLatch go = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lab.addDriver(new TestModule("during"));
        });
        t.start();
        lab.modified(kernel("6.1"), platform(""));
        go.countDown();
        t.join();
        assertThat(lab.live().kernel()).isEqualTo(KernelVersion.V6_1);
        assertThat(lab.live().pci().drivers()).containsOnlyOnce("during");
    }

    @Test
    void aBootUnderWaySaysHowFarItIsAndAnIdleLabSaysNothing() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        lab.addDriver(new TestModule("slow") {
            @Override
            public PciDriver create(DriverContext machine) {
                loading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.create(machine);
            }
        });
        activate("6.18");
        loading.await();
        assertThat(lab.progress()).hasValueSatisfying(p -> assertThat(p.what()).isEqualTo("loading driver modules"));
        release.countDown();
        assertThat(lab.live().pci().drivers()).contains("slow");
        assertThat(lab.progress()).isEmpty();
    }

    @Test
    void aBootReportsEnumerationAndTheAddingOfDevicesUpToEveryFunction() {
        var topology = new JsonTopologyCodec().defaultTopology();
        int n = topology.devices().size();
        List<String> steps = new ArrayList<>();
        List<long[]> last = new ArrayList<>();
        SimMachine.boot(1, new org.pmlab.machine.api.BootSpec(topology, KernelVersion.NEWEST,
                org.pmlab.sim.api.PciePortPm.DEFAULT, null), null, org.pmlab.sim.internal.EventSink.NONE, List.of(), what -> {
                    steps.add(what);
                    last.add(new long[2]);
                    return (done, total) -> last.set(last.size() - 1, new long[] {done, total});
                });
        assertThat(steps).containsExactly("enumerating functions", "adding functions and binding built-in drivers");
        assertThat(last).allSatisfy(p -> assertThat(p).containsExactly(n, n));
    }

    private static Thread thread(List<Throwable> errors, CyclicBarrier start, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                start.await();
                body.run();
            } catch (Throwable e) {
                synchronized (errors) {
                    errors.add(e);
                }
            }
        });
        t.start();
        return t;
    }

    /** A driver module whose driver matches nothing: loading it only registers it. */
    private static class TestModule implements PciDriverProvider {
        private final String driverName;

        TestModule(String driverName) {
            this.driverName = driverName;
        }

        @Override
        public String driverName() {
            return driverName;
        }

        @Override
        public PciDriver create(DriverContext machine) {
            return new PciDriver() {
                @Override
                public String name() {
                    return driverName;
                }

                @Override
                public int probe(PciDevice dev) {
                    return 0;
                }

                @Override
                public void remove(PciDevice dev) {
                }

                @Override
                public DevPmOps pm() {
                    return null;
                }
            };
        }
    }

    static KernelSettings kernel(String version) {
        return new KernelSettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return KernelSettings.class;
            }

            @Override
            public String version() {
                return version;
            }

            @Override
            public String pcie__port__pm() {
                return "default";
            }
        };
    }

    static PlatformSettings platform(String topology) {
        return new PlatformSettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PlatformSettings.class;
            }

            @Override
            public String topology() {
                return topology;
            }

            @Override
            public int bios__year() {
                return 0;
            }

            @Override
            public String firmware_target() {
                return "(firmware.name=acpi-sim)";
            }
        };
    }
}

package org.pmlab.vfio.internal;

import static org.pmlab.vfio.internal.Topologies.EP;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.LogLine;

/**
 * The races between layers that need a whole machine, explored with Lincheck's model checker:
 * two threads, one call each, and Lincheck choosing where they switch at every shared read,
 * write, lock and park of the code they run, so each explored schedule is deterministic and
 * a failure is printed as the schedule that produced it.
 *
 * <p>The machine (one root port above one endpoint, ACPI with D3cold, kernel 6.1, the endpoint
 * bound to vfio-pci) is booted in each race's constructor: Lincheck builds a new test instance
 * before every schedule and starts following the threads only after that, so the boot is not
 * explored (inside a schedule it overran Lincheck's bound on loop iterations, which it reports as
 * a hang).
 *
 * <p>What each race must show: each call answers what the kernel lets it answer in some order
 * of the two (listed per race); nothing throws; once the user has given back what it still holds
 * and the work queue has run, every usage count, child count, runtime status, D-state, power
 * resource, vfio open count and fd equals what one of the serial orders leaves (run before the
 * exploration, without Lincheck), and the kernel log has no usage-count underflow.
 * {@code -Dpmlab.interleavings=N} explores up to N schedules per race (default {@value #SCHEDULES}).
 */
class MachineInterleavingTest {

    static final int SCHEDULES = 10;
    private static final int ENODEV = Errno.ENODEV.negative();
    private static final int EBADF = Errno.EBADF.negative();
    private static final int EAGAIN = Errno.EAGAIN.negative();

    /** Machines booted per race class: one per explored schedule, plus the serial references. */
    static final Map<Class<?>, AtomicInteger> BOOTS = new ConcurrentHashMap<>();
    /** What the serial orders leave at rest, per race class (filled before the exploration). */
    private static final Map<String, List<String>> SERIAL = new ConcurrentHashMap<>();

    @Test
    void openVersusUnbind() {
        explore(OpenVersusUnbind.class);
    }

    @Test
    void closeVersusLowPowerEntry() {
        explore(CloseVersusLowPowerEntry.class);
    }

    @Test
    void firmwareSwapVersusD3coldEntry() {
        explore(SwapVersusD3cold.class);
    }

    @Test
    void resetVersusOpen() {
        explore(ResetVersusOpen.class);
    }

    static void explore(Class<? extends Race> race) {
        SERIAL.put(race.getName(), serialOutcomes(race));
        BOOTS.computeIfAbsent(race, c -> new AtomicInteger()).set(0);
        long t0 = System.nanoTime();
        try {
            options().check(race);
        } finally {
            System.out.printf("%s: %d schedules explored in %.1f s%n", race.getSimpleName(),
                    BOOTS.get(race).get(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private static ModelCheckingOptions options() {
        return new ModelCheckingOptions()
                .iterations(1)
                .threads(2)
                .actorsPerThread(1)
                .actorsBefore(0)
                .actorsAfter(0)
                .invocationsPerIteration(Integer.getInteger("pmlab.interleavings", SCHEDULES))
                // a bound device walk or a settle of the work queue loops more often than the
                // default 50 iterations Lincheck takes for a livelock
                .loopBound(100_000)
                .recursionBound(1_000)
                // Inside a schedule Lincheck answers 0 for every identity hash code (so that schedules
                // replay); the machine was booted outside, where its hash tables placed enums and
                // plain objects by their real ones (Set.of of D-states, a power resource's holders).
                // The hash tables run unexplored, with real hash codes: the model guards each of
                // them by a lock of its own, which is where the explored switches are.
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(HASHED).allMethods().ignore())
                // the trace and the kernel log are written, never read, by the code explored; the
                // check at rest runs after both threads have ended: none of them needs exploring
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(UNEXPLORED).allMethods().ignore())
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(Race.class.getName()).methods("atRest").ignore())
                // the first schedule also instruments every class the machine uses: on a loaded
                // 2-core machine that alone overran the default 30 s per schedule (the option is
                // Kotlin-internal in Lincheck 3.7, hence its JVM name)
                .invocationTimeout$lincheck(300_000)
                .verifier(EpsilonVerifier.class)
                .minimizeFailedScenario(false);
    }

    private static final String[] HASHED = {"java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.ImmutableCollections$SetN",
            "java.util.ImmutableCollections$MapN", "java.util.concurrent.ConcurrentHashMap",
            "java.util.concurrent.ConcurrentHashMap$KeySetView"};

    private static final String[] UNEXPLORED = {"org.pmlab.pm.internal.Tracing", "org.pmlab.sim.internal.TraceBuffer",
            "org.pmlab.sim.internal.RingLog"};

    /** Runs each serial order on its own machine, without Lincheck, and returns what each leaves at rest. */
    private static List<String> serialOutcomes(Class<? extends Race> race) {
        List<String> out = new ArrayList<>();
        for (String order : newRace(race).serialOrders()) {
            Race r = newRace(race);
            int a = 0;
            int b = 0;
            for (char c : order.toCharArray()) {
                if (c == 'a') {
                    a = r.first();
                } else {
                    b = r.second();
                }
            }
            r.toRest(order.indexOf('a') < 0 ? Integer.MIN_VALUE : a, order.indexOf('b') < 0 ? Integer.MIN_VALUE : b);
            r.rig.settle();
            out.add(r.rest());
        }
        return out;
    }

    private static Race newRace(Class<? extends Race> race) {
        try {
            return race.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * One race: {@link #a()} on one thread and {@link #b()} on the other, on a machine of its own.
     * Lincheck's test class: public, with a public no-argument constructor.
     */
    public abstract static class Race {
        final Rig rig;
        private int resultA = Integer.MIN_VALUE;
        private int resultB = Integer.MIN_VALUE;
        private Throwable thrownA;
        private Throwable thrownB;

        protected Race() {
            rig = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), false).bound(EP);
            BOOTS.computeIfAbsent(getClass(), c -> new AtomicInteger()).incrementAndGet();
        }

        abstract int first();

        abstract int second();

        /** Null when the kernel lets the two calls answer this, else what is wrong. */
        abstract String wrongResults(int a, int b);

        /** What the user gives back afterwards (e.g. closes an fd it got); {@code MIN_VALUE}: that call did not run. */
        void toRest(int a, int b) {
        }

        /** The orders to compare with ("ab": a then b; a single letter: the other call failed having taken nothing). */
        List<String> serialOrders() {
            return List.of("ab", "ba");
        }

        @Operation(runOnce = true)
        public int a() {
            try {
                resultA = first();
            } catch (Throwable e) {
                thrownA = e;
            }
            return resultA;
        }

        @Operation(runOnce = true)
        public int b() {
            try {
                resultB = second();
            } catch (Throwable e) {
                thrownB = e;
            }
            return resultB;
        }

        @Validate
        public void atRest() {
            if (thrownA != null) {
                throw new AssertionError(getClass().getSimpleName() + " a() threw " + thrownA, thrownA);
            }
            if (thrownB != null) {
                throw new AssertionError(getClass().getSimpleName() + " b() threw " + thrownB, thrownB);
            }
            String wrong = wrongResults(resultA, resultB);
            if (wrong != null) {
                throw new AssertionError(getClass().getSimpleName() + ": a()=" + resultA + " b()=" + resultB + ": " + wrong);
            }
            toRest(resultA, resultB);
            rig.settle();
            String rest = rest();
            List<String> serial = SERIAL.get(getClass().getName());
            if (!serial.contains(rest)) {
                throw new AssertionError(getClass().getSimpleName() + ": a()=" + resultA + " b()=" + resultB
                        + " left the machine at rest as\n  " + rest + "\nwhich no serial order does:\n  "
                        + String.join("\n  ", serial));
            }
        }

        /** Every count and state at rest, the user's view of vfio-pci, and any usage-count warning. */
        String rest() {
            StringBuilder sb = new StringBuilder(Snapshot.of(rig.m).toString());
            sb.append(" vfio ").append(rig.user.devices()).append(" fds ").append(rig.user.fds(EP));
            for (PciDevice d : rig.m.pci().devices()) {
                PmInfo i = d.pm().info();
                if (i.usageCount() < 0 || i.activeKids() < 0) {
                    sb.append(" NEGATIVE COUNT ").append(d.bdf());
                }
            }
            for (LogLine l : rig.m.log().lines()) {
                if (l.text().contains("underflow")) {
                    sb.append(" log: ").append(l.text());
                }
            }
            return sb.toString();
        }
    }

    /**
     * The first open against unbind ({@code vfio_device_open} against {@code vfio_unregister_group_dev},
     * which waits for the user to close the device): the open gets fd 3 (and the unbind makes the
     * user close it) or -ENODEV, or -EAGAIN when its {@code vfio_pci_core_enable} finds the device
     * lock taken by the unbind ({@code pci_try_reset_function}: the driver core holds it across
     * {@code remove}); the unbind succeeds.
     */
    public static class OpenVersusUnbind extends Race {
        @Override
        int first() {
            return rig.user.open(EP);
        }

        @Override
        int second() {
            return rig.m.pci().unbind(EP);
        }

        @Override
        String wrongResults(int open, int unbind) {
            if (open != 3 && open != ENODEV && open != EAGAIN) {
                return "open answers fd 3, -ENODEV or -EAGAIN";
            }
            return unbind == 0 ? null : "unbind answers 0";
        }

        /** An open that failed (-ENODEV, -EAGAIN) took nothing: the unbind alone. */
        @Override
        List<String> serialOrders() {
            return List.of("ab", "ba", "b");
        }
    }

    /**
     * The last close against VFIO_DEVICE_FEATURE LOW_POWER_ENTRY on the same fd: the ioctl holds
     * the file (fdget) until it returns, so the entry either runs on the open device (0, and the
     * release that follows exits low power) or finds the fd closed (-EBADF).
     */
    public static class CloseVersusLowPowerEntry extends Race {
        private final int fd = rig.open(EP);

        @Override
        int first() {
            return rig.user.close(fd);
        }

        @Override
        int second() {
            return rig.user.lowPowerEntry(fd);
        }

        @Override
        String wrongResults(int close, int entry) {
            if (close != 0) {
                return "close answers 0";
            }
            return entry == 0 || entry == EBADF ? null : "low-power entry answers 0 or -EBADF";
        }
    }

    /**
     * A live firmware swap (ACPI to nod3cold) against the endpoint's runtime suspend into D3cold
     * (the last {@code pm_runtime_put_sync} of an active device under ACPI): the swap is never
     * refused, and the put answers 0 or, when the swap's reference holds the device, -EAGAIN
     * ({@code rpm_idle} with a usage count).
     */
    public static class SwapVersusD3cold extends Race {
        public SwapVersusD3cold() {
            int ret = rig.m.runtimePm().getSync(rig.dev(EP).pm());
            if (ret < 0 || rig.dev(EP).currentState() != PowerState.D0) {
                throw new AssertionError("get_sync " + ret + " left " + rig.dev(EP).currentState());
            }
        }

        @Override
        int first() {
            return rig.m.firmware().swap(Firmwares.nod3cold());
        }

        @Override
        int second() {
            return rig.m.runtimePm().putSync(rig.dev(EP).pm());
        }

        @Override
        String wrongResults(int swap, int put) {
            if (swap < 0) {
                return "the swap answers how many devices it resumed";
            }
            return put == 0 || put == EAGAIN ? null : "put_sync answers 0 or -EAGAIN";
        }
    }

    /**
     * A sysfs {@code reset} ({@code pci_reset_function}, under the device lock) against the
     * first open, whose {@code vfio_pci_core_enable} tries a function reset with
     * {@code pci_try_reset_function}: the open gets fd 3, or -EAGAIN when it finds the device
     * locked, having given back all it took; the reset succeeds.
     */
    public static class ResetVersusOpen extends Race {
        @Override
        int first() {
            return rig.m.pci().reset(EP);
        }

        @Override
        int second() {
            return rig.user.open(EP);
        }

        @Override
        String wrongResults(int reset, int open) {
            if (reset != 0) {
                return "reset answers 0";
            }
            return open == 3 || open == EAGAIN ? null : "open answers fd 3 or -EAGAIN";
        }

        @Override
        void toRest(int reset, int open) {
            if (open >= 0) {
                rig.user.close(open);
            }
        }

        @Override
        List<String> serialOrders() {
            return List.of("ab", "ba", "a");
        }
    }
}

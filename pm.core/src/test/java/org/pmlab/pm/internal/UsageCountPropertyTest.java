package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RpmRequest;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.testkit.Gen;
import org.pmlab.testkit.Property;

/**
 * Random get/put/allow/forbid/enable/disable/settle sequences on a small tree:
 *
 * <pre>
 *   r ── a (ignore_children) ── g
 *     └─ b
 * </pre>
 *
 * Checked after every step against a reference model of the runtime PM helpers' counting:
 * <ul>
 * <li>usage_count equals the model (6.18: a put on 0 is refused with -EINVAL and a warning and the
 * count stays 0; ≤5.18: the count goes negative silently);</li>
 * <li>child_count of every parent equals the number of its children that are counted active.
 * A child is counted from the moment its resume reaches ACTIVE until its suspend reaches
 * SUSPENDED (rpm_suspend's "out:" path, rpm_resume's "no_callback:"), i.e. while ACTIVE or SUSPENDING; between
 * single-threaded steps no transition is in flight, so that is "status == ACTIVE". The rule is
 * checked for the ignoring parent {@code a} too, because runtime_pm.rst says child_count "is still
 * maintained" when children are ignored.</li>
 * </ul>
 */
class UsageCountPropertyTest {

    enum Op { GET, GET_SYNC, PUT, PUT_SYNC, PUT_NOIDLE, GET_NORESUME, ALLOW, FORBID, ENABLE, DISABLE, SETTLE }

    record Step(Op op, int device) {
        @Override
        public String toString() {
            return op == Op.SETTLE ? "SETTLE" : op + "(" + NAMES[device] + ")";
        }
    }

    static final String[] NAMES = {"r", "a", "b", "g"};
    static final int EINVAL = Errno.EINVAL.negative();

    static final Gen<List<Step>> STEPS = Gen.combine(Gen.of(Op.class), Gen.between(0, 3), Step::new).list(1, 50);

    /**
     * 6.18: a put on 0 is refused; 6.1: the same guard; 5.18: the count goes negative. Each kernel
     * is one dynamic test with its own seeded tries; a failure names its seed and the shrunk steps.
     */
    @TestFactory
    Stream<DynamicTest> usageNeverLostAndChildCountsMatchActiveChildren() {
        record Tries(KernelVersion kernel, int tries) {
        }
        return Stream.of(new Tries(KernelVersion.NEWEST, 1000), new Tries(KernelVersion.V6_1, 300),
                        new Tries(KernelVersion.V5_18, 500))
                .map(r -> DynamicTest.dynamicTest("on " + r.kernel(),
                        () -> Property.forAll("usage counts on " + r.kernel(), STEPS)
                                .seed(0x05A6E00L + r.kernel().major() * 100 + r.kernel().minor()).tries(r.tries())
                                .check(steps -> new Run(r.kernel()).execute(steps))));
    }

    @Test
    void on518APutOnZeroMakesTheCountMinusOne() { // before 82586a721595 (5.19)
        RpmFixture f = new RpmFixture(KernelVersion.V5_18);
        RpmDevice x = f.device("x");
        f.rpm.enable(x);
        f.rpm.put(x);
        assertThat(f.info(x).usageCount()).isEqualTo(-1);
        f.rpm.putSync(x);
        assertThat(f.info(x).usageCount()).isEqualTo(-2);
        assertThat(f.logText()).isEmpty();
        f.rpm.getSync(x);
        assertThat(f.info(x).usageCount()).isEqualTo(-1);
    }

    @Test
    void on618APutOnZeroIsRefused() {
        RpmFixture f = new RpmFixture(KernelVersion.NEWEST);
        RpmDevice x = f.device("x");
        f.rpm.enable(x);
        assertThat(f.rpm.putSync(x)).isEqualTo(EINVAL);
        assertThat(f.info(x).usageCount()).isZero();
        assertThat(f.logText()).containsExactly("x: Runtime PM usage count underflow!");
    }

    /** One sequence on a fresh tree, with the reference model alongside. */
    static final class Run {
        final KernelVersion kernel;
        final boolean guarded;
        final RpmFixture f;
        final RuntimePm rpm;
        final RpmDevice[] dev = new RpmDevice[4];
        final int[] usage = new int[4];
        final boolean[] auto = {true, true, true, true};
        int underflows;

        Run(KernelVersion kernel) {
            this.kernel = kernel;
            this.guarded = kernel.atLeast(KernelVersion.V5_19);
            f = new RpmFixture(kernel);
            rpm = f.rpm;
            dev[0] = f.device("r");
            dev[1] = f.device("a", dev[0]);
            dev[2] = f.device("b", dev[0]);
            dev[3] = f.device("g", dev[1]);
            rpm.suspendIgnoreChildren(dev[1], true);
            for (RpmDevice d : dev) {
                rpm.enable(d);
            }
        }

        void execute(List<Step> steps) {
            int i = 0;
            for (Step s : steps) {
                apply(s);
                check("after step " + i++ + " " + s + " of " + steps);
            }
            f.settle();
            check("after the final settle of " + steps);
        }

        void apply(Step s) {
            int k = s.device();
            RpmDevice d = dev[k];
            switch (s.op()) {
                case GET -> {
                    rpm.get(d);
                    usage[k]++;
                }
                case GET_SYNC -> {
                    rpm.getSync(d);
                    usage[k]++;
                }
                case GET_NORESUME -> {
                    rpm.getNoresume(d);
                    usage[k]++;
                }
                case PUT -> checkPut(k, rpm.put(d), s);
                case PUT_SYNC -> checkPut(k, rpm.putSync(d), s);
                case PUT_NOIDLE -> {
                    rpm.putNoidle(d);
                    if (usage[k] != 0) {
                        usage[k]--;
                    }
                }
                case ALLOW -> {
                    rpm.allow(d);
                    if (!auto[k]) {
                        auto[k] = true;
                        dropModel(k);
                    }
                }
                case FORBID -> {
                    rpm.forbid(d);
                    if (auto[k]) {
                        auto[k] = false;
                        usage[k]++;
                    }
                }
                case ENABLE -> rpm.enable(d);
                case DISABLE -> {
                    PmInfo before = f.info(d);
                    rpm.disable(d);
                    // __pm_runtime_disable: a pending resume runs under a temporary reference taken with
                    // get_noresume and dropped with put_noidle ("-1 unless already 0"). Only a
                    // pre-5.19 count of -1 notices: -1 +1 = 0, and put_noidle leaves 0 alone.
                    if (before.disableDepth() == 0 && before.requestPending()
                            && before.request() == RpmRequest.RESUME && usage[k] == -1) {
                        usage[k] = 0;
                    }
                }
                case SETTLE -> f.settle();
            }
        }

        /** The put side of the model; returns whether it underflowed. */
        boolean dropModel(int k) {
            if (guarded && usage[k] == 0) {
                underflows++;
                return true;
            }
            usage[k]--;
            return false;
        }

        void checkPut(int k, int ret, Step s) {
            boolean underflow = dropModel(k);
            if (underflow) {
                assertThat(ret).as(s + " on a zero count").isEqualTo(EINVAL);
            }
        }

        void check(String where) {
            PmInfo[] in = new PmInfo[4];
            for (int k = 0; k < 4; k++) {
                in[k] = f.info(dev[k]);
                assertThat(in[k].usageCount()).as(NAMES[k] + " usage_count " + where).isEqualTo(usage[k]);
                if (guarded) {
                    assertThat(in[k].usageCount()).as(NAMES[k] + " usage_count >= 0 " + where).isNotNegative();
                }
                assertThat(in[k].runtimeAuto()).as(NAMES[k] + " runtime_auto " + where).isEqualTo(auto[k]);
                assertThat(in[k].status()).as(NAMES[k] + " status at a quiescent point " + where)
                        .isIn(RuntimeStatus.ACTIVE, RuntimeStatus.SUSPENDED);
                assertThat(in[k].runtimeError()).as(NAMES[k] + " runtime_error " + where).isZero();
            }
            assertThat(in[0].childCount()).as("r child_count " + where)
                    .isEqualTo(active(in[1]) + active(in[2]));
            assertThat(in[1].childCount()).as("a child_count (ignoring, still maintained) " + where)
                    .isEqualTo(active(in[3]));
            assertThat(in[2].childCount()).isZero();
            assertThat(in[3].childCount()).isZero();
            long warnings = f.logText().stream().filter(l -> l.endsWith("Runtime PM usage count underflow!")).count();
            assertThat(warnings).as("underflow warnings " + where).isEqualTo(underflows);
        }

        static int active(PmInfo i) {
            return i.status() == RuntimeStatus.ACTIVE ? 1 : 0;
        }
    }
}

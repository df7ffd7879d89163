package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.RuntimeStatus;

class SmokeTest {

    @Test
    void childResumeWakesParentAndSuspendLetsItIdle() {
        RpmFixture f = new RpmFixture();
        RpmDevice p = f.device("p");
        RpmDevice c = f.device("c", p);
        f.rpm.enable(p);
        f.rpm.enable(c);
        assertThat(f.rpm.getSync(c)).isZero();
        assertThat(f.info(p).status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(f.info(p).activeKids()).isEqualTo(1);
        assertThat(f.rpm.putSync(c)).isZero();
        f.settle();
        assertThat(f.info(c).status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(f.info(p).status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(f.info(p).activeKids()).isZero();
    }

    @Test
    void putOnZeroIsRefusedWithWarning() {
        RpmFixture f = new RpmFixture();
        RpmDevice x = f.device("x");
        f.rpm.enable(x);
        assertThat(f.rpm.put(x)).isEqualTo(Errno.EINVAL.negative());
        assertThat(f.info(x).usageCount()).isZero();
        assertThat(f.logText()).containsExactly("x: Runtime PM usage count underflow!");
    }
}

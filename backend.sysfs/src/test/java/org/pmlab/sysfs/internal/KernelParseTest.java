package org.pmlab.sysfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KernelParseTest {

    @ParameterizedTest
    @CsvSource({"'1',1", "'0',0", "'1\n',1", "'+7',7", "'0x1f',31", "'0X1F',31", "'010',8", "'0',0",
        "'18446744073709551615',18446744073709551615"})
    void kstrtoulAutoDetectsTheBase(String text, String value) {
        assertThat(KernelParse.kstrtoul(text, 0)).isEqualTo(new BigInteger(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "-1", " 1", "1 ", "1\n\n", "0x", "08", "1a", "yes", "++1", "0x1g"})
    void kstrtoulRefusesAnythingElse(String text) {
        assertThatThrownBy(() -> KernelParse.kstrtoul(text, 0)).isInstanceOfSatisfying(Err.Fail.class,
                f -> assertThat(f.errno).isEqualTo(22));
    }

    @Test
    void kstrtoulOverflowIsErange() {
        assertThatThrownBy(() -> KernelParse.kstrtoul("18446744073709551616", 0)).isInstanceOfSatisfying(Err.Fail.class,
                f -> assertThat(f.errno).isEqualTo(34));
    }

    @Test
    void kstrtou16StopsAt65535() {
        assertThat(KernelParse.kstrtou16("65535\n", 0)).isEqualTo(65535);
        assertThatThrownBy(() -> KernelParse.kstrtou16("65536", 0)).isInstanceOfSatisfying(Err.Fail.class,
                f -> assertThat(f.errno).isEqualTo(34));
    }

    @Test
    void kstrtolTakesASignInBaseTen() {
        assertThat(KernelParse.kstrtol("-100\n", 10)).isEqualTo(-100);
        assertThat(KernelParse.kstrtol("+5", 10)).isEqualTo(5);
        assertThat(KernelParse.kstrtol("010", 10)).isEqualTo(10);
        assertThatThrownBy(() -> KernelParse.kstrtol("-+5", 10)).isInstanceOf(Err.Fail.class);
        assertThatThrownBy(() -> KernelParse.kstrtol("0x10", 10)).isInstanceOf(Err.Fail.class);
    }

    @Test
    void sysfsStreqIgnoresOneTrailingNewline() {
        assertThat(KernelParse.streq("auto\n", "auto")).isTrue();
        assertThat(KernelParse.streq("auto", "auto")).isTrue();
        assertThat(KernelParse.streq("auto\n\n", "auto")).isFalse();
        assertThat(KernelParse.streq(" auto", "auto")).isFalse();
        assertThat(KernelParse.streq("Auto", "auto")).isFalse();
    }
}

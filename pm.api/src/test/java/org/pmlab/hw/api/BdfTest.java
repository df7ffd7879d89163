package org.pmlab.hw.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BdfTest {

    @Test
    void printsLowerCaseHexPaddedAsLspciDoes() {
        assertThat(new Bdf(0, 1, 0, 0)).hasToString("0000:01:00.0");
        assertThat(new Bdf(0xabcd, 0xfe, 0x1f, 7)).hasToString("abcd:fe:1f.7");
    }

    @Test
    void hashesEveryAddressApart() {
        assertThat(new Bdf(2, 0, 0, 0).hashCode()).isNotEqualTo(new Bdf(1, 31, 0, 0).hashCode()).isNotEqualTo(new Bdf(0, 62, 0, 0).hashCode());
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int domain = 0; domain < 700; domain++) {
            for (int bus = 0; bus < 256; bus += 5) {
                hashes.add(new Bdf(domain, bus, 0, 0).hashCode());
            }
        }
        assertThat(hashes).hasSize(700 * 52);
    }

    @Test
    void printsWhatParseReads() {
        for (int domain : new int[] {0, 1, 0x10, 0xffff}) {
            for (int bus = 0; bus < 256; bus += 17) {
                for (int devfn = 0; devfn < 256; devfn++) {
                    Bdf bdf = new Bdf(domain, bus, devfn >> 3, devfn & 7);
                    String text = bdf.toString();
                    assertThat(text).isEqualTo(String.format("%04x:%02x:%02x.%x", domain, bus, devfn >> 3, devfn & 7));
                    assertThat(Bdf.parse(text)).isEqualTo(bdf);
                    assertThat(Bdf.parse(text.toUpperCase(java.util.Locale.ROOT))).isEqualTo(bdf);
                }
            }
        }
    }

    @Test
    void refusesWhatIsNotAnAddressWithTheSameSentences() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bdf.parse("0000:01:20.0"))
                .hasMessage("malformed BDF '0000:01:20.0': device number 20 is above 1f");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bdf.parse("0000:01:00.8"))
                .hasMessage("malformed BDF '0000:01:00.8': function 8 is above 7");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bdf.parse("0000:0g:00.0"))
                .hasMessage("malformed BDF '0000:0g:00.0': expected DDDD:BB:DD.F such as 0000:01:00.0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bdf.parse("0000:01:00.\u0663"))
                .hasMessageStartingWith("malformed BDF");
    }
}

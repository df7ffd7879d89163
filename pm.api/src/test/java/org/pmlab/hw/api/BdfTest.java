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
    void printsWhatParseReads() {
        for (int domain : new int[] {0, 1, 0x10, 0xffff}) {
            for (int bus = 0; bus < 256; bus += 17) {
                for (int devfn = 0; devfn < 256; devfn++) {
                    Bdf bdf = new Bdf(domain, bus, devfn >> 3, devfn & 7);
                    String text = bdf.toString();
                    assertThat(text).isEqualTo(String.format("%04x:%02x:%02x.%x", domain, bus, devfn >> 3, devfn & 7));
                    assertThat(Bdf.parse(text)).isEqualTo(bdf);
                }
            }
        }
    }
}

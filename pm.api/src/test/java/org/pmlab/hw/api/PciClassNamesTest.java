package org.pmlab.hw.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PciClassNamesTest {

    @Test
    void namesTheSubclassAsLspciDoes() {
        assertThat(PciClassNames.of(0x030200)).isEqualTo("3D controller");
        assertThat(PciClassNames.of(0x060400)).isEqualTo("PCI bridge");
        assertThat(PciClassNames.of(0x0b4000)).isEqualTo("Co-processor");
    }

    @Test
    void theProgrammingInterfaceDoesNotChangeTheName() {
        assertThat(PciClassNames.of(0x010802)).isEqualTo(PciClassNames.of(0x010800)).isEqualTo("Non-Volatile memory controller");
    }

    @Test
    void anUnknownSubclassTakesItsBaseClassNameAndAnUnknownBaseClassItsNumber() {
        assertThat(PciClassNames.of(0x028000)).isEqualTo("Network controller");
        assertThat(PciClassNames.of(0xff0000)).isEqualTo("Class ff00");
    }
}

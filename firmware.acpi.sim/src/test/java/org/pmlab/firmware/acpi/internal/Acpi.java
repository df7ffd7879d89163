package org.pmlab.firmware.acpi.internal;

import java.util.ArrayList;
import java.util.List;
import org.pmlab.topology.api.AcpiDeviceSpec;

/** Builds an {@link AcpiDeviceSpec}: {@code Acpi.at("\\_SB.PCI0.RP01").ps0().ps3().pr0("PSLT").build()}. */
final class Acpi {
    private final String path;
    private boolean ps0;
    private boolean ps3;
    private boolean psc;
    private final List<String> pr0 = new ArrayList<>();
    private final List<String> pr3 = new ArrayList<>();
    private Integer s0w;
    private boolean prw;
    private boolean hotplugSupportInD3;
    private boolean ej0;

    private Acpi(String path) {
        this.path = path;
    }

    static Acpi at(String path) {
        return new Acpi(path);
    }

    /** _PS0, _PS3, and the same resources in _PR0 and _PR3: FW-A's companions. */
    static Acpi fwA(String path, String resource) {
        return at(path).ps0().ps3().pr0(resource).pr3(resource);
    }

    Acpi ps0() {
        ps0 = true;
        return this;
    }

    Acpi ps3() {
        ps3 = true;
        return this;
    }

    Acpi psc() {
        psc = true;
        return this;
    }

    Acpi pr0(String... names) {
        pr0.addAll(List.of(names));
        return this;
    }

    Acpi pr3(String... names) {
        pr3.addAll(List.of(names));
        return this;
    }

    Acpi s0w(int state) {
        s0w = state;
        return this;
    }

    Acpi prw() {
        prw = true;
        return this;
    }

    Acpi hotplugSupportInD3() {
        hotplugSupportInD3 = true;
        return this;
    }

    Acpi ej0() {
        ej0 = true;
        return this;
    }

    AcpiDeviceSpec build() {
        return new AcpiDeviceSpec(path, ps0, ps3, psc, pr0, pr3, s0w, prw, hotplugSupportInD3, ej0);
    }
}

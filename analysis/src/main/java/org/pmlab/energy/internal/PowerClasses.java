package org.pmlab.energy.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmlab.hw.api.PhysicalState;
import org.pmlab.hw.api.PortType;
import org.pmlab.pci.api.PciDevice;

/**
 * The power classes and their default figures (docs/energy.md has the table and where each
 * number comes from: declared power states, the PCIe CEM auxiliary-power limits, board power,
 * a published measurement, or an estimate).
 */
final class PowerClasses {
    private PowerClasses() {
    }

    static final String GPU = "gpu";
    static final String NIC = "nic";
    static final String NVME = "nvme";
    static final String AUDIO = "audio";
    static final String ROOT_PORT = "root-port";
    static final String SWITCH_PORT = "switch-port";
    static final String OTHER = "other";

    /** D3cold on an add-in card without auxiliary power enabled: 20 mA at 3.3 V (PCIe CEM). */
    private static final double AUX_NO_WAKE_W = 0.066;

    private static final Map<String, double[]> DEFAULTS = new LinkedHashMap<>();

    static {
        //                          D0-active D0-idle D1    D2    D3hot D3cold
        DEFAULTS.put(GPU, new double[] {70.0, 15.0, 5.0, 5.0, 5.0, AUX_NO_WAKE_W});
        DEFAULTS.put(NIC, new double[] {6.0, 4.0, 1.0, 1.0, 1.0, AUX_NO_WAKE_W});
        DEFAULTS.put(NVME, new double[] {8.49, 1.0, 0.05, 0.05, 0.05, 0.0});
        DEFAULTS.put(AUDIO, new double[] {0.2, 0.2, 0.05, 0.05, 0.05, 0.0});
        DEFAULTS.put(ROOT_PORT, new double[] {1.0, 1.0, 0.2, 0.2, 0.2, 0.0});
        DEFAULTS.put(SWITCH_PORT, new double[] {2.0, 2.0, 0.5, 0.5, 0.5, 0.0});
        DEFAULTS.put(OTHER, new double[] {0, 0, 0, 0, 0, 0});
    }

    static List<String> names() {
        return List.copyOf(DEFAULTS.keySet());
    }

    static boolean exists(String name) {
        return DEFAULTS.containsKey(name);
    }

    static Map<PhysicalState, Double> defaults(String name) {
        double[] w = DEFAULTS.get(name);
        Map<PhysicalState, Double> m = new EnumMap<>(PhysicalState.class);
        for (PhysicalState s : PhysicalState.values()) {
            m.put(s, w[s.ordinal()]);
        }
        return m;
    }

    /** The class of a function: by its port type, else by its class code; a VF draws through its PF. */
    static String of(PciDevice dev) {
        if (dev.isVirtfn()) {
            return OTHER;
        }
        PortType type = dev.spec().portType();
        if (type == PortType.ROOT_PORT) {
            return ROOT_PORT;
        }
        if (type == PortType.UPSTREAM_PORT || type == PortType.DOWNSTREAM_PORT) {
            return SWITCH_PORT;
        }
        int cls = dev.spec().classCode();
        if (cls >> 16 == 0x03) {
            return GPU;
        }
        if (cls >> 16 == 0x02) {
            return NIC;
        }
        if (cls >> 8 == 0x0108) {
            return NVME;
        }
        if (cls >> 8 == 0x0403) {
            return AUDIO;
        }
        return OTHER;
    }
}

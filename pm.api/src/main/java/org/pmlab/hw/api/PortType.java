package org.pmlab.hw.api;

/** The PCIe device/port type, plus the host bridge function found on bus 0. */
public enum PortType {
    HOST_BRIDGE("host-bridge"),
    ROOT_PORT("root-port"),
    UPSTREAM_PORT("upstream-port"),
    DOWNSTREAM_PORT("downstream-port"),
    ENDPOINT("endpoint");

    private final String word;

    PortType(String word) {
        this.word = word;
    }

    /** The word used in topology files. */
    public String word() {
        return word;
    }

    /** Root, upstream and downstream ports: the bridges the PCIe port driver binds to. */
    public boolean isPort() {
        return this == ROOT_PORT || this == UPSTREAM_PORT || this == DOWNSTREAM_PORT;
    }

    public static PortType parse(String text) {
        for (PortType t : values()) {
            if (t.word.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown port type '" + text
                + "': expected host-bridge, root-port, upstream-port, downstream-port or endpoint");
    }
}

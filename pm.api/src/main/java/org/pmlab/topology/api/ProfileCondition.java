package org.pmlab.topology.api;

/** When a profile step runs: always, or depending on the device as the drivers test it. */
public enum ProfileCondition {
    ALWAYS(""),
    /** {@code pci_dev_run_wake(dev)}: the device can signal runtime wake-up (e1000e, hcd-pci). */
    RUN_WAKE("pci_dev_run_wake"),
    NOT_RUN_WAKE("!pci_dev_run_wake"),
    /** {@code pci_choose_state(dev, PMSG_SUSPEND) == PCI_D0}: the device cannot go lower (xhci-pci). */
    CHOOSE_STATE_D0("pci_choose_state=D0"),
    NOT_CHOOSE_STATE_D0("pci_choose_state!=D0");

    private final String text;

    ProfileCondition(String text) {
        this.text = text;
    }

    /** The text after {@code if} in a step. */
    public String text() {
        return text;
    }

    /**
     * @throws IllegalArgumentException naming the known conditions
     */
    public static ProfileCondition parse(String t) {
        for (ProfileCondition c : values()) {
            if (c != ALWAYS && c.text.equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown condition '" + t + "'; expected one of: pci_dev_run_wake, "
                + "!pci_dev_run_wake, pci_choose_state=D0, pci_choose_state!=D0");
    }
}

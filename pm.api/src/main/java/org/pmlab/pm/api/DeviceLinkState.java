package org.pmlab.pm.api;

/** {@code enum device_link_state}, with the words {@code /sys/class/devlink/.../status} prints. */
public enum DeviceLinkState {
    /** {@code DL_STATE_NONE}: a stateless link; the drivers' presence is not tracked. */
    NONE("not tracked"),
    /** Neither the supplier nor the consumer has a driver. */
    DORMANT("dormant"),
    /** The supplier's driver is bound, the consumer's is not. */
    AVAILABLE("available"),
    /** The consumer is probing (the supplier's driver is present). */
    CONSUMER_PROBE("consumer probing"),
    /** Both drivers are bound. */
    ACTIVE("active"),
    /** The supplier's driver is unbinding. */
    SUPPLIER_UNBIND("supplier unbinding");

    private final String word;

    DeviceLinkState(String word) {
        this.word = word;
    }

    /** The word {@code status_show} prints. */
    public String word() {
        return word;
    }
}

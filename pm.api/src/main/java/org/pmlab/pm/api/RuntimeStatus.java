package org.pmlab.pm.api;

/** {@code enum rpm_status} with the words sysfs prints for it. */
public enum RuntimeStatus {
    /** {@code RPM_INVALID} (-1), only ever held in {@code last_status}. */
    INVALID("invalid"),
    ACTIVE("active"),
    RESUMING("resuming"),
    SUSPENDED("suspended"),
    SUSPENDING("suspending");

    private final String word;

    RuntimeStatus(String word) {
        this.word = word;
    }

    /** The kernel's word, as in {@code power/runtime_status}. */
    public String word() {
        return word;
    }
}

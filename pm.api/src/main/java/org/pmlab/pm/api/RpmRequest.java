package org.pmlab.pm.api;

/** {@code enum rpm_request}; the declaration order matters (rpm_idle tests "request > IDLE"). */
public enum RpmRequest {
    NONE, IDLE, SUSPEND, AUTOSUSPEND, RESUME
}

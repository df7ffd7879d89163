package org.pmlab.energy.internal;

import org.pmlab.energy.api.PowerModel;

/** The power model with its class defaults, for tests in other packages. */
public final class PowerModelAccess {
    private PowerModelAccess() {
    }

    public static PowerModel defaults() {
        return new PowerModelComponent();
    }
}

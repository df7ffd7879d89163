package org.pmlab.vfio.internal;

/**
 * The vfio-pci module as the lab loads it, for tests outside its bundle: a new module with its
 * {@code disable_idle_d3} parameter, and later changes of it (what Config Admin does for
 * {@code vfio:param}).
 */
public final class VfioModules {
    private VfioModules() {
    }

    public static VfioPciModule create(boolean disableIdleD3) {
        VfioPciModule m = new VfioPciModule();
        m.setDisableIdleD3(disableIdleD3);
        return m;
    }

    public static void setDisableIdleD3(VfioPciModule module, boolean value) {
        module.setDisableIdleD3(value);
    }
}

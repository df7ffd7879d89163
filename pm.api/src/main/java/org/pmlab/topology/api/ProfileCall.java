package org.pmlab.topology.api;

import java.util.Locale;

/**
 * The kernel calls a native driver profile can make at probe or remove, named as in the kernel.
 * Some take an argument: {@code on}/{@code off}, or a delay in milliseconds.
 */
public enum ProfileCall {
    PCI_ENABLE_DEVICE(Arg.NONE),
    PCI_ENABLE_DEVICE_MEM(Arg.NONE),
    /** The managed form: undone when the driver's resources are released after remove. */
    PCIM_ENABLE_DEVICE(Arg.NONE),
    PCI_DISABLE_DEVICE(Arg.NONE),
    PCI_D3COLD_DISABLE(Arg.NONE),
    PCI_D3COLD_ENABLE(Arg.NONE),
    DEVICE_INIT_WAKEUP(Arg.ON_OFF),
    DEVICE_SET_WAKEUP_CAPABLE(Arg.ON_OFF),
    DEVICE_SET_WAKEUP_ENABLE(Arg.ON_OFF),
    DEVICE_WAKEUP_ENABLE(Arg.NONE),
    DEVICE_WAKEUP_DISABLE(Arg.NONE),
    PM_RUNTIME_GET_NORESUME(Arg.NONE),
    PM_RUNTIME_PUT_NOIDLE(Arg.NONE),
    PM_RUNTIME_GET(Arg.NONE),
    PM_RUNTIME_GET_SYNC(Arg.NONE),
    PM_RUNTIME_PUT(Arg.NONE),
    PM_RUNTIME_PUT_SYNC(Arg.NONE),
    PM_RUNTIME_PUT_AUTOSUSPEND(Arg.NONE),
    PM_RUNTIME_ALLOW(Arg.NONE),
    PM_RUNTIME_FORBID(Arg.NONE),
    PM_RUNTIME_USE_AUTOSUSPEND(Arg.NONE),
    PM_RUNTIME_DONT_USE_AUTOSUSPEND(Arg.NONE),
    PM_RUNTIME_SET_AUTOSUSPEND_DELAY(Arg.MS),
    PM_RUNTIME_MARK_LAST_BUSY(Arg.NONE);

    /** What follows the call's name in a step. */
    public enum Arg {
        NONE, ON_OFF, MS
    }

    private final Arg arg;

    ProfileCall(Arg arg) {
        this.arg = arg;
    }

    public Arg arg() {
        return arg;
    }

    /** The kernel function's name, {@code pm_runtime_put_noidle}. */
    public String kernelName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the known calls
     */
    public static ProfileCall parse(String name) {
        for (ProfileCall c : values()) {
            if (c.kernelName().equals(name)) {
                return c;
            }
        }
        StringBuilder known = new StringBuilder();
        for (ProfileCall c : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(c.kernelName());
        }
        throw new IllegalArgumentException("unknown call '" + name + "'; expected one of: " + known);
    }
}

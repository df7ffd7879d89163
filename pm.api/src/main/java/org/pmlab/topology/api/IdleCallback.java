package org.pmlab.topology.api;

import org.pmlab.pm.api.Errno;

/**
 * A profile's {@code runtime_idle} callback.
 *
 * @param value the errno for {@link Kind#RETURN}, the delay in ms for {@link Kind#SCHEDULE_SUSPEND}, else 0
 */
public record IdleCallback(Kind kind, int value) {

    public enum Kind {
        /** No {@code runtime_idle}: the PCI core answers 0 and the device suspends. */
        NONE,
        /** Returns a fixed value, such as -EBUSY (never idle by itself). */
        RETURN,
        /** {@code pm_runtime_mark_last_busy} and {@code pm_runtime_autosuspend}, then 1 (amdgpu). */
        AUTOSUSPEND,
        /** {@code pm_schedule_suspend(dev, ms)}, then -EBUSY (e1000e without link). */
        SCHEDULE_SUSPEND
    }

    public static final IdleCallback NONE = new IdleCallback(Kind.NONE, 0);

    /**
     * Parses {@code none}, an errno such as {@code -EBUSY} (or {@code 0}),
     * {@code pm_runtime_autosuspend}, or {@code pm_schedule_suspend MS}.
     *
     * @throws IllegalArgumentException naming the forms
     */
    public static IdleCallback parse(String text) {
        String t = text.trim();
        if (t.equals("none")) {
            return NONE;
        }
        if (t.equals("pm_runtime_autosuspend")) {
            return new IdleCallback(Kind.AUTOSUSPEND, 0);
        }
        String[] w = t.split("\\s+");
        if (w[0].equals("pm_schedule_suspend")) {
            if (w.length != 2 || !w[1].matches("\\d{1,9}")) {
                throw new IllegalArgumentException("pm_schedule_suspend takes a delay in milliseconds");
            }
            return new IdleCallback(Kind.SCHEDULE_SUSPEND, Integer.parseInt(w[1]));
        }
        if (t.equals("0")) {
            return new IdleCallback(Kind.RETURN, 0);
        }
        try {
            return new IdleCallback(Kind.RETURN, Errno.parseNegative(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown idle callback '" + t
                    + "'; expected none, 0, an errno such as -EBUSY, pm_runtime_autosuspend or pm_schedule_suspend MS");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case AUTOSUSPEND -> "pm_runtime_autosuspend";
            case SCHEDULE_SUSPEND -> "pm_schedule_suspend " + value;
            case RETURN -> value == 0 ? "0" : Errno.of(value).map(e -> "-" + e.name()).orElse(Integer.toString(value));
        };
    }
}

package org.pmlab.topology.api;

import java.util.Objects;

/**
 * One call of a driver profile's probe or remove, written as the kernel call with its argument
 * and an optional condition: {@code pm_runtime_put_noidle if pci_dev_run_wake},
 * {@code device_init_wakeup on}, {@code pm_runtime_set_autosuspend_delay 5000}.
 *
 * @param arg 1/0 for on/off, the milliseconds for a delay, else 0
 */
public record ProfileStep(ProfileCall call, int arg, ProfileCondition condition) {
    public ProfileStep {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(condition, "condition");
    }

    public static ProfileStep of(ProfileCall call) {
        return new ProfileStep(call, 0, ProfileCondition.ALWAYS);
    }

    public ProfileStep when(ProfileCondition c) {
        return new ProfileStep(call, arg, c);
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException with a sentence naming what is wrong
     */
    public static ProfileStep parse(String text) {
        String[] w = text.trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            throw new IllegalArgumentException("empty step: expected a call such as pm_runtime_put_noidle");
        }
        ProfileCall call = ProfileCall.parse(w[0]);
        int i = 1;
        int arg = 0;
        switch (call.arg()) {
            case ON_OFF -> {
                if (w.length <= i || !(w[i].equals("on") || w[i].equals("off"))) {
                    throw new IllegalArgumentException(call.kernelName() + " takes on or off");
                }
                arg = w[i++].equals("on") ? 1 : 0;
            }
            case MS -> {
                if (w.length <= i || !w[i].matches("-?\\d{1,9}")) {
                    throw new IllegalArgumentException(call.kernelName() + " takes a delay in milliseconds");
                }
                arg = Integer.parseInt(w[i++]);
            }
            default -> {
            }
        }
        ProfileCondition cond = ProfileCondition.ALWAYS;
        if (i < w.length) {
            if (!w[i].equals("if") || i + 2 != w.length) {
                throw new IllegalArgumentException("unexpected '" + String.join(" ", java.util.Arrays.copyOfRange(w, i, w.length))
                        + "' after " + call.kernelName() + ": expected nothing or 'if CONDITION'");
            }
            cond = ProfileCondition.parse(w[i + 1]);
        }
        return new ProfileStep(call, arg, cond);
    }

    /** The text form {@link #parse} reads. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(call.kernelName());
        switch (call.arg()) {
            case ON_OFF -> sb.append(arg != 0 ? " on" : " off");
            case MS -> sb.append(' ').append(arg);
            default -> {
            }
        }
        if (condition != ProfileCondition.ALWAYS) {
            sb.append(" if ").append(condition.text());
        }
        return sb.toString();
    }
}

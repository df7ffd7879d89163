package org.pmlab.pci.api;

import java.util.Objects;

/**
 * A runtime PM reference a layer holds on a device, with the kernel function that took it and
 * why ({@code pci:why} sums them and compares with {@code usage_count}).
 *
 * @param count references held (0: a state worth naming that holds none, such as vfio's
 *        low-power entry, which dropped the open reference)
 * @param function the kernel function that took (or dropped) it
 * @param reason why it is held, in the user's words
 * @param lower what would release it, or {@code null}
 */
public record PmHold(int count, String function, String reason, String lower) {
    public PmHold {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(reason, "reason");
        if (count < 0) {
            throw new IllegalArgumentException("a hold cannot be negative: " + count);
        }
    }
}

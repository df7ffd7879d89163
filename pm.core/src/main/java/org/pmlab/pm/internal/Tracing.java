package org.pmlab.pm.internal;

import org.pmlab.pm.api.RuntimeStatus;

/** The rpm tracepoints (include/trace/events/rpm.h), formatted as the kernel prints them. */
final class Tracing {
    private Tracing() {
    }

    /** {@code rpm_idle}, {@code rpm_suspend}, {@code rpm_resume}, {@code rpm_usage}: the rpm_internal class. */
    static void internal(String event, RpmDevice dev, int flags) {
        if (!dev.ctx.trace().observed()) {
            return;
        }
        // "%s flags-%x cnt-%-2d dep-%-2d auto-%-1d p-%-1d irq-%-1d child-%d", without a Formatter per event
        StringBuilder sb = new StringBuilder(80).append(dev.name()).append(" flags-").append(Integer.toHexString(flags));
        left(sb.append(" cnt-"), dev.usage(), 2);
        left(sb.append(" dep-"), dev.disableDepth, 2);
        left(sb.append(" auto-"), dev.runtimeAuto ? 1 : 0, 1);
        left(sb.append(" p-"), dev.requestPending ? 1 : 0, 1);
        left(sb.append(" irq-"), dev.irqSafe ? 1 : 0, 1);
        sb.append(" child-").append(dev.children());
        dev.ctx.trace().emit(event, dev.name(), sb.toString());
    }

    /** {@code %-<width>d}: the number, then spaces up to the width. */
    private static void left(StringBuilder sb, int value, int width) {
        int start = sb.length();
        sb.append(value);
        while (sb.length() - start < width) {
            sb.append(' ');
        }
    }

    /**
     * {@code rpm_return_int}. The kernel prints the caller's code address ("rpm_idle+0x1b8/0x250");
     * the model has none and prints the function name alone.
     */
    static void ret(String fn, RpmDevice dev, int retval) {
        if (!dev.ctx.trace().observed()) {
            return;
        }
        dev.ctx.trace().emit("rpm_return_int", dev.name(), fn + ":" + dev.name() + " ret=" + retval);
    }

    /** {@code rpm_status} (a tracepoint since v6.9; the model shows it for every version). */
    static void status(RpmDevice dev, RuntimeStatus status) {
        if (!dev.ctx.trace().observed()) {
            return;
        }
        dev.ctx.trace().emit("rpm_status", dev.name(), dev.name() + " status=RPM_" + status.name());
    }
}

package org.pmlab.vfio.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.pmlab.annotation.Kernel;

/**
 * {@code struct eventfd_ctx} (fs/eventfd.c) as far as vfio uses it: a counter that
 * {@code eventfd_signal} raises, shared by the user's eventfd file and every driver that took a
 * reference with {@code eventfd_ctx_fdget}. The reference count shows that vfio gives its
 * reference back (no leak).
 */
@Kernel(file = "fs/eventfd.c")
final class EventFdCtx {

    private final AtomicLong count = new AtomicLong();
    /** The eventfd file holds the first reference. */
    private final AtomicInteger refs = new AtomicInteger(1);

    /** {@code eventfd_signal(ctx, 1)}. */
    void signal() {
        count.incrementAndGet();
    }

    long count() {
        return count.get();
    }

    /** {@code eventfd_ctx_get}. */
    @Kernel("eventfd_ctx_get")
    EventFdCtx get() {
        refs.incrementAndGet();
        return this;
    }

    /** {@code eventfd_ctx_put}. */
    @Kernel("eventfd_ctx_put")
    void put() {
        if (refs.decrementAndGet() < 0) {
            throw new IllegalStateException("eventfd_ctx reference count underflow");
        }
    }

    int refs() {
        return refs.get();
    }
}

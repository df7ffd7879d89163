package org.pmlab.sim.internal;

import java.time.Duration;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.sim.api.Lab;
import org.pmlab.sim.api.PendingWork;
import org.pmlab.sim.api.SimClock;

/** The one clock service: the live machine's virtual time. */
@Component(service = SimClock.class)
public final class LiveClock implements SimClock {

    private final Lab lab;

    @Activate
    public LiveClock(@Reference Lab lab) {
        this.lab = lab;
    }

    @Override
    public long nanoTime() {
        return lab.live().clock().nanoTime();
    }

    @Override
    public void advance(Duration d) {
        lab.live().clock().advance(d);
    }

    @Override
    public int settle() {
        return lab.live().clock().settle();
    }

    @Override
    public void sleep(Duration d) {
        lab.live().clock().sleep(d);
    }

    @Override
    public List<PendingWork> pending() {
        return lab.live().clock().pending();
    }
}

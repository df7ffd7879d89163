package org.pmlab.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps the session Gogo's JLine bundle opens for its own shell reachable until the framework
 * stops. With {@code --nointeractive} that shell only reads the profile and ends, leaving its
 * session neither closed nor referenced; Gogo's runtime holds sessions weakly and, when it stops,
 * copies them into an array sized before a collection can clear one, so a session collected at
 * that moment stops the runtime bundle with a NullPointerException printed on stdout.
 * Holding it strongly closes that gap; the runtime closes it when it stops.
 */
@Component(service = CommandSessionListener.class)
public final class GoshSessionKeeper implements CommandSessionListener {

    /** The thread Gogo's JLine bundle runs its shell on. */
    static final String GOSH_THREAD = "Gogo shell";

    private volatile CommandSession goshSession;

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        if (goshSession == null && Thread.currentThread().getName().equals(GOSH_THREAD)) {
            goshSession = session;
        }
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
    }
}

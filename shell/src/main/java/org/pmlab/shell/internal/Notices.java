package org.pmlab.shell.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import org.jline.reader.LineReader;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.pmlab.sim.api.ModelEvents;

/**
 * Messages from background work ({@value ModelEvents#NOTICE} events, such as the sysfs mirror
 * refusing a write another process made): above the line being edited while the console runs
 * (JLine's printAbove, so the prompt and what the user typed are drawn again below), else on
 * the process's stderr.
 */
@Component(service = {Notices.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + ModelEvents.NOTICE)
public final class Notices implements EventHandler {

    private final PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    private volatile LineReader console;

    /** The console that shows notices from now on; null when it closes. */
    void console(LineReader reader) {
        console = reader;
    }

    @Override
    public void handleEvent(Event event) {
        Object line = event.getProperty(ModelEvents.LINE);
        if (line != null) {
            show(line.toString());
        }
    }

    void show(String line) {
        LineReader r = console;
        if (r != null) {
            r.printAbove(line);
        } else {
            stderr.println(line);
        }
    }
}

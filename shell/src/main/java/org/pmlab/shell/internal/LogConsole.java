package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Shows what pmlab's own classes log at WARN or worse, one line each ({@code pmlab: <message>}),
 * through {@link Notices} (above the console's line, else on stderr): a refused write to the
 * sysfs mirror, a web view that cannot start. The Log Service delivers on a thread of its own; when the framework stops, entries it
 * has not delivered yet are read from the log's history, so none is lost at exit.
 */
@Component(immediate = true)
public final class LogConsole implements LogListener {

    private static final String OURS = "org.pmlab.";

    private final LogReaderService reader;
    private final Notices notices;
    private long printed = -1; // guarded by this: the sequence number of the last entry printed

    @Activate
    public LogConsole(@Reference LogReaderService reader, @Reference Notices notices) {
        this.reader = reader;
        this.notices = notices;
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
        List<LogEntry> history = new ArrayList<>();
        for (Enumeration<LogEntry> e = reader.getLog(); e.hasMoreElements();) {
            history.add(e.nextElement()); // newest first
        }
        Collections.reverse(history);
        history.forEach(this::logged);
    }

    @Override
    public synchronized void logged(LogEntry entry) {
        if (entry.getSequence() <= printed || !shown(entry)) {
            return;
        }
        printed = entry.getSequence();
        String line = entry.getMessage();
        Throwable t = entry.getException();
        if (t != null && t.getMessage() != null && !line.contains(t.getMessage())) {
            line = line + ": " + t.getMessage();
        }
        notices.show("pmlab: " + line.lines().findFirst().orElse(""));
    }

    /** Ours, and a warning or worse (a lower level is more severe). */
    private static boolean shown(LogEntry entry) {
        return entry.getLogLevel().implies(LogLevel.WARN) && entry.getLoggerName().startsWith(OURS);
    }
}

package org.pmlab.shell.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jline.reader.LineReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Prints what pmlab's own classes log at WARN or worse on the process's stderr, one line each
 * ({@code pmlab: <message>}): a refused write to the sysfs mirror, a web view that cannot
 * start. The Log Service delivers on a thread of its own; when the framework stops, entries it
 * has not delivered yet are read from the log's history, so none is lost at exit.
 * <p>
 * While the interactive console runs, the line goes above the line being edited (JLine's
 * printAbove), which is then drawn again below it, instead of into the middle of it.
 */
@Component(immediate = true, service = LogConsole.class)
public final class LogConsole implements LogListener {

    private static final String OURS = "org.pmlab.";

    private final LogReaderService reader;
    private final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    private long printed = -1; // guarded by this: the sequence number of the last entry printed
    private volatile LineReader console;

    @Activate
    public LogConsole(@Reference LogReaderService reader) {
        this.reader = reader;
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
        String shown = "pmlab: " + line.lines().findFirst().orElse("");
        LineReader r = console;
        if (r != null) {
            r.printAbove(shown);
        } else {
            err.println(shown);
        }
    }

    /** The console that shows these lines from now on; null when it closes. */
    void console(LineReader reader) {
        console = reader;
    }

    /** Ours, and a warning or worse (a lower level is more severe). */
    private static boolean shown(LogEntry entry) {
        return entry.getLogLevel().implies(LogLevel.WARN) && entry.getLoggerName().startsWith(OURS);
    }
}

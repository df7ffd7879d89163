package org.pmlab.shell.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import org.jline.reader.LineReader;
import org.osgi.service.component.annotations.Component;

/**
 * Where messages from background work go (what {@link LogConsole} prints, such as the sysfs
 * mirror refusing a write another process made): above the line being edited while the console
 * runs (JLine's printAbove, so the prompt and what the user typed are drawn again below), else
 * on the process's stderr.
 */
@Component(service = Notices.class)
public final class Notices {

    private final PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    private volatile LineReader console;

    /** The console that shows notices from now on; null when it closes. */
    void console(LineReader reader) {
        console = reader;
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

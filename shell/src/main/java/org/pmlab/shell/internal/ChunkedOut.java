package org.pmlab.shell.internal;

import java.util.function.Consumer;

/**
 * Where a printed result goes while it is being written: text gathers in a buffer that is
 * handed on whenever it fills, so a listing of a million lines reaches the terminal as it is
 * made, in few writes. Between two chunks it looks for Ctrl-C, which stops the printing there.
 */
final class ChunkedOut implements Appendable {

    private static final int CHUNK = 1 << 16;

    private final StringBuilder buffer = new StringBuilder(CHUNK + 1024);
    private final Consumer<CharSequence> sink;
    private long written;

    ChunkedOut(Consumer<CharSequence> sink) {
        this.sink = sink;
    }

    @Override
    public ChunkedOut append(CharSequence text) {
        buffer.append(text);
        return full();
    }

    @Override
    public ChunkedOut append(CharSequence text, int start, int end) {
        buffer.append(text, start, end);
        return full();
    }

    @Override
    public ChunkedOut append(char c) {
        buffer.append(c);
        return full();
    }

    private ChunkedOut full() {
        if (buffer.length() >= CHUNK) {
            flush();
            if (Thread.interrupted()) {
                throw new Progress.Interrupted("printing interrupted after " + written + " characters");
            }
        }
        return this;
    }

    /** Hands on what is buffered. */
    void flush() {
        if (buffer.length() > 0) {
            sink.accept(buffer);
            written += buffer.length();
            buffer.setLength(0);
        }
    }
}

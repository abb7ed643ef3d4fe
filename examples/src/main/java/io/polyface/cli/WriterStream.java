package io.polyface.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Feeds bytes written to a {@link PrintStream} (the progress bar's, the demo's log) to a command's writer: UTF-8,
 * decoded whole on flush and at line ends ({@code \n}, {@code \r}), so a character is never split.
 */
final class WriterStream extends OutputStream {
    private final PrintWriter writer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private WriterStream(PrintWriter writer) {
        this.writer = writer;
    }

    /**
     * @param writer the command's writer, e.g. {@code spec.commandLine().getErr()}
     * @return an auto-flushing UTF-8 print stream writing to {@code writer}
     */
    static PrintStream printStream(PrintWriter writer) {
        return new PrintStream(new WriterStream(writer), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        if (b == '\n' || b == '\r') {
            flush();
        }
    }

    @Override
    public synchronized void flush() {
        if (buffer.size() > 0) {
            writer.write(buffer.toString(StandardCharsets.UTF_8));
            buffer.reset();
        }
        writer.flush();
    }
}

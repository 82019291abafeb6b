package dev.explorer.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams a JSON-lines file line by line as raw bytes, with the byte offset where each line ends,
 * so a reader can tell committed lines (ending within the length recorded in state.json) from
 * lines written after the last commit. Memory stays at one line whatever the file size.
 */
final class JsonLines {
    private JsonLines() {}

    /** Receives each line; {@code bytes[0..length)} is the line without its newline. */
    interface Sink {
        /**
         * @param lineNumber 1-based
         * @param endOffset  byte offset just after the line's newline (or after its last byte when unterminated)
         * @param terminated false only for a last line with no newline: a writer was cut off mid-line
         */
        void line(long lineNumber, long endOffset, byte[] bytes, int length, boolean terminated) throws IOException;
    }

    /** Reads the whole file; returns the number of lines. */
    static long read(Path file, Sink sink) throws IOException {
        byte[] chunk = new byte[1 << 16];
        byte[] line = new byte[1 << 12];
        int lineLength = 0;
        long offset = 0;
        long lineNumber = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        int part = i - start;
                        if (lineLength + part > line.length) {
                            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + part));
                        }
                        System.arraycopy(chunk, start, line, lineLength, part);
                        lineLength += part;
                        offset += part + 1;
                        lineNumber++;
                        sink.line(lineNumber, offset, line, lineLength, true);
                        lineLength = 0;
                        start = i + 1;
                    }
                }
                int rest = n - start;
                if (rest > 0) {
                    if (lineLength + rest > line.length) {
                        line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + rest));
                    }
                    System.arraycopy(chunk, start, line, lineLength, rest);
                    lineLength += rest;
                    offset += rest;
                }
            }
        }
        if (lineLength > 0) {
            lineNumber++;
            sink.line(lineNumber, offset, line, lineLength, false);
        }
        return lineNumber;
    }
}

package dev.explorer.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only JSON-lines file: one object per line, written whole and flushed to the OS per
 * record so {@code tail -f}, grep and notebooks see it at once. Durability comes at
 * {@link #sync()}, which the run directory calls when it commits an iteration; on resume the file
 * is cut back to the committed length, so an interrupted iteration leaves no line behind.
 */
public final class JsonLog implements Closeable {
    private final Path file;
    private final FileChannel channel;
    private final ObjectMapper mapper;

    JsonLog(Path file, long committedLength, ObjectMapper mapper) throws IOException {
        this.file = file;
        this.mapper = mapper;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (channel.size() > committedLength) {
            channel.truncate(committedLength);
        }
        channel.position(channel.size());
    }

    /** Appends one record (a record class, a Map or a JsonNode) as one line. */
    public synchronized void append(Object record) throws IOException {
        byte[] line = (mapper.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        if (line.length == 1 || new String(line, StandardCharsets.UTF_8).indexOf('\n') != line.length - 1) {
            throw new IllegalArgumentException("a JSON-lines record must serialise to exactly one line: " + record);
        }
        ByteBuffer buf = ByteBuffer.wrap(line);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** Forces appended lines to disk. @return the file's length, the new committed length */
    public synchronized long sync() throws IOException {
        channel.force(false);
        return channel.size();
    }

    /** Cuts the file back to {@code length} bytes (used by a rollback, after the tail was copied aside). */
    synchronized void truncate(long length) throws IOException {
        channel.truncate(length);
        channel.position(channel.size());
        channel.force(false);
    }

    public synchronized long length() throws IOException {
        return channel.size();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}

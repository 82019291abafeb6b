package dev.explorer.vocab;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One float32 matrix on disk, row per concept:
 * <pre>
 *   8 bytes  magic "EXPLEMB1"
 *   int      header length H (big-endian, counted from the file start)
 *   UTF      model id, UTF vocabulary hash, UTF vocabulary name, int count, int dim
 *   ...      zero padding up to H (a multiple of 64)
 *   count x dim float32, little-endian, row-major
 * </pre>
 * A reader checks magic, model id, vocabulary hash, count and dimension and that the file is
 * exactly {@code H + count*dim*4} bytes long, so a stale or truncated file is never used.
 */
public final class EmbeddingFile {

    private static final byte[] MAGIC = {'E', 'X', 'P', 'L', 'E', 'M', 'B', '1'};

    /** What the header says. */
    public record Header(String modelId, String vocabularyHash, String vocabularyName, int count, int dim,
                         int headerBytes) {
        long expectedFileSize() {
            return headerBytes + (long) count * dim * Float.BYTES;
        }
    }

    /** The file exists but may not be used; the message says why. */
    public static final class StaleException extends IOException {
        private static final long serialVersionUID = 1L;

        StaleException(String message) {
            super(message);
        }
    }

    private EmbeddingFile() {
    }

    /** Writes atomically: a crash leaves the old file or none, never half a file under the name. */
    public static void write(Path file, String modelId, String vocabHash, String vocabName, int count, int dim,
                             float[] data) throws IOException {
        if (data.length != (long) count * dim) {
            throw new IllegalArgumentException("Matrix has " + data.length + " values, expected " + count + " x " + dim);
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(header)) {
            out.write(MAGIC);
            out.writeInt(0); // patched below
            out.writeUTF(modelId);
            out.writeUTF(vocabHash);
            out.writeUTF(vocabName);
            out.writeInt(count);
            out.writeInt(dim);
        }
        int h = (header.size() + 63) / 64 * 64;
        byte[] head = new byte[h];
        System.arraycopy(header.toByteArray(), 0, head, 0, header.size());
        ByteBuffer.wrap(head, MAGIC.length, 4).putInt(h);

        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(head));
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            int perChunk = buf.capacity() / Float.BYTES;
            for (int off = 0; off < data.length; off += perChunk) {
                int len = Math.min(perChunk, data.length - off);
                buf.clear();
                buf.asFloatBuffer().put(data, off, len);
                buf.limit(len * Float.BYTES);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            ch.force(false);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads and checks the header only. */
    public static Header header(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new StaleException(file + " is not an Explorer embedding file (bad magic)");
            }
            int h = in.readInt();
            Header header = new Header(in.readUTF(), in.readUTF(), in.readUTF(), in.readInt(), in.readInt(), h);
            if (header.count() < 0 || header.dim() <= 0 || h < MAGIC.length + 4) {
                throw new StaleException(file + " has a corrupt header");
            }
            return header;
        } catch (java.io.EOFException e) {
            throw new StaleException(file + " is truncated inside its header");
        }
    }

    /**
     * Reads the matrix if the file matches what the caller expects.
     *
     * @throws StaleException when model, vocabulary, count, dim or file length do not match
     */
    public static float[] read(Path file, String modelId, String vocabHash, int count, int dim) throws IOException {
        Header h = header(file);
        if (!h.modelId().equals(modelId)) {
            throw new StaleException(file + " was made by model " + h.modelId() + ", not " + modelId);
        }
        if (!h.vocabularyHash().equals(vocabHash)) {
            throw new StaleException(file + " belongs to another vocabulary (" + h.vocabularyName() + ", hash "
                    + h.vocabularyHash().substring(0, Math.min(12, h.vocabularyHash().length())) + ")");
        }
        if (h.count() != count || h.dim() != dim) {
            throw new StaleException(file + " holds " + h.count() + " x " + h.dim() + ", expected " + count + " x " + dim);
        }
        return readMatrix(file, h);
    }

    /** The matrix of a file whose header was already checked. Memory-maps and copies in one bulk get. */
    public static float[] readMatrix(Path file, Header h) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != h.expectedFileSize()) {
                throw new StaleException(file + " is " + size + " bytes, expected " + h.expectedFileSize()
                        + " (truncated or overwritten)");
            }
            long n = (long) h.count() * h.dim();
            if (n > Integer.MAX_VALUE - 8) {
                throw new StaleException(file + " is too large for one array: " + n + " values");
            }
            float[] data = new float[(int) n];
            // map in pieces: one mapping is limited to 2 GiB
            long pos = h.headerBytes();
            int done = 0;
            final int piece = 1 << 28; // floats per mapping (1 GiB)
            while (done < data.length) {
                int len = Math.min(piece, data.length - done);
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, pos, (long) len * Float.BYTES);
                map.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data, done, len);
                done += len;
                pos += (long) len * Float.BYTES;
            }
            return data;
        }
    }

}

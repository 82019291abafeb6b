package dev.explorer.encoder;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigProblem;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoder's checkpoint file, apart from the model (as MoCo v3 keeps {@code save_checkpoint}
 * apart from its builder). One file, in this order:
 * <pre>
 * "explorer-moco-v3-checkpoint"  format (int)  architecture line  optimiser name  step count  epoch count
 * query encoder parameters (f, g, q)  momentum encoder parameters (fM, gM)   (DJL's Block format)
 * buffers (int)  parameters (int)  buffers x parameters optimiser arrays (length + NDArray.encode)
 * "end"
 * </pre>
 * Written to a temporary file, forced to disk and renamed over the target, so a crash leaves the
 * old file or the new one, never half of one.
 */
public final class CheckpointFile {
    private static final String MAGIC = "explorer-moco-v3-checkpoint";
    private static final int FORMAT = 1;

    private CheckpointFile() {}

    /** What a checkpoint says besides its arrays. */
    record Header(String architecture, String optimizer, long steps, long epochs) {}

    /** A checkpoint's header and optimiser state (buffers x parameters arrays, owned by the caller). */
    record Contents(Header header, List<List<NDArray>> optimizerState, int params) {}

    /** Writes the parameters of both encoders, in order. */
    @FunctionalInterface
    interface WeightsWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the parameters of both encoders into the model, in the order they were written. */
    @FunctionalInterface
    interface WeightsReader {
        void read(DataInputStream in) throws IOException, MalformedModelException;
    }

    /** Whether {@code file} starts like a checkpoint (and not, say, TorchScript). */
    public static boolean isCheckpoint(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 256))) {
            return MAGIC.equals(in.readUTF());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The architecture line stored in a checkpoint, without loading it. */
    public static String readArchitecture(Path checkpoint) throws IOException {
        try (DataInputStream in = open(checkpoint)) {
            return in.readUTF();
        }
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param params parameters per optimiser buffer (written even when there are no buffers)
     */
    static void write(Path path, Header header, WeightsWriter weights, List<List<NDArray>> optimizerState, int params)
            throws IOException {
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, abs.getFileName().toString() + ".", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16));
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(header.architecture());
                out.writeUTF(header.optimizer());
                out.writeLong(header.steps());
                out.writeLong(header.epochs());
                weights.write(out);
                out.writeInt(optimizerState.size());
                out.writeInt(params);
                for (List<NDArray> buffers : optimizerState) {
                    for (NDArray a : buffers) {
                        byte[] bytes = a.encode();
                        out.writeInt(bytes.length);
                        out.write(bytes);
                    }
                }
                out.writeUTF("end");
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a checkpoint whose architecture line must be {@code architecture}: the weights through
     * {@code weights}, the optimiser arrays into {@code manager}.
     *
     * @throws ConfigException when the file is not a checkpoint, of another format or of another
     *     architecture (the message names both and the settings to change)
     * @throws IOException when it is damaged
     */
    static Contents read(Path checkpoint, String architecture, NDManager manager, WeightsReader weights)
            throws IOException {
        try (DataInputStream in = open(checkpoint)) {
            String arch = in.readUTF();
            if (!arch.equals(architecture)) {
                throw new ConfigException(new ConfigProblem("encoder", checkpoint.toString(),
                        "checkpoint holds another architecture: [" + arch + "]; this encoder is [" + architecture + "]",
                        "set encoder.backbone / imageSize / hiddenDim / projectionDim (and encoder.init) to the"
                                + " checkpoint's values, or start from a checkpoint of this architecture"));
            }
            Header header = new Header(arch, in.readUTF(), in.readLong(), in.readLong());
            try {
                weights.read(in);
            } catch (MalformedModelException e) {
                throw new IOException("corrupt checkpoint " + checkpoint + ": " + e.getMessage(), e);
            }
            int buffers = in.readInt();
            int params = in.readInt();
            List<List<NDArray>> state = new ArrayList<>();
            for (int b = 0; b < buffers; b++) {
                List<NDArray> list = new ArrayList<>();
                for (int p = 0; p < params; p++) {
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    list.add(NDArray.decode(manager, bytes));
                }
                state.add(list);
            }
            if (!"end".equals(in.readUTF())) {
                throw new IOException("corrupt checkpoint " + checkpoint + ": missing end marker");
            }
            return new Contents(header, state, params);
        }
    }

    private static DataInputStream open(Path checkpoint) throws IOException {
        if (!Files.isRegularFile(checkpoint)) {
            throw new ConfigException(new ConfigProblem("checkpoint", checkpoint.toString(), "no such checkpoint file",
                    "give the path of a file written by Encoder.save (e.g. <run dir>/checkpoints/*.ckpt)"));
        }
        InputStream is = new BufferedInputStream(Files.newInputStream(checkpoint), 1 << 16);
        DataInputStream in = new DataInputStream(is);
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            magic = "";
        }
        if (!MAGIC.equals(magic)) {
            in.close();
            throw new ConfigException(new ConfigProblem("checkpoint", checkpoint.toString(),
                    "not an Explorer encoder checkpoint", "give a file written by Encoder.save"));
        }
        int format = in.readInt();
        if (format != FORMAT) {
            in.close();
            throw new ConfigException(new ConfigProblem("checkpoint", checkpoint.toString(),
                    "checkpoint format " + format + " is not supported (this build reads format " + FORMAT + ")",
                    "use a checkpoint written by this version of Explorer"));
        }
        return in;
    }
}

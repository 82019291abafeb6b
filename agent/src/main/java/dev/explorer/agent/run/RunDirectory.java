package dev.explorer.agent.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.UsageException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run on disk:
 * <pre>
 * config.yaml        resolved settings, written once at creation
 * state.json         {@link RunState}, replaced atomically by {@link #commit}
 * rewards.jsonl      one line per query (append-only)
 * iterations.jsonl   one line per iteration (append-only)
 * images/            content-addressed accepted images (the replay buffer)
 * checkpoints/       encoder weights per iteration
 * </pre>
 * An iteration either committed (its log lines are within the lengths recorded in state.json) or
 * it never happened: {@link #open} cuts every log back to its committed length. A lock file keeps
 * a second process out of a directory that is in use.
 */
public final class RunDirectory implements Closeable {
    public static final String CONFIG = "config.yaml";
    public static final String STATE = "state.json";
    public static final String REWARDS = "rewards.jsonl";
    public static final String ITERATIONS = "iterations.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final ExplorerConfig config;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<String, JsonLog> logs = new LinkedHashMap<>();
    private RunState state;

    private RunDirectory(Path dir, ExplorerConfig config, RunState state) throws IOException {
        this.dir = dir;
        this.config = config;
        this.state = state;
        this.lockChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new UsageException("run directory " + dir + " is in use by another explorer process; "
                    + "wait for it to finish or stop it first");
        }
        this.lock = l;
        Files.createDirectories(images());
        Files.createDirectories(checkpoints());
        for (String name : new String[] {REWARDS, ITERATIONS}) {
            logs.put(name, new JsonLog(dir.resolve(name), state.committedLength(name), JSON));
        }
    }

    /** Starts a new run in {@code dir}; refuses a directory that already holds a run. */
    public static RunDirectory create(Path dir, ExplorerConfig config) throws IOException {
        if (Files.exists(dir.resolve(CONFIG))) {
            throw new UsageException("run directory " + dir + " already holds a run; continue it with: explorer resume "
                    + dir + "  (or choose another --set run.name=...)");
        }
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(CONFIG), ConfigLoader.toYaml(config).getBytes(StandardCharsets.UTF_8));
        RunDirectory run = new RunDirectory(dir, config, RunState.initial());
        run.writeState(RunState.initial());
        return run;
    }

    /** Opens an existing run to continue it: config from config.yaml, logs cut to the last commit. */
    public static RunDirectory open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("no run directory at " + dir + "; start one with: explorer run");
        }
        if (!Files.exists(dir.resolve(CONFIG)) || !Files.exists(dir.resolve(STATE))) {
            throw new UsageException(dir + " is not a run directory (no " + CONFIG + " or " + STATE + ")");
        }
        ExplorerConfig config;
        try {
            config = ConfigLoader.builder().preset("cpu").file(dir.resolve(CONFIG)).checkPaths(false).load();
        } catch (ConfigException e) {
            throw new UsageException(dir.resolve(CONFIG) + " no longer loads: " + e.getMessage(), e);
        }
        RunState state = readState(dir.resolve(STATE));
        return new RunDirectory(dir, config, state);
    }

    /** The committed state of a run directory, read without opening (locking or cutting) it. */
    public static RunState peekState(Path dir) throws IOException {
        return readState(dir.resolve(STATE));
    }

    static RunState readState(Path file) throws IOException {
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            Map<String, Long> lengths = new LinkedHashMap<>();
            n.path("logLengths").fields().forEachRemaining(e -> lengths.put(e.getKey(), e.getValue().asLong()));
            return new RunState(n.path("completedIterations").asInt(), lengths, n.get("loop"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageException(file + " is damaged (" + e.getOriginalMessage() + "); it is written atomically, "
                    + "so something else changed it", e);
        }
    }

    public Path dir() {
        return dir;
    }

    public ExplorerConfig config() {
        return config;
    }

    public RunState state() {
        return state;
    }

    public JsonLog rewards() {
        return logs.get(REWARDS);
    }

    public JsonLog iterations() {
        return logs.get(ITERATIONS);
    }

    public Path images() {
        return dir.resolve("images");
    }

    /**
     * Where the replay-buffer image with this content hash (sha256 of the downloaded bytes, hex)
     * lives: {@code images/<first two hex digits>/<sha256>.png}, stored resized as PNG.
     */
    public Path image(String sha256) {
        return images().resolve(sha256.substring(0, 2)).resolve(sha256 + ".png");
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    /**
     * Commits an iteration: forces every log to disk, records their lengths and the loop state,
     * then replaces state.json atomically. Anything written after the last commit is discarded
     * by the next {@link #open}.
     */
    public synchronized RunState commit(int completedIterations, JsonNode loopState) throws IOException {
        Map<String, Long> lengths = new LinkedHashMap<>();
        for (Map.Entry<String, JsonLog> e : logs.entrySet()) {
            lengths.put(e.getKey(), e.getValue().sync());
        }
        RunState next = new RunState(completedIterations, lengths, loopState);
        writeState(next);
        state = next;
        return next;
    }

    private void writeState(RunState s) throws IOException {
        AtomicFiles.write(dir.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
    }

    @Override
    public synchronized void close() throws IOException {
        for (JsonLog log : logs.values()) {
            log.close();
        }
        lock.release();
        lockChannel.close();
    }
}

package dev.explorer.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.run.RunDirectoryException.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run on disk:
 * <pre>
 * config.yaml        resolved settings, written once at creation
 * state.json         {@link RunState}, replaced atomically by {@link #commit}
 * rewards.jsonl      one line per query (append-only)
 * iterations.jsonl   one line per iteration (append-only)
 * images/            content-addressed accepted images (the replay buffer)
 * checkpoints/       encoder weights per iteration, each with the state it was committed with
 * </pre>
 * An iteration either committed (its log lines are within the lengths recorded in state.json) or
 * it never happened: {@link #open} cuts every log back to its committed length. A lock file keeps
 * a second process out of a directory that is in use. Nothing read from disk is trusted: a
 * damaged state or a log shorter than its committed length is named, with what to do, before
 * anything is changed.
 */
public final class RunDirectory implements Closeable {
    public static final String CONFIG = "config.yaml";
    public static final String STATE = "state.json";
    public static final String REWARDS = "rewards.jsonl";
    public static final String ITERATIONS = "iterations.jsonl";
    /** The lock file a writing process holds; {@code explorer report} only probes it. */
    public static final String LOCK = ".lock";
    static final List<String> LOGS = List.of(REWARDS, ITERATIONS);

    /** Writes compact lines; reads strictly: a string where a number belongs is damage, not 0. */
    static final ObjectMapper JSON = strict(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT));

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
        this.lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new RunDirectoryException(Kind.IN_USE, "run directory " + dir + " is in use by another explorer process; "
                    + "wait for it to finish or stop it first");
        }
        this.lock = l;
        try {
            checkLogs(dir, state);
            Files.createDirectories(images());
            Files.createDirectories(checkpoints());
            for (String name : LOGS) {
                logs.put(name, new JsonLog(dir.resolve(name), state.committedLength(name), JSON));
            }
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    static ObjectMapper strict(ObjectMapper m) {
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        return m;
    }

    /** Starts a new run in {@code dir}; refuses a directory that already holds a run. */
    public static RunDirectory create(Path dir, ExplorerConfig config) throws IOException {
        if (Files.exists(dir.resolve(CONFIG))) {
            throw new RunDirectoryException(Kind.EXISTS, "run directory " + dir + " already holds a run; continue it with: "
                    + "explorer resume " + dir + "  (or choose another --set run.name=...)");
        }
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(CONFIG), ConfigLoader.toYaml(config).getBytes(StandardCharsets.UTF_8));
        RunDirectory run = new RunDirectory(dir, config, RunState.initial());
        run.writeState(RunState.initial());
        return run;
    }

    /** Opens an existing run to continue it: config from config.yaml, logs cut to the last commit. */
    public static RunDirectory open(Path dir) throws IOException {
        return open(dir, List.of());
    }

    /**
     * Opens an existing run with {@code --set} overrides that do not change what the run means
     * ({@link ResumeOverrides}); accepted overrides are written into config.yaml so a later
     * resume keeps them.
     */
    public static RunDirectory open(Path dir, List<String> overrides) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new RunDirectoryException(Kind.NOT_A_RUN, "no run directory at " + dir + "; start one with: explorer run");
        }
        if (!Files.exists(dir.resolve(CONFIG)) || !Files.exists(dir.resolve(STATE))) {
            throw new RunDirectoryException(Kind.NOT_A_RUN, dir + " is not a run directory (no " + CONFIG + " or " + STATE + ")");
        }
        ResumeOverrides.check(overrides);
        ExplorerConfig config;
        try {
            config = ConfigLoader.builder().preset("cpu").file(dir.resolve(CONFIG)).sets(overrides).checkPaths(false).load();
        } catch (ConfigException e) {
            throw new RunDirectoryException(Kind.DAMAGED, dir.resolve(CONFIG) + " no longer loads: " + e.getMessage(), e);
        }
        RunState state = readState(dir.resolve(STATE));
        RunDirectory run = new RunDirectory(dir, config, state);
        if (!overrides.isEmpty()) {
            AtomicFiles.write(dir.resolve(CONFIG), ConfigLoader.toYaml(config).getBytes(StandardCharsets.UTF_8));
        }
        return run;
    }

    /** The committed state of a run directory, read without opening (locking or cutting) it. */
    public static RunState peekState(Path dir) throws IOException {
        return readState(dir.resolve(STATE));
    }

    /**
     * Reads a state file strictly: empty, unparsable, wrongly typed or inconsistent content is
     * reported as damage naming the file (a stale or hand-edited state must never resume at the
     * wrong iteration and cut committed log lines).
     */
    public static RunState readState(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String fix = "; it is written atomically, so something else changed it. Restore it from a backup, or roll back to "
                + "an older commit with: explorer resume " + file.getParent() + " --rollback-to N (see "
                + file.getParent().resolve("checkpoints") + " for the iterations N that can be restored)";
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new RunDirectoryException(Kind.DAMAGED, file + " is damaged (" + (bytes.length == 0 ? "empty" : "not a JSON object")
                        + ")" + fix);
            }
            if (!n.path("completedIterations").isInt() || n.get("completedIterations").asInt() < 0) {
                throw new RunDirectoryException(Kind.DAMAGED, file + " is damaged (completedIterations is "
                        + n.path("completedIterations") + ", not a count)" + fix);
            }
            RunState s = JSON.treeToValue(n, RunState.class);
            for (Map.Entry<String, Long> e : s.logLengths().entrySet()) {
                if (e.getValue() == null || e.getValue() < 0) {
                    throw new RunDirectoryException(Kind.DAMAGED, file + " is damaged (log length of " + e.getKey() + " is "
                            + e.getValue() + ")" + fix);
                }
            }
            return s;
        } catch (JsonProcessingException e) {
            throw new RunDirectoryException(Kind.DAMAGED, file + " is damaged (" + e.getOriginalMessage() + ")" + fix, e);
        }
    }

    /** Each log must hold at least its committed bytes, and the committed part must end a line. */
    private static void checkLogs(Path dir, RunState state) throws IOException {
        for (String name : LOGS) {
            long committed = state.committedLength(name);
            Path f = dir.resolve(name);
            long size = Files.exists(f) ? Files.size(f) : 0;
            if (size < committed) {
                throw new RunDirectoryException(Kind.DAMAGED, f + " holds " + size + " bytes but " + committed
                        + " were committed: committed lines were lost or the file was replaced. Restore it from a backup; "
                        + "nothing was changed");
            }
            if (committed > 0) {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                    ByteBuffer b = ByteBuffer.allocate(1);
                    ch.read(b, committed - 1);
                    if (b.get(0) != '\n') {
                        throw new RunDirectoryException(Kind.DAMAGED, f + " does not end a line at its committed length "
                                + committed + ": the file was changed. Restore it from a backup; nothing was changed");
                    }
                }
            }
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
        return image(dir, sha256);
    }

    /** {@link #image(String)} of the run directory {@code runDir}, for readers that do not open the run. */
    public static Path image(Path runDir, String sha256) {
        return runDir.resolve("images").resolve(sha256.substring(0, 2)).resolve(sha256 + ".png");
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    /** The checkpoint file of an iteration (1-based count of committed iterations). */
    public Path checkpoint(int completedIterations) {
        return checkpoints().resolve(String.format("iteration-%04d.ckpt", completedIterations));
    }

    /** The state an iteration committed with, kept beside its checkpoint for {@link #rollback}. */
    Path stateSnapshot(int completedIterations) {
        return checkpoints().resolve(String.format("iteration-%04d.state.json", completedIterations));
    }

    /** The last committed checkpoint, or null before the first commit. */
    public Path lastCheckpoint() {
        String c = state.loop().checkpoint();
        return c == null ? null : dir.resolve(c);
    }

    /**
     * Commits an iteration: forces every log to disk, records their lengths and the loop state
     * (beside the iteration's checkpoint, then in state.json, replaced atomically), and only then
     * deletes checkpoints beyond {@code run.keepCheckpoints}, never the one state.json names.
     * Anything written after the last commit is discarded by the next {@link #open}.
     */
    public synchronized RunState commit(int completedIterations, LoopState loopState) throws IOException {
        Map<String, Long> lengths = new LinkedHashMap<>();
        for (Map.Entry<String, JsonLog> e : logs.entrySet()) {
            lengths.put(e.getKey(), e.getValue().sync());
        }
        RunState next = new RunState(completedIterations, lengths, loopState);
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(next);
        AtomicFiles.write(stateSnapshot(completedIterations), json);
        AtomicFiles.write(dir.resolve(STATE), json);
        state = next;
        pruneCheckpoints();
        return next;
    }

    private void pruneCheckpoints() throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(checkpoints())) {
            all = s.filter(p -> p.getFileName().toString().matches("iteration-\\d{4}\\.ckpt")).sorted().toList();
        }
        Path keep = lastCheckpoint();
        for (int i = 0; i < all.size() - config.run().keepCheckpoints(); i++) {
            Path p = all.get(i);
            if (keep != null && p.toAbsolutePath().normalize().equals(keep.toAbsolutePath().normalize())) {
                continue;
            }
            Files.deleteIfExists(p);
            Files.deleteIfExists(p.resolveSibling(p.getFileName().toString().replace(".ckpt", ".state.json")));
        }
    }

    /** Iterations whose checkpoint and committed state are both still here (oldest first). */
    public static List<Integer> restorableIterations(Path dir) throws IOException {
        Path ck = dir.resolve("checkpoints");
        if (!Files.isDirectory(ck)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(ck)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("iteration-\\d{4}\\.state\\.json"))
                    .map(n -> Integer.parseInt(n.substring(10, 14))).filter(i -> Files.exists(ck.resolve(
                            String.format("iteration-%04d.ckpt", i)))).sorted().toList();
        }
    }

    /**
     * Makes iteration {@code iteration} the last committed one again, from the state saved beside
     * its checkpoint: used when a later checkpoint is damaged. Log lines of the later iterations
     * are moved (not deleted) to {@code <log>.rolled-back-<n>}, so nothing is lost.
     */
    public synchronized void rollback(int iteration) throws IOException {
        Path snap = stateSnapshot(iteration);
        if (!Files.exists(snap) || !Files.exists(checkpoint(iteration))) {
            throw new RunDirectoryException(Kind.NOT_A_RUN, "iteration " + iteration + " cannot be restored: "
                    + (Files.exists(snap) ? checkpoint(iteration) : snap) + " is missing; restorable iterations: "
                    + restorableIterations(dir));
        }
        RunState back = readState(snap);
        if (back.completedIterations() > state.completedIterations()) {
            throw new RunDirectoryException(Kind.NOT_A_RUN, "iteration " + iteration + " is after the last commit ("
                    + state.completedIterations() + "); nothing to roll back");
        }
        for (String name : LOGS) {
            Path f = dir.resolve(name);
            long keep = back.committedLength(name);
            long size = Files.size(f);
            if (size > keep) {
                Path aside = dir.resolve(name + ".rolled-back-" + state.completedIterations());
                try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ);
                     FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                             StandardOpenOption.TRUNCATE_EXISTING)) {
                    long pos = keep;
                    while (pos < size) {
                        pos += in.transferTo(pos, size - pos, out);
                    }
                    out.force(true);
                }
            }
        }
        AtomicFiles.write(dir.resolve(STATE), Files.readAllBytes(snap));
        state = back;
        for (String name : LOGS) {
            logs.get(name).truncate(back.committedLength(name));
        }
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

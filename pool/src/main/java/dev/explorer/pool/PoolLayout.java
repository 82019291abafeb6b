package dev.explorer.pool;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** File names inside a pool directory, and readers for them. */
public final class PoolLayout {
    public static final String MANIFEST = "pool.json";
    public static final String CAPTIONS = "captions.jsonl";
    public static final String EVAL = "eval.jsonl";
    public static final String INDEX = "index";
    public static final String THUMBS = "thumbs";
    public static final String BUILD_REPORT = "build-report.json";

    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private PoolLayout() {
    }

    /** {@code thumbs/<first two hex digits>/<id>.png}: 256 folders keep directories small. */
    public static String thumbPath(String id) {
        return THUMBS + "/" + id.substring(0, 2) + "/" + id + ".png";
    }

    /** Fails with the fix when {@code dir} holds no finished pool. */
    public static void requirePool(Path dir) {
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
            throw new IllegalArgumentException("no finished pool in " + dir + " (" + MANIFEST
                    + " missing): build one with `explorer pool build`");
        }
    }

    public static PoolManifest manifest(Path dir) throws IOException {
        requirePool(dir);
        return JSON.readValue(dir.resolve(MANIFEST).toFile(), PoolManifest.class);
    }

    public static List<PoolEntry> readEntries(Path dir) throws IOException {
        return readLines(dir.resolve(CAPTIONS), PoolEntry.class);
    }

    /** Ground truth: for evaluation code only. */
    public static List<EvalEntry> readEval(Path dir) throws IOException {
        return readLines(dir.resolve(EVAL), EvalEntry.class);
    }

    static <T> List<T> readLines(Path file, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JSON.readValue(line, type));
                }
            }
        }
        return out;
    }
}

package dev.explorer.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code RUN_DIR/engines.json}: per real engine, requests sent, retries, failures, searches refused
 * by a budget, how often the circuit breaker opened and its state, and the budgets in force, as
 * of the last commit (counts since this process started). The report reads it; the pool engine has
 * no policy and writes nothing.
 */
public final class EngineStats {
    public static final String FILE = "engines.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EngineStats() {}

    /** What the report shows of an engine (one element of engines.json). */
    public record Engine(String engine, long requests, long retries, long failures, long overBudget, long breakerOpened,
            String breaker, List<String> budgets) {}

    public static void write(Path runDir, List<Engine> stats) throws IOException {
        if (!stats.isEmpty()) {
            AtomicFiles.write(runDir.resolve(FILE), JSON.writeValueAsBytes(stats));
        }
    }

    /** The stats of a run, empty when it has none. */
    public static List<Engine> read(Path runDir) {
        Path f = runDir.resolve(FILE);
        try {
            return java.nio.file.Files.exists(f)
                    ? List.of(JSON.readValue(f.toFile(), Engine[].class)) : List.of();
        } catch (IOException e) {
            return List.of(); // a report never fails over a derived file
        }
    }
}

package dev.explorer.agent.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.explorer.agent.run.AtomicFiles;
import dev.explorer.agent.search.RequestPolicy;
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

    static void write(Path runDir, List<RequestPolicy.Stats> stats) throws IOException {
        if (!stats.isEmpty()) {
            AtomicFiles.write(runDir.resolve(FILE), JSON.writeValueAsBytes(stats));
        }
    }

    /** The stats of a run, empty when it has none. */
    public static List<RequestPolicy.Stats> read(Path runDir) {
        Path f = runDir.resolve(FILE);
        try {
            return java.nio.file.Files.exists(f)
                    ? List.of(JSON.readValue(f.toFile(), RequestPolicy.Stats[].class)) : List.of();
        } catch (IOException e) {
            return List.of(); // a report never fails over a derived file
        }
    }
}

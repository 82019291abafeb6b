package dev.explorer.run;

import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Which settings {@code explorer resume --set} may change. A resumed run must make the same
 * decisions it would have made without the stop, so only settings that say where and how fast
 * things happen are accepted (the engine's address, parallelism, timeouts, how many checkpoints
 * to keep, how many iterations in total); anything that changes what the run samples, scores or
 * learns is refused with the reason.
 */
public final class ResumeOverrides {
    /** Keys that a resume may change. */
    public static final List<String> ALLOWED = List.of(
            "search.endpoint", "search.maxConsecutiveFailures", "search.maxResponseBytes",
            "download.concurrency", "download.connectTimeoutMs", "download.readTimeoutMs", "download.totalTimeoutMs",
            "download.perHostConcurrency", "download.retries", "download.retryBackoffMs",
            "run.keepCheckpoints", "run.iterations", "run.cacheDir", "encoder.threads");

    private ResumeOverrides() {}

    /** Throws a {@link ConfigException} naming every assignment that would change the run's meaning. */
    public static void check(List<String> assignments) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            String key = (eq < 0 ? a : a.substring(0, eq)).strip();
            if (!ALLOWED.contains(key)) {
                problems.add(new ConfigProblem(key, "--set on resume",
                        "cannot change on resume: it changes what the run samples, scores or learns, so the resumed run "
                                + "would no longer be the run that was started",
                        "start a new run with explorer run, or change only " + String.join(", ", ALLOWED)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}

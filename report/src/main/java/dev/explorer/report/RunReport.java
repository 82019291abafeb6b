package dev.explorer.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What {@code explorer report} found in a run directory: the terminal summary, the {@code --json}
 * output and the HTML page are all rendered from this one value.
 *
 * @param runDir              the run directory as given
 * @param name                run name from config.yaml (null when it does not load)
 * @param plannedIterations   run.iterations from config.yaml (null when it does not load)
 * @param completedIterations committed iterations according to state.json
 * @param status              what the run is doing
 * @param statusText          one sentence for people, saying what was found
 * @param writerPid           pid of the process that holds the run's lock (null when none or unknown)
 * @param groundTruth         the ground truth used for relevant fractions (null without --ground-truth)
 * @param iterations          one row per iteration seen in either log, ascending
 * @param topObserved         concepts with the best mean observed query score
 * @param topPredicted        concepts with the best latest predicted score (among those queried)
 * @param failures            failed images by kind, all iterations
 * @param dropped             unscored queries by reason, all iterations
 * @param uncommittedLines    log lines beyond the committed lengths in state.json, per log file
 * @param problems            malformed, truncated or inconsistent log lines (first {@value RunReader#MAX_PROBLEMS})
 * @param problemCount        all problems found, including those not listed
 * @param notes               other things worth knowing (missing files, inconsistent counts)
 * @param html                where the HTML page was written (null when not written)
 * @param readSeconds         time spent reading and aggregating the logs
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunReport(
        String runDir,
        String name,
        Integer plannedIterations,
        int completedIterations,
        Status status,
        String statusText,
        Long writerPid,
        GroundTruthInfo groundTruth,
        List<IterationSummary> iterations,
        List<ConceptSummary> topObserved,
        List<ConceptSummary> topPredicted,
        Map<String, Long> failures,
        Map<String, Long> dropped,
        Map<String, Long> uncommittedLines,
        List<LogProblem> problems,
        long problemCount,
        List<String> notes,
        String html,
        double readSeconds,
        List<EngineSummary> engines,
        @JsonIgnore Details details) {

    /**
     * What one engine did: queries it answered, results, images downloaded, failed images by kind,
     * results by licence (from rewards.jsonl), and its request counters and circuit-breaker state as
     * of the last commit (engines.json; null for the pool, which has no policy).
     */
    public record EngineSummary(String engine, long queries, long results, long downloaded, Map<String, Long> failures,
            Map<String, Long> licences, dev.explorer.run.EngineStats.Engine requests) {}

    /** The same report, saying where its page was written. */
    public RunReport withHtml(String path) {
        return new RunReport(runDir, name, plannedIterations, completedIterations, status, statusText, writerPid,
                groundTruth, iterations, topObserved, topPredicted, failures, dropped, uncommittedLines, problems,
                problemCount, notes, path, readSeconds, engines, details);
    }

    /** What the run is doing, as far as the files and the OS's lock table tell. */
    public enum Status {
        /** a process holds the run's lock: the last iteration is in progress */
        RUNNING,
        /** every planned iteration committed and nobody writes to it */
        FINISHED,
        /** nobody writes to it, and lines of an iteration that never committed are present */
        CRASHED,
        /** nobody writes to it, fewer iterations than planned, nothing uncommitted */
        STOPPED,
        /** the OS lock table could not be read, so whether a process writes to it is unknown */
        UNKNOWN,
        /** state.json or a log is damaged (unreadable, or shorter than committed): resume refuses it */
        DAMAGED
    }

    /** Per-iteration row. Counts come from rewards.jsonl; times, k-NN accuracy and tier mass from iterations.jsonl. */
    public record IterationSummary(
            int iteration,
            String state,
            int queries,
            int scored,
            int dropped,
            long downloaded,
            long kept,
            Double meanScore,
            Double bestScore,
            Double relevantFraction,
            long relevantImages,
            long judgedImages,
            Discovery discovery,
            Double knnAccuracy,
            Double trainLoss,
            Map<String, Double> seconds,
            Double totalSeconds,
            Map<String, Double> tierMass,
            Map<String, Long> failures,
            Distribution rewards) {}

    /**
     * What an iteration found, counted by distinct images (content hash) rather than by (query,
     * result) pairs: an image returned by several queries, or again in a later iteration, counts once.
     *
     * @param distinctImages        distinct images accepted this iteration
     * @param newImages             of those, images no earlier iteration of the run accepted
     * @param resultsPerImage       accepted (query, result) pairs per distinct image (1 = no repetition)
     * @param relevantDistinctShare relevant share of the distinct images (null without ground truth)
     * @param newRelevant           relevant images among the new ones (null without ground truth)
     * @param uniqueRelevant        relevant images found so far in the run, each once (null without ground truth)
     */
    public record Discovery(long distinctImages, long newImages, Double resultsPerImage, Double relevantDistinctShare,
                            Long newRelevant, Long uniqueRelevant) {}

    /** Five-number summary of the image rewards of one iteration. */
    public record Distribution(int n, double min, double q1, double median, double q3, double max, double mean) {}

    /**
     * One concept, aggregated over every query of it.
     *
     * @param predictedMean the model's mean at the latest time it was sampled (null before the first fit)
     */
    public record ConceptSummary(
            String conceptId,
            String concept,
            int queries,
            int scored,
            Double meanScore,
            Double bestScore,
            Double predictedMean,
            Double predictedStd,
            int lastIteration,
            List<BestImage> bestImages) {}

    /** One of a concept's best images; {@code sha256} names the file under images/ when it was kept. */
    public record BestImage(String id, String sha256, double reward, String query, int iteration) {}

    /** A log line that was skipped or is suspect; {@code line} is 1-based, 0 for the whole file. */
    public record LogProblem(String file, long line, String problem) {}

    /** The ground truth file and what matched it. */
    public record GroundTruthInfo(String file, List<String> relevantTopics, int images, Map<String, Integer> topics,
            long downloadedNotInFile) {}

    /** One query of the iteration shown in the scatter view. */
    public record QueryPoint(String query, String concept, Double predictedMean, Double predictedStd, Double score,
            int downloaded, String dropped) {}

    /** What only the HTML page needs: the chosen iteration's queries. */
    public record Details(int scatterIteration, List<QueryPoint> scatter) {}
}

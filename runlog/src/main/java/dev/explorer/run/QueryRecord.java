package dev.explorer.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code rewards.jsonl}: one query of one iteration, with everything needed to audit
 * the decision that produced it and the evidence it returned.
 *
 * @param iteration      0-based iteration
 * @param conceptId      stable vocabulary id of the concept (e.g. "n02084071-dog-1"); for a label-set
 *                       query, the class name prefixed with "label:"
 * @param concept        the concept's lemma
 * @param query          the text sent to the engine (descriptor + lemma)
 * @param page           the result page asked for (0 = first; a concept drawn again asks for the next one)
 * @param labelSet       whether the query is a class name sampled in label-set mode
 * @param predictedMean  concept-score model mean at sampling time (null before the first fit)
 * @param predictedStd   concept-score model std at sampling time (null before the first fit)
 * @param probability    probability the sampler gave this concept when it drew it
 * @param hits           results the engine returned
 * @param downloaded     images fetched and decoded
 * @param failures       results not scored, by kind: FailureKind keys (timeout, too-large, decode-error, duplicate, ...)
 *                       and "seen" (an image an earlier iteration of the run already brought)
 * @param rewards        summary of the image rewards of the downloaded images (null when none)
 * @param score          query score: mean of the top-n image rewards; null when dropped
 * @param dropped        why the query was not scored (e.g. "too-few-results"), null when scored
 * @param images         every result: engine id, URL, content hash and reward (null when it failed), licence,
 *                       creator and source page where the engine gave them
 * @param engine         the engine that answered (search.engine, or the one the search.engines mix chose)
 */
public record QueryRecord(
        int iteration,
        String conceptId,
        String concept,
        String query,
        int page,
        boolean labelSet,
        Double predictedMean,
        Double predictedStd,
        double probability,
        int hits,
        int downloaded,
        Map<String, Integer> failures,
        RewardStats rewards,
        Double score,
        String dropped,
        List<ImageResult> images,
        @JsonInclude(JsonInclude.Include.NON_NULL) String engine) {

    /** Summary of a query's image rewards. */
    public record RewardStats(int n, double mean, double min, double max, double median) {}

    /**
     * One search result. {@code sha256} names the file under {@code images/} when the image was
     * kept in the replay buffer ({@code kept}); {@code failure} is the failure kind, null on success.
     */
    public record ImageResult(String id, String url, String sha256, Double reward, boolean kept, String failure,
            @JsonInclude(JsonInclude.Include.NON_NULL) String engine,
            @JsonInclude(JsonInclude.Include.NON_NULL) String licence,
            @JsonInclude(JsonInclude.Include.NON_NULL) String creator,
            @JsonInclude(JsonInclude.Include.NON_NULL) String page) {}
}

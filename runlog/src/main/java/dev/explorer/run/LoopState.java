package dev.explorer.run;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What the loop needs to continue exactly after its last commit, as stored in {@code state.json}
 * under {@code "loop"}. Observations and replay entries are written as compact arrays
 * ({@code [conceptId, score]}, {@code [sha256, reward, iteration]}), the format of the first
 * release, so run directories written before this record existed still resume.
 *
 * @param checkpoint        the last committed encoder checkpoint, relative to the run directory
 *                          (null before the first commit)
 * @param checkpointSha256  SHA-256 of that file when it was committed (null in older runs): a
 *                          damaged checkpoint is named before anything loads it
 * @param observations      concept-score observations in the order they were made (null when the
 *                          run keeps no concept-score model)
 * @param replay            the replay buffer, oldest keeping first
 * @param cursors           per concept id, the next result page to ask the engine for (a concept
 *                          queried again gets new results); empty in older runs
 * @param background        content hashes of the fixed background sample the reward is centred
 *                          against (files under {@code background/}); null when none was drawn yet
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoopState(String checkpoint, String checkpointSha256, List<Observation> observations, List<Kept> replay,
                        Map<String, Integer> cursors, List<String> background) {

    public static final LoopState EMPTY = new LoopState(null, null, null, List.of(), Map.of(), null);

    public LoopState {
        observations = observations == null ? null : List.copyOf(observations);
        replay = replay == null ? List.of() : List.copyOf(replay);
        cursors = cursors == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(cursors));
        background = background == null ? null : List.copyOf(background);
    }

    /** One observed query score of a concept (vocabulary row). */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"conceptId", "score"})
    public record Observation(int conceptId, double score) {}

    /** One replay-buffer image: content hash, reward when kept, iteration that kept it. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"sha256", "reward", "iteration"})
    public record Kept(String sha256, double reward, int iteration) {}
}

package dev.explorer.agent.loop;

import dev.explorer.agent.reward.QueryScore;
import dev.explorer.agent.search.SearchHit;
import dev.explorer.run.QueryRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The iteration's verdict, computed from image rewards alone: which candidates the replay buffer
 * keeps (the top {@code replayKeep} share by reward, ties by row), each query's score (mean of
 * its top-n image rewards, the paper's n = 10) or why it has none, and the audit line for
 * {@code rewards.jsonl}. Pure arithmetic on arrays: no encoder, no network, no files.
 *
 * @param imageReward per candidate row, its reward
 * @param order       candidate rows by reward, best first
 * @param keepCount   how many of {@code order} the replay buffer keeps
 * @param kept        per candidate row, whether it is kept
 * @param scores      per query, its score (null when dropped)
 * @param records     per query, its {@code rewards.jsonl} line
 */
public record Scoring(float[] imageReward, int[] order, int keepCount, boolean[] kept, List<Double> scores,
                      List<QueryRecord> records) {

    /** Why a query that counted had no score: none of its images was accepted. */
    public static final String NO_IMAGES = "no-images";

    /**
     * @param iteration   0-based iteration (for the records)
     * @param queries     per query, what was drawn and sent
     * @param results     per query, its hits joined to candidate rows ({@link Harvest#join})
     * @param sha256      per candidate row, its content hash
     * @param imageReward per candidate row, its reward
     * @param topN        images averaged into a query's score
     * @param replayKeep  share of the candidates the replay buffer keeps
     * @param newOnly     credit a query only with images new to the run: each of its results an earlier
     *                    iteration already brought ({@code seen}) fills a slot with the iteration's mean
     *                    image reward, so a concept that only repeats itself drifts to the average instead
     *                    of keeping the score of its first visit (false = the paper: seen results are
     *                    simply not there)
     */
    public static Scoring of(int iteration, List<SampledQuery> queries, List<Harvest.QueryResults> results,
                             List<String> sha256, float[] imageReward, int topN, double replayKeep, boolean newOnly) {
        return of(iteration, queries, results, sha256, imageReward, topN, replayKeep, newOnly, false);
    }

    /** As above; {@code seenAsMin}: a seen result fills its slot with the iteration's lowest image reward, not the mean. */
    public static Scoring of(int iteration, List<SampledQuery> queries, List<Harvest.QueryResults> results,
                             List<String> sha256, float[] imageReward, int topN, double replayKeep, boolean newOnly,
                             boolean seenAsMin) {
        int n = imageReward.length;
        int keepCount = (int) Math.floor(n * replayKeep);
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparingDouble((Integer i) -> -imageReward[i]).thenComparing(i -> i));
        int[] order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        boolean[] kept = new boolean[n];
        for (int i = 0; i < keepCount; i++) {
            kept[order[i]] = true;
        }
        double mean = 0;
        float lowest = Float.POSITIVE_INFINITY;
        for (float r : imageReward) {
            mean += r;
            lowest = Math.min(lowest, r);
        }
        float average = n == 0 ? 0f : (float) (mean / n);
        float seenFill = n == 0 ? 0f : seenAsMin ? lowest : average;
        List<Double> scores = new ArrayList<>(queries.size());
        List<QueryRecord> records = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            Harvest.QueryResults r = results.get(q);
            List<QueryRecord.ImageResult> images = new ArrayList<>();
            Map<String, Integer> failures = new LinkedHashMap<>();
            int[] rows = r.acceptedRows();
            int seen = newOnly ? (int) java.util.Arrays.stream(r.failure()).filter(SeenImages.SEEN::equals).count() : 0;
            float[] rewards = new float[rows.length + seen];
            for (int i = 0; i < rows.length; i++) {
                rewards[i] = imageReward[rows[i]];
            }
            java.util.Arrays.fill(rewards, rows.length, rewards.length, seenFill);
            for (int i = 0; i < r.candidate().length; i++) {
                SearchHit h = r.hits().get(i);
                int c = r.candidate()[i];
                if (c >= 0) {
                    images.add(new QueryRecord.ImageResult(h.id(), h.imageUrl(), sha256.get(c), (double) imageReward[c],
                            kept[c], null, h.engine(), h.licence(), h.creator(), h.pageUrl()));
                } else {
                    failures.merge(r.failure()[i], 1, Integer::sum);
                    images.add(new QueryRecord.ImageResult(h.id(), h.imageUrl(), null, null, false, r.failure()[i],
                            h.engine(), h.licence(), h.creator(), h.pageUrl()));
                }
            }
            String dropped = r.dropped() != null ? r.dropped() : rewards.length == 0 ? NO_IMAGES : null;
            QueryScore qs = rows.length == 0 ? null : QueryScore.of(java.util.Arrays.copyOf(rewards, rows.length), topN);
            Double score = dropped != null ? null : seen == 0 ? qs.score() : QueryScore.of(rewards, topN).score();
            scores.add(score);
            SampledQuery s = queries.get(q);
            records.add(new QueryRecord(iteration, s.conceptId(), s.concept(), s.text(), s.page(), s.draw().isLabel(),
                    s.predictedMean(), s.predictedStd(), s.draw().probability(), r.hits().size(), rows.length, failures,
                    qs == null ? null : new QueryRecord.RewardStats(qs.images(), qs.mean(), qs.min(), qs.max(), qs.median()),
                    score, dropped, images, r.hits().isEmpty() ? null : r.hits().get(0).engine()));
        }
        return new Scoring(imageReward, order, keepCount, kept, scores, records);
    }

    /** Number of queries with a score. */
    public int scored() {
        return (int) scores.stream().filter(s -> s != null).count();
    }

    /** Mean of the scores, null when no query was scored. */
    public Double meanScore() {
        return scores.stream().filter(s -> s != null).mapToDouble(Double::doubleValue).average().stream().boxed()
                .findFirst().orElse(null);
    }

    /** Best score, null when no query was scored. */
    public Double bestScore() {
        return scores.stream().filter(s -> s != null).mapToDouble(Double::doubleValue).max().stream().boxed()
                .findFirst().orElse(null);
    }
}

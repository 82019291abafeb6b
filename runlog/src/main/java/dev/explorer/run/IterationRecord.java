package dev.explorer.run;

import java.util.Map;

/**
 * One line of {@code iterations.jsonl}: one committed iteration.
 *
 * @param iteration        0-based iteration
 * @param startedAt        ISO-8601 instant the iteration started
 * @param seconds          wall time per phase: sample, search, download, embed, reward, fit, train, eval
 * @param queries          queries sent
 * @param queriesDropped   queries with too few results (not scored)
 * @param candidates       images downloaded and decoded (the new candidates)
 * @param kept             candidates added to the replay buffer
 * @param replaySize       replay buffer size after the iteration
 * @param failures         failed downloads by kind, summed over the iteration
 * @param meanQueryScore   mean score of the scored queries (null when none)
 * @param bestQueryScore   best query score (null when none)
 * @param trainImages      images in this iteration's training set (new + PCR x new from target and replay)
 * @param trainSteps       optimiser steps taken
 * @param trainLoss        mean MoCo-v3 loss over the iteration's steps (null when no step)
 * @param knnAccuracy      k-NN accuracy on the target's labelled test split (null without labels)
 * @param gp               concept-score model after the fit: observations, method (exact/sparse),
 *                         kernel width, fit seconds
 * @param tierMass         sampling mass held by the top 250 / top 1000 concepts of the new distribution
 * @param linearProbeAccuracy linear-probe accuracy on the labelled test split, on frozen features
 *                         (eval.linearProbe, last iteration only; null otherwise)
 * @param seen             results not downloaded or not new because an earlier iteration already
 *                         brought the image (null in runs of the first release)
 */
public record IterationRecord(
        int iteration,
        String startedAt,
        Map<String, Double> seconds,
        int queries,
        int queriesDropped,
        int candidates,
        int kept,
        int replaySize,
        Map<String, Integer> failures,
        Double meanQueryScore,
        Double bestQueryScore,
        int trainImages,
        int trainSteps,
        Double trainLoss,
        Double knnAccuracy,
        Map<String, Object> gp,
        Map<String, Double> tierMass,
        Double linearProbeAccuracy,
        Integer seen) {}

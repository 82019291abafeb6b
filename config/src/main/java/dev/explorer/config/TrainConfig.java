package dev.explorer.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Self-supervised (MoCo-v3) training done in each iteration. */
public record TrainConfig(
        @Setting(value = "Training epochs over each iteration's training set", min = 0, max = 1_000) int epochsPerIteration,
        @Setting(value = "Images per training batch (two augmented views each)", min = 2, max = 65_536) int batchSize,
        @Setting("Optimiser: adamw (CPU default) or lars (paper)") Optimizer optimizer,
        @Setting(value = "Learning rate", min = 0, max = 100, minExclusive = true) double lr,
        @Setting("Learning-rate schedule over each training call: constant (paper) or cosine (decay to 0)")
        Schedule schedule,
        @Setting(value = "Linear learning-rate warm-up over the first N optimiser steps of the encoder's life", min = 0,
                max = 10_000_000)
        int warmupSteps,
        @Setting(value = "Weight decay (not applied to biases and BatchNorm parameters)", min = 0, max = 1) double weightDecay,
        @Setting(value = "EMA coefficient of the momentum (key) encoder", min = 0, max = 1) double momentumEma,
        @Setting(value = "InfoNCE temperature", min = 0, max = 100, minExclusive = true) double temperature,
        @Setting(value = "Old:new ratio: each iteration also trains on PCR x |new| images sampled from target and replay buffer",
                min = 0, max = 100)
        double pcr,
        @Setting(value = "Share of each iteration's candidates (best by image reward) added to the replay buffer",
                min = 0, max = 1)
        double replayKeep,
        @Setting(value = "Threads that decode and augment images ahead of training", min = 1, max = 256) int loaderThreads,
        @Setting(value = "Optimiser steps per iteration, batches drawn from the iteration's training set and reshuffled as"
                + " needed (0 = epochsPerIteration passes instead); equal steps make runs with different training sets"
                + " comparable", min = 0, max = 10_000_000)
        int stepsPerIteration,
        @Setting(value = "Smallest share of the image's area a random resized crop keeps (the paper's and MoCo v2's"
                + " 0.2; MoCo v3's code uses 0.08)", min = 0.01, max = 1)
        double cropMinArea,
        @Setting(value = "Share of each iteration's new candidates, best by image reward, that join its training set"
                + " (1 = all of them, the paper; the old images are then PCR x that many)", min = 0, max = 1,
                minExclusive = true)
        double newKeep) {

    public static final TrainConfig DEFAULTS =
            new TrainConfig(2, 64, Optimizer.ADAMW, 1e-3, Schedule.CONSTANT, 0, 1e-4, 0.99, 0.2, 2.0, 0.5, 1, 0, 0.2, 1.0);

    /** The settings before {@code cropMinArea} and {@code newKeep} existed, with their defaults (tests, benchmarks). */
    public TrainConfig(int epochsPerIteration, int batchSize, Optimizer optimizer, double lr, Schedule schedule,
            int warmupSteps, double weightDecay, double momentumEma, double temperature, double pcr, double replayKeep,
            int loaderThreads, int stepsPerIteration) {
        this(epochsPerIteration, batchSize, optimizer, lr, schedule, warmupSteps, weightDecay, momentumEma, temperature,
                pcr, replayKeep, loaderThreads, stepsPerIteration, 0.2, 1.0);
    }

    /** How many of an iteration's {@code candidates} new images it trains on: the best {@code newKeep} share, at least one. */
    public int newTrained(int candidates) {
        return newKeep >= 1 || candidates == 0 ? candidates : Math.max(1, (int) Math.floor(candidates * newKeep));
    }

    public enum Schedule {
        @JsonProperty("constant") CONSTANT,
        @JsonProperty("cosine") COSINE
    }

    public enum Optimizer {
        @JsonProperty("adamw") ADAMW,
        @JsonProperty("lars") LARS
    }
}

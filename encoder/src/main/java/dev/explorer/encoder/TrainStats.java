package dev.explorer.encoder;

/**
 * What one {@link Encoder#train} call did.
 *
 * @param steps optimiser steps taken
 * @param images images trained on (each seen as two views), summed over epochs
 * @param meanLoss mean MoCo-v3 loss over all steps (NaN when no step was taken)
 * @param firstEpochLoss mean loss of the first epoch
 * @param lastEpochLoss mean loss of the last epoch
 * @param seconds wall time of the call
 * @param stepSeconds time spent in forward, backward and optimiser steps
 * @param waitSeconds time the trainer waited for the loader (augmentation is the bottleneck when
 *     this is a large share of {@code seconds})
 * @param loaderSeconds CPU time the loader threads spent decoding and augmenting
 * @param skippedImages images that could not be decoded
 * @param skippedSteps optimiser steps counted but not applied because their gradient was not finite
 *     (each also logged as a warning); included in {@code steps}
 */
public record TrainStats(long steps, long images, double meanLoss, double firstEpochLoss, double lastEpochLoss,
        double seconds, double stepSeconds, double waitSeconds, double loaderSeconds, int skippedImages,
        long skippedSteps) {

    /** Training throughput in images per second (wall time). */
    public double imagesPerSecond() {
        return seconds > 0 ? images / seconds : 0;
    }
}

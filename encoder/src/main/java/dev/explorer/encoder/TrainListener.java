package dev.explorer.encoder;

/** Progress of {@link Encoder#train}: called on the training thread after every step. */
@FunctionalInterface
public interface TrainListener {

    /**
     * @param epoch zero-based epoch of this call
     * @param step one-based step within this call
     * @param totalSteps steps this call will take
     * @param loss the step's loss
     */
    void onStep(int epoch, long step, long totalSteps, double loss);

    TrainListener NONE = (epoch, step, totalSteps, loss) -> { };
}

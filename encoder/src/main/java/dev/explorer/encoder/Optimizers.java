package dev.explorer.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import dev.explorer.config.TrainConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW and LARS written against parameter arrays directly, so that their state (moments,
 * momentum buffers, step count) is ours to checkpoint; DJL's built-in optimisers keep theirs
 * private. Weight decay and LARS adaptation skip 1-D parameters (biases, BatchNorm), as MoCo-v3's
 * LARS does. Each update reads the gradient, updates the weight in place and zeroes the gradient.
 */
abstract class Optimizers {

    final List<Parameter> params;
    final double weightDecay;
    /** Per parameter state, each list as long as {@code params}. */
    final List<List<NDArray>> state = new ArrayList<>();
    long step;

    Optimizers(List<Parameter> params, double weightDecay, NDManager manager, int buffers) {
        this.params = List.copyOf(params);
        this.weightDecay = weightDecay;
        for (int b = 0; b < buffers; b++) {
            List<NDArray> list = new ArrayList<>();
            for (Parameter p : params) {
                NDArray w = p.getArray();
                list.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            }
            state.add(list);
        }
    }

    static Optimizers create(TrainConfig train, List<Parameter> params, NDManager manager) {
        return switch (train.optimizer()) {
            case ADAMW -> new AdamW(params, train.weightDecay(), manager);
            case LARS -> new Lars(params, train.weightDecay(), manager);
        };
    }

    abstract String name();

    /** One optimiser step at learning rate {@code lr}. */
    final void update(double lr) {
        step++;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (int i = 0; i < params.size(); i++) {
                NDArray w = params.get(i).getArray();
                NDArray grad = w.getGradient();
                apply(i, w, grad, lr, w.getShape().dimension() > 1);
                grad.subi(grad);
            }
        }
    }

    /**
     * Counts a step without applying it: weights and optimiser state stay as they are and the
     * gradient is cleared (zeroed in place: subtracting a NaN gradient from itself leaves NaN).
     */
    final void skip() {
        step++;
        for (Parameter p : params) {
            ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p.getArray());
        }
    }

    abstract void apply(int i, NDArray w, NDArray grad, double lr, boolean decay);

    /** AdamW (Loshchilov and Hutter), PyTorch's formulation: decoupled decay, bias correction. */
    static final class AdamW extends Optimizers {
        static final double BETA1 = 0.9;
        static final double BETA2 = 0.999;
        static final double EPS = 1e-8;

        AdamW(List<Parameter> params, double weightDecay, NDManager manager) {
            super(params, weightDecay, manager, 2);
        }

        @Override
        String name() {
            return "adamw";
        }

        @Override
        void apply(int i, NDArray w, NDArray grad, double lr, boolean decay) {
            NDArray m = state.get(0).get(i);
            NDArray v = state.get(1).get(i);
            m.muli(BETA1).addi(grad.mul(1 - BETA1));
            v.muli(BETA2).addi(grad.square().muli(1 - BETA2));
            if (decay && weightDecay > 0) {
                w.muli(1 - lr * weightDecay);
            }
            double bc1 = 1 - Math.pow(BETA1, step);
            double bc2 = 1 - Math.pow(BETA2, step);
            NDArray denom = v.sqrt().divi(Math.sqrt(bc2)).addi(EPS);
            w.subi(m.div(denom).muli(lr / bc1));
        }
    }

    /** LARS as in MoCo-v3's {@code optimizer.py}: trust ratio 0.001, momentum 0.9. */
    static final class Lars extends Optimizers {
        static final double MOMENTUM = 0.9;
        static final double TRUST = 0.001;

        Lars(List<Parameter> params, double weightDecay, NDManager manager) {
            super(params, weightDecay, manager, 1);
        }

        @Override
        String name() {
            return "lars";
        }

        @Override
        void apply(int i, NDArray w, NDArray grad, double lr, boolean decay) {
            NDArray dp = grad;
            if (decay) {
                dp = grad.add(w.mul(weightDecay));
                double paramNorm = w.norm().getFloat();
                double updateNorm = dp.norm().getFloat();
                double q = paramNorm > 0 && updateNorm > 0 ? TRUST * paramNorm / updateNorm : 1.0;
                dp = dp.mul(q);
            }
            NDArray mu = state.get(0).get(i);
            mu.muli(MOMENTUM).addi(dp);
            w.subi(mu.mul(lr));
        }
    }
}

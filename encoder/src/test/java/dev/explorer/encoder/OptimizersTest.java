package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One-step updates of our AdamW and LARS against their formulas, computed here in doubles. */
class OptimizersTest {

    private static final float[] W = {0.5f, -1.0f, 2.0f, 0.25f};
    /** loss = sum(w * C), so the gradient is C. */
    private static final float[] C = {0.1f, -0.3f, 0.2f, 0.05f};

    private static Parameter matrix(NDManager m) {
        NDArray w = m.create(W).reshape(2, 2);
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optArray(w).build();
        w.setRequiresGradient(true);
        return p;
    }

    private static void backward(NDManager m, Parameter p) {
        try (NDManager step = m.newSubManager();
                GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(p.getArray().mul(step.create(C).reshape(2, 2)).sum());
        }
        JniUtils.setGradMode(false);
    }

    @Test
    void adamwTwoSteps() {
        Engines.pytorch(1);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Parameter p = matrix(m);
            Optimizers opt = new Optimizers.AdamW(List.of(p), 0.1, m);
            double lr = 0.01;
            double[] w = new double[4];
            double[] mm = new double[4];
            double[] vv = new double[4];
            for (int i = 0; i < 4; i++) {
                w[i] = W[i];
            }
            for (int t = 1; t <= 2; t++) {
                backward(m, p);
                opt.update(lr);
                for (int i = 0; i < 4; i++) {
                    mm[i] = 0.9 * mm[i] + 0.1 * C[i];
                    vv[i] = 0.999 * vv[i] + 0.001 * C[i] * C[i];
                    w[i] *= 1 - lr * 0.1;
                    double mh = mm[i] / (1 - Math.pow(0.9, t));
                    double vh = vv[i] / (1 - Math.pow(0.999, t));
                    w[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                }
            }
            float[] got = p.getArray().toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(w[i], got[i], 1e-6, "w[" + i + "]");
            }
            // the gradient was zeroed after the step
            assertEquals(0f, p.getArray().getGradient().abs().sum().getFloat());
        }
    }

    @Test
    void larsTwoSteps() {
        Engines.pytorch(1);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Parameter p = matrix(m);
            double wd = 0.01;
            Optimizers opt = new Optimizers.Lars(List.of(p), wd, m);
            double lr = 0.5;
            double[] w = new double[4];
            double[] mu = new double[4];
            for (int i = 0; i < 4; i++) {
                w[i] = W[i];
            }
            for (int t = 1; t <= 2; t++) {
                backward(m, p);
                opt.update(lr);
                double[] dp = new double[4];
                double wn = 0;
                double dn = 0;
                for (int i = 0; i < 4; i++) {
                    dp[i] = C[i] + wd * w[i];
                    wn += w[i] * w[i];
                    dn += dp[i] * dp[i];
                }
                double q = 0.001 * Math.sqrt(wn) / Math.sqrt(dn);
                for (int i = 0; i < 4; i++) {
                    mu[i] = 0.9 * mu[i] + dp[i] * q;
                    w[i] -= lr * mu[i];
                }
            }
            float[] got = p.getArray().toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(w[i], got[i], 1e-6, "w[" + i + "]");
            }
        }
    }
}

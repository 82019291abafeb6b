package dev.explorer.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * MoCo-v3 (Chen, Xie, He 2021), with the paper's names. Query side: backbone {@code f},
 * projector {@code g}, predictor {@code q}. Key side: {@code fM}, {@code gM}, a momentum (EMA)
 * copy of f and g that gets no gradient. The loss is symmetric InfoNCE:
 * {@code ctr(q(g(f(x1))), gM(fM(x2))) + ctr(q(g(f(x2))), gM(fM(x1)))}, where {@code ctr} is
 * cross-entropy over the batch of cosine similarities divided by the temperature, scaled by 2T.
 */
final class MoCoV3 {

    final Block f;
    final SequentialBlock g;
    final SequentialBlock q;
    final Block fM;
    final SequentialBlock gM;
    /** f, g, q in one block: what the optimiser trains. */
    final SequentialBlock query = new SequentialBlock();
    /** fM, gM in one block. */
    final SequentialBlock momentum = new SequentialBlock();

    private final List<Pair<NDArray, NDArray>> emaPairs = new ArrayList<>();

    /** Builds the heads around two identical backbones and initialises everything; fM = f, gM = g. */
    MoCoV3(Block f, Block fM, int hiddenDim, int projectionDim, NDManager manager, int imageSize) {
        this.f = f;
        this.fM = fM;
        this.g = Backbones.mlp(hiddenDim, projectionDim, true);
        this.gM = Backbones.mlp(hiddenDim, projectionDim, true);
        this.q = Backbones.mlp(hiddenDim, projectionDim, false);
        query.add(f).add(g).add(q);
        momentum.add(fM).add(gM);
        Shape input = new Shape(2, 3, imageSize, imageSize);
        query.initialize(manager, DataType.FLOAT32, input);
        momentum.initialize(manager, DataType.FLOAT32, input);
        bind();
        copyQueryToMomentum();
    }

    /**
     * Pairs query and key parameters for the EMA and marks which arrays take gradients; again
     * after a checkpoint replaced the arrays.
     */
    void bind() {
        emaPairs.clear();
        List<Parameter> qp = trainable(f, g);
        List<Parameter> mp = trainable(fM, gM);
        if (qp.size() != mp.size()) {
            throw new IllegalStateException("momentum encoder differs from query encoder: "
                    + qp.size() + " vs " + mp.size() + " parameters");
        }
        for (int i = 0; i < qp.size(); i++) {
            NDArray a = qp.get(i).getArray();
            NDArray b = mp.get(i).getArray();
            if (!a.getShape().equals(b.getShape())) {
                throw new IllegalStateException("momentum parameter " + mp.get(i).getName() + " has shape "
                        + b.getShape() + ", query has " + a.getShape());
            }
            emaPairs.add(new Pair<>(a, b));
        }
        for (Parameter p : query.getParameters().values()) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
        // the key side is never differentiated: no gradient buffers, no autograd graph
        for (Parameter p : momentum.getParameters().values()) {
            p.getArray().setRequiresGradient(false);
        }
    }

    /** Learnable parameters in a stable order (BatchNorm running statistics are not EMA'd). */
    private static List<Parameter> trainable(Block... blocks) {
        List<Parameter> out = new ArrayList<>();
        for (Block b : blocks) {
            for (Pair<String, Parameter> p : b.getParameters()) {
                Parameter.Type t = p.getValue().getType();
                if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) {
                    out.add(p.getValue());
                }
            }
        }
        return out;
    }

    /** The query encoder's trainable parameters, in order (for the optimiser and checkpoints). */
    List<Parameter> queryParameters() {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : query.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue());
            }
        }
        return out;
    }

    void copyQueryToMomentum() {
        for (Pair<NDArray, NDArray> p : emaPairs) {
            p.getKey().copyTo(p.getValue());
        }
    }

    /** theta_k = m theta_k + (1 - m) theta_q, in place; temporaries are freed by the scope. */
    void updateMomentum(double m) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Pair<NDArray, NDArray> p : emaPairs) {
                p.getValue().muli(m).addi(p.getKey().mul(1 - m));
            }
        }
    }

    /** Keys gM(fM(x)) of a view; call outside a gradient collector. */
    NDArray keys(ParameterStore ps, NDArray x) {
        return momentum.forward(ps, new NDList(x), true).singletonOrThrow();
    }

    /** Predictions q(g(f(x))) of a view. */
    NDArray predictions(ParameterStore ps, NDArray x) {
        return query.forward(ps, new NDList(x), true).singletonOrThrow();
    }

    /** ctr(q, k) = CE(normalize(q) normalize(k)^T / T, diagonal) * 2T, as in MoCo-v3. */
    static NDArray contrastive(NDArray q, NDArray k, double temperature) {
        NDArray qn = q.normalize(2, 1, 1e-12);
        NDArray kn = k.normalize(2, 1, 1e-12);
        NDArray logits = qn.matMul(kn.transpose()).divi(temperature);
        long n = logits.getShape().get(0);
        NDArray logp = logits.logSoftmax(1);
        NDArray eye = logits.getManager().eye((int) n);
        return logp.mul(eye).sum().neg().divi(n).muli(2 * temperature);
    }

    /** The symmetric loss for one batch of two views. */
    NDArray loss(ParameterStore ps, NDArray x1, NDArray x2, NDArray k1, NDArray k2, double temperature) {
        NDArray q1 = predictions(ps, x1);
        NDArray q2 = predictions(ps, x2);
        return contrastive(q1, k2, temperature).add(contrastive(q2, k1, temperature));
    }

    /** Features for embedding: f(x), or g(f(x)) when {@code projector}; eval mode. */
    NDArray features(ParameterStore ps, NDArray x, boolean projector) {
        NDList h = f.forward(ps, new NDList(x), false);
        if (projector) {
            h = g.forward(ps, h, false);
        }
        return h.singletonOrThrow();
    }
}

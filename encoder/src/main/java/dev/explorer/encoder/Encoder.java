package dev.explorer.encoder;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigProblem;
import dev.explorer.config.EncoderConfig;
import dev.explorer.config.TrainConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image encoder the agent trains and queries: MoCo-v3 on DJL's PyTorch engine.
 *
 * <pre>{@code
 * try (Encoder enc = Encoder.create(config.encoder(), config.train(), config.run().seed())) {
 *     TrainStats s = enc.train(images, 10, TrainListener.NONE);
 *     float[][] z = enc.embed(images);      // L2-normalised rows
 *     enc.save(runDir.resolve("encoder.ckpt"));
 * }
 * }</pre>
 *
 * Not thread-safe: one caller at a time. Native memory is owned by the encoder and freed by
 * {@link #close()}; every training and embedding step runs in its own NDManager.
 */
public final class Encoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Encoder.class);

    private final EncoderConfig config;
    private final TrainConfig train;
    private final long seed;
    private final Device device;
    private final NDManager root;
    private ParameterStore store;
    private final MoCoV3 model;
    private final Optimizers optimizer;
    private final Augmentation augmentation;
    private final String architecture;
    private final int featureDim;
    private final List<Model> torchScriptModels = new ArrayList<>();
    private long epochsDone;
    /** Optimiser steps over the encoder's life that one cosine spans; 0 = a cosine per training call. */
    private long cosineSteps;

    private Encoder(EncoderConfig config, TrainConfig train, long seed) {
        this.config = config;
        this.train = train;
        this.seed = seed;
        Engine engine = Engines.pytorch(config.threads());
        this.device = Engines.device(engine, config.device());
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
        this.root = NDManager.newBaseManager(device, "PyTorch");
        this.store = new ParameterStore(root, false);
        this.augmentation = new Augmentation(config.imageSize(), train.cropMinArea());
        Block f;
        Block fM;
        String backboneName;
        boolean initFromCheckpoint = config.init() != null && CheckpointFile.isCheckpoint(config.init());
        if (config.init() != null && !initFromCheckpoint) {
            f = loadTorchScript(config.init());
            fM = loadTorchScript(config.init());
            backboneName = "torchscript:" + sha256(config.init()).substring(0, 16);
        } else {
            f = Backbones.resnet(config.backbone());
            fM = Backbones.resnet(config.backbone());
            backboneName = backboneName(config.backbone());
        }
        this.model = new MoCoV3(f, fM, config.hiddenDim(), config.projectionDim(), root, config.imageSize());
        this.featureDim = (int) outputDim(f);
        this.architecture = "moco-v3 backbone=" + backboneName + " imageSize=" + config.imageSize() + " hiddenDim="
                + config.hiddenDim() + " projectionDim=" + config.projectionDim();
        this.optimizer = Optimizers.create(train, model.queryParameters(), root);
        if (initFromCheckpoint) {
            try {
                load(config.init(), false);
            } catch (IOException e) {
                close();
                throw new ConfigException(new ConfigProblem("encoder.init", config.init().toString(),
                        "cannot read the checkpoint: " + e.getMessage(), "give an intact file written by explorer pretrain"
                                + " or a run's checkpoints/*.ckpt"));
            } catch (ConfigException e) {
                close();
                throw e;
            }
            LOG.info("encoder weights start from checkpoint {} (optimiser state and epoch count start fresh)", config.init());
        }
    }

    /** A freshly initialised encoder (or one whose backbone starts from {@code encoder.init}). */
    public static Encoder create(EncoderConfig config, TrainConfig train, long seed) {
        return new Encoder(config, train, seed);
    }

    /**
     * Builds an encoder from the settings and loads a checkpoint into it.
     *
     * @throws ConfigException when the checkpoint holds another architecture (the message names
     *     both and the settings to change)
     */
    public static Encoder load(Path checkpoint, EncoderConfig config, TrainConfig train, long seed) throws IOException {
        Encoder e = new Encoder(config, train, seed);
        try {
            e.loadFrom(checkpoint);
            return e;
        } catch (IOException | RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    static String backboneName(EncoderConfig.Backbone b) {
        return switch (b) {
            case RESNET_SMALL -> "resnet-small";
            case RESNET18 -> "resnet18";
            case RESNET50 -> "resnet50";
        };
    }

    /** The architecture line a checkpoint must match, e.g. "moco-v3 backbone=resnet-small imageSize=64 ...". */
    public String architecture() {
        return architecture;
    }

    /** Width of {@link #embed} rows. */
    public int embeddingDim() {
        return config.embedFrom() == EncoderConfig.EmbedFrom.PROJECTOR ? config.projectionDim() : featureDim;
    }

    public Device device() {
        return device;
    }

    /** Optimiser steps taken over the encoder's life (restored from checkpoints). */
    public long optimizerSteps() {
        return optimizer.step;
    }

    /** Epochs trained over the encoder's life (restored from checkpoints). */
    public long epochsDone() {
        return epochsDone;
    }

    /** Number of NDArrays alive under this encoder's manager: flat across steps unless something leaks. */
    public int liveArrays() {
        return ((ai.djl.ndarray.BaseNDManager) root).getManagedArrays().size();
    }

    public TrainStats train(List<ImageSource> images, int epochs) {
        return train(images, epochs, TrainListener.NONE);
    }

    /**
     * Self-supervised MoCo-v3 training for {@code epochs} passes over {@code images}, shuffled per
     * epoch, in batches of {@code train.batchSize}. A last partial batch smaller than half a batch
     * is dropped (MoCo drops every partial batch) unless it is the epoch's only batch; a batch
     * needs at least 2 images for the contrastive loss.
     */
    public TrainStats train(List<ImageSource> images, int epochs, TrainListener listener) {
        int n = images.size();
        int bs = train.batchSize();
        List<int[]> epochPlan = new ArrayList<>();
        List<Integer> epochOf = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            int[] order = shuffled(n, seed * 1_000_003L + epochsDone + e);
            for (int start = 0; start < n; start += bs) {
                int len = Math.min(bs, n - start);
                if (!keepsBatch(len, n, bs)) {
                    continue;
                }
                int[] idx = new int[len];
                System.arraycopy(order, start, idx, 0, len);
                epochPlan.add(idx);
                epochOf.add(e);
            }
        }
        return run(images, epochPlan, epochOf, epochs, listener);
    }

    /**
     * Exactly {@code steps} optimiser steps on {@code images} (at least 2 of them): batches of
     * {@code train.batchSize} taken in order from shuffled passes, a new pass (reshuffled) whenever
     * the current one has fewer images left than a batch, so no batch holds an image twice; with
     * fewer images than a batch, every step trains on all of them. Arms of an experiment that see
     * training sets of different sizes thus take the same number of steps. Epochs in the stats
     * are the passes begun.
     */
    public TrainStats trainSteps(List<ImageSource> images, int steps, TrainListener listener) {
        int n = images.size();
        if (n < 2) {
            throw new IllegalArgumentException("a MoCo-v3 step needs at least 2 images, got " + n);
        }
        int bs = Math.min(train.batchSize(), n);
        List<int[]> plan = new ArrayList<>(steps);
        List<Integer> passOf = new ArrayList<>(steps);
        int pass = -1;
        int[] order = null;
        int at = n;
        for (int i = 0; i < steps; i++) {
            if (n - at < bs) {
                pass++;
                order = shuffled(n, seed * 1_000_003L + epochsDone + pass);
                at = 0;
            }
            plan.add(java.util.Arrays.copyOfRange(order, at, at + bs));
            passOf.add(pass);
            at += bs;
        }
        return run(images, plan, passOf, pass + 1, listener);
    }

    /** Runs a plan of batches (image indices) with their epoch numbers, counted from this call. */
    private TrainStats run(List<ImageSource> images, List<int[]> epochPlan, List<Integer> epochOf, int epochs,
            TrainListener listener) {
        long t0 = System.nanoTime();
        long totalSteps = epochPlan.size();
        double[] epochLossSum = new double[Math.max(1, epochs)];
        int[] epochSteps = new int[Math.max(1, epochs)];
        double lossSum = 0;
        long imagesSeen = 0;
        long stepNanos = 0;
        long waitNanos = 0;
        long skippedBefore = nonFiniteSteps;
        int per = augmentation.floatsPerImage();
        int s = config.imageSize();
        JniUtils.setGradMode(false);
        try (BatchLoader loader = new BatchLoader(images, augmentation, train.loaderThreads(),
                BatchLoader.defaultCacheBudget())) {
            List<Callable<BatchLoader.Batch>> tasks = new ArrayList<>();
            for (int i = 0; i < epochPlan.size(); i++) {
                int[] idx = epochPlan.get(i);
                int epoch = (int) (epochsDone + epochOf.get(i));
                tasks.add(() -> loader.trainBatch(idx, seed, epoch));
            }
            try (BatchLoader.Prefetch<BatchLoader.Batch> batches = loader.prefetch(tasks)) {
                for (int i = 0; i < totalSteps; i++) {
                    long w0 = System.nanoTime();
                    BatchLoader.Batch b = batches.next();
                    long w1 = System.nanoTime();
                    waitNanos += w1 - w0;
                    if (b.count() < 2) {
                        continue;
                    }
                    double lr = learningRate(i, totalSteps);
                    double loss = step(b, per, s, lr);
                    stepNanos += System.nanoTime() - w1;
                    lossSum += loss;
                    imagesSeen += b.count();
                    int e = epochOf.get(i);
                    epochLossSum[e] += loss;
                    epochSteps[e]++;
                    listener.onStep(e, i + 1, totalSteps, loss);
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", ie);
            }
            epochsDone += epochs;
            long steps = 0;
            for (int c : epochSteps) {
                steps += c;
            }
            double first = epochSteps[0] > 0 ? epochLossSum[0] / epochSteps[0] : Double.NaN;
            int last = epochs - 1;
            double lastLoss = last >= 0 && epochSteps[last] > 0 ? epochLossSum[last] / epochSteps[last] : Double.NaN;
            return new TrainStats(steps, imagesSeen, steps > 0 ? lossSum / steps : Double.NaN, first, lastLoss,
                    (System.nanoTime() - t0) / 1e9, stepNanos / 1e9, waitNanos / 1e9, loader.workNanos.get() / 1e9,
                    loader.failures.get(), nonFiniteSteps - skippedBefore);
        }
    }

    /**
     * With {@code train.schedule=cosine}, spans one cosine over the encoder's first {@code steps}
     * optimiser steps, across training calls, instead of one per call: pre-training runs one call
     * per epoch (to checkpoint each) but wants one decay over all epochs, and a build resumed from
     * a checkpoint continues the same curve because the position is the life step count. Past the
     * horizon the rate stays at 0. {@code 0} restores the per-call cosine.
     */
    public void cosineOverLife(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("cosine horizon must be 0 or more steps, got " + steps);
        }
        cosineSteps = steps;
    }

    /** Optimiser steps one {@link #train} epoch over {@code n} images takes (partial batches dropped as it drops them). */
    public long stepsPerEpoch(int n) {
        int bs = train.batchSize();
        return n / bs + (n % bs > 0 && keepsBatch(n % bs, n, bs) ? 1 : 0);
    }

    /** Whether an epoch trains on a batch of {@code len} of its {@code n} images (a short last one only when worth it). */
    private static boolean keepsBatch(int len, int n, int bs) {
        return len >= 2 && (len * 2 >= bs || len == n); // len == n: the epoch's only batch
    }

    /** Learning rate at step {@code i} of {@code total} in this call, warm-up counted over the encoder's life. */
    double learningRate(long i, long total) {
        double lr = train.lr();
        if (train.schedule() == TrainConfig.Schedule.COSINE && (cosineSteps > 0 || total > 0)) {
            double at = cosineSteps > 0 ? Math.min(1.0, (double) optimizer.step / cosineSteps) : (double) i / total;
            lr *= 0.5 * (1 + Math.cos(Math.PI * at));
        }
        long life = optimizer.step + 1;
        if (train.warmupSteps() > 0 && life <= train.warmupSteps()) {
            lr *= (double) life / train.warmupSteps();
        }
        return lr;
    }

    /**
     * Steps in a row whose gradient may be non-finite before training stops: a single bad gradient
     * is skipped (see {@link #step}), a persistent one is a divergence.
     */
    static final int MAX_NON_FINITE_STEPS_IN_A_ROW = 5;

    /** Test hook: runs after each backward pass, before the gradient check (to provoke a bad gradient). */
    java.util.function.Consumer<List<ai.djl.nn.Parameter>> afterBackward = params -> { };

    /** Where a non-finite loss came from: the input views, the first non-finite weight, or the forward pass. */
    private String nonFinite(NDArray x1, NDArray x2) {
        if (!finite(x1) || !finite(x2)) {
            return "the input views hold non-finite pixels";
        }
        String w = firstNonFinite(false);
        return w != null ? "first non-finite weight: " + w : "inputs and weights finite: the forward pass overflowed";
    }

    /** The first query parameter whose weight (or gradient) is not finite, e.g. "3 of 43 (weight, (32, 32, 3, 3))", or null. */
    private String firstNonFinite(boolean gradient) {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            scope.suppressNotUsedWarning();
            List<ai.djl.nn.Parameter> params = model.queryParameters();
            for (int i = 0; i < params.size(); i++) {
                NDArray w = params.get(i).getArray();
                if (!finite(gradient ? w.getGradient() : w)) {
                    return "parameter " + (i + 1) + " of " + params.size() + " (" + params.get(i).getName() + ", "
                            + w.getShape() + ")";
                }
            }
            return null;
        }
    }

    /** Whether every gradient is finite: one reduction and one read for all parameters (NaN and inf survive sums). */
    private boolean gradientsFinite() {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            scope.suppressNotUsedWarning();
            ai.djl.ndarray.NDList sums = new ai.djl.ndarray.NDList();
            for (ai.djl.nn.Parameter p : model.queryParameters()) {
                sums.add(p.getArray().getGradient().sum());
            }
            return Float.isFinite(ai.djl.ndarray.NDArrays.stack(sums).sum().getFloat());
        }
    }

    private static boolean finite(NDArray a) {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            scope.suppressNotUsedWarning();
            return !a.isNaN().logicalOr(a.isInfinite()).any().getBoolean();
        }
    }

    /** Non-finite gradients met in a row, and since this encoder was created or loaded. */
    private int nonFiniteInARow;
    private long nonFiniteSteps;

    /** Optimiser steps skipped because their gradient was not finite, since this encoder was created or loaded. */
    public long skippedSteps() {
        return nonFiniteSteps;
    }

    /**
     * One MoCo-v3 step on a prepared batch; returns the loss. Everything native dies with {@code sm}.
     *
     * <p>A step whose loss is finite but whose gradient is not leaves the weights and the optimiser
     * state untouched (the step still counts, so schedules and equal-step comparisons stay aligned)
     * and is logged; {@link #MAX_NON_FINITE_STEPS_IN_A_ROW} in a row stop training. Why: on AVX-512
     * machines PyTorch's CPU backward pass occasionally returned NaN in every gradient of an
     * otherwise ordinary step (finite weights, inputs and loss; about half of the runs of
     * {@code MemoryTest} here on 2026-12-06, at different steps from run to run with the same
     * seed and one thread, so not reproducible arithmetic), and applying it made every weight NaN.
     * A non-finite loss is a divergence and stops at once.
     */
    double step(BatchLoader.Batch b, int per, int s, double lr) {
        int count = b.count();
        try (NDManager sm = root.newSubManager()) {
            Shape shape = new Shape(count, 3, s, s);
            NDArray x1 = sm.create(FloatBuffer.wrap(b.view0(), 0, count * per), shape);
            NDArray x2 = sm.create(FloatBuffer.wrap(b.view1(), 0, count * per), shape);
            model.updateMomentum(train.momentumEma());
            NDArray k1 = model.keys(store, x1);
            NDArray k2 = model.keys(store, x2);
            double loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray l = model.loss(store, x1, x2, k1, k2, train.temperature());
                gc.backward(l);
                loss = l.getFloat();
            }
            JniUtils.setGradMode(false);
            afterBackward.accept(model.queryParameters());
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("training diverged: loss is " + loss + " at optimiser step "
                        + (optimizer.step + 1) + " (" + optimizer.name() + ", batch " + train.batchSize() + ", "
                        + config.imageSize() + " px; " + nonFinite(x1, x2) + "); lower train.lr (now " + train.lr() + ")");
            }
            if (gradientsFinite()) {
                nonFiniteInARow = 0;
                optimizer.update(lr);
                return loss;
            }
            String where = firstNonFinite(true);
            nonFiniteInARow++;
            nonFiniteSteps++;
            if (nonFiniteInARow >= MAX_NON_FINITE_STEPS_IN_A_ROW) {
                throw new IllegalStateException("training diverged: the gradient was not finite in " + nonFiniteInARow
                        + " steps in a row, up to optimiser step " + (optimizer.step + 1) + " (" + optimizer.name()
                        + ", batch " + train.batchSize() + ", " + config.imageSize() + " px; first non-finite gradient: "
                        + where + ", loss " + loss + "); lower train.lr (now " + train.lr() + ")");
            }
            optimizer.skip();
            LOG.warn("optimiser step {} skipped: its gradient is not finite (first at {}; loss {} and weights finite);"
                    + " {} skipped since this encoder was created or loaded", optimizer.step, where, loss, nonFiniteSteps);
            return loss;
        }
    }

    /**
     * L2-normalised features of each image, in order: the backbone's output (or the projector's,
     * per {@code encoder.embedFrom}), BatchNorm in eval mode, the centre square resized to the
     * input size. An image that cannot be decoded gets the features of a mean-colour image.
     */
    public float[][] embed(List<ImageSource> images) {
        return embed(images, done -> { });
    }

    /**
     * As {@link #embed(List)}, telling {@code progress} how many images each finished batch held
     * (on the calling thread), so a caller can show progress. The batches are the same either way.
     */
    public float[][] embed(List<ImageSource> images, java.util.function.IntConsumer progress) {
        int n = images.size();
        float[][] out = new float[n][];
        int bs = Math.max(1, train.batchSize());
        JniUtils.setGradMode(false);
        try (BatchLoader loader = new BatchLoader(images, augmentation, train.loaderThreads(), 0)) {
            List<Callable<BatchLoader.Batch>> tasks = new ArrayList<>();
            List<int[]> plan = new ArrayList<>();
            for (int start = 0; start < n; start += bs) {
                int[] idx = new int[Math.min(bs, n - start)];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = start + k;
                }
                plan.add(idx);
                tasks.add(() -> loader.centerBatch(idx));
            }
            try (BatchLoader.Prefetch<BatchLoader.Batch> batches = loader.prefetch(tasks)) {
                for (int[] idx : plan) {
                    BatchLoader.Batch b = batches.next();
                    float[] flat = features(b.view0(), b.count());
                    int d = flat.length / b.count();
                    for (int k = 0; k < idx.length; k++) {
                        float[] row = new float[d];
                        System.arraycopy(flat, k * d, row, 0, d);
                        out[idx[k]] = row;
                    }
                    progress.accept(idx.length);
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("embedding interrupted", ie);
            }
        }
        return out;
    }

    /** L2-normalised features of {@code count} prepared CHW images, row-major (count x dim). */
    float[] features(float[] input, int count) {
        int s = config.imageSize();
        boolean projector = config.embedFrom() == EncoderConfig.EmbedFrom.PROJECTOR;
        try (NDManager sm = root.newSubManager()) {
            NDArray x = sm.create(FloatBuffer.wrap(input, 0, count * augmentation.floatsPerImage()),
                    new Shape(count, 3, s, s));
            return model.features(store, x, projector).normalize(2, 1, 1e-12).toFloatArray();
        }
    }

    /**
     * Writes both encoders (query f, g, q and momentum fM, gM, BatchNorm statistics included),
     * the optimiser's state and step count, and the epoch count, atomically ({@link CheckpointFile}).
     */
    public void save(Path path) throws IOException {
        CheckpointFile.write(path, new CheckpointFile.Header(architecture, optimizer.name(), optimizer.step, epochsDone),
                out -> {
                    model.query.saveParameters(out);
                    model.momentum.saveParameters(out);
                }, optimizer.state, optimizer.params.size());
    }

    /**
     * Loads a checkpoint into this encoder. Restored: both encoders bit for bit (weights and
     * BatchNorm running statistics), the optimiser's moments or momentum buffers and step count,
     * the epoch count (so augmentation and shuffling continue where they stopped). Not restored:
     * the optimiser state when the checkpoint was trained with a different optimiser (a warning
     * says so and the optimiser starts fresh); the settings themselves (lr, temperature, ...) come
     * from the current configuration.
     */
    public void loadFrom(Path checkpoint) throws IOException {
        load(checkpoint, true);
    }

    /**
     * Reads a checkpoint: the weights always; the optimiser state, step and epoch counts only when
     * {@code resume} (a start from {@code encoder.init} keeps the weights and trains afresh).
     */
    private void load(Path checkpoint, boolean resume) throws IOException {
        CheckpointFile.Contents c = CheckpointFile.read(checkpoint, architecture, root, in -> {
            model.query.loadParameters(root, in);
            model.momentum.loadParameters(root, in);
            model.bind();
            // the store caches parameter arrays on first use: start a new one for the loaded arrays
            store = new ParameterStore(root, false);
        });
        List<List<NDArray>> state = c.optimizerState();
        int buffers = state.size();
        int params = c.params();
        if (!resume) {
            // a starting point, not a resumption: keep the weights, train afresh
        } else if (c.header().optimizer().equals(optimizer.name()) && buffers == optimizer.state.size()
                && params == optimizer.params.size()) {
            for (int b = 0; b < buffers; b++) {
                for (int p = 0; p < params; p++) {
                    NDArray target = optimizer.state.get(b).get(p);
                    NDArray src = state.get(b).get(p);
                    if (!src.getShape().equals(target.getShape())) {
                        throw new IOException("corrupt checkpoint " + checkpoint + ": optimiser state shape "
                                + src.getShape() + " for " + target.getShape());
                    }
                    src.copyTo(target);
                }
            }
            optimizer.step = c.header().steps();
        } else {
            LOG.warn("checkpoint {} was trained with {}, this encoder uses {}: optimiser state starts fresh",
                    checkpoint, c.header().optimizer(), optimizer.name());
        }
        for (List<NDArray> list : state) {
            list.forEach(NDArray::close);
        }
        if (resume) {
            epochsDone = c.header().epochs();
        }
    }

    private Block loadTorchScript(Path file) {
        Model m = Model.newInstance("init-backbone", device, "PyTorch");
        torchScriptModels.add(m);
        try {
            m.load(file, file.getFileName().toString(), Map.of("trainParam", "true"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new ConfigException(new ConfigProblem("encoder.init", file.toString(),
                    "cannot load as a TorchScript module: " + e.getMessage(),
                    "give a file saved with torch.jit.save(torch.jit.script(backbone), path)"));
        }
        // accept (N, D) features or (N, C, H, W) maps, pooled to (N, C)
        return new SequentialBlock().add(m.getBlock()).add(new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            if (x.getShape().dimension() == 4) {
                x = x.mean(new int[] {2, 3});
            }
            return new ai.djl.ndarray.NDList(x);
        }));
    }

    private long outputDim(Block f) {
        try (NDManager sm = root.newSubManager()) {
            int s = config.imageSize();
            NDArray x = sm.zeros(new Shape(2, 3, s, s));
            NDArray y = f.forward(store, new ai.djl.ndarray.NDList(x), false).singletonOrThrow();
            if (y.getShape().dimension() != 2) {
                throw new ConfigException(new ConfigProblem("encoder.init", String.valueOf(config.init()),
                        "backbone output has shape " + y.getShape() + ", expected (N, D)",
                        "export a backbone that returns pooled features"));
            }
            return y.getShape().get(1);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem("encoder.init", file.toString(), "cannot read: " + e.getMessage(),
                    "give a readable TorchScript file"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    // for tests
    MoCoV3 model() {
        return model;
    }

    Optimizers optimizer() {
        return optimizer;
    }

    ParameterStore store() {
        return store;
    }

    NDManager manager() {
        return root;
    }

    @Override
    public void close() {
        root.close();
        for (Model m : torchScriptModels) {
            m.close();
        }
    }
}

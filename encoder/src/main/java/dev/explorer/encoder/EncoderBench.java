package dev.explorer.encoder;

import dev.explorer.config.EncoderConfig;
import dev.explorer.config.TrainConfig;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Throughput of one MoCo-v3 training step, of embedding, and of augmentation, on synthetic input:
 * the DJL half of {@code scripts/bench-encoder}, which runs the same step in PyTorch
 * ({@code scripts/bench_encoder.py}) alternately and prints the ratios. Not a test.
 *
 * <pre>
 * java ... dev.explorer.encoder.EncoderBench MODE [backbone] [imageSize] [batch] [steps] [warmup] [hidden] [proj]
 *   MODE: train | embed | augment
 * </pre>
 * Threads are the engine's: pass -Dai.djl.pytorch.num_threads=N. Prints one JSON line.
 */
public final class EncoderBench {

    private EncoderBench() {}

    public static void main(String[] args) throws Exception {
        String mode = arg(args, 0, "train");
        String backbone = arg(args, 1, "resnet-small");
        int size = Integer.parseInt(arg(args, 2, "64"));
        int batch = Integer.parseInt(arg(args, 3, "64"));
        int steps = Integer.parseInt(arg(args, 4, "10"));
        int warmup = Integer.parseInt(arg(args, 5, "2"));
        int hidden = Integer.parseInt(arg(args, 6, "1024"));
        int proj = Integer.parseInt(arg(args, 7, "128"));
        EncoderConfig.Backbone b = switch (backbone) {
            case "resnet18" -> EncoderConfig.Backbone.RESNET18;
            case "resnet50" -> EncoderConfig.Backbone.RESNET50;
            default -> EncoderConfig.Backbone.RESNET_SMALL;
        };
        String threads = System.getProperty("ai.djl.pytorch.num_threads", "1");
        if (mode.equals("augment")) {
            augment(size, steps * batch, threads);
            return;
        }
        EncoderConfig ec = new EncoderConfig(b, size, EncoderConfig.Device.CPU, Integer.parseInt(threads),
                EncoderConfig.EmbedFrom.BACKBONE, hidden, proj, null);
        TrainConfig tc = new TrainConfig(1, batch, TrainConfig.Optimizer.ADAMW, 1e-3, TrainConfig.Schedule.CONSTANT, 0,
                1e-4, 0.99, 0.2, 2.0, 0.5, 1, 0);
        int per = 3 * size * size;
        float[] v0 = new float[batch * per];
        float[] v1 = new float[batch * per];
        Random r = new Random(0);
        for (int i = 0; i < v0.length; i++) {
            v0[i] = (float) r.nextGaussian();
            v1[i] = (float) r.nextGaussian();
        }
        BatchLoader.Batch data = new BatchLoader.Batch(batch, v0, v1);
        try (Encoder enc = Encoder.create(ec, tc, 0)) {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            double seconds = 0;
            double cpuSeconds = 0;
            double loss = 0;
            // -Dexplorer.bench.profile=FILE: libtorch's profiler over the timed steps, as a Chrome
            // trace (scripts/compare_profiles.py sets its per-operator times beside PyTorch's)
            String profile = System.getProperty("explorer.bench.profile");
            for (int i = 0; i < warmup + steps; i++) {
                if (i == warmup && profile != null) {
                    ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
                }
                long t0 = System.nanoTime();
                long c0 = mx.getCurrentThreadCpuTime();
                if (mode.equals("train")) {
                    loss = enc.step(data, per, size, 1e-3);
                } else {
                    enc.features(v0, batch);
                }
                if (i >= warmup) {
                    seconds += (System.nanoTime() - t0) / 1e9;
                    cpuSeconds += (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                }
            }
            if (profile != null) {
                ai.djl.pytorch.jni.JniUtils.stopProfile(profile);
            }
            // with one intra-op thread all tensor work runs on this thread: its CPU time is the
            // cost of the step whatever else loads the machine
            System.out.printf(Locale.ROOT,
                    "{\"engine\":\"djl\",\"mode\":\"%s\",\"backbone\":\"%s\",\"imageSize\":%d,\"batch\":%d,\"threads\":%s,"
                            + "\"steps\":%d,\"seconds\":%.3f,\"imagesPerSecond\":%.2f,\"cpuImagesPerSecond\":%.2f,"
                            + "\"loss\":%.4f}%n",
                    mode, backbone, size, batch, threads, steps, seconds, steps * (double) batch / seconds,
                    steps * (double) batch / cpuSeconds, loss);
        }
    }

    /** Two augmented views per image from a 2.25x-size decoded photo-like image, one thread. */
    private static void augment(int size, int images, String threads) {
        int src = (int) Math.ceil(size * 2.25);
        BufferedImage img = new BufferedImage(src, src, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(1);
        for (int y = 0; y < src; y++) {
            for (int x = 0; x < src; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        Images.Decoded d = Images.fromBuffered(img);
        Augmentation aug = new Augmentation(size);
        float[] out = new float[aug.floatsPerImage()];
        for (int i = 0; i < 200; i++) {
            aug.view(d, i % 2, new SplittableRandom(i), out, 0);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < images; i++) {
            SplittableRandom rng = new SplittableRandom(i);
            aug.view(d, 0, rng, out, 0);
            aug.view(d, 1, rng, out, 0);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT,
                "{\"engine\":\"java\",\"mode\":\"augment\",\"imageSize\":%d,\"sourceSize\":%d,\"images\":%d,"
                        + "\"seconds\":%.3f,\"imagesPerSecond\":%.2f,\"threads\":1}%n",
                size, src, images, seconds, images / seconds);
    }

    private static String arg(String[] args, int i, String def) {
        return args.length > i ? args[i] : def;
    }
}

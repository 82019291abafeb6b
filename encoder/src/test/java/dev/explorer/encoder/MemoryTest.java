package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import dev.explorer.config.EncoderConfig;
import dev.explorer.config.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Native memory must not grow with steps: every step's arrays die with its sub-manager. */
class MemoryTest {

    private static int systemArrays() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            return ((BaseNDManager) m.getParentManager()).getManagedArrays().size();
        }
    }

    @Test
    void liveArraysStayFlatOverHundredsOfSteps() {
        // 32 px in batches of 8 from noisy images. The test is about memory. It used to fail with
        // "training diverged" (CI 2026-12-05 at step 16, 16 px; CI 2026-12-06 at step 60, 32 px; here
        // 5 of 11 runs on 2026-12-06, mostly at LARS step 24, and also with ONEDNN_MAX_CPU_ISA=AVX2
        // or MALLOC_PERTURB_): in the failing step the loss, the inputs and every weight were finite,
        // yet every gradient came back NaN. Encoder.step now skips such a step (logged, counted in
        // TrainStats.skippedSteps); with that, 6 of 6 runs passed, two with one skipped step each.
        EncoderConfig ec = new EncoderConfig(EncoderConfig.Backbone.RESNET_SMALL, 32, EncoderConfig.Device.CPU, 1,
                EncoderConfig.EmbedFrom.BACKBONE, 16, 8, null);
        for (TrainConfig.Optimizer opt : TrainConfig.Optimizer.values()) {
            TrainConfig tc = new TrainConfig(1, 8, opt, 1e-5, TrainConfig.Schedule.COSINE, 5, 1e-4, 0.99, 0.2, 2.0,
                    0.5, 1, 0);
            List<ImageSource> imgs = Synthetic.noisyImages(4, 2, 3, 40);
            try (Encoder enc = Encoder.create(ec, tc, 2)) {
                enc.train(imgs, 20);
                enc.embed(imgs);
                int before = enc.liveArrays();
                int sysBefore = systemArrays();
                long rssAfterFirst = 0;
                for (int chunk = 0; chunk < 3; chunk++) {
                    enc.train(imgs, 50);
                    enc.embed(imgs);
                    assertEquals(before, enc.liveArrays(), opt + ": arrays under the encoder after chunk " + chunk);
                    if (chunk == 0) {
                        rssAfterFirst = nativeKb();
                    }
                }
                assertEquals(170, enc.optimizerSteps());
                assertEquals(before, enc.liveArrays(), opt + ": arrays under the encoder");
                assertEquals(sysBefore, systemArrays(), opt + ": arrays anywhere");
                // the JIT still warms up during the first chunk; after it, memory outside the Java
                // heap must level off. RSS minus the committed heap is a coarse measure (allocator
                // arenas, GC timing): 88 MB of drift was seen once on a loaded machine, so the bound
                // is 256 MB; the leak this guards against grew ~300 MB per step. The array counts
                // above are the exact check.
                long grown = nativeKb() - rssAfterFirst;
                assertTrue(grown < 256_000, opt + ": memory outside the Java heap grew by " + grown + " kB over 100 steps");
            }
        }
    }

    /** Resident memory minus the committed Java heap, after a GC. */
    private static long nativeKb() {
        System.gc();
        return rssKb() - Runtime.getRuntime().totalMemory() / 1024;
    }

    private static long rssKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return 0;
    }
}

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
        // 32 px in batches of 8 from noisy images. The test is about memory, and at 16 px in batches
        // of 4 from flat-background images (the backbone's last stage a 1 x 1 map, BatchNorm over 4
        // values) it diverged to NaN in 1 of 20 runs here (commit fe546fe; 0 of 30 on 2026-12-06)
        // and in CI even at lr 1e-5 (2026-12-05, step 16), where the weights barely move from their
        // initial values, so the batch rather than the step size is the likely cause (not proven):
        // a batch of flat crops has near-zero
        // variance per channel, and BatchNorm's backward pass then scales the gradient by up to
        // 1/sqrt(eps) ~ 316 per layer. Here the last stage is 2 x 2, BatchNorm sees 32 values per
        // channel and no crop is flat.
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

package dev.explorer.encoder.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.config.common.ImageFiles;
import dev.explorer.encoder.Encoder;
import dev.explorer.encoder.ImageSource;
import dev.explorer.encoder.Images;
import dev.explorer.encoder.TrainStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explorer pretrain FOLDER --out FILE}: self-supervised MoCo-v3 training on every image
 * under a folder, written as a checkpoint that {@code encoder.init} accepts. This is the stand-in
 * for the paper's starting point (a MoCo-v3 encoder trained on ImageNet): offline, the pool's own
 * images ({@code <pool>/thumbs}) are the large generic collection at hand.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Self-supervised MoCo-v3 pre-training on every image under FOLDER (e.g. a pool's thumbs/); "
                + "writes a checkpoint after every epoch, for encoder.init of later runs."})
public final class PretrainCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PretrainCommand.class);

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "Folder searched recursively for images.")
    Path folder;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Checkpoint to write (replaced after every epoch).")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "1", description = "Passes over the images (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--max-images", paramLabel = "N", defaultValue = "0",
            description = "Use a seeded sample of at most N images (0: all).")
    int maxImages;

    @Option(names = "--continue", description = "Continue training the checkpoint at --out (weights, optimiser state, epoch count).")
    boolean cont;

    @Override
    public Integer call() throws IOException {
        ExplorerConfig cfg = config.load();
        if (!Files.isDirectory(folder)) {
            throw new UsageException("no such folder: " + folder + "; give a folder of images, e.g. <pool>/thumbs");
        }
        if (epochs < 1) {
            throw new UsageException("--epochs must be at least 1, got " + epochs);
        }
        if (maxImages < 0) {
            throw new UsageException("--max-images must be 0 (all) or more, got " + maxImages);
        }
        if (cont && !Files.isRegularFile(out)) {
            throw new UsageException("--continue: no checkpoint at " + out + "; drop --continue to start one");
        }
        List<Path> images = ImageFiles.list(folder);
        if (images.size() < 2) {
            throw new UsageException("found " + images.size() + " images under " + folder + " (" + ImageFiles.RASTER
                    + "); self-supervised training needs at least 2");
        }
        long seed = cfg.run().seed();
        if (maxImages > 0 && images.size() > maxImages) {
            images = new ArrayList<>(images);
            Collections.shuffle(images, new Random(seed));
            images = images.subList(0, maxImages);
        }
        PrintWriter pw = spec.commandLine().getOut();
        List<ImageSource> sources = ImageSource.ofPaths(images);
        try (Encoder enc = cont ? Encoder.load(out, cfg.encoder(), cfg.train(), seed)
                : Encoder.create(cfg.encoder(), cfg.train(), seed)) {
            LOG.info("pre-training {} on {} images under {} for {} epochs", enc.architecture(), images.size(), folder, epochs);
            // train.schedule=cosine decays once over all epochs of this command, not once per epoch
            enc.cosineOverLife((enc.epochsDone() + epochs) * enc.stepsPerEpoch(sources.size()));
            double first = Double.NaN;
            double last = Double.NaN;
            double seconds = 0;
            for (int e = 0; e < epochs; e++) {
                // one epoch per call, so the checkpoint is rewritten after each
                TrainStats s = TrainBar.train(enc, sources, 1, "pretrain", LOG);
                enc.save(out);
                first = e == 0 ? s.meanLoss() : first;
                last = s.meanLoss();
                seconds += s.seconds();
                LOG.info("epoch {} ({}/{} of this call): loss {}, {} img/s; saved {}", enc.epochsDone(), e + 1, epochs, String.format(Locale.ROOT, "%.4f", s.meanLoss()),
                        String.format(Locale.ROOT, "%.1f", s.imagesPerSecond()), out);
            }
            pw.printf(Locale.ROOT, "pre-trained %s on %d images, %d epochs (%d in all), %d optimiser steps%n",
                    enc.architecture(), images.size(), epochs, enc.epochsDone(), enc.optimizerSteps());
            pw.printf(Locale.ROOT, "  loss %.4f (first epoch) -> %.4f (last epoch), %.0f s%n", first, last, seconds);
            pw.printf(Locale.ROOT, "  checkpoint: %s%n  start a run from it with: --set encoder.init=%s%n", out, out);
        }
        pw.flush();
        return 0;
    }
}

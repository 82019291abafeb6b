package dev.explorer.encoder.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.encoder.Encoder;
import dev.explorer.encoder.ImageSource;
import dev.explorer.encoder.TrainListener;
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
import java.util.stream.Stream;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
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
    static final List<String> IMAGE_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp");

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
        List<Path> images = list(folder);
        if (images.size() < 2) {
            throw new UsageException("found " + images.size() + " images under " + folder + " (" + IMAGE_SUFFIXES
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
            double first = Double.NaN;
            double last = Double.NaN;
            double seconds = 0;
            for (int e = 0; e < epochs; e++) {
                TrainStats s = trainEpoch(enc, sources, e);
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

    private static TrainStats trainEpoch(Encoder enc, List<ImageSource> sources, int epoch) {
        // the epoch as counted over the checkpoint's life, so a --continue shows where it stands
        ProgressBarBuilder pbb = new ProgressBarBuilder().setTaskName("epoch " + (enc.epochsDone() + 1))
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" steps", 1).setUpdateIntervalMillis(1000);
        if (System.console() == null) {
            pbb.setConsumer(new DelegatingProgressBarConsumer(LOG::info)).setUpdateIntervalMillis(30_000);
        }
        try (ProgressBar pb = pbb.build()) {
            TrainListener listener = (e, step, total, loss) -> {
                pb.maxHint(total);
                pb.stepTo(step);
                pb.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
            };
            return enc.train(sources, 1, listener);
        }
    }

    /** Every image file under {@code dir}, sorted, so the same folder gives the same order. */
    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return IMAGE_SUFFIXES.stream().anyMatch(n::endsWith);
            }).sorted().toList();
        }
    }
}

package dev.explorer.encoder.cli;

import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigProblem;
import dev.explorer.config.EncoderConfig;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.encoder.CheckpointFile;
import dev.explorer.encoder.Encoder;
import dev.explorer.encoder.TrainStats;
import dev.explorer.encoder.eval.Evaluation;
import dev.explorer.encoder.eval.LabelledImages;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
 * {@code explorer eval TARGET}: k-NN and linear-probe accuracy of an encoder (random init or a
 * checkpoint) on a labelled split, {@code TARGET/train} and {@code TARGET/test} each holding a
 * {@code labels.csv}. With {@code --train-epochs N} it first trains the encoder self-supervised
 * (labels unused) on the train images and evaluates before and after.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"k-NN (cosine, k=eval.knnK, weighted votes) and linear-probe accuracy of the encoder on a "
                + "labelled target split: TARGET/train and TARGET/test, each with labels.csv (path,label), as "
                + "written by 'explorer pool targets'."})
public final class EvalCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EvalCommand.class);

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Folder with train/ and test/ (each with labels.csv).")
    Path target;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Encoder checkpoint to evaluate; its architecture overrides encoder.* settings. "
                    + "Default: a randomly initialised encoder (seed run.seed).")
    Path checkpoint;

    @Option(names = "--train-epochs", paramLabel = "N", defaultValue = "0",
            description = "Before the final evaluation, train self-supervised (MoCo-v3, labels unused) on the train "
                    + "images for N epochs (default ${DEFAULT-VALUE}).")
    int trainEpochs;

    @Option(names = "--save", paramLabel = "FILE", description = "Write the encoder's checkpoint here after training.")
    Path save;

    @Option(names = "--json", description = "Print one JSON object per evaluation instead of text.")
    boolean json;

    /** Runs the command on its own (the agent's {@code explorer} registers it as a subcommand). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new EvalCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ExplorerConfig cfg = config.load();
        if (!Files.isDirectory(target)) {
            throw new UsageException("no such target folder: " + target
                    + "; write one with: explorer pool targets (or give a folder with train/ and test/)");
        }
        if (trainEpochs < 0) {
            throw new UsageException("--train-epochs must be 0 or more, got " + trainEpochs);
        }
        LabelledImages.Split split = LabelledImages.readSplit(target);
        EncoderConfig ec = cfg.encoder();
        if (checkpoint != null) {
            ec = matching(ec, CheckpointFile.readArchitecture(checkpoint), checkpoint);
        }
        PrintWriter out = spec.commandLine().getOut();
        long seed = cfg.run().seed();
        try (Encoder enc = checkpoint != null ? Encoder.load(checkpoint, ec, cfg.train(), seed)
                : Encoder.create(ec, cfg.train(), seed)) {
            String source = checkpoint != null ? "checkpoint " + checkpoint
                    : ec.init() != null ? "encoder.init " + ec.init() : "random init (seed " + seed + ")";
            LOG.info("encoder {} on {}; {} train / {} test images, {} classes", enc.architecture(), enc.device(),
                    split.train().images().size(), split.test().images().size(), split.classNames().size());
            Evaluation before = Evaluation.run(enc, split, cfg.eval(), seed);
            print(out, source, enc, before, null);
            if (trainEpochs > 0) {
                TrainStats stats = TrainBar.train(enc, split.train().images(), trainEpochs, "train", LOG);
                Evaluation after = Evaluation.run(enc, split, cfg.eval(), seed);
                print(out, "after " + trainEpochs + " epochs of MoCo-v3 on the train images", enc, after, stats);
                if (save != null) {
                    enc.save(save);
                    LOG.info("saved {}", save);
                }
            }
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, String what, Encoder enc, Evaluation e, TrainStats stats) {
        if (json) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT,
                    "{\"encoder\":\"%s\",\"state\":\"%s\",\"knn\":%.4f,\"linearProbe\":%s,\"train\":%d,\"test\":%d,"
                            + "\"classes\":%d,\"chance\":%.4f,\"epochs\":%d",
                    esc(enc.architecture()), esc(what), e.knnAccuracy(),
                    Double.isNaN(e.linearProbeAccuracy()) ? "null"
                            : String.format(Locale.ROOT, "%.4f", e.linearProbeAccuracy()),
                    e.trainImages(), e.testImages(), e.classes(), e.chance(), enc.epochsDone()));
            if (stats != null) {
                sb.append(String.format(Locale.ROOT,
                        ",\"meanLoss\":%.4f,\"firstEpochLoss\":%.4f,\"lastEpochLoss\":%.4f,\"trainSeconds\":%.1f,"
                                + "\"imagesPerSecond\":%.1f,\"loaderSeconds\":%.1f,\"waitSeconds\":%.1f",
                        stats.meanLoss(), stats.firstEpochLoss(), stats.lastEpochLoss(), stats.seconds(),
                        stats.imagesPerSecond(), stats.loaderSeconds(), stats.waitSeconds()));
            }
            out.println(sb.append('}'));
            return;
        }
        out.printf(Locale.ROOT, "%s: %s%n", what, enc.architecture());
        if (stats != null) {
            out.printf(Locale.ROOT, "  training: %d steps, loss %.4f (first epoch) -> %.4f (last epoch), %.1f s, %.1f img/s%n",
                    stats.steps(), stats.firstEpochLoss(), stats.lastEpochLoss(), stats.seconds(),
                    stats.imagesPerSecond());
            out.printf(Locale.ROOT, "  loader: %.1f s CPU decoding and augmenting; the trainer waited %.1f s of %.1f s%n",
                    stats.loaderSeconds(), stats.waitSeconds(), stats.seconds());
        }
        out.printf(Locale.ROOT, "  k-NN accuracy:         %.2f%%  (%d train / %d test images, %d classes, majority class %.2f%%)%n",
                100 * e.knnAccuracy(), e.trainImages(), e.testImages(), e.classes(), 100 * e.chance());
        if (!Double.isNaN(e.linearProbeAccuracy())) {
            out.printf(Locale.ROOT, "  linear-probe accuracy: %.2f%%%n", 100 * e.linearProbeAccuracy());
        }
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The settings with the architecture a checkpoint was written with. */
    static EncoderConfig matching(EncoderConfig base, String architecture, Path checkpoint) {
        EncoderConfig.Backbone backbone = base.backbone();
        int imageSize = base.imageSize();
        int hidden = base.hiddenDim();
        int proj = base.projectionDim();
        for (String part : architecture.split(" ")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            switch (key) {
                case "backbone" -> {
                    if (value.startsWith("torchscript:")) {
                        if (base.init() == null) {
                            throw new ConfigException(new ConfigProblem("encoder.init", checkpoint.toString(),
                                    "the checkpoint's backbone came from a TorchScript file (" + value + ")",
                                    "set encoder.init to that .pt file"));
                        }
                    } else {
                        backbone = switch (value) {
                            case "resnet-small" -> EncoderConfig.Backbone.RESNET_SMALL;
                            case "resnet18" -> EncoderConfig.Backbone.RESNET18;
                            case "resnet50" -> EncoderConfig.Backbone.RESNET50;
                            default -> throw new ConfigException(new ConfigProblem("checkpoint", checkpoint.toString(),
                                    "unknown backbone " + value, "use a checkpoint written by this version"));
                        };
                    }
                }
                case "imageSize" -> imageSize = Integer.parseInt(value);
                case "hiddenDim" -> hidden = Integer.parseInt(value);
                case "projectionDim" -> proj = Integer.parseInt(value);
                default -> { }
            }
        }
        return new EncoderConfig(backbone, imageSize, base.device(), base.threads(), base.embedFrom(), hidden, proj,
                base.init());
    }
}

package dev.explorer.agent.start;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.explorer.config.EncoderConfig;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.TrainConfig;
import dev.explorer.config.common.ImageFiles;
import dev.explorer.encoder.Encoder;
import dev.explorer.encoder.ImageSource;
import dev.explorer.encoder.TrainStats;
import dev.explorer.encoder.cli.TrainBar;
import dev.explorer.pool.PoolEntry;
import dev.explorer.pool.PoolLayout;
import dev.explorer.pool.cli.PoolDirs;
import dev.explorer.run.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoder a run starts from when {@code encoder.init} is empty: MoCo-v3 pre-trained on the
 * offline pool's thumbnails. The paper starts from a MoCo-v3 ResNet-50 trained on ImageNet;
 * nothing like it installs here, and from random weights the reward measures drawing style more
 * than subject (docs/encoder.md). Like the pool index and the vocabulary embeddings it is built
 * once and cached: {@code <cacheDir>/pretrained/<pool>-<backbone>-<size>px-<hidden>x<proj>.ckpt},
 * with a header beside it ({@code .ckpt.json}: pool and its fingerprint, architecture, recipe,
 * epochs) that decides whether it is still valid. The checkpoint itself carries the architecture
 * line in its own header, and {@code encoder.init} of a run names the file, so a resumed run
 * starts from the same weights.
 */
public final class PoolStart {
    private static final Logger LOG = LoggerFactory.getLogger(PoolStart.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /**
     * Pre-training images/s for resnet-small at 64 px on 2 quiet cores, with glibc malloc as
     * bin/explorer sets it (docs/encoder.md): 2 or more PyTorch threads measured (session 14, the
     * hold-out start's seed-3 build: 143-146 images/s in epochs 2-3, 11.6 min in all; 81 before the
     * malloc settings); 1 thread derived from it by scripts/bench-encoder's 1- to 2-thread training
     * ratio (115 / 161), not measured on a build. Scaled by pixel count for other sizes. Other
     * backbones: unknown.
     */
    static final double IMAGES_PER_SECOND_1_THREAD = 100;
    static final double IMAGES_PER_SECOND_2_THREADS = 145;

    /** What the cache holds for a configuration. */
    public enum State { READY, MISSING, STALE, NO_POOL }

    /** The cache's state, the files and the reason when it is not ready. */
    public record Status(State state, Path checkpoint, Path pool, String reason) {}

    private PoolStart() {}

    /** The checkpoint file for this configuration's pool and architecture. */
    public static Path checkpoint(ExplorerConfig c) {
        EncoderConfig e = c.encoder();
        Path pool = PoolDirs.pool(c, null);
        String name = String.format(Locale.ROOT, "%s-%s-%dpx-%dx%d%s.ckpt", pool.getFileName(),
                e.backbone().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.imageSize(), e.hiddenDim(),
                e.projectionDim(), (e.startHoldOut().isEmpty() ? "" : "-without-" + String.join("+", e.startHoldOut()))
                        + (e.startSeed() == 0 ? "" : "-seed" + e.startSeed()));
        return c.run().resolvedCacheDir().resolve("pretrained").resolve(name);
    }

    static Path header(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".json");
    }

    static Path partial(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".partial");
    }

    /** Whether the cached start exists and was built from this pool, architecture and recipe. */
    public static Status status(ExplorerConfig c) throws IOException {
        Path pool = PoolDirs.pool(c, null);
        Path ckpt = checkpoint(c);
        if (!Files.isRegularFile(pool.resolve(PoolLayout.MANIFEST))) {
            return new Status(State.NO_POOL, ckpt, pool, "no pool at " + pool);
        }
        if (!Files.isRegularFile(ckpt) || !Files.isRegularFile(header(ckpt))) {
            return new Status(State.MISSING, ckpt, pool, "not built yet");
        }
        String why = mismatch(readHeader(header(ckpt)), expected(c, pool));
        return why == null ? new Status(State.READY, ckpt, pool, null) : new Status(State.STALE, ckpt, pool, why);
    }

    /**
     * The file a run should start from, building it first when it is missing or stale and the
     * settings allow; null when the run starts from random weights (encoder.start=random, no
     * local pool, or not built and encoder.buildStart=false). Says in one line what it does.
     */
    public static Path resolve(ExplorerConfig c, Consumer<String> say) throws IOException {
        if (c.encoder().init() != null || c.encoder().start() == EncoderConfig.Start.RANDOM) {
            return null;
        }
        Status s = status(c);
        switch (s.state()) {
            case READY -> {
                say.accept("encoder: starting from the pool-pretrained encoder " + s.checkpoint());
                return s.checkpoint();
            }
            case NO_POOL -> {
                say.accept("encoder: starting from random weights (" + s.reason() + " to pre-train on; build it with "
                        + "'explorer pool build', or set encoder.start=random to silence this)");
                return null;
            }
            default -> {
                if (!c.encoder().buildStart()) {
                    say.accept("encoder: starting from random weights. A pool-pretrained start (" + s.reason()
                            + ") makes the reward follow the subject, not the drawing style (T1 reward AUC about 0.70"
                            + " -> 0.80); build it once, " + estimate(c, commandThreads(c), c.encoder().startHoldOut().isEmpty()
                            ? PoolLayout.manifest(s.pool()).images() : withoutSources(s.pool(), c.encoder().startHoldOut()).size())
                            + ", with: explorer start-encoder"
                            + presetHint(c));
                    return null;
                }
                build(c, say);
                return s.checkpoint();
            }
        }
    }

    private static String presetHint(ExplorerConfig c) {
        return c.encoder().hiddenDim() == EncoderConfig.DEFAULTS.hiddenDim() ? "" : " (with the same --preset/--set)";
    }

    /**
     * Builds (or finishes) the cached start. An interrupted build continues from its last epoch
     * ({@code .partial}); a finished one is published header first, so a reader never sees a
     * checkpoint without its header describing it.
     */
    public static Path build(ExplorerConfig c, Consumer<String> say) throws IOException {
        Path pool = PoolDirs.pool(c, null);
        PoolLayout.requirePool(pool);
        Path ckpt = checkpoint(c);
        List<Path> images = c.encoder().startHoldOut().isEmpty() ? ImageFiles.list(pool.resolve(PoolLayout.THUMBS))
                : withoutSources(pool, c.encoder().startHoldOut());
        if (images.size() < 2) {
            throw new IOException(c.encoder().startHoldOut().isEmpty()
                    ? "the pool at " + pool + " has " + images.size() + " thumbnails; rebuild it with 'explorer pool build'"
                    : "the pool at " + pool + " has " + images.size() + " thumbnails outside encoder.startHoldOut="
                            + c.encoder().startHoldOut() + "; hold out fewer sources");
        }
        int epochs = c.encoder().startEpochs();
        Path partial = partial(ckpt);
        Path partialHeader = header(partial);
        EncoderConfig arch = withoutInit(c.encoder());
        boolean resume = Files.isRegularFile(partial) && Files.isRegularFile(partialHeader)
                && mismatch(readHeader(partialHeader), expected(c, pool)) == null;
        say.accept("encoder: building the pool-pretrained start once: " + images.size() + " pool images x " + epochs
                + " epochs of MoCo-v3, " + estimate(c, c.encoder().threads(), images.size()) + "; cached as " + ckpt
                + (resume ? " (continuing an interrupted build)" : ""));
        long t0 = System.nanoTime();
        try (Encoder enc = resume ? Encoder.load(partial, arch, c.train(), c.encoder().startSeed())
                : Encoder.create(arch, c.train(), c.encoder().startSeed())) {
            List<ImageSource> sources = ImageSource.ofPaths(images);
            // one cosine (train.schedule=cosine) over the whole build, though each epoch is its own call
            enc.cosineOverLife(epochs * enc.stepsPerEpoch(sources.size()));
            while (enc.epochsDone() < epochs) {
                TrainStats st = TrainBar.train(enc, sources, 1, "pool start", LOG);
                enc.save(partial);
                AtomicFiles.write(partialHeader, JSON.writeValueAsBytes(
                        describe(c, pool, images.size(), enc, minutes(t0), false)));
                // the first estimate assumes quiet cores; from here on the measured rate says how long is left
                long left = epochs - enc.epochsDone();
                LOG.info("pool start: epoch {}/{} loss {} ({} img/s){}", enc.epochsDone(), epochs,
                        String.format(Locale.ROOT, "%.4f", st.meanLoss()),
                        String.format(Locale.ROOT, "%.0f", st.imagesPerSecond()),
                        left <= 0 ? "" : String.format(Locale.ROOT, "; about %.0f min left at this rate",
                                Math.ceil(left * st.seconds() / 60)));
            }
            AtomicFiles.write(header(ckpt), JSON.writeValueAsBytes(describe(c, pool, images.size(), enc, minutes(t0), true)));
        }
        Files.move(partial, ckpt, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(partialHeader);
        say.accept(String.format(Locale.ROOT, "encoder: pool start built in %.1f min: %s", minutes(t0), ckpt));
        return ckpt;
    }

    /**
     * The pool's thumbnails less those of the held-out sources. A source is public metadata of the
     * pool (which package an image came from, like a web site), not the ground truth of a target.
     */
    static List<Path> withoutSources(Path pool, List<String> holdOut) throws IOException {
        List<PoolEntry> entries = PoolLayout.readEntries(pool);
        Set<String> known = new TreeSet<>();
        entries.forEach(en -> known.add(en.source()));
        for (String s : holdOut) {
            if (!known.contains(s)) {
                throw new IllegalArgumentException("encoder.startHoldOut names '" + s + "', which is not a source of the"
                        + " pool at " + pool + "; its sources are " + known);
            }
        }
        Set<String> out = Set.copyOf(holdOut);
        List<Path> images = new ArrayList<>();
        for (PoolEntry en : entries) {
            Path p = pool.resolve(PoolLayout.thumbPath(en.id()));
            if (!out.contains(en.source()) && Files.isRegularFile(p)) {
                images.add(p);
            }
        }
        return images;
    }

    private static double minutes(long t0) {
        return (System.nanoTime() - t0) / 6e10;
    }

    /** The threads {@code explorer start-encoder} builds with when not told: every core, or more if set. */
    public static int commandThreads(ExplorerConfig c) {
        return Math.max(c.encoder().threads(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * An honest estimate for a build with {@code threads} PyTorch threads: the measured rate for
     * resnet-small, nothing invented for other backbones.
     */
    static String estimate(ExplorerConfig c, int threads, long images) {
        EncoderConfig e = c.encoder();
        if (e.backbone() != EncoderConfig.Backbone.RESNET_SMALL) {
            return "time unknown for " + e.backbone().name().toLowerCase(Locale.ROOT)
                    + " on this machine (the progress bar shows it after the first steps)";
        }
        double measured = threads >= 2 ? IMAGES_PER_SECOND_2_THREADS : IMAGES_PER_SECOND_1_THREAD;
        double rate = measured * (64.0 * 64.0) / (e.imageSize() * (double) e.imageSize());
        double min = images * (double) e.startEpochs() / rate / 60;
        return String.format(Locale.ROOT, "about %.0f min with %d PyTorch thread%s (%.0f images/s measured for "
                + "resnet-small on 2 quiet cores; slower while other jobs run; each epoch's log line gives the time left)",
                Math.max(1, min), threads, threads == 1 ? "" : "s", rate);
    }

    private static EncoderConfig withoutInit(EncoderConfig e) {
        return new EncoderConfig(e.backbone(), e.imageSize(), e.device(), e.threads(), e.embedFrom(), e.hiddenDim(),
                e.projectionDim(), null, e.start(), e.startEpochs(), e.buildStart(), e.startHoldOut(), e.startSeed());
    }

    /** What a valid header must say for this configuration (epochs and times aside). */
    private static ObjectNode expected(ExplorerConfig c, Path pool) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        // format 2: greyscale images read with their stored levels (format 1 starts saw them brightened by getRGB)
        o.put("format", 2);
        o.put("pool", pool.getFileName().toString());
        o.put("poolFingerprint", fingerprint(pool));
        o.put("architecture", architectureKey(c.encoder()));
        ObjectNode recipe = JSON.valueToTree(c.train());
        // settings of the exploration loop, not of pre-training
        for (String k : List.of("epochsPerIteration", "stepsPerIteration", "pcr", "replayKeep", "loaderThreads", "newKeep")) {
            recipe.remove(k);
        }
        if (c.train().cropMinArea() == TrainConfig.DEFAULTS.cropMinArea()) {
            recipe.remove("cropMinArea"); // absent at its default, so starts built before the setting existed stay valid
        }
        recipe.put("epochs", c.encoder().startEpochs());
        // one start per pool and architecture whatever a run's seed; encoder.startSeed draws another
        recipe.put("seed", c.encoder().startSeed());
        o.set("recipe", recipe);
        if (!c.encoder().startHoldOut().isEmpty()) {
            // absent for the whole pool, so starts built before the setting existed stay valid
            c.encoder().startHoldOut().forEach(o.putArray("holdOut")::add);
        }
        return o;
    }

    private static ObjectNode describe(ExplorerConfig c, Path pool, int images, Encoder enc, double minutes,
            boolean complete) throws IOException {
        ObjectNode o = expected(c, pool);
        o.put("architectureLine", enc.architecture());
        // not part of the recipe (a start built with other threads stays valid), but PyTorch's
        // multi-threaded kernels sum in another order, so the weights differ: recorded to tell builds apart
        o.put("threads", c.encoder().threads());
        o.put("images", images);
        o.put("epochsDone", enc.epochsDone());
        o.put("complete", complete);
        o.put("minutes", Math.round(minutes * 10) / 10.0);
        o.put("created", Instant.now().toString());
        return o;
    }

    private static ObjectNode readHeader(Path header) throws IOException {
        try {
            return (ObjectNode) JSON.readTree(header.toFile());
        } catch (IOException | ClassCastException e) {
            return JSON.createObjectNode(); // unreadable: treated as stale and rebuilt
        }
    }

    /** Why a header does not describe the expected start, or null when it does. */
    static String mismatch(ObjectNode have, ObjectNode want) {
        for (String k : List.of("format", "pool", "poolFingerprint", "architecture", "recipe", "holdOut")) {
            // compared as JSON text: a long written is an int read back
            if (!want.path(k).toString().equals(have.path(k).toString())) {
                return "built for another " + (k.equals("poolFingerprint") ? "version of the pool" : k);
            }
        }
        return null;
    }

    private static String architectureKey(EncoderConfig e) {
        return e.backbone() + " imageSize=" + e.imageSize() + " hiddenDim=" + e.hiddenDim() + " projectionDim="
                + e.projectionDim();
    }

    /**
     * SHA-256 of the pool's manifest. The manifest holds the build time, so any rebuild of the
     * pool (even an identical one) makes the start stale: rebuilding costs minutes, training on
     * a different pool silently would cost the meaning of the start.
     */
    static String fingerprint(Path pool) throws IOException {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(pool.resolve(PoolLayout.MANIFEST)));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

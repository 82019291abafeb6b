package dev.explorer.agent.loop;

import dev.explorer.agent.download.Downloader;
import dev.explorer.agent.search.ImageSearchEngine;
import dev.explorer.agent.search.SearchEngines;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.SamplerConfig;
import dev.explorer.encoder.Encoder;
import dev.explorer.run.Checkpoints;
import dev.explorer.run.RunDirectory;
import dev.explorer.vocab.ConceptEmbeddings;
import dev.explorer.vocab.LabelSetPruner;
import dev.explorer.vocab.Vocabularies;
import dev.explorer.vocab.Vocabulary;
import dev.explorer.vocab.descriptor.DescriptorGenerator;
import dev.explorer.vocab.descriptor.Descriptors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the loop's parts from a run's settings (vocabulary, concept embeddings, label set,
 * engine, downloader, encoder, target) and closes them afterwards. Starting and resuming differ
 * only in where the encoder comes from: a fresh one, or the last committed checkpoint.
 */
public final class Session implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    /** Where the embedded default target lives: {@code <cache>/targets/t1-emoji-animals/train}. */
    public static Path defaultTarget(ExplorerConfig c) {
        return c.run().resolvedCacheDir().resolve("targets").resolve("t1-emoji-animals").resolve("train");
    }

    private final RunDirectory run;
    private final Exploration.Parts parts;
    private final ConceptEmbeddings embeddings;
    private final Exploration exploration;

    private Session(RunDirectory run, Exploration.Parts parts, ConceptEmbeddings embeddings) {
        this.run = run;
        this.parts = parts;
        this.embeddings = embeddings;
        this.exploration = new Exploration(run, parts);
    }

    /**
     * Starts a new run: the target is checked first, so a folder without usable images is refused
     * before a run directory exists (a corrected retry is not told "already holds a run").
     */
    public static Session start(ExplorerConfig c) throws IOException {
        TargetSet target = target(c);
        return open(RunDirectory.create(c.run().runDirectory(), c), target);
    }

    /** Opens the parts for {@code run}: a new run, or a resumed one (encoder from its last checkpoint). */
    public static Session open(RunDirectory run) throws IOException {
        TargetSet target;
        try {
            target = target(run.config());
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return open(run, target);
    }

    private static TargetSet target(ExplorerConfig c) throws IOException {
        Path targetDir = c.target().dir() != null ? c.target().dir() : defaultTarget(c);
        if (c.target().dir() == null && !Files.isDirectory(targetDir)) {
            throw new TargetException("no target given and the default target is not there (" + targetDir
                    + "); write it with: explorer pool targets   (or set target.dir to a folder of images)");
        }
        TargetSet target = TargetSet.load(targetDir, c.target().labels());
        log.info("target: {} images in {}{}", target.images().size(), targetDir,
                target.evaluation() == null ? " (no labels: no k-NN accuracy)"
                        : " (k-NN evaluation on " + target.evaluation().test().images().size() + " labelled test images)");
        return target;
    }

    private static Session open(RunDirectory run, TargetSet target) throws IOException {
        try {
            Checkpoints.verify(run); // before anything slow is opened
            return openParts(run, target);
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    private static Session openParts(RunDirectory run, TargetSet target) throws IOException {
        ExplorerConfig c = run.config();
        Vocabulary vocab = Vocabularies.load(c);
        List<String> labels = c.target().classNames() == null ? null : readClassNames(c.target().classNames());
        boolean gp = c.sampler().strategy() == SamplerConfig.Strategy.GP;
        ConceptEmbeddings emb = null;
        int[] candidates = null;
        if (gp || labels != null) {
            emb = Vocabularies.embeddings(c, vocab); // cached; a WordNet subset is sliced from the full cache
            if (labels != null) {
                LabelSetPruner.Result pruned = LabelSetPruner.prune(emb, labels, c.vocab().labelSetKeep());
                candidates = pruned.rows();
                log.info("label-set mode: {} class names, {} of {} concepts kept", labels.size(), candidates.length,
                        vocab.size());
            }
        }
        log.info("vocabulary: {} concepts ({}), strategy {}", vocab.size(), vocab.name(), c.sampler().strategy());
        DescriptorGenerator descriptors = c.vocab().descriptors() == dev.explorer.config.VocabConfig.Descriptors.NONE
                ? null : Descriptors.create(c.vocab());

        Encoder encoder = encoder(run);
        ImageSearchEngine engine = SearchEngines.create(c.search(), c.download(), System::getenv);
        // the pool engine serves its images from its own endpoint, which may be local
        Downloader downloader = new Downloader(c.download(), List.of(c.search().endpoint()));
        Exploration.Parts parts = new Exploration.Parts(vocab, emb == null ? null : emb.data(), candidates, labels,
                descriptors, engine, downloader, encoder, target);
        return new Session(run, parts, emb);
    }

    /** A fresh encoder, or the last committed checkpoint, checked before it is loaded. */
    private static Encoder encoder(RunDirectory run) throws IOException {
        ExplorerConfig c = run.config();
        Path ckpt = run.lastCheckpoint();
        if (ckpt == null) {
            return Encoder.create(c.encoder(), c.train(), c.run().seed());
        }
        try {
            return Encoder.load(ckpt, c.encoder(), c.train(), c.run().seed());
        } catch (IOException | RuntimeException e) {
            throw Checkpoints.damaged(run, ckpt, "cannot be loaded (" + e + ")");
        }
    }

    static List<String> readClassNames(Path file) throws IOException {
        List<String> names = Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).distinct().toList();
        if (names.isEmpty()) {
            throw new TargetException("target.classNames " + file + " lists no class names (one per line)");
        }
        return names;
    }

    public Exploration exploration() {
        return exploration;
    }

    public RunDirectory run() {
        return run;
    }

    @Override
    public void close() throws IOException {
        parts.engine().close();
        parts.downloader().close();
        parts.encoder().close();
        if (embeddings != null) {
            embeddings.close();
        }
        run.close();
    }
}

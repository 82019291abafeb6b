package dev.explorer.vocab;

import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigProblem;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.VocabConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for the agent: the vocabulary and its embeddings as the settings describe them.
 * <pre>
 *   Vocabulary v = Vocabularies.load(config);
 *   try (ConceptEmbeddings e = Vocabularies.embeddings(config, v)) { ... }
 * </pre>
 */
public final class Vocabularies {

    private static final Logger LOG = LoggerFactory.getLogger(Vocabularies.class);

    private Vocabularies() {
    }

    /**
     * {@code vocab.source=wordnet}: all noun senses, or those of {@code vocab.lexicalFiles};
     * {@code vocab.source=file}: the queries in {@code vocab.file}.
     *
     * @throws ConfigException when the file is missing/empty or a lexical file is unknown
     */
    public static Vocabulary load(ExplorerConfig config) {
        return unsampled(config).sample(config.vocab().sample());
    }

    /** The vocabulary before {@code vocab.sample}. */
    private static Vocabulary unsampled(ExplorerConfig config) {
        VocabConfig vc = config.vocab();
        Path cache = config.run().resolvedCacheDir();
        if (vc.source() == VocabConfig.Source.FILE) {
            if (vc.file() == null) {
                throw new ConfigException(new ConfigProblem("vocab.file", null,
                        "vocab.source is file but vocab.file is empty", "set vocab.file=<text file, one query per line>"));
            }
            try {
                return UserVocabulary.read(vc.file()).vocabulary();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(new ConfigProblem("vocab.file", null, e.getMessage(),
                        "point vocab.file at a UTF-8 text file with one query per line"));
            }
        }
        try {
            return WordNetNouns.load(cache).lexicalFiles(vc.lexicalFiles());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(new ConfigProblem("vocab.lexicalFiles", null, e.getMessage(),
                    "use WordNet noun lexical file names such as noun.animal, or [] for all"));
        }
    }

    /** Where the float32 ({@code vocab.embedModel=minilm}) matrix of {@code vocabulary} is cached. */
    public static Path cacheFile(Path cacheDir, Vocabulary vocabulary) {
        return cacheFile(cacheDir, vocabulary, MiniLmEncoder.Variant.FP32);
    }

    /** Where the matrix of {@code vocabulary} made by {@code variant} is cached (int8: {@code <name>-int8.emb}). */
    public static Path cacheFile(Path cacheDir, Vocabulary vocabulary, MiniLmEncoder.Variant variant) {
        return cacheFile(cacheDir, vocabulary.name(), variant);
    }

    /** Where the matrix of the vocabulary called {@code name} made by {@code variant} is cached. */
    public static Path cacheFile(Path cacheDir, String name, MiniLmEncoder.Variant variant) {
        String suffix = variant == MiniLmEncoder.Variant.FP32 ? "" : "-" + variant.name().toLowerCase(java.util.Locale.ROOT);
        return cacheDir.resolve("vocab").resolve(name + suffix + ConceptEmbeddings.FILE_SUFFIX);
    }

    /** Where the matrix of {@code vocabulary} under the settings' {@code vocab.embedModel} is cached. */
    public static Path cacheFile(ExplorerConfig config, Vocabulary vocabulary) {
        return cacheFile(config.run().resolvedCacheDir(), vocabulary, variant(config));
    }

    /** The model file {@code vocab.embedModel} names. */
    public static MiniLmEncoder.Variant variant(ExplorerConfig config) {
        return config.vocab().embedModel() == dev.explorer.config.VocabConfig.EmbedModel.MINILM_INT8
                ? MiniLmEncoder.Variant.INT8 : MiniLmEncoder.Variant.FP32;
    }

    /** The encoder the settings ask for (not yet loaded: the model loads when get() is called). */
    public static Supplier<MiniLmEncoder> encoderFactory(ExplorerConfig config) {
        int threads = config.vocab().embedThreads();
        MiniLmEncoder.Variant variant = variant(config);
        return () -> new MiniLmEncoder(variant, threads, MiniLmEncoder.DEFAULT_MAX_TOKENS);
    }

    /** The model id every cached float32 matrix is checked against. */
    public static String modelId() {
        return ModelIdHolder.FP32;
    }

    /** The model id every cached matrix of the settings' {@code vocab.embedModel} is checked against. */
    public static String modelId(ExplorerConfig config) {
        return variant(config) == MiniLmEncoder.Variant.FP32 ? ModelIdHolder.FP32 : ModelIdHolder.INT8;
    }

    /**
     * Embeddings of {@code vocabulary}: from its own cache file; for a subset (a sample, a set of
     * WordNet lexical files), sliced from a valid cache of a vocabulary it was cut from when one
     * exists; otherwise computed (progress bar) and cached.
     */
    public static ConceptEmbeddings embeddings(ExplorerConfig config, Vocabulary vocabulary) {
        Path cacheDir = config.run().resolvedCacheDir();
        Supplier<MiniLmEncoder> factory = encoderFactory(config);
        String modelId = modelId(config);
        MiniLmEncoder.Variant variant = variant(config);
        Path own = cacheFile(cacheDir, vocabulary, variant);
        ConceptEmbeddings cached = ConceptEmbeddings.tryLoad(vocabulary, own, factory, modelId);
        if (cached != null) {
            return cached;
        }
        for (Parent parent : parents(config, vocabulary)) {
            Path file = cacheFile(cacheDir, parent.name(), variant);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            ConceptEmbeddings all = ConceptEmbeddings.tryLoad(parent.load().get(), file, factory, modelId);
            if (all != null) {
                LOG.info("Taking the {} rows of {} from the cache of {}", vocabulary.size(), vocabulary.name(), parent.name());
                return all.subsetOwning(vocabulary);
            }
        }
        return ConceptEmbeddings.loadOrCompute(vocabulary, own, factory, modelId, config.vocab().embedBatch());
    }

    /** A vocabulary a subset was cut from: its name (which names its cache file) and how to load it. */
    private record Parent(String name, Supplier<Vocabulary> load) {}

    /** Where a subset's rows may already be cached, nearest first: before {@code vocab.sample}, then all of WordNet. */
    private static List<Parent> parents(ExplorerConfig config, Vocabulary vocabulary) {
        List<Parent> out = new ArrayList<>();
        String sampled = "-sample" + config.vocab().sample();
        if (config.vocab().sample() > 0 && vocabulary.name().endsWith(sampled)) {
            String name = vocabulary.name().substring(0, vocabulary.name().length() - sampled.length());
            out.add(new Parent(name, () -> unsampled(config)));
        }
        if (vocabulary.name().startsWith(WordNetNouns.NAME + "-")) {
            out.add(new Parent(WordNetNouns.NAME, () -> WordNetNouns.load(config.run().resolvedCacheDir())));
        }
        return out;
    }

    /** Computing the id loads nothing heavy: it is the jar version plus fixed choices. */
    private static final class ModelIdHolder {
        static final String FP32 = MiniLmEncoder.modelIdFor(MiniLmEncoder.Variant.FP32, MiniLmEncoder.DEFAULT_MAX_TOKENS);
        static final String INT8 = MiniLmEncoder.modelIdFor(MiniLmEncoder.Variant.INT8, MiniLmEncoder.DEFAULT_MAX_TOKENS);
    }
}

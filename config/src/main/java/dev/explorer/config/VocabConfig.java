package dev.explorer.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;

/** The action space: which concepts can be searched and how they are described. */
public record VocabConfig(
        @Setting("Where concepts come from: wordnet (noun senses) or file (one query per line)") Source source,
        @Setting(value = "Vocabulary text file, used when vocab.source is file", optional = true,
                mustExist = Setting.PathKind.FILE)
        Path file,
        @Setting("WordNet lexical files to keep, e.g. [noun.animal, noun.food]; empty = all noun senses")
        List<String> lexicalFiles,
        @Setting(value = "Keep only this many concepts, a fixed pseudo-random subset (by a hash of each concept's id, so a "
                + "smaller sample lies inside a larger one); 0 = all. The demo uses it to embed its vocabulary in seconds",
                min = 0, max = 10_000_000)
        int sample,
        @Setting("Descriptor prepended to a concept (\"baby duck\"): none, wordnet (offline adjectives) or llm")
        Descriptors descriptors,
        @Setting(value = "OpenAI-compatible chat endpoint for vocab.descriptors=llm", optional = true)
        String descriptorEndpoint,
        @Setting(value = "Model name sent to the descriptor endpoint", optional = true) String descriptorModel,
        @Setting("Text encoder: minilm (all-MiniLM-L6-v2, float32, the reference) or minilm-int8 (its int8 "
                + "dynamically quantised copy: about 2x faster, cosine to minilm 0.99 on average, 0.97 at worst)")
        EmbedModel embedModel,
        @Setting(value = "Most concepts per batch of the text encoder (batches hold texts of one token length)",
                min = 1, max = 65_536) int embedBatch,
        @Setting(value = "Text-encoder workers, each running single-threaded ONNX Runtime on its own batches; "
                + "0 = one per core", min = 0, max = 1024)
        int embedThreads,
        @Setting(value = "Share of the vocabulary kept in label-set mode (ranked by similarity to class names)",
                min = 0, max = 1, minExclusive = true)
        double labelSetKeep) {

    public static final VocabConfig DEFAULTS =
            new VocabConfig(Source.WORDNET, null, List.of(), 0, Descriptors.NONE, null, null, EmbedModel.MINILM, 64, 0, 0.10);

    public enum Source {
        @JsonProperty("wordnet") WORDNET,
        @JsonProperty("file") FILE
    }

    public enum EmbedModel {
        @JsonProperty("minilm") MINILM,
        @JsonProperty("minilm-int8") MINILM_INT8
    }

    public enum Descriptors {
        @JsonProperty("none") NONE,
        @JsonProperty("wordnet") WORDNET,
        @JsonProperty("llm") LLM
    }
}

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
        @Setting("Descriptor prepended to a concept (\"baby duck\"): none, wordnet (offline adjectives) or llm")
        Descriptors descriptors,
        @Setting(value = "OpenAI-compatible chat endpoint for vocab.descriptors=llm", optional = true)
        String descriptorEndpoint,
        @Setting(value = "Model name sent to the descriptor endpoint", optional = true) String descriptorModel,
        @Setting(value = "Concepts embedded per batch by the text encoder", min = 1, max = 65_536) int embedBatch,
        @Setting(value = "ONNX Runtime threads for the text encoder; 0 = one per core", min = 0, max = 1024)
        int embedThreads,
        @Setting(value = "Share of the vocabulary kept in label-set mode (ranked by similarity to class names)",
                min = 0, max = 1, minExclusive = true)
        double labelSetKeep) {

    public static final VocabConfig DEFAULTS =
            new VocabConfig(Source.WORDNET, null, List.of(), Descriptors.NONE, null, null, 16, 0, 0.10);

    public enum Source {
        @JsonProperty("wordnet") WORDNET,
        @JsonProperty("file") FILE
    }

    public enum Descriptors {
        @JsonProperty("none") NONE,
        @JsonProperty("wordnet") WORDNET,
        @JsonProperty("llm") LLM
    }
}

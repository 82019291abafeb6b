package dev.explorer.vocab.descriptor;

import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigProblem;
import dev.explorer.config.VocabConfig;

/** Picks the descriptor generator {@code vocab.descriptors} names. */
public final class Descriptors {

    private Descriptors() {
    }

    /** @throws ConfigException when the llm generator lacks an endpoint or model */
    public static DescriptorGenerator create(VocabConfig config) {
        return switch (config.descriptors()) {
            case NONE -> DescriptorGenerator.NONE;
            case WORDNET -> WordNetDescriptors.load();
            case LLM -> {
                try {
                    yield ChatDescriptors.create(config.descriptorEndpoint(), config.descriptorModel());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(new ConfigProblem(
                            config.descriptorEndpoint() == null || e.getMessage().startsWith("vocab.descriptorEndpoint")
                                    ? "vocab.descriptorEndpoint" : "vocab.descriptorModel",
                            null, e.getMessage(), "set vocab.descriptorEndpoint and vocab.descriptorModel, "
                            + "or use vocab.descriptors=wordnet (offline)"));
                }
            }
        };
    }
}

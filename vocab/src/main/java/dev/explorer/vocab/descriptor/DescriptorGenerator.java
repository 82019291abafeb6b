package dev.explorer.vocab.descriptor;

import dev.explorer.vocab.Concept;
import java.util.Random;

/**
 * Produces a descriptor word for a concept, as the paper's "++" variants did ("baby" for
 * "baby duck"), so the same concept can be searched with some variety across iterations.
 */
public interface DescriptorGenerator {

    /**
     * A descriptor for {@code concept}, or an empty string when none fits.
     *
     * @param rng the caller's seeded random source: same seed, same descriptors
     */
    String descriptor(Concept concept, Random rng);

    /** The search query: {@code "<descriptor> <lemma>"}, or the plain lemma without a descriptor. */
    default String query(Concept concept, Random rng) {
        String d = descriptor(concept, rng);
        return d == null || d.isBlank() ? concept.lemma() : d + " " + concept.lemma();
    }

    /** The plain variant: no descriptor. */
    DescriptorGenerator NONE = (concept, rng) -> "";
}

package dev.explorer.agent.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.explorer.vocab.descriptor.DescriptorGenerator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** In label-set mode a class name gets a descriptor when descriptors are on, as a concept does. */
class LabelQueryTest {
    @Test
    void aClassNameGetsADescriptorOnlyWhenDescriptorsAreOn() {
        DescriptorGenerator baby = (concept, rng) -> "baby";
        assertEquals("baby duck", Exploration.labelQuery(baby, "duck", new Random(1)));
        assertEquals("duck", Exploration.labelQuery(null, "duck", new Random(1)));
        assertEquals("duck", Exploration.labelQuery(DescriptorGenerator.NONE, "duck", new Random(1)));
    }
}

package dev.explorer.agent.loop;

import dev.explorer.agent.sample.Draw;

/**
 * One query of an iteration as drawn: the sampler's draw, what it stands for and the text sent.
 *
 * @param draw          the sampler's choice (a concept row or a label-set class name) and its probability
 * @param conceptId     stable id for the logs: the concept's vocabulary id, or "label:" + class name
 * @param concept       the concept's lemma, or the class name
 * @param text          the text sent to the engine (with a descriptor when descriptors are on)
 * @param predictedMean concept-score model mean when it was drawn (null before the first fit, or for a label)
 * @param predictedStd  concept-score model std when it was drawn (null likewise)
 * @param page          the result page asked for: 0 the first time, then the next one each time the
 *                      concept is drawn again (search.nextPage)
 */
public record SampledQuery(Draw draw, String conceptId, String concept, String text, Double predictedMean,
                           Double predictedStd, int page) {

    /** The same query asking for another page. */
    SampledQuery withPage(int page) {
        return new SampledQuery(draw, conceptId, concept, text, predictedMean, predictedStd, page);
    }
}

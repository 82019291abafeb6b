package dev.explorer.agent.sample;

/**
 * One sampled query of an iteration.
 *
 * @param conceptId the concept queried, or -1 when the query is a class name (label-set mode)
 * @param label the class name queried, or null for a concept
 * @param probability the probability of this choice in a single draw from the distribution at
 *     sampling time (what rewards.jsonl records to audit the decision)
 */
public record Draw(int conceptId, String label, double probability) {
    public static Draw concept(int conceptId, double probability) {
        return new Draw(conceptId, null, probability);
    }

    public static Draw label(String label, double probability) {
        return new Draw(-1, label, probability);
    }

    public boolean isLabel() {
        return label != null;
    }
}

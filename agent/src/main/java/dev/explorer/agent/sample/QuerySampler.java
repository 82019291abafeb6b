package dev.explorer.agent.sample;

import java.util.List;

/** Chooses the queries of one iteration. */
public interface QuerySampler {
    /**
     * Draws up to {@code count} distinct queries (without replacement within the iteration); fewer
     * when fewer have non-zero probability. The same seed gives the same draws.
     */
    List<Draw> sample(int count, long seed);
}

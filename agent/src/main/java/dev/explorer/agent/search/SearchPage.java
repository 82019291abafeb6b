package dev.explorer.agent.search;

import java.util.List;

/**
 * The results of one query.
 *
 * @param query the query as the engine understood it
 * @param total matches the engine reports (may exceed the hits returned)
 * @param hits results, best first
 */
public record SearchPage(String query, int total, List<SearchHit> hits) {}

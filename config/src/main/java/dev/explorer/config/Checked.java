package dev.explorer.config;

import java.util.List;

/**
 * A settings record with rules that span several of its fields (e.g. tier masses that must sum
 * to 1). Single-value rules belong in {@link Setting}; only cross-field rules go here.
 */
public interface Checked {
    /**
     * @param path dotted path of this record, e.g. {@code "sampler"}
     * @return the problems found, empty when the record is consistent
     */
    List<ConfigProblem> check(String path);
}

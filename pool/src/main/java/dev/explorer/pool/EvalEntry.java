package dev.explorer.pool;

/**
 * Ground truth for one pool image: a line of {@code eval.jsonl}. Used only to evaluate; never
 * indexed, never served.
 *
 * @param key      where the image came from inside its source
 * @param taxonomy the source's own classification (directory, emoji category/subcategory, class)
 * @param topic    coarse topic id from {@link Topic}
 */
public record EvalEntry(String id, String source, String key, String taxonomy, String topic) {
}

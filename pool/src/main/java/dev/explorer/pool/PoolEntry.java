package dev.explorer.pool;

import java.util.List;

/**
 * One image of a built pool: a line of {@code captions.jsonl}. Holds only what may be served;
 * ground truth lives in {@link EvalEntry}.
 *
 * @param tags      the extra tags actually indexed (after the caption policy)
 * @param synthetic the caption was generated, not written by a person
 */
public record PoolEntry(String id, String source, String licence, String title, List<String> nameWords,
        List<String> tags, boolean synthetic, int width, int height) {

    public CaptionPolicy.Caption caption() {
        return new CaptionPolicy.Caption(title, nameWords, tags);
    }

    /** Relative path of the thumbnail inside the pool directory. */
    public String thumbPath() {
        return PoolLayout.thumbPath(id);
    }
}

package dev.explorer.pool.source;

import dev.explorer.pool.Topic;
import java.util.List;

/**
 * One image offered by a source, before ingest.
 *
 * @param source    source name, e.g. {@code openclipart}
 * @param licence   licence of the image
 * @param key       where it came from inside the source (a relative path or code), for messages
 * @param title     title or label: always indexed
 * @param nameWords words of the file name: always indexed
 * @param tags      extra keywords: each one indexed with the caption policy's probability
 * @param taxonomy  ground truth from the source (e.g. {@code animals/birds}): eval only
 * @param topic     coarse ground-truth topic: eval only
 * @param synthetic true when the caption was generated (Fashion-MNIST)
 * @param image     the pixels
 */
public record SourceItem(String source, String licence, String key, String title, List<String> nameWords,
        List<String> tags, String taxonomy, Topic topic, boolean synthetic, ImageRef image) {

    public SourceItem {
        title = title == null ? "" : title.strip();
        nameWords = List.copyOf(nameWords);
        tags = List.copyOf(tags);
        taxonomy = taxonomy == null ? "" : taxonomy;
        topic = topic == null ? Topic.UNKNOWN : topic;
    }
}

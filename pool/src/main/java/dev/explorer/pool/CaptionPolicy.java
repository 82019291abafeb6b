package dev.explorer.pool;

import dev.explorer.pool.source.SourceItem;
import dev.explorer.pool.source.Words;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which text of an image is searchable. The title/label and the file-name words always are;
 * each extra tag is kept with probability {@code p}, decided by a generator seeded from the
 * policy seed and the image id, so the same pool builds the same captions. With every tag
 * indexed a single query finds most images of a kind and query choice stops mattering (see
 * the data notes); p = 0.3 is the default difficulty.
 */
public record CaptionPolicy(double tagProbability, long seed) {

    public CaptionPolicy {
        if (!(tagProbability >= 0 && tagProbability <= 1)) {
            throw new IllegalArgumentException("tag probability " + tagProbability + " is not in [0, 1]");
        }
    }

    /** The searchable parts of one image. */
    public record Caption(String title, List<String> nameWords, List<String> tags) {
        /** All indexed text, title first. */
        public String text() {
            StringBuilder b = new StringBuilder(title);
            for (String w : nameWords) {
                b.append(' ').append(w);
            }
            for (String t : tags) {
                b.append(' ').append(t);
            }
            return b.toString().strip();
        }

        /** What the search API shows: the title, then new file-name words, then the indexed tags. */
        public String display() {
            StringBuilder b = new StringBuilder(title);
            Set<String> titleWords = new LinkedHashSet<>(List.of(title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
            List<String> extra = new ArrayList<>();
            for (String w : nameWords) {
                if (!titleWords.contains(w)) {
                    extra.add(w);
                }
            }
            if (!extra.isEmpty()) {
                b.append(b.length() > 0 ? " " : "").append('(').append(String.join(" ", extra)).append(')');
            }
            if (!tags.isEmpty()) {
                b.append(b.length() > 0 ? "; " : "").append(String.join(", ", tags));
            }
            return b.toString();
        }
    }

    public Caption apply(SourceItem item, String imageId) {
        long s = seed ^ mix(imageId);
        java.util.SplittableRandom r = new java.util.SplittableRandom(s);
        List<String> kept = new ArrayList<>();
        for (String t : item.tags()) {
            // one draw per tag whatever p is, so raising p only adds tags
            double u = r.nextDouble();
            if (u < tagProbability && !Words.STOP_LIST.contains(t) && !t.equalsIgnoreCase(item.title())) {
                kept.add(t);
            }
        }
        return new Caption(item.title(), item.nameWords(), kept);
    }

    private static long mix(String id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

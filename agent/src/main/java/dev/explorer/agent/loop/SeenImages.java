package dev.explorer.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Every image earlier iterations of the run downloaded and accepted, by URL and by content hash.
 * A URL seen before is not fetched again, and an image whose content was seen before under
 * another URL is not a new candidate: both count as {@code seen} for the query that returned them.
 * Rebuilt on resume from the committed lines of {@code rewards.jsonl}, so it needs no state of its own.
 */
final class SeenImages {
    static final String SEEN = "seen";

    private final Set<String> urls = new HashSet<>();
    private final Set<String> hashes = new HashSet<>();

    boolean url(String url) {
        return urls.contains(url);
    }

    boolean content(String sha256) {
        return hashes.contains(sha256);
    }

    void add(String url, String sha256) {
        urls.add(url);
        hashes.add(sha256);
    }

    int size() {
        return hashes.size();
    }

    /** Adds one image result read back from the rewards log (one without content was never accepted). */
    void add(JsonNode img) {
        if (img.hasNonNull("sha256")) {
            add(img.get("url").asText(), img.get("sha256").asText());
        }
    }
}

package dev.explorer.agent.download;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Images accepted so far, for exact (content hash) and near-duplicate (perceptual hash) checks.
 * Near-duplicate lookup splits the 64-bit hash into 4 bands of 16 bits: two hashes within 3 bits
 * share at least one band exactly, so only images sharing a band are compared. Above 3 bits every
 * accepted hash is compared. Not thread-safe: the downloader applies it in input order after the
 * fetches, which also makes the choice of the copy that is kept deterministic.
 */
public final class DedupeIndex {
    private final int maxBits;
    private final Set<String> contentHashes = new HashSet<>();
    private final List<Long> allHashes = new ArrayList<>();
    private final List<Map<Integer, List<Long>>> bands = new ArrayList<>();

    /** @param maxBits near-duplicate threshold in bits (-1 = exact duplicates only) */
    public DedupeIndex(int maxBits) {
        this.maxBits = maxBits;
        for (int i = 0; i < 4; i++) {
            bands.add(new HashMap<>());
        }
    }

    /** The kind of duplicate this image is, or null when it is new (it is then recorded). */
    public FailureKind check(String contentHash, long perceptualHash) {
        if (contentHashes.contains(contentHash)) {
            return FailureKind.DUPLICATE;
        }
        if (maxBits >= 0 && isNear(perceptualHash)) {
            return FailureKind.NEAR_DUPLICATE;
        }
        contentHashes.add(contentHash);
        allHashes.add(perceptualHash);
        for (int b = 0; b < 4; b++) {
            bands.get(b).computeIfAbsent(band(perceptualHash, b), k -> new ArrayList<>()).add(perceptualHash);
        }
        return null;
    }

    /** True when the content hash was already accepted. */
    public boolean hasContent(String contentHash) {
        return contentHashes.contains(contentHash);
    }

    public int size() {
        return contentHashes.size();
    }

    private boolean isNear(long h) {
        if (maxBits <= 3) {
            for (int b = 0; b < 4; b++) {
                List<Long> same = bands.get(b).get(band(h, b));
                if (same != null) {
                    for (long o : same) {
                        if (PerceptualHash.distance(h, o) <= maxBits) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
        for (long o : allHashes) {
            if (PerceptualHash.distance(h, o) <= maxBits) {
                return true;
            }
        }
        return false;
    }

    private static int band(long h, int b) {
        return (int) ((h >>> (16 * b)) & 0xffff);
    }
}

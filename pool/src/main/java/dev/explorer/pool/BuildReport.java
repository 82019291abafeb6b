package dev.explorer.pool;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a build did, per source. */
public record BuildReport(Map<String, SourceCounts> sources, int images, double seconds) {

    /** Counts for one source: offered = ingested + duplicates + the three skip reasons. */
    public record SourceCounts(int offered, int ingested, int duplicates, int tooLarge, int undecodable,
            int svgFailed, String unavailable) {
        public int skipped() {
            return tooLarge + undecodable + svgFailed;
        }
    }

    /** A table for the terminal. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format("%-16s %8s %8s %6s %9s %8s %8s%n", "source", "offered",
                "ingested", "dups", "too-large", "undecode", "svg-fail"));
        int[] tot = new int[6];
        for (Map.Entry<String, SourceCounts> e : sources.entrySet()) {
            SourceCounts c = e.getValue();
            if (c.unavailable() != null) {
                b.append(String.format("%-16s unavailable: %s%n", e.getKey(), c.unavailable()));
                continue;
            }
            b.append(String.format("%-16s %8d %8d %6d %9d %8d %8d%n", e.getKey(), c.offered(), c.ingested(),
                    c.duplicates(), c.tooLarge(), c.undecodable(), c.svgFailed()));
            int[] v = {c.offered(), c.ingested(), c.duplicates(), c.tooLarge(), c.undecodable(), c.svgFailed()};
            for (int i = 0; i < 6; i++) {
                tot[i] += v[i];
            }
        }
        b.append(String.format("%-16s %8d %8d %6d %9d %8d %8d%n", "total", tot[0], tot[1], tot[2], tot[3], tot[4],
                tot[5]));
        b.append(String.format("%d images in %.1f s%n", images, seconds));
        return b.toString();
    }

    public Map<String, Integer> ingestedPerSource() {
        Map<String, Integer> m = new LinkedHashMap<>();
        sources.forEach((k, v) -> m.put(k, v.ingested()));
        return m;
    }
}

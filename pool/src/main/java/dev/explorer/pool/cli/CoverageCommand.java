package dev.explorer.pool.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.pool.search.PoolSearcher;
import dev.explorer.pool.search.SearchResult;
import dev.explorer.pool.wordnet.WordNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code explorer pool coverage}: how many WordNet noun lemmas get a full page, and from which tier. */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"Measure how many WordNet noun lemmas get a full page of results (one JSON line).",
                "Searches every noun lemma (or a seeded sample) and counts pages filled by direct matches,",
                "by matches plus WordNet relatives, and in total (with filler)."})
public final class CoverageCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    BuiltPool pool;

    @Option(names = "--sample", paramLabel = "K", defaultValue = "0", description = "Seeded sample of K lemmas (0 = all).")
    int sample;

    @Option(names = "-n", paramLabel = "N", description = "Page size (default search.resultsPerQuery).")
    Integer n;

    @Option(names = "--write-queries", paramLabel = "FILE",
            description = "Only write the (sampled, shuffled) lemmas URL-encoded, one a line, for a load generator.")
    Path writeQueries;

    @Option(names = "--siblings", paramLabel = "K", defaultValue = "0",
            description = "Instead: mean overlap (Jaccard) of the first pages of K seeded pairs of sibling concepts "
                    + "(\"luna moth\" / \"imperial moth\"): how alike the search answers concepts that share relatives.")
    int siblings;

    @Override
    public Integer call() throws Exception {
        ExplorerConfig c = config.load();
        Path dir = pool.dir(c);
        int page = n != null ? n : c.search().resultsPerQuery();
        if (siblings > 0) {
            List<List<String>> pairs = WordNet.get().siblingPairs(siblings, c.run().seed());
            double sum = 0;
            int identical = 0;
            try (PoolSearcher s = PoolSearcher.open(dir)) {
                for (List<String> p : pairs) {
                    java.util.Set<String> a = ids(s.search(p.get(0), page, 0));
                    java.util.Set<String> b = ids(s.search(p.get(1), page, 0));
                    java.util.Set<String> union = new java.util.HashSet<>(a);
                    union.addAll(b);
                    a.retainAll(b);
                    double j = union.isEmpty() ? 0 : a.size() / (double) union.size();
                    sum += j;
                    identical += j == 1.0 ? 1 : 0;
                }
            }
            System.out.printf(java.util.Locale.ROOT, "{\"siblingPairs\":%d,\"n\":%d,\"meanJaccard\":%.4f,\"identicalPages\":%.4f}%n",
                    pairs.size(), page, sum / pairs.size(), identical / (double) pairs.size());
            return 0;
        }
        List<String> lemmas = new ArrayList<>(WordNet.get().nounLemmas());
        if (sample > 0 || writeQueries != null) {
            SplittableRandom r = new SplittableRandom(c.run().seed());
            for (int i = lemmas.size() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                String t = lemmas.get(i);
                lemmas.set(i, lemmas.get(j));
                lemmas.set(j, t);
            }
            if (sample > 0 && sample < lemmas.size()) {
                lemmas = lemmas.subList(0, sample);
            }
        }
        if (writeQueries != null) {
            List<String> enc = new ArrayList<>();
            for (String l : lemmas) {
                enc.add(java.net.URLEncoder.encode(l, java.nio.charset.StandardCharsets.UTF_8));
            }
            Files.write(writeQueries, enc);
            System.out.println(enc.size() + " queries written to " + writeQueries);
            return 0;
        }
        Stats s = measure(dir, lemmas, page);
        System.out.printf("{\"lemmas\":%d,\"n\":%d,\"fullPage\":%.4f,\"fullFromMatchesOnly\":%.4f,"
                        + "\"fullFromMatchesAndExpansion\":%.4f,\"anyMatch\":%.4f,\"seconds\":%.1f,\"perSecond\":%.0f}%n",
                s.lemmas, page, s.full / (double) s.lemmas, s.fullMatch / (double) s.lemmas,
                s.fullExpansion / (double) s.lemmas, s.anyMatch / (double) s.lemmas, s.seconds, s.lemmas / s.seconds);
        return 0;
    }

    private static java.util.Set<String> ids(SearchResult r) {
        java.util.Set<String> out = new java.util.HashSet<>();
        r.hits().forEach(h -> out.add(h.entry().id()));
        return out;
    }

    /** Counts over a list of queries. */
    public record Stats(int lemmas, int full, int fullMatch, int fullExpansion, int anyMatch, double seconds) {
    }

    public static Stats measure(Path poolDir, List<String> queries, int n) throws Exception {
        long t0 = System.nanoTime();
        int full = 0;
        int fullMatch = 0;
        int fullExp = 0;
        int any = 0;
        try (PoolSearcher s = PoolSearcher.open(poolDir)) {
            for (String q : queries) {
                SearchResult r = s.search(q, n, 0);
                int m = 0;
                int e = 0;
                for (SearchResult.Hit h : r.hits()) {
                    if (h.tier() == SearchResult.Tier.MATCH) {
                        m++;
                    } else if (h.tier() == SearchResult.Tier.EXPANSION) {
                        e++;
                    }
                }
                int want = Math.min(n, s.size());
                full += r.hits().size() == want ? 1 : 0;
                fullMatch += m == want ? 1 : 0;
                fullExp += m + e == want ? 1 : 0;
                any += m > 0 ? 1 : 0;
            }
        }
        return new Stats(queries.size(), full, fullMatch, fullExp, any, (System.nanoTime() - t0) / 1e9);
    }
}

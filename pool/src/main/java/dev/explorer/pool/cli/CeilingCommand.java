package dev.explorer.pool.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.pool.EvalEntry;
import dev.explorer.pool.PoolEntry;
import dev.explorer.pool.PoolLayout;
import dev.explorer.pool.search.PoolSearcher;
import dev.explorer.pool.search.SearchResult;
import dev.explorer.pool.wordnet.WordNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code explorer pool ceiling}: how many relevant images a query policy could find at a budget,
 * at best. An oracle that knows the ground truth picks, each iteration, the queries whose next
 * page brings the most relevant images not found yet (greedy maximum coverage, lazily
 * re-evaluated), with the loop's rules: distinct queries within an iteration, a query asked again
 * reads its next page, an image found before counts once. A uniform random policy over the same
 * queries runs beside it as a check against the loop's random sampler, and an informed one that
 * draws uniformly from the lemmas whose first page is mostly relevant: what a sampler that knew
 * which concepts are relevant, but not which pages overlap, would find. Ground truth is read only
 * here, to bound what issue-17-style goals can ask of any agent on this pool and vocabulary.
 */
@Command(name = "ceiling", mixinStandardHelpOptions = true,
        description = {"Bound the unique relevant images any query policy can find at a budget (one JSON line",
                "per policy and iteration): a greedy oracle over WordNet noun lemmas that knows the ground",
                "truth, a uniform random policy, and an informed random policy over the lemmas whose first page",
                "is mostly relevant. Reads the pool's eval.jsonl."})
public final class CeilingCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    BuiltPool pool;

    @Option(names = "--relevant", paramLabel = "TOPICS", required = true, split = ",",
            description = "Ground-truth topics that count as relevant, e.g. animal,plant (T1) or footwear (T3).")
    Set<String> relevant;

    @Option(names = "--iterations", paramLabel = "N", description = "Iterations (default run.iterations).")
    Integer iterations;

    @Option(names = "--queries", paramLabel = "N", description = "Queries per iteration (default search.queriesPerIteration).")
    Integer queries;

    @Option(names = "-n", paramLabel = "N", description = "Results per query (default search.resultsPerQuery).")
    Integer n;

    @Option(names = "--random-seeds", paramLabel = "K", defaultValue = "3", description = "Seeds of the random policy.")
    int randomSeeds;

    @Option(names = "--informed-share", paramLabel = "F", defaultValue = "0.5",
            description = "The informed policy draws uniformly from lemmas whose first page is at least this share relevant.")
    double informedShare;

    @Option(names = "--tiers", paramLabel = "B1,B2", split = ",",
            description = "Also a tiered policy with perfect concept scores (first-page relevant count): the best B1 lemmas "
                    + "share 80% of the draws, ranks B1-B2 10%, the rest 10% (the sampler's tiers without the GP's errors).")
    List<Integer> tiers;

    static List<List<int[]>> tiered(List<Integer> tiers, List<String> lemmas, int[] firstGain, PageSource pages,
            SplittableRandom r, int its, int perIt)
            throws java.io.IOException {
        Integer[] order = new Integer[lemmas.size()];
        long[] tie = new long[lemmas.size()];
        for (int l = 0; l < order.length; l++) {
            order[l] = l;
            tie[l] = r.nextLong();
        }
        Arrays.sort(order, (a, b) -> firstGain[a] != firstGain[b] ? Integer.compare(firstGain[b], firstGain[a])
                : Long.compare(tie[a], tie[b]));
        int b1 = Math.min(order.length, tiers.get(0));
        int b2 = Math.min(order.length, tiers.size() > 1 ? tiers.get(1) : b1);
        int[][] bounds = {{0, b1}, {b1, b2}, {b2, order.length}};
        double[] mass = {0.8, 0.1, 0.1};
        return play(lemmas, pages, () -> {
            while (true) {
                double u = r.nextDouble();
                int t = u < mass[0] ? 0 : u < mass[0] + mass[1] ? 1 : 2;
                if (bounds[t][1] > bounds[t][0]) {
                    return order[bounds[t][0] + r.nextInt(bounds[t][1] - bounds[t][0])];
                }
            }
        }, its, perIt);
    }

    /** A lemma's result pages as pool entry indices (the oracle and the policies ask only through this). */
    interface PageSource {
        int[] get(String lemma, int page) throws java.io.IOException;
    }

    /** The loop's distinct-image measures of one iteration of a policy. */
    record Row(int iteration, int queries, int results, int distinct, int fresh, double relevantDistinctShare,
            double relevantNewShare, int newRelevant, int uniqueRelevant) {
    }

    @Override
    public Integer call() throws Exception {
        ExplorerConfig c = config.load();
        Path dir = pool.dir(c);
        int its = iterations != null ? iterations : c.run().iterations();
        int perIt = queries != null ? queries : c.search().queriesPerIteration();
        int page = n != null ? n : c.search().resultsPerQuery();
        if (its < 1 || perIt < 1 || page < 1) {
            throw new UsageException("--iterations, --queries and -n must be at least 1");
        }
        long t0 = System.nanoTime();
        try (PoolSearcher s = PoolSearcher.open(dir)) {
            List<PoolEntry> entries = s.entries();
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                index.put(entries.get(i).id(), i);
            }
            BitSet rel = new BitSet(entries.size());
            for (EvalEntry e : PoolLayout.readEval(dir)) {
                Integer i = index.get(e.id());
                if (i != null && relevant.contains(e.topic())) {
                    rel.set(i);
                }
            }
            if (rel.isEmpty()) {
                throw new UsageException("no pool image has topic " + relevant + ": check --relevant against eval.jsonl");
            }
            List<String> lemmas = new ArrayList<>(new java.util.TreeSet<>(WordNet.get().nounLemmas()));
            Pages pages = new Pages(s, index, page);
            // first pages of every lemma: the oracle's starting gains
            int[] firstGain = new int[lemmas.size()];
            for (int l = 0; l < lemmas.size(); l++) {
                firstGain[l] = count(pages.get(lemmas.get(l), 0), rel, null);
            }
            System.err.printf(Locale.ROOT, "ceiling: %d lemmas searched in %.0f s; %d relevant images in the pool%n",
                    lemmas.size(), (System.nanoTime() - t0) / 1e9, rel.cardinality());
            report("oracle", 0, oracle(lemmas, firstGain, pages, rel, its, perIt), rel);
            List<String> informed = new ArrayList<>();
            for (int l = 0; l < lemmas.size(); l++) {
                if (firstGain[l] >= informedShare * page) {
                    informed.add(lemmas.get(l));
                }
            }
            System.err.printf(Locale.ROOT, "ceiling: %d lemmas have at least %.0f%% relevant images on their first page%n",
                    informed.size(), 100 * informedShare);
            for (int seed = 0; seed < randomSeeds; seed++) {
                report("random", seed, random(lemmas, pages, new SplittableRandom(seed), its, perIt), rel);
                report("informed", seed, random(informed, pages, new SplittableRandom(seed), its, perIt), rel);
                if (tiers != null) {
                    report("tiered", seed, tiered(tiers, lemmas, firstGain, pages, new SplittableRandom(seed), its, perIt), rel);
                }
            }
        }
        return 0;
    }

    /** Per iteration: the images of each query's page, in the order the policy asked. */
    static List<List<int[]>> oracle(List<String> lemmas, int[] firstGain, PageSource pages, BitSet rel, int its,
            int perIt) throws java.io.IOException {
        int[] cursor = new int[lemmas.size()];
        BitSet found = new BitSet();
        // max-heap of (upper bound on gain, lemma); gains only fall as images are found, so a
        // popped lemma whose recomputed gain still tops the heap is the true best (lazy greedy)
        PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0])
                : Long.compare(a[1], b[1])); // ties: the earlier lemma, so runs repeat
        for (int l = 0; l < lemmas.size(); l++) {
            if (firstGain[l] > 0) {
                heap.add(new long[] {firstGain[l], l});
            }
        }
        List<List<int[]>> out = new ArrayList<>();
        for (int it = 0; it < its; it++) {
            List<int[]> asked = new ArrayList<>();
            List<long[]> deferred = new ArrayList<>(); // asked this iteration: back in the heap next iteration
            while (asked.size() < perIt && !heap.isEmpty()) {
                long[] top = heap.poll();
                int l = (int) top[1];
                int[] hits = pages.get(lemmas.get(l), cursor[l]);
                int gain = count(hits, rel, found);
                if (!heap.isEmpty() && gain < heap.peek()[0]) {
                    if (gain > 0) {
                        heap.add(new long[] {gain, l});
                    }
                    continue;
                }
                asked.add(hits);
                for (int h : hits) {
                    if (rel.get(h)) {
                        found.set(h);
                    }
                }
                cursor[l]++;
                int next = count(pages.get(lemmas.get(l), cursor[l]), rel, found);
                if (next > 0) {
                    deferred.add(new long[] {next, l});
                }
            }
            heap.addAll(deferred);
            out.add(asked);
        }
        return out;
    }

    /** Uniform over {@code lemmas}. */
    static List<List<int[]>> random(List<String> lemmas, PageSource pages, SplittableRandom r, int its, int perIt)
            throws java.io.IOException {
        return play(lemmas, pages, () -> r.nextInt(lemmas.size()), its, perIt);
    }

    /**
     * {@code perIt} distinct lemmas an iteration, each drawn by {@code draw} (redrawn when already
     * asked this iteration); a lemma asked again reads its next page.
     */
    private static List<List<int[]>> play(List<String> lemmas, PageSource pages, java.util.function.IntSupplier draw,
            int its, int perIt) throws java.io.IOException {
        int[] cursor = new int[lemmas.size()];
        List<List<int[]>> out = new ArrayList<>();
        for (int it = 0; it < its; it++) {
            Set<Integer> drawn = new HashSet<>();
            List<int[]> asked = new ArrayList<>();
            while (drawn.size() < perIt) {
                int l = draw.getAsInt();
                if (drawn.add(l)) {
                    asked.add(pages.get(lemmas.get(l), cursor[l]++));
                }
            }
            out.add(asked);
        }
        return out;
    }

    private static void report(String policy, int seed, List<List<int[]>> run, BitSet rel) {
        for (Row r : measure(run, rel)) {
            System.out.printf(Locale.ROOT, "{\"policy\":\"%s\",\"seed\":%d,\"iteration\":%d,\"queries\":%d,\"results\":%d,"
                            + "\"distinct\":%d,\"new\":%d,\"relevantDistinctShare\":%.4f,\"relevantNewShare\":%.4f,"
                            + "\"newRelevant\":%d,\"uniqueRelevant\":%d}%n",
                    policy, seed, r.iteration(), r.queries(), r.results(), r.distinct(), r.fresh(),
                    r.relevantDistinctShare(), r.relevantNewShare(), r.newRelevant(), r.uniqueRelevant());
        }
    }

    /** The loop's distinct-image measures of a policy's queries, per iteration (1-based). */
    static List<Row> measure(List<List<int[]>> run, BitSet rel) {
        List<Row> out = new ArrayList<>();
        BitSet seen = new BitSet();
        BitSet foundRel = new BitSet();
        for (int it = 0; it < run.size(); it++) {
            BitSet distinct = new BitSet();
            int results = 0;
            for (int[] hits : run.get(it)) {
                results += hits.length;
                for (int h : hits) {
                    distinct.set(h);
                }
            }
            BitSet fresh = (BitSet) distinct.clone();
            fresh.andNot(seen);
            BitSet distinctRel = (BitSet) distinct.clone();
            distinctRel.and(rel);
            BitSet freshRel = (BitSet) fresh.clone();
            freshRel.and(rel);
            seen.or(distinct);
            foundRel.or(distinctRel);
            out.add(new Row(it + 1, run.get(it).size(), results, distinct.cardinality(), fresh.cardinality(),
                    distinct.isEmpty() ? 0.0 : distinctRel.cardinality() / (double) distinct.cardinality(),
                    fresh.isEmpty() ? 0.0 : freshRel.cardinality() / (double) fresh.cardinality(),
                    freshRel.cardinality(), foundRel.cardinality()));
        }
        return out;
    }

    /** Relevant hits not yet in {@code found} (all relevant hits when null). */
    static int count(int[] hits, BitSet rel, BitSet found) {
        int k = 0;
        for (int h : hits) {
            if (rel.get(h) && (found == null || !found.get(h))) {
                k++;
            }
        }
        return k;
    }

    /** Pages searched once and kept: a lemma's first page for every lemma, later pages as asked. */
    private static final class Pages implements PageSource {
        private final PoolSearcher searcher;
        private final Map<String, Integer> index;
        private final int n;
        private final Map<String, int[]> cache = new HashMap<>();

        Pages(PoolSearcher searcher, Map<String, Integer> index, int n) {
            this.searcher = searcher;
            this.index = index;
            this.n = n;
        }

        @Override
        public int[] get(String lemma, int page) throws java.io.IOException {
            String key = page + "\t" + lemma;
            int[] p = cache.get(key);
            if (p == null) {
                SearchResult r = searcher.search(lemma, n, page);
                int[] hits = new int[r.hits().size()];
                for (int i = 0; i < hits.length; i++) {
                    hits[i] = index.get(r.hits().get(i).entry().id());
                }
                p = hits;
                cache.put(key, p);
            }
            return p;
        }
    }
}

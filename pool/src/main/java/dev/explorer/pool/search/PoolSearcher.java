package dev.explorer.pool.search;

import dev.explorer.pool.PoolEntry;
import dev.explorer.pool.PoolLayout;
import dev.explorer.pool.wordnet.WordNet;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Searches a pool's captions the way a real engine answers: BM25 matches first (English
 * stemming), then images found through WordNet relatives of the query (synonyms, hyponyms,
 * hypernyms up to three levels, weighted lower), then low-scoring filler in an order fixed by the
 * query, so that almost any noun fills a page. The same pool, query and page always give the same
 * results. Thread-safe.
 */
public final class PoolSearcher implements Closeable {

    /** Results beyond this rank are never returned (engines stop somewhere too). */
    public static final int MAX_DEPTH = 1_000;
    private static final int MAX_RELATED = 48;
    private static final int CACHE = 20_000;

    private final List<PoolEntry> entries;
    private final Map<String, PoolEntry> byId;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final int[] docToOrd;
    private final Analyzer analyzer = CaptionIndex.analyzer();
    private final boolean expand;
    private final Map<String, List<WordNet.Related>> expansions =
            Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<WordNet.Related>> e) {
                    return size() > CACHE;
                }
            });

    private PoolSearcher(List<PoolEntry> entries, DirectoryReader reader, boolean expand) throws IOException {
        this.entries = List.copyOf(entries);
        this.reader = reader;
        this.expand = expand;
        this.searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity());
        this.docToOrd = new int[reader.maxDoc()];
        for (LeafReaderContext leaf : reader.leaves()) {
            NumericDocValues ord = leaf.reader().getNumericDocValues(CaptionIndex.ORD);
            for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                if (ord == null || !ord.advanceExact(d)) {
                    throw new IOException("index document " + (leaf.docBase + d) + " has no ord: rebuild the pool");
                }
                int o = (int) ord.longValue();
                if (o < 0 || o >= entries.size()) {
                    throw new IOException("index and " + PoolLayout.CAPTIONS + " disagree: rebuild the pool");
                }
                docToOrd[leaf.docBase + d] = o;
            }
        }
        Map<String, PoolEntry> m = new LinkedHashMap<>();
        for (PoolEntry e : this.entries) {
            m.put(e.id(), e);
        }
        this.byId = Collections.unmodifiableMap(m);
    }

    /** Opens a built pool directory. */
    public static PoolSearcher open(Path poolDir) throws IOException {
        return open(poolDir, true);
    }

    /** @param wordNetExpansion false skips the WordNet tier (BM25 then filler) */
    public static PoolSearcher open(Path poolDir, boolean wordNetExpansion) throws IOException {
        PoolLayout.requirePool(poolDir);
        List<PoolEntry> entries = PoolLayout.readEntries(poolDir);
        DirectoryReader r = DirectoryReader.open(new MMapDirectory(poolDir.resolve(PoolLayout.INDEX)));
        if (r.maxDoc() != entries.size()) {
            r.close();
            throw new IOException("index holds " + r.maxDoc() + " documents but " + PoolLayout.CAPTIONS + " has "
                    + entries.size() + " lines: rebuild the pool");
        }
        if (wordNetExpansion) {
            WordNet.get();
        }
        return new PoolSearcher(entries, r, wordNetExpansion);
    }

    public int size() {
        return entries.size();
    }

    public List<PoolEntry> entries() {
        return entries;
    }

    public PoolEntry byId(String id) {
        return byId.get(id);
    }

    /**
     * @param n    results per page (at least 1)
     * @param page 0-based page; pages past {@link #MAX_DEPTH} results are empty
     */
    public SearchResult search(String query, int n, int page) throws IOException {
        if (n < 1 || page < 0) {
            throw new IllegalArgumentException("n must be >= 1 and page >= 0");
        }
        String q = normalise(query);
        int from = (int) Math.min((long) page * n, MAX_DEPTH);
        int needed = (int) Math.min((long) from + n, Math.min(MAX_DEPTH, entries.size()));
        List<SearchResult.Hit> ranked = new ArrayList<>(needed);
        BitSet used = new BitSet(entries.size());
        int total = 0;

        Query match = textQuery(q, 1f);
        Query all = q.indexOf(' ') > 0 ? allWordsQuery(q) : null;
        if (all != null) {
            // "luna moth": images with every word first, as ranked; then those with only some of the
            // words ("moth"), in an order that depends on the query, as a real engine's partial
            // matches do, so that sibling queries do not all get the same page
            collect(all, needed, ranked, used, SearchResult.Tier.MATCH, null);
            total += collect(match, needed, ranked, used, SearchResult.Tier.MATCH, q); // all-word matches are a subset
        } else if (match != null) {
            total += collect(match, needed, ranked, used, SearchResult.Tier.MATCH, null);
        }
        if (ranked.size() < needed && expand) {
            Query related = expansionQuery(q);
            if (related != null) {
                // one pass over query OR relatives: its hit count is the union, each image once;
                // direct matches are already ranked and skipped, and for the rest the query clause
                // scores nothing, so they rank by their relatives alone. Relatives are shared by
                // sibling concepts (every moth has the hypernym "moth"): the order within this tier
                // depends on the query too, so "luna moth" and "imperial moth" differ
                BooleanQuery.Builder either = new BooleanQuery.Builder().add(related, BooleanClause.Occur.SHOULD);
                if (match != null) {
                    either.add(match, BooleanClause.Occur.SHOULD);
                }
                total = collect(either.build(), needed, ranked, used, SearchResult.Tier.EXPANSION, q);
            }
        }
        if (ranked.size() < needed) {
            fill(q, needed, ranked, used);
        }
        List<SearchResult.Hit> pageHits = from >= ranked.size() ? List.of()
                : List.copyOf(ranked.subList(from, Math.min(ranked.size(), from + n)));
        return new SearchResult(query, page, n, total, pageHits);
    }

    static String normalise(String query) {
        return query.toLowerCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ").strip();
    }

    /** Any word may match; images with more of the words, and with the exact phrase, score higher. */
    private Query textQuery(String text, float boost) {
        QueryBuilder qb = new QueryBuilder(analyzer);
        Query words = qb.createBooleanQuery(CaptionIndex.TEXT, text, BooleanClause.Occur.SHOULD);
        if (words == null) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(words, BooleanClause.Occur.SHOULD);
        if (text.indexOf(' ') > 0) {
            Query phrase = qb.createPhraseQuery(CaptionIndex.TEXT, text);
            if (phrase != null) {
                b.add(new BoostQuery(phrase, 2f), BooleanClause.Occur.SHOULD);
            }
        }
        Query q = b.build();
        return boost == 1f ? q : new BoostQuery(q, boost);
    }

    private Query expansionQuery(String q) {
        List<WordNet.Related> related = expansions.get(q);
        if (related == null) {
            related = WordNet.get().expand(q, MAX_RELATED);
            if (related.isEmpty() && q.indexOf(' ') > 0) {
                // "red sandal": relatives of the head noun
                related = WordNet.get().expand(q.substring(q.lastIndexOf(' ') + 1), MAX_RELATED);
            }
            expansions.put(q, related);
        }
        if (related.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int clauses = 0;
        for (WordNet.Related r : related) {
            Query t = textQuery(r.lemma(), r.weight());
            if (t != null && clauses < IndexSearcher.getMaxClauseCount() / 4) {
                b.add(t, BooleanClause.Occur.SHOULD);
                clauses++;
            }
        }
        return clauses == 0 ? null : b.build();
    }

    /** Every word must match (null when the text has no indexable word). */
    private Query allWordsQuery(String text) {
        return new QueryBuilder(analyzer).createBooleanQuery(CaptionIndex.TEXT, text, BooleanClause.Occur.MUST);
    }

    /**
     * Adds the best unused results of {@code q} until {@code needed} are ranked. With {@code
     * jitterBy} set, a window of three times as many candidates is re-ranked by score times a factor
     * in [0.35, 1) fixed by (query, image): relevance still dominates, ties and near-ties are broken
     * differently for different queries.
     */
    private int collect(Query q, int needed, List<SearchResult.Hit> ranked, BitSet used, SearchResult.Tier tier,
                        String jitterBy) throws IOException {
        int want = needed - ranked.size() + used.cardinality();
        int window = jitterBy == null ? want : Math.min(MAX_DEPTH * 3, want * 3);
        TopDocs top = searcher.search(q, new TopScoreDocCollectorManager(Math.max(1, window), null, Integer.MAX_VALUE));
        List<ScoreDoc> fresh = new ArrayList<>(); // doc = the pool ord, score = the (re-ranked) score
        for (ScoreDoc sd : top.scoreDocs) {
            int ord = docToOrd[sd.doc];
            if (!used.get(ord)) {
                float score = jitterBy == null ? sd.score
                        : sd.score * (0.35f + 0.65f * unit(jitterBy, entries.get(ord).id()));
                fresh.add(new ScoreDoc(ord, score));
            }
        }
        if (jitterBy != null) {
            fresh.sort((a, b) -> Float.compare(b.score, a.score)); // stable: ties keep Lucene's order
        }
        for (ScoreDoc sd : fresh) {
            if (ranked.size() >= needed) {
                break;
            }
            used.set(sd.doc);
            ranked.add(new SearchResult.Hit(entries.get(sd.doc), sd.score, tier));
        }
        return (int) top.totalHits.value;
    }

    /** A number in [0, 1) fixed by the query and the image. */
    private static float unit(String query, String id) {
        long h = fnv(query + "\u0000" + id);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 40) / (float) (1L << 24);
    }

    /** Filler: every image once, in an order that depends only on the query (a stride walk). */
    private void fill(String q, int needed, List<SearchResult.Hit> ranked, BitSet used) {
        int size = entries.size();
        long h = fnv(q);
        int start = (int) Long.remainderUnsigned(h, size);
        int stride = 1 + (int) Long.remainderUnsigned(h >>> 20, Math.max(1, size - 1));
        while (gcd(stride, size) != 1) {
            stride = stride % size + 1;
        }
        for (long i = 0; i < size && ranked.size() < needed; i++) {
            int ord = (int) ((start + i * stride) % size);
            if (!used.get(ord)) {
                used.set(ord);
                ranked.add(new SearchResult.Hit(entries.get(ord), 0f, SearchResult.Tier.FILLER));
            }
        }
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

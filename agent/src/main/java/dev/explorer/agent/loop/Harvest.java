package dev.explorer.agent.loop;

import dev.explorer.agent.download.Candidate;
import dev.explorer.agent.download.DownloadBatch;
import dev.explorer.agent.download.DownloadResult;
import dev.explorer.agent.search.SearchHit;
import dev.explorer.agent.search.SearchPage;
import dev.explorer.encoder.ImageSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one iteration brought back from the web: each query's page, the distinct images downloaded
 * for all of them (each URL fetched once), and, per query, its results joined back to those
 * downloads. A URL returned by several queries is credited to each of them.
 *
 * @param pages      per query, its result page (null when the search failed)
 * @param batch      the outcome of every distinct URL, in the order of {@link #distinctUrls}
 * @param candidates the accepted images, in batch order (the rows of every per-iteration array)
 * @param sources    the candidates as encoder inputs, converted once and shared by embed and train
 * @param perQuery   per query, its results joined to candidates and failures
 */
public record Harvest(List<SearchPage> pages, DownloadBatch batch, List<Candidate> candidates, List<ImageSource> sources,
                      List<QueryResults> perQuery) {

    /** Why a query has no results to score, before any image reward is known. */
    public static final String SEARCH_ERROR = "search-error";
    public static final String TOO_FEW_RESULTS = "too-few-results";

    /**
     * One query's results.
     *
     * @param dropped   {@link #SEARCH_ERROR}, {@link #TOO_FEW_RESULTS} or null when its results count
     * @param hits      the engine's results, best first (empty when the search failed)
     * @param candidate per hit, the row in {@link Harvest#candidates} or -1 when the image was not accepted
     * @param failure   per hit, the failure kind key when not accepted, else null
     */
    public record QueryResults(String dropped, List<SearchHit> hits, int[] candidate, String[] failure) {
        /** Rows of the accepted images, in hit order (a row may repeat if the engine repeated it). */
        public int[] acceptedRows() {
            return java.util.Arrays.stream(candidate).filter(c -> c >= 0).toArray();
        }
    }

    /**
     * The URLs to download: every hit of every page that counts, each URL once, in query order,
     * leaving out URLs an earlier iteration already downloaded.
     */
    static List<String> distinctUrls(List<SearchPage> pages, int minResults, SeenImages seen) {
        Map<String, Boolean> urls = new LinkedHashMap<>();
        for (SearchPage p : pages) {
            if (p != null && p.hits().size() >= minResults) {
                for (SearchHit h : p.hits()) {
                    if (!seen.url(h.imageUrl())) {
                        urls.putIfAbsent(h.imageUrl(), Boolean.TRUE);
                    }
                }
            }
        }
        return new ArrayList<>(urls.keySet());
    }

    /** Joins the download outcomes back to each query's hits; images seen in earlier iterations are not candidates. */
    static Harvest of(List<SearchPage> pages, int minResults, DownloadBatch batch, SeenImages seen) {
        List<Candidate> candidates = new ArrayList<>();
        for (DownloadResult r : batch.results()) {
            if (r.ok() && !seen.content(r.candidate().sha256())) {
                candidates.add(r.candidate());
            }
        }
        List<ImageSource> sources = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            sources.add(c.source());
        }
        return new Harvest(pages, batch, candidates, sources, join(pages, minResults, batch.results(), seen));
    }

    /**
     * Per query: which of its hits became which candidate row, and why the others failed ({@code
     * seen} for an image an earlier iteration downloaded, by URL or by content). Rows are numbered
     * in the order new accepted results appear in {@code results}.
     */
    static List<QueryResults> join(List<SearchPage> pages, int minResults, List<DownloadResult> results, SeenImages seen) {
        Map<String, Integer> rowOfUrl = new HashMap<>();
        Map<String, DownloadResult> resultOfUrl = new HashMap<>();
        Map<String, Boolean> seenContent = new HashMap<>();
        int row = 0;
        for (DownloadResult r : results) {
            resultOfUrl.putIfAbsent(r.url(), r);
            if (r.ok() && seen.content(r.candidate().sha256())) {
                seenContent.put(r.url(), Boolean.TRUE);
            } else if (r.ok()) {
                rowOfUrl.putIfAbsent(r.url(), row++);
            }
        }
        List<QueryResults> out = new ArrayList<>(pages.size());
        for (SearchPage page : pages) {
            if (page == null) {
                out.add(new QueryResults(SEARCH_ERROR, List.of(), new int[0], new String[0]));
                continue;
            }
            List<SearchHit> hits = page.hits();
            if (hits.size() < minResults) {
                out.add(new QueryResults(TOO_FEW_RESULTS, hits, new int[0], new String[0]));
                continue;
            }
            int[] candidate = new int[hits.size()];
            String[] failure = new String[hits.size()];
            for (int i = 0; i < hits.size(); i++) {
                String url = hits.get(i).imageUrl();
                Integer c = rowOfUrl.get(url);
                candidate[i] = c == null ? -1 : c;
                if (c == null && (seen.url(url) || seenContent.containsKey(url))) {
                    failure[i] = SeenImages.SEEN;
                } else if (c == null) {
                    DownloadResult r = resultOfUrl.get(url);
                    failure[i] = r == null || r.failure() == null ? "unknown" : r.failure().key();
                }
            }
            out.add(new QueryResults(null, hits, candidate, failure));
        }
        return out;
    }
}

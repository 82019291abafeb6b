package dev.explorer.agent.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Several engines with weights ({@code search.engines=openverse:0.5,wikimedia:0.5}). Each query
 * goes to one engine, chosen by weight from a hash of the query text: the same concept always
 * meets the same engine, so its next page continues where the last one stopped, and a resumed run
 * chooses as the interrupted one did. Every hit names the engine that answered.
 */
public final class MixedEngine implements ImageSearchEngine {
    /** One engine and its share of the queries. */
    public record Weighted(String name, ImageSearchEngine engine, double weight) {}

    private final List<Weighted> engines;
    private final double total;

    public MixedEngine(List<Weighted> engines) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("search.engines is empty");
        }
        this.engines = List.copyOf(engines);
        this.total = engines.stream().mapToDouble(Weighted::weight).sum();
    }

    /** The engine that answers {@code query}. */
    public Weighted choose(String query) {
        CRC32 crc = new CRC32();
        crc.update(query.getBytes(StandardCharsets.UTF_8));
        double u = (crc.getValue() / (double) (1L << 32)) * total;
        double acc = 0;
        for (Weighted w : engines) {
            acc += w.weight();
            if (u < acc) {
                return w;
            }
        }
        return engines.get(engines.size() - 1);
    }

    @Override
    public SearchPage search(String query, int n, int page) throws SearchException {
        Weighted w = choose(query);
        return named(w, w.engine().search(query, n, page));
    }

    @Override
    public SearchPage searchFrom(String query, int count, int page) throws SearchException {
        Weighted w = choose(query);
        return named(w, w.engine().searchFrom(query, count, page));
    }

    private static SearchPage named(Weighted w, SearchPage p) {
        List<SearchHit> hits = new ArrayList<>(p.hits().size());
        for (SearchHit h : p.hits()) {
            hits.add(h.engine() == null ? h.withEngine(w.name()) : h);
        }
        return new SearchPage(p.query(), p.total(), List.copyOf(hits));
    }

    @Override
    public List<dev.explorer.run.EngineStats.Engine> stats() {
        return engines.stream().flatMap(w -> w.engine().stats().stream()).toList();
    }

    @Override
    public String describe() {
        return String.join(" + ", engines.stream().map(w -> w.engine().describe() + " x" + w.weight()).toList());
    }

    @Override
    public void close() {
        engines.forEach(w -> w.engine().close());
    }
}

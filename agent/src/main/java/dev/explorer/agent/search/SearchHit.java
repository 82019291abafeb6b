package dev.explorer.agent.search;

/**
 * One image search result.
 *
 * @param id the engine's id of the image (stable within the engine)
 * @param imageUrl absolute URL of the image file (a thumbnail of the size the encoder needs where the engine has one)
 * @param caption the text the engine shows with the image
 * @param pageUrl absolute URL of the page the image appears on, its source page for credits (may be null)
 * @param engine the engine that answered, as in {@code search.engine} (null for a hand-made hit)
 * @param licence normalised licence (cc0, pdm, by, by-sa, ...; {@link Licences}), null when the engine does not say
 * @param creator creator or attribution line, tags stripped (may be null)
 */
public record SearchHit(String id, String imageUrl, String caption, String pageUrl, String engine, String licence,
        String creator) {

    /** A hit without provenance (the pool's own results, tests). */
    public SearchHit(String id, String imageUrl, String caption, String pageUrl) {
        this(id, imageUrl, caption, pageUrl, null, null, null);
    }

    /** The same hit credited to {@code engine}. */
    public SearchHit withEngine(String engine) {
        return new SearchHit(id, imageUrl, caption, pageUrl, engine, licence, creator);
    }
}

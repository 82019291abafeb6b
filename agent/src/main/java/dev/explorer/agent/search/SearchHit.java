package dev.explorer.agent.search;

/**
 * One image search result.
 *
 * @param id the engine's id of the image (stable within the engine)
 * @param imageUrl absolute URL of the image file
 * @param caption the text the engine shows with the image
 * @param pageUrl absolute URL of the page the image appears on (may be null)
 */
public record SearchHit(String id, String imageUrl, String caption, String pageUrl) {}

/**
 * The downloader: fetches search results over HTTP with caps, retries and an address guard,
 * decodes and dedupes them into {@link dev.explorer.agent.download.Candidate}s, and names every
 * failure. Knows nothing of queries, rewards or the run directory.
 */
package dev.explorer.agent.download;

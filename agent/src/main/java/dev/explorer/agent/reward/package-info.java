/**
 * Image rewards (mean cosine to the k nearest target embeddings) and query scores (mean of the
 * top-n image rewards), on plain arrays. Must not depend on the loop, the downloader or the run
 * directory.
 */
package dev.explorer.agent.reward;

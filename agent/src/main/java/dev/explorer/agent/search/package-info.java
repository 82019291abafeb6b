/**
 * Image-search engine clients (the pool's JSON and HTML front ends) behind {@link
 * dev.explorer.agent.search.ImageSearchEngine}: a query in, a page of hits out. Talks to engines
 * only over HTTP; must not depend on the pool module's classes.
 */
package dev.explorer.agent.search;

/**
 * WordNet lookups for the pool: synonyms, hyponyms and hypernyms of caption words for the search's
 * second tier and the sources' synthetic captions. Depends on extjwnl only.
 */
package dev.explorer.pool.wordnet;

/**
 * Where the encoder starts: a pool-pretrained checkpoint built once per pool, architecture and
 * recipe, cached with a header beside it. Depends on encoder, pool layout and the run directory's
 * atomic writes, never on the loop.
 */
package dev.explorer.agent.start;

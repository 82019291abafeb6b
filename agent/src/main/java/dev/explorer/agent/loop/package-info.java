/**
 * The paper's loop: {@link dev.explorer.agent.loop.Session} builds the parts, {@link
 * dev.explorer.agent.loop.Exploration#iterate} runs one iteration (sample, search, harvest, embed,
 * score, fit, keep, train, eval, commit). The one package that wires the others together; nothing
 * below it depends on it.
 */
package dev.explorer.agent.loop;

package dev.explorer.agent.loop;

/**
 * The search engine failed too many searches in a row: the run stops before committing an
 * iteration that learned nothing. The message names the engine, the last error and how to resume.
 */
public final class EngineUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineUnreachableException(String message) {
        super(message);
    }
}

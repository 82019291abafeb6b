package dev.explorer.agent.loop;

/**
 * The target folder cannot be used: missing, without images, or with images that do not decode
 * (each named). Thrown before a run directory is created, so a corrected retry starts cleanly.
 */
public final class TargetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TargetException(String message) {
        super(message);
    }
}

package dev.explorer.run;

/**
 * A run directory that cannot be used as asked: in use by another process, already holding a
 * run, not a run at all, or damaged. The message names the file and says what to do; nothing in
 * the directory has been changed when this is thrown.
 */
public final class RunDirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the directory cannot be used. */
    public enum Kind { IN_USE, EXISTS, NOT_A_RUN, DAMAGED }

    private final Kind kind;

    public RunDirectoryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RunDirectoryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

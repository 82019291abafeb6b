package dev.explorer.config.cli;

/**
 * Bad input from the user that is not a settings key (a missing argument file, a pool that was
 * never built, ...). The {@code explorer} command prints the message without a stack trace and
 * exits with code 2. Say what is wrong and what to do: "no pool at X; build it with: explorer pool build".
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}

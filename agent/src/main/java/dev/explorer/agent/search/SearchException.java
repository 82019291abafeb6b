package dev.explorer.agent.search;

import java.io.IOException;

/** A search that failed: the engine could not be reached or answered something unusable. */
public class SearchException extends IOException {
    public SearchException(String message) {
        super(message);
    }

    public SearchException(String message, Throwable cause) {
        super(message, cause);
    }
}

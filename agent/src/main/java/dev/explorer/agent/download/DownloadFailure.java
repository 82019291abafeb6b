package dev.explorer.agent.download;

/** A classified failure of one download; carries the kind and a short human-readable detail. */
public final class DownloadFailure extends Exception {
    final FailureKind kind;
    final boolean retryable;

    DownloadFailure(FailureKind kind, String detail) {
        this(kind, detail, kind.isTransient());
    }

    DownloadFailure(FailureKind kind, String detail, boolean retryable) {
        super(detail, null, false, false);
        this.kind = kind;
        this.retryable = retryable;
    }
}

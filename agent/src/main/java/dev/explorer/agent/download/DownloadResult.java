package dev.explorer.agent.download;

/**
 * The outcome for one URL: a candidate, or the kind of failure with a short detail.
 *
 * @param attempts HTTP attempts made (1 + retries used); 0 when nothing was requested
 */
public record DownloadResult(String url, Candidate candidate, FailureKind failure, String detail, int attempts) {
    public boolean ok() {
        return candidate != null;
    }

    static DownloadResult failed(String url, DownloadFailure f, int attempts) {
        return new DownloadResult(url, null, f.kind, f.getMessage(), attempts);
    }
}

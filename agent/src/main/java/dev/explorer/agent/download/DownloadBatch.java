package dev.explorer.agent.download;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All outcomes of one {@link Downloader#fetch} call, in input order, with failures counted by kind.
 */
public record DownloadBatch(List<DownloadResult> results, long millis) {

    public List<Candidate> accepted() {
        return results.stream().filter(DownloadResult::ok).map(DownloadResult::candidate).toList();
    }

    public Map<FailureKind, Integer> failureCounts() {
        Map<FailureKind, Integer> m = new EnumMap<>(FailureKind.class);
        for (DownloadResult r : results) {
            if (!r.ok()) {
                m.merge(r.failure(), 1, Integer::sum);
            }
        }
        return m;
    }

    /** Failure counts keyed by {@link FailureKind#key()}, for JSON lines. */
    public Map<String, Integer> failureCountsByKey() {
        Map<String, Integer> m = new LinkedHashMap<>();
        failureCounts().forEach((k, v) -> m.put(k.key(), v));
        return m;
    }

    public int failed() {
        return (int) results.stream().filter(r -> !r.ok()).count();
    }
}

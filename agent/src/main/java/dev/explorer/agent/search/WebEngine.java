package dev.explorer.agent.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.agent.download.AddressGuard;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real engine's client: the guarded, capped HTTP of {@link HttpEngineBase}, its
 * {@link RequestPolicy} (budgets, retries, breaker) and the licence filter checked on every result.
 * Subclasses only build requests and map answers.
 */
abstract class WebEngine extends HttpEngineBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    final RequestPolicy policy;
    final List<String> licences;

    WebEngine(String name, String endpoint, long maxResponseBytes, String userAgent, RequestPolicy policy,
            List<String> licences) {
        super(name, endpoint, SearchEngines.TIMEOUT, maxResponseBytes, userAgent);
        this.policy = policy;
        this.licences = List.copyOf(licences);
    }

    @Override
    public List<dev.explorer.run.EngineStats.Engine> stats() {
        return List.of(policy.stats());
    }

    /** Sends the request under the policy; returns the body of a 2xx answer. */
    String send(Request request) throws SearchException {
        HttpUrl url = request.url();
        return policy.call(() -> {
            Call call = client.newCall(request);
            try (Response r = call.execute()) {
                String text = boundedText(call, r, url);
                int code = r.code();
                if (code == 429 || code == 503 || code >= 500) {
                    throw new RequestPolicy.Retryable("HTTP " + code + (code == 429 ? " (quota or rate limit)" : "")
                            + " from " + redact(url), retryAfterMs(r.header("Retry-After")));
                }
                if (!r.isSuccessful()) {
                    throw new SearchException(name + ": HTTP " + code + " from " + redact(url) + explain(code) + ": "
                            + text.substring(0, Math.min(200, text.length())));
                }
                return text;
            } catch (InterruptedIOException e) {
                throw new RequestPolicy.Retryable("no answer from " + redact(url) + " in time", -1);
            } catch (SearchException e) {
                throw e;
            } catch (IOException e) {
                AddressGuard.RefusedAddressException refused = AddressGuard.refusedIn(e);
                if (refused != null) {
                    throw new SearchException(name + ": refused to follow " + redact(url) + ": " + refused.getMessage(), e);
                }
                throw new RequestPolicy.Retryable("cannot reach " + url.host() + " (" + e.getMessage()
                        + "); check the network and the engine URL in the search settings", -1);
            }
        });
    }

    /** Hints for the codes engines use for a wrong key or a page too deep. */
    private static String explain(int code) {
        return switch (code) {
            case 401 -> " (unauthorised: the key or token is wrong, or an anonymous page size is too large)";
            case 403 -> " (forbidden: the key lacks the right, or the User-Agent is blocked; set download.contact)";
            default -> "";
        };
    }

    /** The URL without query parameters that carry keys, so a key never reaches a log or a report. */
    static String redact(HttpUrl url) {
        HttpUrl.Builder b = url.newBuilder();
        for (String p : List.of("api_key", "key", "access_token", "token")) {
            if (url.queryParameter(p) != null) {
                b.setQueryParameter(p, "REDACTED");
            }
        }
        return b.build().toString();
    }

    /** Retry-After in seconds or as an HTTP date; -1 when absent or unreadable. */
    static long retryAfterMs(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim())) * 1000;
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
            } catch (RuntimeException e2) {
                return -1;
            }
        }
    }

    /** Drops results whose licence fails search.licences (the engine's own filter may be absent or loose). */
    List<SearchHit> filter(List<SearchHit> hits) {
        return hits.stream().filter(h -> Licences.accepted(h.licence(), licences)).toList();
    }

    /** Strips HTML tags and entities from a metadata value (Commons' extmetadata is HTML). */
    static String plain(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        String t = org.jsoup.Jsoup.parse(html).text().trim();
        return t.isEmpty() ? null : t;
    }

    /** The answer parsed as JSON (null for an empty one); anything else is a malformed answer. */
    JsonNode json(String text) throws SearchException {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw malformed("not JSON", e);
        }
    }

    SearchException malformed(String what, Exception cause) {
        return new SearchException(name + ": the answer from " + base + " is malformed: " + what, cause);
    }
}

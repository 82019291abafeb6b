package dev.explorer.agent.search;

import dev.explorer.agent.download.AddressGuard;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** Shared HTTP plumbing of the pool engines: one OkHttp client, clear errors naming the endpoint. */
abstract class HttpEngineBase implements ImageSearchEngine {
    /** Largest response read when no limit is given (search.maxResponseBytes). */
    static final long MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

    final HttpUrl base;
    final OkHttpClient client;
    final String name;
    private final long maxResponseBytes;

    HttpEngineBase(String name, String endpoint, Duration timeout, long maxResponseBytes) {
        this(name, endpoint, timeout, maxResponseBytes, null);
    }

    /** As above, sending {@code userAgent} (when not null) with every request, redirects included. */
    HttpEngineBase(String name, String endpoint, Duration timeout, long maxResponseBytes, String userAgent) {
        HttpUrl u = HttpUrl.parse(endpoint);
        if (u == null) {
            throw new IllegalArgumentException("search endpoint '" + endpoint
                    + "' is not an http(s) URL; set search.endpoint to e.g. http://127.0.0.1:8765");
        }
        this.base = u;
        this.name = name;
        this.maxResponseBytes = maxResponseBytes;
        // the endpoint itself may be local (the pool); a redirect from it to another local
        // service may not
        OkHttpClient.Builder b = new OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                .socketFactory(AddressGuard.trusting(List.of(endpoint)).socketFactory());
        if (userAgent != null) {
            b.addNetworkInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build()));
        }
        this.client = b.build();
    }

    /** GETs base + path with the query parameters; returns the body text of a 2xx answer. */
    String get(String path, String query, int n, int page) throws SearchException {
        HttpUrl url = base.newBuilder().encodedPath(path).addQueryParameter("q", query)
                .addQueryParameter("n", Integer.toString(n)).addQueryParameter("page", Integer.toString(page)).build();
        Request request = new Request.Builder().url(url).build();
        Call call = client.newCall(request);
        try (Response r = call.execute()) {
            String text = boundedText(call, r, url);
            if (!r.isSuccessful()) {
                throw new SearchException(name + ": HTTP " + r.code() + " from " + url + ": "
                        + text.substring(0, Math.min(200, text.length())));
            }
            return text;
        } catch (SearchException e) {
            throw e;
        } catch (InterruptedIOException e) {
            throw new SearchException(name + ": no answer from " + url + " in time (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            AddressGuard.RefusedAddressException refused = AddressGuard.refusedIn(e);
            if (refused != null) {
                throw new SearchException(name + ": refused to follow " + url + " elsewhere: " + refused.getMessage(), e);
            }
            throw new SearchException(name + ": cannot reach " + base + " (" + e.getMessage()
                    + "); is the pool server running? Start it with 'explorer pool serve' or set search.endpoint", e);
        }
    }

    /**
     * The body as text, read while counting: Content-Length may be absent (chunked) or lie, so
     * only the bytes actually received are trusted. An answer over the limit cancels {@code call}
     * before the response closes: closing an unfinished body makes OkHttp drain it for up to 100 ms
     * to reuse the connection, tens of MB of an endless answer on loopback.
     */
    String boundedText(Call call, Response response, HttpUrl url) throws IOException, SearchException {
        ResponseBody body = response.body();
        long declared = body.contentLength();
        BufferedSource source = body.source();
        if (declared > maxResponseBytes || source.request(maxResponseBytes + 1)) {
            call.cancel();
            throw new SearchException(name + ": answer from " + url + " passed search.maxResponseBytes="
                    + maxResponseBytes + "; the engine is broken or hostile, or raise the limit");
        }
        MediaType type = body.contentType();
        Charset charset = type == null ? null : type.charset();
        return source.readString(charset == null ? StandardCharsets.UTF_8 : charset);
    }

    /** Resolves a possibly relative URL against the endpoint. */
    String absolute(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        HttpUrl u = base.resolve(url);
        return u == null ? url : u.toString();
    }

    @Override
    public String describe() {
        return name + " " + base;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}

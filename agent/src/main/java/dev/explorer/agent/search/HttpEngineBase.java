package dev.explorer.agent.search;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Shared HTTP plumbing of the pool engines: one OkHttp client, clear errors naming the endpoint. */
abstract class HttpEngineBase implements ImageSearchEngine {
    /** Largest response read, so a broken server cannot exhaust memory. */
    static final long MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

    final HttpUrl base;
    final OkHttpClient client;
    private final String name;

    HttpEngineBase(String name, String endpoint, Duration timeout) {
        HttpUrl u = HttpUrl.parse(endpoint);
        if (u == null) {
            throw new IllegalArgumentException("search endpoint '" + endpoint
                    + "' is not an http(s) URL; set search.endpoint to e.g. http://127.0.0.1:8765");
        }
        this.base = u;
        this.name = name;
        this.client = new OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2)).build();
    }

    /** GETs base + path with the query parameters; returns the body text of a 2xx answer. */
    String get(String path, String query, int n, int page) throws SearchException {
        HttpUrl url = base.newBuilder().encodedPath(path).addQueryParameter("q", query)
                .addQueryParameter("n", Integer.toString(n)).addQueryParameter("page", Integer.toString(page)).build();
        Request request = new Request.Builder().url(url).build();
        try (Response r = client.newCall(request).execute()) {
            long len = r.body().contentLength();
            if (len > MAX_RESPONSE_BYTES) {
                throw new SearchException(name + ": answer of " + len + " bytes from " + url + " is too large");
            }
            String text = r.body().string();
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
            throw new SearchException(name + ": cannot reach " + base + " (" + e.getMessage()
                    + "); is the pool server running? Start it with 'explorer pool serve' or set search.endpoint", e);
        }
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

package dev.explorer.agent.search;

import dev.explorer.config.DownloadConfig;
import dev.explorer.config.SearchConfig;
import dev.explorer.config.SearchConfig.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the engine client (or the weighted mix) that {@code search.engine} / {@code search.engines} name. */
public final class SearchEngines {
    /** Connect and read timeout of a search request (the pool answers in milliseconds). */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Documented limits per engine (engines.md), used unless search.budgets names the engine. */
    public static final Map<Engine, List<String>> DEFAULT_BUDGETS = Map.of(
            Engine.OPENVERSE, List.of("5/hour", "100/day"),
            Engine.WIKIMEDIA, List.of("200/minute"),
            Engine.FLICKR, List.of("3600/hour"),
            Engine.CLIP_RETRIEVAL, List.of(),
            Engine.HTML, List.of("30/minute"),
            Engine.POOL_JSON, List.of(),
            Engine.POOL_HTML, List.of());

    private SearchEngines() {}

    /** With the real environment and the default download settings (the User-Agent). */
    public static ImageSearchEngine create(SearchConfig config) {
        return create(config, DownloadConfig.DEFAULTS, System::getenv);
    }

    /**
     * @param env reads the environment variables the settings name (keys live there and nowhere else)
     */
    public static ImageSearchEngine create(SearchConfig config, DownloadConfig download, Function<String, String> env) {
        if (config.engines().isEmpty()) {
            return one(config.engine(), config, download, env);
        }
        List<MixedEngine.Weighted> list = new ArrayList<>();
        for (String spec : config.engines()) {
            String[] p = spec.split(":", 2);
            Engine e = Engine.byKey(p[0].trim());
            list.add(new MixedEngine.Weighted(e.key(), one(e, config, download, env), Double.parseDouble(p[1].trim())));
        }
        return new MixedEngine(list);
    }

    /** The budgets that apply to an engine: search.budgets entries for it, else its documented defaults. */
    public static List<RequestPolicy.Budget> budgets(Engine e, SearchConfig config) {
        List<RequestPolicy.Budget> out = new ArrayList<>();
        for (String b : config.budgets()) {
            String[] p = b.split(":", 2);
            if (Engine.byKey(p[0]) == e) {
                out.add(RequestPolicy.Budget.parse(p[1]));
            }
        }
        if (out.isEmpty()) {
            DEFAULT_BUDGETS.getOrDefault(e, List.of()).forEach(s -> out.add(RequestPolicy.Budget.parse(s)));
        }
        return out;
    }

    /** Whether the engine has what it needs (a key, a URL); null when it does, else what is missing. */
    public static String missing(Engine e, SearchConfig config, Function<String, String> env) {
        return switch (e) {
            case FLICKR -> blank(env.apply(config.flickrKeyEnv())) ? "no key: set $" + config.flickrKeyEnv() : null;
            case CLIP_RETRIEVAL -> blank(config.clipRetrievalUrl()) ? "no URL: set search.clipRetrievalUrl" : null;
            case HTML -> blank(config.htmlUrl()) ? "no URL: set search.htmlUrl" : null;
            default -> null;
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static ImageSearchEngine one(Engine e, SearchConfig c, DownloadConfig d, Function<String, String> env) {
        long cap = c.maxResponseBytes();
        String ua = d.userAgent();
        RequestPolicy policy = new RequestPolicy(e.key(), budgets(e, c), c.retries(), c.backoffMs(), c.maxBackoffMs(),
                c.breakerFailures(), c.breakerCooldownMs(), System::currentTimeMillis, Thread::sleep, e.ordinal());
        String problem = missing(e, c, env);
        if (problem != null && e != Engine.FLICKR) {
            throw new IllegalArgumentException("search engine " + e.key() + ": " + problem);
        }
        return switch (e) {
            case POOL_JSON -> new PoolJsonEngine(c.endpoint(), TIMEOUT, cap);
            case POOL_HTML -> new PoolHtmlEngine(c.endpoint(), TIMEOUT, cap);
            case OPENVERSE -> new OpenverseEngine(c.openverseUrl(), env.apply(c.openverseTokenEnv()), cap, ua, policy,
                    c.licences());
            case WIKIMEDIA -> new WikimediaEngine(c.wikimediaUrl(), c.thumbnailWidth(), cap, ua, policy, c.licences());
            case FLICKR -> new FlickrEngine(c.flickrUrl(), env.apply(c.flickrKeyEnv()), c.thumbnailWidth(), cap, ua,
                    policy, c.licences());
            case CLIP_RETRIEVAL -> new ClipRetrievalEngine(c.clipRetrievalUrl(), c.clipRetrievalIndex(), cap, ua, policy,
                    c.licences());
            case HTML -> new HtmlEngine(c.htmlUrl(), c.htmlResult(), c.htmlImage(), c.htmlCaption(), c.htmlPage(), cap, ua,
                    policy, c.licences());
        };
    }
}

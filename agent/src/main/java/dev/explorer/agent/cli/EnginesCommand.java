package dev.explorer.agent.cli;

import dev.explorer.agent.search.ImageSearchEngine;
import dev.explorer.agent.search.RequestPolicy;
import dev.explorer.agent.search.SearchEngines;
import dev.explorer.agent.search.SearchException;
import dev.explorer.agent.search.SearchHit;
import dev.explorer.agent.search.SearchPage;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.SearchConfig;
import dev.explorer.config.SearchConfig.Engine;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explorer engines}: every engine, whether it is configured (its key present, its URL set;
 * the key itself is never printed) and its request budgets. {@code explorer engines check NAME}
 * sends one real query and prints the first results or the exact reason it failed.
 */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "List the search engines, whether each is configured and its limits; 'engines check NAME' sends one query.",
        subcommands = EnginesCommand.Check.class)
public final class EnginesCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    /** Reads environment variables; tests replace it. */
    static Function<String, String> env = System::getenv;

    @Override
    public Integer call() {
        ExplorerConfig cfg = config.load();
        PrintWriter out = spec.commandLine().getOut();
        SearchConfig s = cfg.search();
        out.printf("%-15s %-12s %-44s %s%n", "engine", "configured", "endpoint", "budgets");
        for (Engine e : Engine.values()) {
            String missing = SearchEngines.missing(e, s, env);
            String budgets = String.join(", ", SearchEngines.budgets(e, s).stream().map(RequestPolicy.Budget::text).toList());
            out.printf("%-15s %-12s %-44s %s%n", e.key(), missing == null ? "yes" : "no", endpoint(e, s),
                    budgets.isEmpty() ? "none" : budgets);
            if (missing != null) {
                out.printf("%15s %s%n", "", missing);
            }
        }
        out.println();
        out.println("in use: " + (s.engines().isEmpty() ? s.engine().key() : String.join(", ", s.engines()))
                + (s.licences().isEmpty() ? "" : "; licences " + String.join(",", s.licences())));
        if (cfg.download().contact() == null || cfg.download().contact().isBlank()) {
            out.println("note: download.contact is empty; real engines (Wikimedia above all) ask bots for a contact "
                    + "in the User-Agent: --set download.contact=you@example.org");
        }
        out.flush();
        return 0;
    }

    static String endpoint(Engine e, SearchConfig s) {
        String u = switch (e) {
            case POOL_JSON, POOL_HTML -> s.endpoint();
            case OPENVERSE -> s.openverseUrl() + (s.openverseTokenEnv().isBlank() || env.apply(s.openverseTokenEnv()) == null
                    ? " (anonymous)" : " (token from $" + s.openverseTokenEnv() + ")");
            case WIKIMEDIA -> s.wikimediaUrl();
            case FLICKR -> s.flickrUrl() + " (key from $" + s.flickrKeyEnv() + ")";
            case CLIP_RETRIEVAL -> s.clipRetrievalUrl() == null ? "-" : s.clipRetrievalUrl() + " index " + s.clipRetrievalIndex();
            case HTML -> s.htmlUrl() == null ? "-" : s.htmlUrl();
        };
        return u;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Send one real query to an engine and print what came back, or why it failed.")
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "pool-json, pool-html, openverse, wikimedia, flickr, clip-retrieval, html")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "QUERY", description = "the query (default: red fox)")
        String query = "red fox";

        @Override
        public Integer call() {
            ExplorerConfig cfg = config.load();
            PrintWriter out = spec.commandLine().getOut();
            Engine e = Engine.byKey(name);
            if (e == null) {
                throw new UsageException("no engine '" + name + "'; choose one of "
                        + List.of(Engine.values()).stream().map(Engine::key).toList());
            }
            SearchConfig s = cfg.search().withLists(cfg.search().licences(), List.of(), cfg.search().budgets());
            String missing = SearchEngines.missing(e, s, env);
            if (missing != null) {
                out.println(e.key() + ": not configured: " + missing);
                out.flush();
                return 1;
            }
            SearchConfig one = s.withEngine(e, endpointOf(e, s)).withRetries(0, 0, 1_000, 0);
            try (ImageSearchEngine engine = SearchEngines.create(one, cfg.download(), env)) {
                long t0 = System.nanoTime();
                SearchPage p = engine.search(query, 5, 0);
                out.printf("%s: '%s' answered in %d ms: %d results reported, %d on the first page%n", e.key(), query,
                        (System.nanoTime() - t0) / 1_000_000, p.total(), p.hits().size());
                for (SearchHit h : p.hits()) {
                    out.printf("  %s%n    licence %s, creator %s, page %s%n", h.imageUrl(), h.licence(), h.creator(),
                            h.pageUrl());
                }
                out.flush();
                return 0;
            } catch (SearchException x) {
                out.println(e.key() + ": failed: " + x.getMessage());
                out.flush();
                return 1;
            } catch (IllegalArgumentException x) {
                throw new UsageException(x.getMessage());
            }
        }

        private static String endpointOf(Engine e, SearchConfig s) {
            return switch (e) {
                case POOL_JSON, POOL_HTML -> s.endpoint();
                case OPENVERSE -> s.openverseUrl();
                case WIKIMEDIA -> s.wikimediaUrl();
                case FLICKR -> s.flickrUrl();
                case CLIP_RETRIEVAL -> s.clipRetrievalUrl();
                case HTML -> s.htmlUrl();
            };
        }
    }
}

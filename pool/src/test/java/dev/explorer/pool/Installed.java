package dev.explorer.pool;

import dev.explorer.pool.source.Source;
import dev.explorer.pool.source.Sources;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests on the installed packages skip, naming what is missing, when a package is absent; with
 * {@code EXPLORER_REQUIRE_DATA=true} (set it in CI after scripts/install-data) they fail instead.
 */
public final class Installed {
    private Installed() {
    }

    public static Path cacheDir() {
        String env = System.getenv("EXPLORER_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "explorer");
    }

    public static Path npm(String pkg) {
        return Sources.npmModules(cacheDir()).resolve(pkg);
    }

    public static <S extends Source> S require(S source) {
        String why = source.unavailableReason();
        if (why != null) {
            if ("true".equalsIgnoreCase(System.getenv("EXPLORER_REQUIRE_DATA"))) {
                Assertions.fail(why + " (EXPLORER_REQUIRE_DATA=true)");
            }
            Assumptions.abort(why);
        }
        return source;
    }
}

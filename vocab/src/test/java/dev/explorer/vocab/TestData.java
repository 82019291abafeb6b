package dev.explorer.vocab;

import java.nio.file.Path;

/** Loads heavy things once per test JVM (surefire runs every class in one JVM). */
public final class TestData {

    private static Vocabulary wordnet;
    private static MiniLmEncoder encoder;

    private TestData() {
    }

    /** The shared cache folder surefire points EXPLORER_CACHE at (the checkout's git-ignored .cache). */
    public static Path cacheDir() {
        String env = System.getenv("EXPLORER_CACHE");
        return env == null || env.isBlank() ? null : Path.of(env);
    }

    public static synchronized Vocabulary wordnet() {
        if (wordnet == null) {
            wordnet = WordNetNouns.load(cacheDir());
        }
        return wordnet;
    }

    /** One encoder for all tests; never closed (the JVM ends with the suite). */
    public static synchronized MiniLmEncoder encoder() {
        if (encoder == null) {
            encoder = new MiniLmEncoder(0, MiniLmEncoder.DEFAULT_MAX_TOKENS);
        }
        return encoder;
    }
}

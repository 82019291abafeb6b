package dev.explorer.config;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Every remaining difference between the {@code paper} preset and the paper, read from the
 * resource {@code presets/paper-differences.yaml} (data, not code: a test checks each key and
 * its stated preset value against {@code paper.yaml}). {@code explorer config explain} prints it.
 */
public final class PaperDifferences {
    static final String RESOURCE = "presets/paper-differences.yaml";

    private PaperDifferences() {}

    /**
     * One difference.
     *
     * @param key the setting, or null for behaviour no setting changes
     * @param preset what the paper preset does (for a key: its value)
     * @param paper what the paper does or says
     * @param reason why they differ and how to get closer
     */
    public record Difference(String key, String preset, String paper, String reason) {}

    /** All differences, in the file's order. */
    public static List<Difference> all() {
        try (InputStream in = PaperDifferences.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the config module");
            }
            return List.copyOf(ConfigLoader.yamlMapper().readValue(in, new TypeReference<List<Difference>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

package dev.explorer.agent.loop;

import dev.explorer.encoder.ImageSource;
import dev.explorer.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reward's fixed reference set: a seeded sample of the first iteration's candidates (found by
 * uniformly drawn queries, so they stand for the web as a whole), stored under {@code background/}
 * and re-embedded with the current encoder each iteration. Unlike the iteration's own candidates,
 * it does not move toward the target as the agent succeeds.
 */
final class Background {
    private Background() {}

    /** Draws up to {@code size} of the harvest's candidates and stores them; returns their content hashes. */
    static List<String> draw(RunDirectory run, Harvest harvest, int size, long seed) throws IOException {
        int n = harvest.candidates().size();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0xB5AD4ECEDA1CE2A9L);
        int take = Math.min(size, n);
        for (int i = 0; i < take; i++) { // partial Fisher-Yates
            int j = i + rnd.nextInt(n - i);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        List<String> shas = new ArrayList<>(take);
        for (int i = 0; i < take; i++) {
            String sha = harvest.candidates().get(rows[i]).sha256();
            PngFiles.writeOnce(((ImageSource.Image) harvest.sources().get(rows[i])).image(), file(run, sha));
            shas.add(sha);
        }
        return shas;
    }

    static Path file(RunDirectory run, String sha) {
        return run.dir().resolve("background").resolve(sha + ".png");
    }

    static List<Path> files(RunDirectory run, List<String> shas) {
        return shas.stream().map(s -> file(run, s)).toList();
    }
}

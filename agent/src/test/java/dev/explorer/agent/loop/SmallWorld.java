package dev.explorer.agent.loop;

import dev.explorer.pool.PoolBuilder;
import dev.explorer.pool.source.FolderSource;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A tiny web for loop tests: drawn shapes in colours, captioned "red circle" etc., built into a
 * real pool (thumbnails, Lucene index) by the pool module; a target of red circles with a
 * labelled train/test split; and a user vocabulary of colour-shape queries.
 */
final class SmallWorld {
    static final String[] COLOURS = {"red", "blue", "green", "yellow"};
    static final Color[] RGB = {new Color(220, 30, 30), new Color(30, 60, 220), new Color(30, 170, 60), new Color(230, 210, 30)};
    static final String[] SHAPES = {"circle", "square", "triangle"};

    final Path pool;
    final Path target;
    final Path vocab;

    private SmallWorld(Path pool, Path target, Path vocab) {
        this.pool = pool;
        this.target = target;
        this.vocab = vocab;
    }

    /** Writes images (perClass for each colour x shape), builds the pool, writes target and vocabulary. */
    static SmallWorld create(Path root, int perClass) throws IOException {
        Path src = root.resolve("web");
        Random rnd = new Random(7);
        int n = 0;
        for (int c = 0; c < COLOURS.length; c++) {
            for (int s = 0; s < SHAPES.length; s++) {
                for (int i = 0; i < perClass; i++) {
                    Path img = src.resolve("00000").resolve(String.format("%06d.png", n++));
                    Files.createDirectories(img.getParent());
                    ImageIO.write(draw(RGB[c], SHAPES[s], rnd), "png", img.toFile());
                    Files.writeString(img.resolveSibling(img.getFileName().toString().replace(".png", ".txt")),
                            COLOURS[c] + " " + SHAPES[s]);
                }
            }
        }
        Path pool = root.resolve("pool");
        PoolBuilder.to(pool).name("small").source(new FolderSource("shapes", src, "CC0")).tagProbability(1.0).seed(1)
                .threads(1).progress(false).build();

        Path target = root.resolve("target");
        for (String part : new String[] {"train", "test"}) {
            Path dir = target.resolve(part);
            Files.createDirectories(dir);
            StringBuilder labels = new StringBuilder("path,label\n");
            for (int i = 0; i < 8; i++) {
                int shape = i % 2 == 0 ? 0 : 1; // circles and squares, both red
                String f = String.format("%s-%02d.png", SHAPES[shape], i);
                ImageIO.write(draw(RGB[0], SHAPES[shape], rnd), "png", dir.resolve(f).toFile());
                labels.append(f).append(',').append(SHAPES[shape]).append('\n');
            }
            Files.writeString(dir.resolve("labels.csv"), labels);
        }
        List<String> queries = new ArrayList<>();
        for (String c : COLOURS) {
            for (String s : SHAPES) {
                queries.add(c + " " + s);
            }
        }
        Path vocab = root.resolve("vocab.txt");
        Files.write(vocab, queries);
        return new SmallWorld(pool, target.resolve("train"), vocab);
    }

    static BufferedImage draw(Color colour, String shape, Random rnd) {
        BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(235 + rnd.nextInt(20), 235 + rnd.nextInt(20), 235 + rnd.nextInt(20)));
        g.fillRect(0, 0, 48, 48);
        g.setColor(colour);
        int x = 6 + rnd.nextInt(8);
        int y = 6 + rnd.nextInt(8);
        int w = 22 + rnd.nextInt(12);
        switch (shape) {
            case "circle" -> g.fillOval(x, y, w, w);
            case "square" -> g.fillRect(x, y, w, w);
            default -> g.fillPolygon(new int[] {x, x + w, x + w / 2}, new int[] {y + w, y + w, y}, 3);
        }
        g.dispose();
        return img;
    }

    /** Settings for a fast two-iteration run on this world. */
    List<String> settings(String endpoint, Path runs, String name) {
        return List.of("run.dir=" + runs, "run.name=" + name, "run.cacheDir=" + runs.resolveSibling("cache"), "run.iterations=3", "run.seed=5",
                "target.dir=" + target, "vocab.source=file", "vocab.file=" + vocab,
                "search.endpoint=" + endpoint, "search.queriesPerIteration=4", "search.resultsPerQuery=8",
                "search.minResults=2", "train.epochsPerIteration=1", "train.batchSize=8", "train.pcr=1",
                "encoder.imageSize=32", "encoder.hiddenDim=64", "encoder.projectionDim=32", "eval.knnK=5",
                "download.concurrency=2", "run.keepCheckpoints=2", "eval.linearProbe=true", "eval.probeEpochs=5");
    }
}

package dev.explorer.pool.source;

import dev.explorer.pool.Topic;
import dev.explorer.pool.wordnet.WordNet;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST (Debian {@code dataset-fashion-mnist}, IDX gz files). The data has no text, so
 * each image gets a synthetic caption: a name drawn (seeded per image) from a WordNet pool of
 * names for its class (sandal, espadrille, flip-flop, ...) and a few more names from the pool as
 * tags. Items are marked synthetic.
 */
public final class FashionMnistSource implements Source {

    public static final Path DEFAULT_ROOT = Path.of("/usr/share/datasets/fashion-mnist");

    /** Class names in label order, as the dataset documents them. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** WordNet seed nouns (noun.artifact) per class; their synsets and hyponyms give the names. */
    private static final List<List<String>> SEEDS = List.of(
            List.of("jersey", "tank top", "camisole"), List.of("trousers"), List.of("sweater"),
            List.of("dress"), List.of("coat"), List.of("sandal"), List.of("shirt"), List.of("gym shoe"),
            List.of("handbag", "tote bag", "backpack"), List.of("boot", "bootee"));

    public enum Split { TRAIN, TEST }

    private final Path root;
    private final Split split;
    private final int perClass;
    private final long seed;

    /**
     * @param perClass at most this many images per class, in file order (1,500 for the pool)
     * @param seed     seeds the synthetic captions
     */
    public FashionMnistSource(Path root, Split split, int perClass, long seed) {
        this.root = root;
        this.split = split;
        this.perClass = perClass;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "fashion-mnist";
    }

    private Path images() {
        return root.resolve(split == Split.TRAIN ? "train-images-idx3-ubyte.gz" : "t10k-images-idx3-ubyte.gz");
    }

    private Path labels() {
        return root.resolve(split == Split.TRAIN ? "train-labels-idx1-ubyte.gz" : "t10k-labels-idx1-ubyte.gz");
    }

    @Override
    public String unavailableReason() {
        if (!Files.isRegularFile(images()) || !Files.isRegularFile(labels())) {
            return "Fashion-MNIST not found at " + root
                    + " (install the Debian package dataset-fashion-mnist: scripts/install-data)";
        }
        return null;
    }

    /** One decoded image with its label and its index in the file. */
    public record Sample(int index, int label, ImageRef.Gray image) {
    }

    /** Reads images and labels (all of them, in file order). */
    public List<Sample> read() throws IOException {
        byte[] lab;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(labels()))) {
            DataInputStream d = new DataInputStream(in);
            if (d.readInt() != 2049) {
                throw new IOException("not an IDX label file: " + labels());
            }
            lab = new byte[d.readInt()];
            d.readFully(lab);
        }
        List<Sample> out = new ArrayList<>(lab.length);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(images()), 1 << 16)) {
            DataInputStream d = new DataInputStream(in);
            if (d.readInt() != 2051) {
                throw new IOException("not an IDX image file: " + images());
            }
            int n = d.readInt();
            int rows = d.readInt();
            int cols = d.readInt();
            if (n != lab.length) {
                throw new IOException(images() + " has " + n + " images but " + labels() + " has " + lab.length);
            }
            for (int i = 0; i < n; i++) {
                byte[] px = new byte[rows * cols];
                d.readFully(px);
                out.add(new Sample(i, lab[i], new ImageRef.Gray(cols, rows, px)));
            }
        }
        return out;
    }

    /** The WordNet names for each class (never empty: falls back to the class name). */
    public static List<List<String>> namePools() {
        List<List<String>> out = new ArrayList<>();
        WordNet wn = WordNet.get();
        for (int c = 0; c < CLASSES.size(); c++) {
            Set<String> names = new LinkedHashSet<>();
            for (String s : SEEDS.get(c)) {
                names.addAll(wn.names(s, "noun.artifact", 1));
            }
            if (names.isEmpty()) {
                names.add(CLASSES.get(c).toLowerCase());
            }
            out.add(List.copyOf(names));
        }
        return out;
    }

    public static Topic topic(int label) {
        return switch (label) {
            case 5, 7, 9 -> Topic.FOOTWEAR;
            case 8 -> Topic.OBJECT;
            default -> Topic.CLOTHING;
        };
    }

    @Override
    public List<SourceItem> items(int limit) throws IOException {
        List<List<String>> pools = namePools();
        int cap = limit > 0 ? Math.min(perClass, Math.max(1, limit / CLASSES.size())) : perClass;
        int[] taken = new int[CLASSES.size()];
        List<SourceItem> out = new ArrayList<>();
        for (Sample s : read()) {
            if (taken[s.label()] >= cap) {
                continue;
            }
            taken[s.label()]++;
            List<String> pool = pools.get(s.label());
            Random r = new Random(seed * 1_000_003L + s.index() * 31L + split.ordinal());
            String title = pool.get(r.nextInt(pool.size()));
            List<String> tags = new ArrayList<>();
            for (int k = 0; k < 3 && pool.size() > 1; k++) {
                String t = pool.get(r.nextInt(pool.size()));
                if (!t.equals(title) && !tags.contains(t)) {
                    tags.add(t);
                }
            }
            String key = split.name().toLowerCase() + "/" + s.index();
            out.add(new SourceItem(name(), "MIT (Fashion-MNIST)", key, title, List.of(), tags,
                    CLASSES.get(s.label()), topic(s.label()), true, s.image()));
        }
        return out;
    }
}

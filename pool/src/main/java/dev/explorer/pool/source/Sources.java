package dev.explorer.pool.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sources of the default pool "web-v1", found where scripts/install-data puts them. */
public final class Sources {

    /** Fashion-MNIST train images per class in web-v1. */
    public static final int FASHION_PER_CLASS = 1_500;

    private Sources() {
    }

    /** {@code <cacheDir>/npm/node_modules}, where scripts/install-data installs the npm packages. */
    public static Path npmModules(Path cacheDir) {
        return cacheDir.resolve("npm").resolve("node_modules");
    }

    /**
     * The web-v1 sources in build order. Twitter-style emoji are left out (they are target T1).
     *
     * @param licenceClean leave out Apple and Facebook emoji (not for commercial use)
     * @param seed         seeds the synthetic Fashion-MNIST captions
     */
    public static List<Source> webV1(Path cacheDir, boolean licenceClean, long seed) throws IOException {
        Path npm = npmModules(cacheDir);
        EmojiMeta meta = EmojiMeta.load(npm.resolve("emojibase-data"));
        List<Source> out = new ArrayList<>();
        out.add(new OpenClipartSource(OpenClipartSource.DEFAULT_ROOT));
        out.add(new TuxPaintSource(TuxPaintSource.DEFAULT_ROOT));
        out.add(new EmojiDatasourceSource("google", npm.resolve("emoji-datasource-google"), meta));
        if (!licenceClean) {
            out.add(new EmojiDatasourceSource("apple", npm.resolve("emoji-datasource-apple"), meta));
            out.add(new EmojiDatasourceSource("facebook", npm.resolve("emoji-datasource-facebook"), meta));
        }
        out.add(new OpenMojiSource(npm.resolve("openmoji")));
        out.add(new FluentSource(npm.resolve("fluentui-emoji"), meta));
        out.add(new OxygenSource(OxygenSource.DEFAULT_ROOT));
        out.add(new FashionMnistSource(FashionMnistSource.DEFAULT_ROOT, FashionMnistSource.Split.TRAIN,
                FASHION_PER_CLASS, seed));
        return out;
    }
}

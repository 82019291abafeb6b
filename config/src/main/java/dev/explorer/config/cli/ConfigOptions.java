package dev.explorer.config.cli;

import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every command that needs settings shares: {@code --preset}, {@code --config},
 * {@code --set}. Use as a picocli mixin: {@code @Mixin ConfigOptions config;} then {@code config.load()}.
 */
public final class ConfigOptions {

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = ConfigLoader.DEFAULT_PRESET,
            description = "Preset under the file and --set: cpu (default, 2-core CPU), paper (every paper value), demo (small, fast).")
    String preset;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML or JSON settings file over the preset.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set train.lr=0.01 (repeatable; lists as a,b,c).")
    List<String> sets = new ArrayList<>();

    /** Resolves and validates. @throws dev.explorer.config.ConfigException on any problem */
    public ExplorerConfig load() {
        return load(true);
    }

    public ExplorerConfig load(boolean checkPaths) {
        return ConfigLoader.builder().preset(preset).file(file).sets(sets).checkPaths(checkPaths).load();
    }

    public String preset() {
        return preset;
    }

    public Path file() {
        return file;
    }

    public List<String> sets() {
        return List.copyOf(sets);
    }
}

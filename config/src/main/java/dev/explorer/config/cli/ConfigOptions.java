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

    @Option(names = "--preset", paramLabel = "NAME",
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
        return ConfigLoader.builder().preset(preset()).file(file).sets(sets).checkPaths(checkPaths).load();
    }

    /** Loads with extra assignments applied after the user's --set ones (for option shorthands). */
    public ExplorerConfig load(List<String> extraSets) {
        return ConfigLoader.builder().preset(preset()).file(file).sets(sets).sets(extraSets).load();
    }

    /** The preset named with --preset, else the default one. */
    public String preset() {
        return preset == null ? ConfigLoader.DEFAULT_PRESET : preset;
    }

    /** Whether the user named a preset (commands with another default preset, such as demo, check this). */
    public boolean explicitPreset() {
        return preset != null;
    }

    /** Sets the preset a command uses when the user named none. */
    public void usePreset(String name) {
        this.preset = name;
    }

    public Path file() {
        return file;
    }

    public List<String> sets() {
        return List.copyOf(sets);
    }
}

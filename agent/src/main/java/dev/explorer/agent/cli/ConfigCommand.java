package dev.explorer.agent.cli;

import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ConfigSchema;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.PaperDifferences;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code explorer config show|check|explain}: see and check settings before any work starts. */
@Command(name = "config", description = "Show, check and explain settings.",
        mixinStandardHelpOptions = true,
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Check.class, ConfigCommand.Explain.class})
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the resolved settings as YAML (defaults <- preset <- file <- --set). The output loads back with --config.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() {
            ExplorerConfig c = config.load();
            spec.commandLine().getOut().print(ConfigLoader.toYaml(c));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a settings file (keys, types, ranges, files and folders it names) and exit 0 if it is usable.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "YAML or JSON settings file.")
        Path file;
        @picocli.CommandLine.Option(names = "--preset", paramLabel = "NAME", defaultValue = ConfigLoader.DEFAULT_PRESET,
                description = "Preset the file is layered on (default: cpu).")
        String preset;

        @Override
        public Integer call() {
            ConfigLoader.builder().preset(preset).file(file).load();
            spec.commandLine().getOut().println(file + ": ok");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Describe every setting, a section (e.g. train) or one key (e.g. train.lr): type, range, default and the paper's value;"
                    + " then what the paper preset still does differently from the paper, and why.")
    static final class Explain implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "KEY", arity = "0..1", description = "A setting (train.lr) or a section (train).")
        String key;

        @Override
        public Integer call() {
            ConfigSchema schema = ConfigSchema.EXPLORER;
            List<ConfigSchema.Key> keys;
            if (key == null) {
                keys = schema.keys();
            } else if (schema.isSection(key)) {
                keys = schema.keys().stream().filter(k -> k.section().equals(key)).toList();
            } else if (schema.key(key).isPresent()) {
                keys = List.of(schema.key(key).get());
            } else {
                throw new UsageException("unknown setting '" + key + "'; "
                        + schema.nearest(key).map(s -> "did you mean '" + s + "'? ").orElse("")
                        + "run 'explorer config explain' for the full list");
            }
            var defaults = ConfigLoader.yamlMapper().valueToTree(ConfigLoader.defaults());
            var paper = ConfigLoader.yamlMapper().valueToTree(ConfigLoader.preset("paper"));
            var out = spec.commandLine().getOut();
            String section = null;
            for (ConfigSchema.Key k : keys) {
                if (!k.section().equals(section)) {
                    section = k.section();
                    out.println(section + ":");
                }
                String leaf = k.path().substring(section.length() + 1);
                String dv = text(defaults.get(section).get(leaf));
                String pv = text(paper.get(section).get(leaf));
                out.printf("  %s = %s%s%n", k.path(), dv, pv.equals(dv) ? "" : "   (paper: " + pv + ")");
                out.printf("      %s; %s%n", k.setting().value(), k.describeType());
            }
            printDifferences(out, key == null ? null : keys.stream().map(ConfigSchema.Key::path).toList());
            out.flush();
            return 0;
        }
    }

    /**
     * The differences between the paper preset and the paper (resource paper-differences.yaml):
     * all of them, or for a section or key only those of its settings.
     *
     * @param only the settings shown, or null for everything (behaviour without a key included)
     */
    static void printDifferences(java.io.PrintWriter out, List<String> only) {
        List<PaperDifferences.Difference> ds = PaperDifferences.all().stream()
                .filter(d -> only == null || (d.key() != null && only.contains(d.key())))
                .toList();
        if (ds.isEmpty()) {
            return;
        }
        out.println();
        out.println("differences between --preset paper and the paper (Li et al., ICML 2023):");
        for (PaperDifferences.Difference d : ds) {
            out.printf("  - %s%s%n", d.key() == null ? "" : d.key() + ": ", d.preset());
            out.printf("      paper: %s%n", d.paper());
            out.printf("      why: %s%n", d.reason());
        }
    }

    static String text(com.fasterxml.jackson.databind.JsonNode n) {
        return n == null || n.isNull() ? "(empty)" : n.isTextual() ? n.asText() : n.toString();
    }
}

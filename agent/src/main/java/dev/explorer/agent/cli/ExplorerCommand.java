package dev.explorer.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code explorer} command. Subcommands are registered here, one line each; a subcommand
 * joins only when it does something.
 */
@Command(name = "explorer",
        mixinStandardHelpOptions = true,
        versionProvider = ExplorerCommand.Version.class,
        description = {
            "Teach an image encoder about a target task by exploring the web for it",
            "(Internet Explorer, Li et al., ICML 2023).",
            "",
            "Exit codes: 0 ok, 2 usage or configuration error, 1 runtime failure."
        },
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            ResumeCommand.class,
            dev.explorer.encoder.cli.EvalCommand.class,
            dev.explorer.encoder.cli.PretrainCommand.class,
            StartEncoderCommand.class,
            RewardCheckCommand.class,
            EnginesCommand.class,
            dev.explorer.pool.cli.PoolCommand.class,
            dev.explorer.vocab.cli.VocabCommand.class,
            ConfigCommand.class,
            dev.explorer.report.cli.ReportCommand.class,
            dev.explorer.report.cli.ExperimentCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class ExplorerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // no subcommand: show what there is
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = ExplorerCommand.class.getResourceAsStream("/dev/explorer/agent/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "explorer " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}

package dev.explorer.report.cli;

import dev.explorer.config.cli.UsageException;
import dev.explorer.report.RepresentationExperiment;
import dev.explorer.report.RepresentationReport;
import dev.explorer.run.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code explorer experiment summarize DIR}: the arithmetic of scripts/experiment-representation. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Summaries of experiments run by the scripts in scripts/.",
        subcommands = {ExperimentCommand.Summarize.class, ExperimentCommand.Across.class})
public final class ExperimentCommand implements Runnable {

    @Override
    public void run() {
        throw new UsageException("give a subcommand: explorer experiment summarize DIR, or explorer experiment across DIR DIR...");
    }

    @Command(name = "summarize", mixinStandardHelpOptions = true,
            description = {
                "Summarise a representation experiment (scripts/experiment-representation): reads the runs",
                "<target>-<start>-<arm>-seed<N>/ under DIR and writes DIR/summary.md, DIR/summary.json and one",
                "SVG per target and start (accuracy vs optimiser steps per arm). Per arm: k-NN and linear-probe",
                "accuracy, mean and sd over seeds, the paired difference to target-only with a 95% t-interval,",
                "optimiser steps and wall time. Says loudly when the arms did not take equal optimiser steps.",
            })
    static final class Summarize implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "The experiment folder holding the runs.")
        Path dir;

        @picocli.CommandLine.Option(names = "--ground-truth", paramLabel = "POOL",
                description = "A pool directory (or its eval.jsonl): count the new images each run trained on that are relevant.")
        Path groundTruth;

        @picocli.CommandLine.Option(names = "--relevant", paramLabel = "TARGET=NAMES",
                description = "What is relevant to a target: ground-truth topics or sources, e.g. t3large=footwear,"
                        + " t4=fashion-mnist (repeatable).")
        java.util.Map<String, String> relevant = new java.util.LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(dir)) {
                throw new UsageException(dir + " is not a folder");
            }
            RepresentationExperiment.Relevance rel = null;
            if (groundTruth != null) {
                if (!Files.exists(groundTruth)) {
                    throw new UsageException("--ground-truth " + groundTruth + " does not exist");
                }
                java.util.Map<String, java.util.Set<String>> byTarget = new java.util.LinkedHashMap<>();
                relevant.forEach((t, names) -> byTarget.put(t, new java.util.HashSet<>(List.of(names.split(",")))));
                rel = RepresentationExperiment.Relevance.load(groundTruth, byTarget);
            }
            List<RepresentationExperiment.ArmRun> runs = RepresentationExperiment.read(dir, rel);
            if (runs.isEmpty()) {
                throw new UsageException("no runs named <target>-<start>-<arm>-seed<N> with an iterations.jsonl under " + dir);
            }
            List<RepresentationExperiment.Group> groups = RepresentationExperiment.summarise(runs);
            String md = RepresentationReport.markdown(groups);
            for (RepresentationExperiment.Group g : groups) {
                AtomicFiles.write(dir.resolve(RepresentationReport.chartFile(g)),
                        RepresentationReport.chart(g).getBytes(StandardCharsets.UTF_8));
                if (!g.equalSteps()) {
                    System.err.println("WARNING: " + g.target() + ", start " + g.start()
                            + ": the arms did not take equal optimiser steps: " + g.problems());
                }
            }
            AtomicFiles.write(dir.resolve("summary.md"), md.getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve("summary.json"), RepresentationReport.json(groups).getBytes(StandardCharsets.UTF_8));
            System.out.print(md);
            System.out.flush();
            return 0;
        }
    }

    @Command(name = "across", mixinStandardHelpOptions = true,
            description = {
                "Gains over target-only across draws of the start: each DIR is one experiment folder run from one",
                "build of the start (e.g. encoder.startSeed=0, 1, 2). Per target, start and arm: the mean paired",
                "difference to target-only in each folder, and their mean with a 95% t-interval over the folders,",
                "so the start counts as the random factor it is. A folder where an arm and the baseline took unequal",
                "steps is left out of that arm's row and named. --baseline random compares with another arm instead.",
                "Prints markdown; --out also writes it.",
            })
    static final class Across implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", arity = "2..*", description = "Experiment folders, one per draw of the start.")
        List<Path> dirs;

        @picocli.CommandLine.Option(names = "--out", paramLabel = "FILE", description = "Also write the markdown here.")
        Path out;

        @picocli.CommandLine.Option(names = "--baseline", paramLabel = "ARM", defaultValue = "target-only",
                description = "The arm every difference is to (default ${DEFAULT-VALUE}; e.g. random: does the"
                        + " explorer beat random across draws?).")
        String baseline;

        @Override
        public Integer call() throws Exception {
            if (!RepresentationExperiment.ARMS.contains(baseline)) {
                throw new UsageException("--baseline " + baseline + " is not an arm; arms are " + RepresentationExperiment.ARMS);
            }
            java.util.Map<String, List<RepresentationExperiment.Group>> byDraw = new java.util.LinkedHashMap<>();
            for (Path d : dirs) {
                if (!Files.isDirectory(d)) {
                    throw new UsageException(d + " is not a folder");
                }
                List<RepresentationExperiment.ArmRun> runs = RepresentationExperiment.read(d);
                if (runs.isEmpty()) {
                    throw new UsageException("no runs named <target>-<start>-<arm>-seed<N> with an iterations.jsonl under " + d);
                }
                String name = d.toAbsolutePath().normalize().getFileName().toString();
                if (byDraw.put(name, RepresentationExperiment.summarise(runs)) != null) {
                    throw new UsageException("two folders are named " + name + "; give each draw its own folder name");
                }
            }
            String md = RepresentationReport.acrossMarkdown(RepresentationExperiment.acrossStarts(byDraw, baseline));
            if (out != null) {
                AtomicFiles.write(out, md.getBytes(StandardCharsets.UTF_8));
            }
            System.out.print(md);
            System.out.flush();
            return 0;
        }
    }
}

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
        subcommands = {ExperimentCommand.Summarize.class})
public final class ExperimentCommand implements Runnable {

    @Override
    public void run() {
        throw new UsageException("give a subcommand: explorer experiment summarize DIR");
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
}

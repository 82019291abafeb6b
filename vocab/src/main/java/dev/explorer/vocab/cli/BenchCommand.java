package dev.explorer.vocab.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.vocab.MiniLmEncoder;
import dev.explorer.vocab.Vocabularies;
import dev.explorer.vocab.Vocabulary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code explorer vocab bench}: text-embedding throughput. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure text-embedding throughput on a seeded sample of concept texts for several batch sizes and thread counts.")
final class BenchCommand implements Runnable {
    @Mixin
    ConfigOptions config;
    @Spec
    CommandSpec spec;
    @Option(names = "--count", defaultValue = "2000", description = "Concepts per measurement (default ${DEFAULT-VALUE}).")
    int count;
    @Option(names = "--batch", split = ",", defaultValue = "1,32,64", description = "Batch sizes (default ${DEFAULT-VALUE}).")
    List<Integer> batches;
    @Option(names = "--threads", split = ",", defaultValue = "0", description = "ONNX Runtime threads, 0 = one per core (default ${DEFAULT-VALUE}).")
    List<Integer> threads;
    @Option(names = "--rounds", defaultValue = "2", description = "Alternating rounds over all settings (default ${DEFAULT-VALUE}).")
    int rounds;
    @Option(names = "--langchain4j", description = "Also time langchain4j's own AllMiniLmL6V2EmbeddingModel.embedAll (the baseline).")
    boolean baseline;

    @Override
    public void run() {
        ExplorerConfig cfg = config.load();
        Vocabulary v = Vocabularies.load(cfg);
        List<String> texts = new ArrayList<>(v.texts());
        Collections.shuffle(texts, new Random(cfg.run().seed()));
        texts = texts.subList(0, Math.min(count, texts.size()));
        PrintWriter out = spec.commandLine().getOut();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        out.printf("%d concept texts from %s, %d rounds; cpu-s counts this process on all cores%n", texts.size(), v.name(), rounds);
        for (int round = 1; round <= rounds; round++) {
            if (baseline) {
                var model = new dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel();
                List<dev.langchain4j.data.segment.TextSegment> segs = texts.stream()
                        .map(dev.langchain4j.data.segment.TextSegment::from).toList();
                model.embedAll(segs.subList(0, Math.min(64, segs.size()))); // warm-up
                long c0 = os.getProcessCpuTime();
                long w0 = System.nanoTime();
                model.embedAll(segs);
                double wall = (System.nanoTime() - w0) / 1e9;
                double cpu = (os.getProcessCpuTime() - c0) / 1e9;
                out.printf(Locale.ROOT, "round %d langchain4j embedAll  : %7.1f concepts/s  %7.1f concepts/cpu-s  load %.2f%n",
                        round, texts.size() / wall, texts.size() / cpu, os.getSystemLoadAverage());
                out.flush();
            }
            for (int t : threads) {
                try (MiniLmEncoder enc = new MiniLmEncoder(t, MiniLmEncoder.DEFAULT_MAX_TOKENS)) {
                    enc.embedFlat(texts.subList(0, Math.min(64, texts.size())), 32, null); // warm-up
                    for (int b : batches) {
                        long c0 = os.getProcessCpuTime();
                        long w0 = System.nanoTime();
                        enc.embedFlat(texts, b, null);
                        double wall = (System.nanoTime() - w0) / 1e9;
                        double cpu = (os.getProcessCpuTime() - c0) / 1e9;
                        out.printf(Locale.ROOT, "round %d threads %d batch %4d: %7.1f concepts/s  %7.1f concepts/cpu-s  load %.2f%n",
                                round, enc.threads(), b, texts.size() / wall, texts.size() / cpu, os.getSystemLoadAverage());
                        out.flush();
                    }
                }
            }
        }
    }
}

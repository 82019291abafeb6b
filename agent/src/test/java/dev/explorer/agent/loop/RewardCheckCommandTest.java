package dev.explorer.agent.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.explorer.agent.cli.RewardCheckCommand;
import dev.explorer.config.ConfigException;
import dev.explorer.config.cli.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RewardCheckCommandTest {

    @TempDir
    Path tmp;

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cmd = new CommandLine(new RewardCheckCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(ex.getMessage());
            c.getErr().flush();
            return ex instanceof UsageException || ex instanceof ConfigException ? 2 : 1;
        });
        return cmd.execute(args);
    }

    @Test
    void redShapesAreFoundForARedTargetAndTheAucSaysSo() throws Exception {
        SmallWorld w = SmallWorld.create(tmp, 6);
        // ground truth by colour: the drawing order is colour-major, 3 shapes x 6 per colour
        ObjectMapper json = new ObjectMapper();
        Path eval = w.pool.resolve("eval.jsonl");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(eval)) {
            ObjectNode e = (ObjectNode) json.readTree(line);
            int n = Integer.parseInt(e.get("key").asText().replaceAll("\\D", ""));
            e.put("topic", n / 18 == 0 ? "red" : "other");
            lines.add(json.writeValueAsString(e));
        }
        Files.write(eval, lines);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = run(out, err, w.target.toString(), "--pool", w.pool.toString(), "--relevant", "red", "--sample", "0",
                "--set", "encoder.start=random", "--set", "encoder.imageSize=32", "--set", "encoder.hiddenDim=64", "--set", "encoder.projectionDim=32",
                "--set", "reward.k=4", "--set", "reward.whiten=0");
        // whiten=0: a quarter of this pool is red, so the background's covariance is dominated by the red
        // direction and whitening damps exactly the signal (AUC 0.68 here); whitening assumes the target's
        // kind is rare on the web
        assertEquals(0, rc, err.toString());
        String text = out.toString();
        assertTrue(text.contains("pool sample: 72 images, 18 relevant (red), base rate 0.250"), text);
        Matcher m = Pattern.compile("relevant vs the rest .*: ([0-9.]+)").matcher(text);
        assertTrue(m.find(), text);
        double auc = Double.parseDouble(m.group(1));
        assertTrue(auc > 0.9, "red images are nearest a red target even for an untrained encoder: AUC " + auc);
        assertTrue(text.contains("top 50 "), text);

        // the same check can hand its embeddings to outside analysis: one float32 row per image, rows named
        Path dump = tmp.resolve("features");
        assertEquals(0, run(new StringWriter(), err, w.target.toString(), "--pool", w.pool.toString(), "--relevant", "red",
                "--sample", "0", "--set", "encoder.start=random", "--set", "encoder.imageSize=32", "--set",
                "encoder.hiddenDim=64", "--set", "encoder.projectionDim=32", "--set", "reward.k=4",
                "--save-features", dump.toString()), err.toString());
        List<String> rows = Files.readAllLines(dump.resolve("pool.tsv"));
        assertEquals(73, rows.size(), "a header and 72 pool rows");
        assertEquals("row\tid\tsource\ttopic", rows.get(0));
        long poolBytes = Files.size(dump.resolve("pool.f32"));
        assertEquals(0, poolBytes % (72L * 4), "pool.f32 holds 72 float32 rows: " + poolBytes);
        long dim = poolBytes / (72L * 4);
        assertTrue(dim >= 8, "embedding size " + dim);
        int targetRows = Files.readAllLines(dump.resolve("target.tsv")).size() - 1;
        assertEquals(targetRows * dim * 4, Files.size(dump.resolve("target.f32")));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(dump.resolve("pool.f32")))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            float v = b.getFloat();
            norm += v * v;
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-3, "rows are the encoder's L2-normalised embeddings, not centred");

        // a run's own background folder (files named by content hash) as the reference, with the contrast on
        Path bg = Files.createDirectories(tmp.resolve("run-background"));
        List<Path> thumbs;
        try (var files = Files.walk(w.pool.resolve("thumbs"))) {
            thumbs = files.filter(f -> f.toString().endsWith(".png")).sorted().limit(10).toList();
        }
        for (Path f : thumbs) {
            String sha = java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
            Files.copy(f, bg.resolve(sha + ".png"));
        }
        StringWriter bgOut = new StringWriter();
        assertEquals(0, run(bgOut, err, w.target.toString(), "--pool", w.pool.toString(), "--relevant", "red",
                "--sample", "0", "--set", "encoder.start=random", "--set", "encoder.imageSize=32", "--set",
                "encoder.hiddenDim=64", "--set", "encoder.projectionDim=32", "--set", "reward.k=4",
                "--set", "reward.contrast=1", "--background", bg.toString()), err.toString());
        assertTrue(bgOut.toString().contains("minus 1.0 x mean cosine to the 4 nearest of the 10 background images")
                && bgOut.toString().contains("(background: " + bg + ")"), bgOut.toString());
        assertEquals(2, run(new StringWriter(), err, w.target.toString(), "--pool", w.pool.toString(), "--relevant", "red",
                "--background", tmp.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("no such background folder"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, w.target.toString(), "--pool", w.pool.toString(), "--relevant", "animal"));
        assertTrue(err.toString().contains("topic 'animal' is not in") && err.toString().contains("red"), err.toString());
    }

    @Test
    void aucCountsTiesAsHalfAndNeedsBothClasses() {
        List<dev.explorer.pool.EvalEntry> e = new ArrayList<>();
        String[] topics = {"a", "b", "a", "b"};
        for (int i = 0; i < topics.length; i++) {
            e.add(new dev.explorer.pool.EvalEntry("id" + i, i < 2 ? "s1" : "s2", "k", "t", topics[i]));
        }
        float[] perfect = {0.9f, 0.1f, 0.8f, 0.2f};
        assertEquals(1.0, RewardCheckCommand.auc(perfect, e, x -> x.topic().equals("a"), x -> true), 1e-12);
        assertEquals(0.0, RewardCheckCommand.auc(perfect, e, x -> x.topic().equals("b"), x -> true), 1e-12);
        float[] tied = {0.5f, 0.5f, 0.5f, 0.5f};
        assertEquals(0.5, RewardCheckCommand.auc(tied, e, x -> x.topic().equals("a"), x -> true), 1e-12);
        float[] mixed = {0.9f, 0.8f, 0.1f, 0.2f}; // a: 0.9, 0.1; b: 0.8, 0.2 -> 2 of 4 pairs right
        assertEquals(0.5, RewardCheckCommand.auc(mixed, e, x -> x.topic().equals("a"), x -> true), 1e-12);
        assertTrue(Double.isNaN(RewardCheckCommand.auc(perfect, e, x -> true, x -> true)));
    }
}

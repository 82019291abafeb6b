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
                "--set", "reward.k=4");
        assertEquals(0, rc, err.toString());
        String text = out.toString();
        assertTrue(text.contains("pool sample: 72 images, 18 relevant (red), base rate 0.250"), text);
        Matcher m = Pattern.compile("relevant vs the rest .*: ([0-9.]+)").matcher(text);
        assertTrue(m.find(), text);
        double auc = Double.parseDouble(m.group(1));
        assertTrue(auc > 0.9, "red images are nearest a red target even for an untrained encoder: AUC " + auc);
        assertTrue(text.contains("top 50 "), text);

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

package dev.explorer.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.ConfigException;
import dev.explorer.config.cli.UsageException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {

    @TempDir
    Path dir;

    private static final Color[] COLORS = {Color.RED, Color.BLUE, new Color(0, 150, 0)};

    /** A target like `explorer pool targets` writes: train/ and test/ with labels.csv. */
    private Path target() throws Exception {
        Path t = dir.resolve("t");
        Random r = new Random(3);
        for (String part : List.of("train", "test")) {
            Path p = Files.createDirectories(t.resolve(part));
            List<String> rows = new ArrayList<>(List.of("path,label"));
            int n = part.equals("train") ? 8 : 4;
            for (int c = 0; c < COLORS.length; c++) {
                for (int i = 0; i < n; i++) {
                    BufferedImage img = new BufferedImage(24, 24, BufferedImage.TYPE_INT_ARGB);
                    Graphics2D g = img.createGraphics();
                    g.setColor(COLORS[c]);
                    int d = 10 + r.nextInt(10);
                    g.fillOval(r.nextInt(24 - d + 1), r.nextInt(24 - d + 1), d, d);
                    g.dispose();
                    String name = "c" + c + "_" + i + ".png";
                    ImageIO.write(img, "png", p.resolve(name).toFile());
                    rows.add(name + ",class " + c);
                }
            }
            Files.write(p.resolve("labels.csv"), rows);
        }
        return t;
    }

    private static CommandLine cli(StringWriter out) {
        CommandLine cmd = new CommandLine(new EvalCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(ex.getMessage());
            return ex instanceof UsageException || ex instanceof ConfigException ? 2 : 1;
        });
        return cmd;
    }

    private static final String[] SMALL = {"--set", "encoder.imageSize=16", "--set", "encoder.hiddenDim=32", "--set",
            "encoder.projectionDim=16", "--set", "encoder.device=cpu", "--set", "train.batchSize=12", "--set",
            "eval.probeEpochs=20", "--set", "eval.knnK=5"};

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([0-9.]+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void printsKnnAndProbeAccuracyBeforeAndAfterTrainingAndReadsTheCheckpoint() throws Exception {
        Path t = target();
        Path ckpt = dir.resolve("enc.ckpt");
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(List.of(t.toString(), "--json", "--train-epochs", "2", "--save",
                ckpt.toString()));
        args.addAll(List.of(SMALL));
        assertEquals(0, cli(out).execute(args.toArray(String[]::new)), out.toString());
        String[] lines = out.toString().trim().split("\n");
        assertEquals(2, lines.length, out.toString());
        // three colours: even random features separate them; chance is 1/3
        assertTrue(field(lines[0], "knn") > 0.5, lines[0]); // chance is 1/3
        assertEquals(1.0 / 3, field(lines[0], "chance"), 1e-3);
        assertEquals(24, field(lines[0], "train"));
        assertEquals(12, field(lines[0], "test"));
        assertTrue(Files.isRegularFile(ckpt));

        // the checkpoint's architecture wins over the (default, different) encoder settings
        StringWriter again = new StringWriter();
        assertEquals(0, cli(again).execute(t.toString(), "--json", "--checkpoint", ckpt.toString(), "--set",
                "eval.probeEpochs=20", "--set", "eval.knnK=5", "--set", "train.batchSize=12"));
        assertEquals(field(lines[1], "knn"), field(again.toString(), "knn"), 1e-9);
        assertEquals(field(lines[1], "linearProbe"), field(again.toString(), "linearProbe"), 1e-9);
    }

    @Test
    void aFolderWithoutLabelsIsAUsageError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        StringWriter out = new StringWriter();
        CommandLine cmd = cli(out);
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        assertEquals(2, cmd.execute(empty.toString()));
        assertTrue(err.toString().contains("labels.csv"), err.toString());
    }
}

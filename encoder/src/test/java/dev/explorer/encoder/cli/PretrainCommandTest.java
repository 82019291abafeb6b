package dev.explorer.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.ConfigException;
import dev.explorer.config.EncoderConfig;
import dev.explorer.config.TrainConfig;
import dev.explorer.config.cli.UsageException;
import dev.explorer.encoder.Encoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PretrainCommandTest {

    @TempDir
    Path dir;

    private static final String[] SMALL = {"--set", "encoder.imageSize=16", "--set", "encoder.hiddenDim=32", "--set",
            "encoder.projectionDim=16", "--set", "encoder.device=cpu", "--set", "train.batchSize=8"};

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cmd = new CommandLine(new PretrainCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(ex.getMessage());
            c.getErr().flush();
            return ex instanceof UsageException || ex instanceof ConfigException ? 2 : 1;
        });
        String[] all = new String[args.length + SMALL.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(SMALL, 0, all, args.length, SMALL.length);
        return cmd.execute(all);
    }

    /** 20 images in two nested folders, plus a file that is not an image. */
    private Path folder() throws Exception {
        Path f = dir.resolve("imgs");
        Random r = new Random(1);
        for (int i = 0; i < 20; i++) {
            Path sub = Files.createDirectories(f.resolve(i % 2 == 0 ? "a" : "b/c"));
            BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(r.nextInt(0xFFFFFF)));
            g.fillRect(r.nextInt(10), r.nextInt(10), 10, 10);
            g.dispose();
            ImageIO.write(img, "png", sub.resolve("i" + i + ".png").toFile());
        }
        Files.writeString(f.resolve("a/readme.txt"), "not an image");
        return f;
    }

    @Test
    void writesACheckpointThatContinuesAndThatEncoderInitAccepts() throws Exception {
        Path f = folder();
        Path ckpt = dir.resolve("pre.ckpt");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, f.toString(), "--out", ckpt.toString(), "--epochs", "2"), err.toString());
        assertTrue(out.toString().contains("on 20 images, 2 epochs (2 in all), 6 optimiser steps"), out.toString());
        assertTrue(out.toString().contains("--set encoder.init=" + ckpt), out.toString());

        out = new StringWriter();
        assertEquals(0, run(out, err, f.toString(), "--out", ckpt.toString(), "--continue", "--max-images", "16"),
                err.toString());
        assertTrue(out.toString().contains("on 16 images, 1 epochs (3 in all), 8 optimiser steps"), out.toString());

        EncoderConfig init = new EncoderConfig(EncoderConfig.Backbone.RESNET_SMALL, 16, EncoderConfig.Device.CPU, 1,
                EncoderConfig.EmbedFrom.BACKBONE, 32, 16, ckpt);
        TrainConfig tc = TrainConfig.DEFAULTS;
        try (Encoder e = Encoder.create(init, tc, 0); Encoder fresh = Encoder.create(
                new EncoderConfig(init.backbone(), 16, init.device(), 1, init.embedFrom(), 32, 16, null), tc, 0)) {
            var img = dev.explorer.encoder.ImageSource.ofPaths(dev.explorer.config.common.ImageFiles.list(f).subList(0, 1));
            assertFalse(java.util.Arrays.equals(fresh.embed(img)[0], e.embed(img)[0]), "the pre-trained weights were loaded");
            assertEquals(0, e.epochsDone());
        }
    }

    @Test
    void refusesFoldersWithoutImagesAndAContinueWithoutCheckpoint() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, empty.toString(), "--out", dir.resolve("x.ckpt").toString()));
        assertTrue(err.toString().contains("found 0 images under"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, folder().toString(), "--out", dir.resolve("none.ckpt").toString(),
                "--continue"));
        assertTrue(err.toString().contains("no checkpoint at"), err.toString());
        assertEquals(20, dev.explorer.config.common.ImageFiles.list(dir.resolve("imgs")).size());
    }
}

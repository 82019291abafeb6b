package dev.explorer.vocab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.ConfigException;
import dev.explorer.config.cli.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VocabCommandTest {

    record Run(int code, String out, String err) {
    }

    /** Runs like the explorer launcher does: user errors exit 2, failures exit 1. */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new VocabCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(ex.getMessage());
            c.getErr().flush();
            return ex instanceof UsageException || ex instanceof ConfigException ? 2 : 1;
        });
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void showPrintsEverySenseWithItsText() {
        Run r = run("show", "golden retriever");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("noun.animal\tgolden retriever (retriever): an English breed having a long silky golden coat"),
                r.out());
        Run dog = run("show", "Dog");
        assertEquals(7, dog.out().strip().split("\n").length, dog.out());
        assertTrue(dog.out().startsWith("n02086723.1\tnoun.animal\tdog (canine): a member of the genus Canis"), dog.out());
    }

    @Test
    void unknownLemmaAndLexicalFileAreUserErrors() {
        Run r = run("show", "golden retrievr");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("No concept 'golden retrievr'") && r.err().contains("did you mean: golden retriever"), r.err());
        Run bad = run("stats", "--set", "vocab.lexicalFiles=noun.animals");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("vocab.lexicalFiles") && bad.err().contains("noun.animals"), bad.err());
    }

    @Test
    void userVocabularyEmbedNearestStatsAndPrune(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("shoes.txt");
        Files.writeString(file, "# a tiny vocabulary\nsneaker\nrunning shoe\nankle boot\nsandal\ncarburetor\ntax return\ntulip\nsneaker\n");
        List<String> common = new ArrayList<>(List.of("--set", "vocab.source=file", "--set", "vocab.file=" + file,
                "--set", "run.cacheDir=" + dir.resolve("cache")));

        Run embed = run(with(common, "embed"));
        assertEquals(0, embed.code(), embed.err());
        assertTrue(embed.out().contains("vocabulary: user-shoes (7 concepts") && embed.out().contains("embedded 7 x 384"), embed.out());
        assertTrue(Files.isRegularFile(dir.resolve("cache").resolve("vocab").resolve("user-shoes.emb")));
        Run again = run(with(common, "embed"));
        assertTrue(again.out().contains("loaded 7 x 384"), again.out());

        Run near = run(with(common, "nearest", "sneaker", "-n", "3"));
        assertEquals(0, near.code(), near.err());
        String[] lines = near.out().strip().split("\n");
        assertEquals(4, lines.length, near.out());
        assertTrue(lines[0].startsWith("query: sneaker"), lines[0]);
        assertTrue(lines[1].contains("running shoe"), near.out());
        assertTrue(!near.out().contains("tax return"), near.out());

        Run stats = run(with(common, "stats"));
        assertTrue(stats.out().contains("user") && stats.out().contains("7") && stats.out().contains("cached 7 x 384"), stats.out());

        Run prune = run(with(common, "prune", "sandal", "boot", "--set", "vocab.labelSetKeep=0.5"));
        assertEquals(0, prune.code(), prune.err());
        assertTrue(prune.out().startsWith("kept 4 of 7 concepts"), prune.out());
        String kept = prune.out();
        assertTrue(kept.contains("sandal") && kept.contains("ankle boot") && !kept.contains("tax return"), kept);

        Run zero = run(with(common, "nearest", "sneaker", "-n", "0"));
        assertEquals(2, zero.code());
    }

    private static String[] with(List<String> common, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return all.toArray(String[]::new);
    }
}

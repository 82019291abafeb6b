package dev.explorer.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserVocabularyTest {

    @Test
    void oneQueryPerLineWithCommentsBlanksAndDuplicates(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("my queries.txt");
        Files.writeString(f, "\uFEFF# footwear\nsneaker\n\n  ankle   boot \nSneaker\nsandal\n   # indented comment\nsandal\nflip-flop\n",
                StandardCharsets.UTF_8);
        UserVocabulary.Parsed p = UserVocabulary.read(f);
        Vocabulary v = p.vocabulary();
        assertEquals(List.of("sneaker", "ankle boot", "sandal", "flip-flop"), v.texts());
        assertEquals(2, p.duplicates());
        assertEquals(3, p.ignoredLines());
        assertEquals("user-my_queries", v.name());
        assertEquals("ankle boot", v.get(1).text());
        assertEquals(1, v.indexOf("ankle boot"));
    }

    @Test
    void emptyOrMissingFilesFailWithTheFileName(@TempDir Path dir) throws IOException {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing\n\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserVocabulary.read(empty));
        assertTrue(e.getMessage().contains("empty.txt") && e.getMessage().contains("no query"), e.getMessage());
        Path missing = dir.resolve("missing.txt");
        e = assertThrows(IllegalArgumentException.class, () -> UserVocabulary.read(missing));
        assertTrue(e.getMessage().contains("missing.txt") && e.getMessage().contains("does not exist"), e.getMessage());
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        e = assertThrows(IllegalArgumentException.class, () -> UserVocabulary.read(latin1));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }
}

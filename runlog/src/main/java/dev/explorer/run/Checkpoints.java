package dev.explorer.run;

import dev.explorer.run.RunDirectoryException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The checks a resumed run makes on its last checkpoint before loading it: present, and with the
 * content it was committed with. A failure names the file and the older iterations the run can be
 * rolled back to; nothing is deleted.
 */
public final class Checkpoints {
    private Checkpoints() {}

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Throws a {@link RunDirectoryException} naming the last checkpoint when it is missing or changed. */
    public static void verify(RunDirectory run) throws IOException {
        Path ckpt = run.lastCheckpoint();
        if (ckpt == null) {
            if (run.state().completedIterations() > 0) {
                throw new RunDirectoryException(Kind.DAMAGED, run.dir().resolve(RunDirectory.STATE) + " is damaged: "
                        + run.state().completedIterations() + " iterations committed but no checkpoint named. Restore it "
                        + "from a backup, or roll back with --rollback-to N (restorable: "
                        + RunDirectory.restorableIterations(run.dir()) + ")");
            }
            return;
        }
        String expected = run.state().loop().checkpointSha256();
        if (!Files.exists(ckpt)) {
            throw damaged(run, ckpt, "is missing");
        }
        if (expected != null && !expected.equals(sha256(ckpt))) {
            throw damaged(run, ckpt, "does not hold what was committed (its SHA-256 differs: truncated or overwritten)");
        }
    }

    /** The error for a checkpoint that cannot be loaded, with what to do. */
    public static RunDirectoryException damaged(RunDirectory run, Path ckpt, String why) throws IOException {
        List<Integer> older = RunDirectory.restorableIterations(run.dir()).stream()
                .filter(i -> i < run.state().completedIterations()).toList();
        String fix = older.isEmpty()
                ? " No older checkpoint is kept (run.keepCheckpoints), so the run cannot continue exactly; restore the file "
                        + "from a backup or start a new run."
                : " Continue from an older commit (the later iterations are redone; their log lines are moved aside, not "
                        + "deleted): explorer resume " + run.dir() + " --rollback-to " + older.get(older.size() - 1)
                        + "   (restorable: " + older + ")";
        return new RunDirectoryException(Kind.DAMAGED, "the run's last checkpoint " + ckpt + " " + why + "." + fix);
    }
}

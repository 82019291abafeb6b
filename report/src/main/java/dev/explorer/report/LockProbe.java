package dev.explorer.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Tells whether a process holds the run directory's lock, without touching the lock: trying the
 * lock ourselves could make a starting {@code explorer resume} fail, and closing a channel to the
 * file would drop a lock this JVM holds. Instead it looks the lock file's inode up in the kernel's
 * lock table ({@code /proc/locks}, Linux), which also names the holder's pid.
 */
final class LockProbe {
    static final Path PROC_LOCKS = Path.of("/proc/locks");

    /** Result: {@code known} false when the lock table cannot be read (not Linux, no /proc). */
    record Holder(boolean known, Long pid) {
        boolean held() {
            return pid != null;
        }
    }

    private LockProbe() {}

    static Holder probe(Path lockFile) {
        return probe(lockFile, PROC_LOCKS);
    }

    static Holder probe(Path lockFile, Path procLocks) {
        if (!Files.exists(lockFile)) {
            return new Holder(true, null);
        }
        List<String> lines;
        String devIno;
        try {
            lines = Files.readAllLines(procLocks);
            long dev = ((Number) Files.getAttribute(lockFile, "unix:dev")).longValue();
            long ino = ((Number) Files.getAttribute(lockFile, "unix:ino")).longValue();
            devIno = String.format(Locale.ROOT, "%02x:%02x:%d", major(dev), minor(dev), ino);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return new Holder(false, null);
        }
        for (String line : lines) {
            // "1: POSIX  ADVISORY  WRITE 12345 08:01:1234567 0 EOF"; blocked waiters carry "->" and are skipped
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && !f[1].equals("->") && f[5].equals(devIno)) {
                try {
                    return new Holder(true, Long.parseLong(f[4]));
                } catch (NumberFormatException e) {
                    return new Holder(true, -1L);
                }
            }
        }
        return new Holder(true, null);
    }

    /** glibc's gnu_dev_major / gnu_dev_minor. */
    static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L);
    }

    static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & 0xffffff00L);
    }
}

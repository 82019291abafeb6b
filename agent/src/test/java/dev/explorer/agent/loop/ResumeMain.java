package dev.explorer.agent.loop;

import dev.explorer.run.RunDirectory;
import java.nio.file.Path;

/** Child process of the SIGKILL test: resumes the run in args[0] until it ends or is killed. */
public final class ResumeMain {
    private ResumeMain() {}

    public static void main(String[] args) throws Exception {
        try (Session s = Session.open(RunDirectory.open(Path.of(args[0])))) {
            s.exploration().runToEnd();
        }
    }
}

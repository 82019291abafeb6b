package dev.explorer.agent.cli;

import dev.explorer.agent.loop.EngineUnreachableException;
import dev.explorer.agent.loop.TargetException;
import dev.explorer.config.ConfigException;
import dev.explorer.config.cli.UsageException;
import dev.explorer.run.RunDirectoryException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: runs {@link ExplorerCommand} and maps failures to exit codes without stack traces. */
public final class Main {
    public static final int OK = 0;
    public static final int RUNTIME_FAILURE = 1;
    public static final int USAGE_ERROR = 2;

    private Main() {}

    public static void main(String[] args) {
        // libraries that log through java.util.logging end up in the same SLF4J backend
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        System.exit(run(args));
    }

    /** Runs the command line; used by tests with their own writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    public static int run(String[] args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ExplorerCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof ConfigException ce) {
                err.println("explorer: " + ce.getMessage());
                err.flush();
                return USAGE_ERROR;
            }
            if (ex instanceof UsageException || ex instanceof RunDirectoryException || ex instanceof TargetException) {
                err.println("explorer: " + ex.getMessage());
                err.flush();
                return USAGE_ERROR;
            }
            if (ex instanceof EngineUnreachableException) { // the message says what to do; a trace would bury it
                err.println("explorer: stopped: " + ex.getMessage());
                err.flush();
                return RUNTIME_FAILURE;
            }
            err.println("explorer: failed: " + describe(ex));
            if (debug()) {
                ex.printStackTrace(err);
            } else {
                err.println("(set EXPLORER_DEBUG=1 for the stack trace)");
            }
            err.flush();
            return RUNTIME_FAILURE;
        });
        return cl;
    }

    private static String describe(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }

    private static boolean debug() {
        String d = System.getenv("EXPLORER_DEBUG");
        return d != null && !d.isBlank() && !d.equals("0");
    }
}

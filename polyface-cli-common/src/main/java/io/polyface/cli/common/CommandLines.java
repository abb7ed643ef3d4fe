package io.polyface.cli.common;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Builds and runs the picocli command lines of {@code polyface} and {@code polyface-spark} the same way. */
public final class CommandLines {

    private CommandLines() {}

    /**
     * @param root the root command object
     * @return its command line, printing a one-line reason (exit 2 for bad input) when a sub-command throws
     */
    public static CommandLine of(Object root) {
        CommandLine cl = new CommandLine(root);
        cl.setExecutionExceptionHandler(new OneLineErrorHandler());
        return cl;
    }

    /**
     * Runs a command line with the given streams (for in-process tests).
     *
     * @param cl the command line
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code (0 on success)
     */
    public static int run(CommandLine cl, PrintWriter out, PrintWriter err, String... args) {
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}

package io.polyface.cli.common;

import picocli.CommandLine;

/**
 * Turns an exception thrown by a sub-command into a one-line reason on standard error, prefixed by the command
 * ({@code polyface embed: error: ...}), and exit code 2 (bad input) or 1 (any other failure); a missing input names
 * its option and says "no such file" ({@link MissingInput}). Set {@code POLYFACE_DEBUG=1} for the stack trace.
 */
public final class OneLineErrorHandler implements CommandLine.IExecutionExceptionHandler {

    /** Exit code for bad input (arguments, files). */
    public static final int BAD_INPUT = 2;
    /** Exit code for any other failure. */
    public static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        String own = ex.getMessage();
        // a command that already named the option of a missing file keeps its own words
        String missing = own != null && own.contains(": no such file") ? null : MissingInput.describe(ex, cmd);
        String message = missing != null ? missing : own == null ? ex.getClass().getSimpleName() : own;
        String root = cmd.getCommandSpec().root().name();
        String name = cmd.getCommandSpec().root() == cmd.getCommandSpec() ? root : root + " " + cmd.getCommandName();
        cmd.getErr().println(name + ": error: " + message.replace('\n', ' '));
        if (System.getenv("POLYFACE_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        boolean badInput = missing != null || ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                || ex instanceof java.io.UncheckedIOException;
        return badInput ? BAD_INPUT : FAILURE;
    }
}

package io.polyface.cli;

import io.polyface.train.stop.SignalStop;
import io.polyface.train.stop.StopRequest;
import io.polyface.train.stop.StoppedException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a long command (train, demo, search with the trained proxy) meets Ctrl-C and {@code kill}: {@link #install} turns SIGINT/SIGTERM
 * into a {@link StopRequest} for the command's run ({@link SignalStop}); when the run has stopped,
 * {@link #report} prints where it stopped and the exact command that resumes it (the same arguments plus
 * {@code --resume}), and gives the exit status (130 for SIGINT, 143 for SIGTERM).
 */
final class Interruption {

    /** Environment variable set by {@code bin/polyface} to the path it was started as. */
    static final String LAUNCHER_VARIABLE = "POLYFACE_LAUNCHER";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private Interruption() {}

    /**
     * @param spec the command
     * @param stop the request the signals set
     * @return the installed handlers (close them when the run is over)
     */
    static SignalStop install(CommandSpec spec, StopRequest stop) {
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.commandLine().getCommandName();
        return SignalStop.install(stop, line -> {
            err.println();
            err.println("polyface " + name + ": " + line);
            err.flush();
        });
    }

    /**
     * Prints where the run stopped and how to resume it, on standard error.
     *
     * @param spec the command
     * @param stopped where it stopped
     * @return the exit status (128 + the signal's number)
     */
    static int report(CommandSpec spec, StoppedException stopped) {
        return report(spec, stopped, true);
    }

    /**
     * Prints where the run stopped and, for a command that can resume, how, on standard error.
     *
     * @param spec the command
     * @param stopped where it stopped
     * @param resumable whether the command has {@code --resume}
     * @return the exit status (128 + the signal's number)
     */
    static int report(CommandSpec spec, StoppedException stopped, boolean resumable) {
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.commandLine().getCommandName();
        err.println("polyface " + name + ": " + stopped.getMessage());
        if (resumable) {
            err.println("polyface " + name + ": resume with: " + resumeCommand(spec));
        }
        err.flush();
        return stopped.exitStatus();
    }

    /**
     * For a signal that arrived after the last stop point (e.g. during the final export): the work is complete,
     * and the exit status still says that the command was interrupted.
     *
     * @param spec the command
     * @param stop the request (requested)
     * @return the exit status (128 + the signal's number)
     */
    static int completedAnyway(CommandSpec spec, StopRequest stop) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("polyface " + spec.commandLine().getCommandName() + ": " + stop.cause()
                + " arrived after the last step; the run completed and its results are written");
        err.flush();
        return stop.exitStatus();
    }

    /**
     * @param spec the command
     * @return the command line that was run, with {@code --resume} added if it was not there, quoted for
     *     a POSIX shell
     */
    static String resumeCommand(CommandSpec spec) {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.contains("--resume")) {
            args.add("--resume");
        }
        String launcher = System.getenv(LAUNCHER_VARIABLE);
        StringBuilder b = new StringBuilder(quote(launcher == null || launcher.isBlank() ? "bin/polyface" : launcher));
        for (String a : args) {
            b.append(' ').append(quote(a));
        }
        return b.toString();
    }

    /**
     * @param arg a word
     * @return the word, single-quoted for a POSIX shell unless it is made of plain characters only
     */
    static String quote(String arg) {
        return !arg.isEmpty() && PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}

package io.polyface.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Where libraries' notices go on the command line: one line on standard error, {@code polyface CMD: note: ...}. */
final class Notices {

    private Notices() {}

    /**
     * @param spec the sub-command
     * @param command its name
     * @return a consumer printing each notice on the sub-command's standard error
     */
    static Consumer<String> to(CommandSpec spec, String command) {
        return notice -> {
            PrintWriter err = spec.commandLine().getErr();
            err.println("polyface " + command + ": note: " + notice);
            err.flush();
        };
    }
}

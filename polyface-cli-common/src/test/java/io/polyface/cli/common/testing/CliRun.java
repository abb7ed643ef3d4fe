package io.polyface.cli.common.testing;

import io.polyface.cli.common.CommandLines;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of a command line, as the tests of both command lines ({@code bin/polyface},
 * {@code bin/polyface-spark}) see it (shared through polyface-cli-common's test-jar).
 *
 * @param exitCode the exit code
 * @param out what was printed on standard output
 * @param err what was printed on standard error
 */
public record CliRun(int exitCode, String out, String err) {

    /**
     * Runs a command line in-process ({@link CommandLines#run}) and captures its output.
     *
     * @param commandLine the configured command line (e.g. {@code PolyfaceCli.newCommandLine()})
     * @param args its arguments
     * @return the exit code and what it printed
     */
    public static CliRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandLines.run(commandLine, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}

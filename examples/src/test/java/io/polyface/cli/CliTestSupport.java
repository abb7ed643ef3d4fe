package io.polyface.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures standard output, standard error and the exit code. */
final class CliTestSupport {

    /**
     * @param exitCode the exit code
     * @param out what was printed on standard output
     * @param err what was printed on standard error
     */
    record Run(int exitCode, String out, String err) {}

    private CliTestSupport() {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PolyfaceCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}

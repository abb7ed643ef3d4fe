package io.polyface.cli;

import io.polyface.cli.common.testing.CliRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --help} of the command and of every sub-command prints its usage and nothing else: picocli reports a
 * description it cannot format (e.g. an unescaped {@code %04d}) as a {@code [picocli WARN]} line on
 * {@code System.err}, which is captured here too.
 */
class HelpTest {

    @Test
    void everySubCommandsHelpPrintsNoWarning() {
        List<String> commands = new ArrayList<>(PolyfaceCli.newCommandLine().getSubcommands().keySet());
        assertThat(commands).contains("eval", "embed", "train", "aggregate", "demo", "inspect");
        commands.add(""); // the top-level command
        for (String name : commands) {
            PrintStream saved = System.err;
            ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
            CliRun run;
            try {
                System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
                run = name.isEmpty() ? CliTestSupport.run("--help") : CliTestSupport.run(name, "--help");
            } finally {
                System.setErr(saved);
            }
            String stray = systemErr.toString(StandardCharsets.UTF_8);
            assertThat(run.exitCode()).as("polyface %s --help exit code", name).isZero();
            assertThat(run.out()).as("polyface %s --help", name).contains("Usage:");
            assertThat(run.err()).as("polyface %s --help standard error", name).isEmpty();
            assertThat(stray).as("polyface %s --help: picocli output on System.err", name).isEmpty();
            assertThat(run.out()).as("polyface %s --help", name).doesNotContain("WARN");
        }
    }

    @Test
    void theCapturedStreamIsWherePicocliWarns() {
        // the test above can fail: picocli's tracer writes a badly formatted description to System.err
        PrintStream saved = System.err;
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
            CommandLine cl = new CommandLine(new BadDescription());
            cl.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
            cl.execute("--help");
        } finally {
            System.setErr(saved);
        }
        assertThat(systemErr.toString(StandardCharsets.UTF_8)).contains("picocli WARN").contains("%04d");
    }

    @CommandLine.Command(name = "bad", mixinStandardHelpOptions = true, description = "name_%04d.jpg")
    static final class BadDescription implements Runnable {
        @Override
        public void run() {}
    }
}

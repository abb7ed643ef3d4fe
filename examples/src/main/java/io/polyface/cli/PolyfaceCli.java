package io.polyface.cli;

import io.polyface.cli.common.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The {@code polyface} command line. Every sub-command prints results on standard output (only JSON
 * with {@code --json}), progress and logs on standard error, and exits non-zero with a one-line reason
 * on bad input.
 *
 * <p>Tests call {@link #run(PrintWriter, PrintWriter, String...)} in-process.
 */
@Command(name = "polyface",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Face recognition under a compute budget: FLOPs counting, training, evaluation, aggregation.",
        subcommands = {
                CommandLine.HelpCommand.class,
                FlopsCommand.class,
                EvalCommand.class,
                IjbCommand.class,
                IjbProtocolCommand.class,
                SynthCommand.class,
                SearchCommand.class,
                EmbedCommand.class,
                AggregateCommand.class,
                TrainCommand.class,
                DistillCommand.class,
                ExportCommand.class,
                DemoCommand.class,
                SelftestCommand.class,
                InspectCommand.class,
        })
public final class PolyfaceCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line with the given streams (for in-process tests).
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code (0 on success)
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return CommandLines.run(newCommandLine(), out, err, args);
    }

    /**
     * Builds the configured picocli command line (exception handler that prints one line).
     *
     * @return the command line
     */
    public static CommandLine newCommandLine() {
        return CommandLines.of(new PolyfaceCli());
    }

    /**
     * Entry point.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }
}

package io.polyface.cli;

import io.polyface.cli.common.testing.CliRun;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the CLI in-process and captures standard output, standard error and the exit code. */
final class CliTestSupport {

    private CliTestSupport() {}

    /**
     * @param more the run's other arguments
     * @return {@code train} on ORL with a tiny MobileFaceNet (input 32, width 0.25, one block per stage, 16-d), then {@code more}
     */
    static String[] tinyTraining(String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--data",
                io.polyface.devtree.SharedResources.resolve("data/orl").toString(), "--arch", "mobilefacenet-tiny", "--input", "32",
                "--width", "0.25", "--depth", "1,1,1,1", "--embedding", "16", "--loss-opt", "scale=16"));
        args.addAll(java.util.List.of(more));
        return args.toArray(new String[0]);
    }

    /**
     * @param args the arguments
     * @return {@code polyface args} run in-process
     */
    static CliRun run(String... args) {
        return CliRun.of(PolyfaceCli.newCommandLine(), args);
    }

    /**
     * @param args the arguments
     * @return {@code polyface args} run in-process, asserted to exit with status 0 (the failure shows standard error)
     */
    static CliRun runOk(String... args) {
        CliRun run = run(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }
}

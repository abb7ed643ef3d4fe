package io.polyface.cli;

import io.polyface.cli.common.testing.CliRun;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.polyface.cli.common.ThreadsOption;
import io.polyface.core.nn.TorchThreads;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --threads N} ({@link ThreadsOption}) sets PyTorch's intra-op threads; absent, it leaves them alone. */
class ThreadsOptionTest {

    @Command(name = "t")
    static final class WithThreads {
        @Mixin
        ThreadsOption threads;
    }

    @Test
    void setsTheIntraOpThreadsOnlyWhenGivenAndRefusesZero() {
        Engine.getEngine("PyTorch");
        int before = JniUtils.getNumThreads();
        try {
            WithThreads none = new WithThreads();
            new CommandLine(none).parseArgs();
            assertThat(none.threads.apply()).isZero();
            assertThat(JniUtils.getNumThreads()).isEqualTo(before);

            WithThreads one = new WithThreads();
            new CommandLine(one).parseArgs("--threads", "1");
            assertThat(one.threads.apply()).isEqualTo(1);
            assertThat(JniUtils.getNumThreads()).isEqualTo(1);
            assertThat(JniUtils.getNumInteropThreads()).isGreaterThanOrEqualTo(1);
        } finally {
            TorchThreads.apply(before);
        }
    }

    @Test
    void trainRefusesZeroThreadsWithOneLine() {
        CliRun run = CliTestSupport.run("train", "--data", "../shared/data/orl", "--out", "target/threads-zero",
                "--steps", "1", "--threads", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--threads must be >= 1, got 0");
    }
}

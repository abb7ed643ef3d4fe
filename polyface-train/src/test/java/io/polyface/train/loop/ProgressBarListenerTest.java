package io.polyface.train.loop;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgressBarListenerTest {

    private static StepResult step(long t) {
        return new StepResult(t, 0, 2.5 - 0.1 * t, 0.25, 0.1, 1.0, 32, 0.5);
    }

    @Test
    void withoutATerminalItPrintsOnePlainLineEveryIntervalAndAtTheEnd() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        try (ProgressBarListener l = new ProgressBarListener(new PrintStream(out, true, StandardCharsets.UTF_8), 0, 12,
                ProgressBarListener.Mode.LINES, Duration.ofSeconds(5), now::get)) {
            for (long t = 0; t < 12; t++) {
                now.addAndGet(Duration.ofSeconds(1).toNanos()); // one second a step
                l.onStep(step(t));
            }
        }
        String log = out.toString(StandardCharsets.UTF_8);
        assertThat(log).doesNotContain("\r").isEqualTo(String.join(System.lineSeparator(),
                "train: step 5/12 (41.7%), 64.0 img/s, loss 2.1000, acc 0.250",
                "train: step 10/12 (83.3%), 64.0 img/s, loss 1.6000, acc 0.250",
                "train: step 12/12 (100.0%), 64.0 img/s, loss 1.4000, acc 0.250", ""));
    }

    @Test
    void aStepWithoutAccuracyShowsNone() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ProgressBarListener l = new ProgressBarListener(new PrintStream(out, true, StandardCharsets.UTF_8), 0, 1,
                ProgressBarListener.Mode.LINES)) {
            l.onStep(new StepResult(0, 0, 0.8125, Double.NaN, 0.1, 1.0, 32, 0.5)); // distillation alone: no margin head
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("train: step 1/1 (100.0%), 64.0 img/s, loss 0.8125" + System.lineSeparator());
    }

    @Test
    void aResumedRunCountsFromItsStartStep() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ProgressBarListener l = new ProgressBarListener(new PrintStream(out, true, StandardCharsets.UTF_8), 10, 11,
                ProgressBarListener.Mode.LINES)) {
            l.onStep(step(10));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("train: step 11/11 (100.0%)");
    }

    @Test
    void onATerminalItDrawsABarRedrawnInPlace() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ProgressBarListener l = new ProgressBarListener(new PrintStream(out, true, StandardCharsets.UTF_8), 0, 3,
                ProgressBarListener.Mode.BAR)) {
            for (long t = 0; t < 3; t++) {
                l.onStep(step(t));
            }
        }
        String drawn = out.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("\r").contains("train").contains("3/3").contains("loss 2.3000").doesNotContain("train: step");
    }

    @Test
    void theModeFollowsTheConsoleUnlessTheVariableNamesOne() {
        assertThat(ProgressBarListener.Mode.detect(null, false)).isEqualTo(ProgressBarListener.Mode.LINES);
        assertThat(ProgressBarListener.Mode.detect(null, true)).isEqualTo(ProgressBarListener.Mode.BAR);
        assertThat(ProgressBarListener.Mode.detect("auto", false)).isEqualTo(ProgressBarListener.Mode.LINES);
        assertThat(ProgressBarListener.Mode.detect(" Bar ", false)).isEqualTo(ProgressBarListener.Mode.BAR);
        assertThat(ProgressBarListener.Mode.detect("lines", true)).isEqualTo(ProgressBarListener.Mode.LINES);
        assertThatThrownBy(() -> ProgressBarListener.Mode.detect("fancy", true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("POLYFACE_PROGRESS=fancy: expected auto, bar or lines");
    }
}

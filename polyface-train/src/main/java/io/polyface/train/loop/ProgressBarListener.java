package io.polyface.train.loop;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The run's progress on a stream other than standard output (standard error by default, so {@code --json}
 * output stays clean), in one of two {@link Mode modes}: on a terminal, a redrawn console bar
 * (me.tongfei:progressbar) with step / total, ETA, and the latest loss, training accuracy and images per
 * second; otherwise (a log file, a pipe) one plain line every {@link #LINE_INTERVAL few seconds} and at the
 * last step, {@code train: step 120/1000 (12.0%), 45.3 img/s, loss 3.2145, acc 0.512}, so a log holds no
 * redraws. A step without training accuracy (NaN: no margin head, as in distillation without a margin loss, whose
 * loss is then the distillation loss) shows none. Images per second are the mean over the last {@value #WINDOW} steps.
 */
public final class ProgressBarListener implements TrainingListener, AutoCloseable {

    /** How often the plain-line mode prints. */
    public static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

    private static final int WINDOW = 20;

    /** How progress is shown. */
    public enum Mode {
        /** A console bar redrawn in place (needs a terminal). */
        BAR,
        /** Plain lines, one every few seconds (for logs and pipes). */
        LINES;

        /** The environment variable that chooses the mode explicitly: {@code auto} (the default), {@code bar} or {@code lines}. */
        public static final String VARIABLE = "POLYFACE_PROGRESS";

        /**
         * @return the mode {@value #VARIABLE} names; when it is unset or {@code auto}, {@link #BAR} if the JVM has a
         *     console ({@code System.console() != null}: standard input and output are a terminal) and {@link #LINES}
         *     otherwise (e.g. {@code bin/polyface demo > log 2>&1}). Java cannot tell whether standard error alone
         *     is a terminal; set the variable (or pass a mode) where that matters.
         * @throws IllegalArgumentException if the variable holds another value
         */
        public static Mode detect() {
            return detect(System.getenv(VARIABLE), System.console() != null);
        }

        static Mode detect(String setting, boolean console) {
            String s = setting == null ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
            return switch (s) {
                case "", "auto" -> console ? BAR : LINES;
                case "bar" -> BAR;
                case "lines" -> LINES;
                default -> throw new IllegalArgumentException(VARIABLE + "=" + setting + ": expected auto, bar or lines");
            };
        }
    }

    private final PrintStream stream;
    private final ProgressBar bar;
    private final long totalSteps;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final double[] images = new double[WINDOW];
    private final double[] seconds = new double[WINDOW];
    private long lastLine;
    private int count;
    private boolean closed;

    /**
     * A listener in the {@link Mode#detect() detected} mode.
     *
     * @param stream where progress is shown (e.g. {@code System.err})
     * @param startStep the steps already completed (a resumed run)
     * @param totalSteps the run's total steps
     */
    public ProgressBarListener(PrintStream stream, long startStep, long totalSteps) {
        this(stream, startStep, totalSteps, Mode.detect());
    }

    /**
     * @param stream where progress is shown (e.g. {@code System.err})
     * @param startStep the steps already completed (a resumed run)
     * @param totalSteps the run's total steps
     * @param mode a bar (terminals) or plain lines every {@link #LINE_INTERVAL} (logs)
     */
    public ProgressBarListener(PrintStream stream, long startStep, long totalSteps, Mode mode) {
        this(stream, startStep, totalSteps, mode, LINE_INTERVAL, System::nanoTime);
    }

    ProgressBarListener(PrintStream stream, long startStep, long totalSteps, Mode mode, Duration interval, LongSupplier clock) {
        this.stream = stream;
        this.totalSteps = totalSteps;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.lastLine = clock.getAsLong();
        this.bar = mode == Mode.LINES ? null
                : new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps).startsFrom(startStep, Duration.ZERO)
                        .setConsumer(new ConsoleProgressBarConsumer(stream)).setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(500).continuousUpdate().build();
    }

    @Override
    public void onStep(StepResult r) {
        if (closed) {
            return;
        }
        images[count % WINDOW] = r.images();
        seconds[count % WINDOW] = r.seconds();
        count++;
        double im = 0;
        double s = 0;
        for (int i = 0; i < Math.min(count, WINDOW); i++) {
            im += images[i];
            s += seconds[i];
        }
        double rate = s > 0 ? im / s : 0;
        long done = r.step() + 1;
        boolean last = done >= totalSteps;
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f%s %.1f img/s", r.loss(), accuracy(r, " acc "), rate));
        } else {
            long now = clock.getAsLong();
            if (last || now - lastLine >= intervalNanos) {
                lastLine = now;
                stream.println(String.format(Locale.ROOT, "train: step %d/%d (%.1f%%), %.1f img/s, loss %.4f%s", done, totalSteps,
                        100.0 * done / totalSteps, rate, r.loss(), accuracy(r, ", acc ")));
                stream.flush();
            }
        }
        if (last) {
            close(); // the last step: stop redrawing, so later stages (evaluation, export) print on clean lines
        }
    }

    /** @return the training accuracy after {@code prefix}, or nothing when the step has none (NaN: no margin head, e.g. distillation) */
    private static String accuracy(StepResult r, String prefix) {
        return Double.isNaN(r.accuracy()) ? "" : prefix + String.format(Locale.ROOT, "%.3f", r.accuracy());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (bar != null) {
                bar.close();
            }
        }
    }
}

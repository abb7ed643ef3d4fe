package io.polyface.train.loop;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A console progress bar of the run (me.tongfei:progressbar) on a stream other than standard output
 * (standard error by default, so {@code --json} output stays clean): step / total, ETA, and the latest
 * loss, training accuracy and images per second (mean over the last 20 steps).
 */
public final class ProgressBarListener implements TrainingListener, AutoCloseable {

    private static final int WINDOW = 20;

    private final ProgressBar bar;
    private final double[] images = new double[WINDOW];
    private final double[] seconds = new double[WINDOW];
    private final long totalSteps;
    private int count;
    private boolean closed;

    /**
     * @param stream where the bar is drawn (e.g. {@code System.err})
     * @param startStep the steps already completed (a resumed run)
     * @param totalSteps the run's total steps
     */
    public ProgressBarListener(PrintStream stream, long startStep, long totalSteps) {
        this.totalSteps = totalSteps;
        this.bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps).startsFrom(startStep, java.time.Duration.ZERO)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(stream)).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().build();
    }

    @Override
    public void onStep(StepResult r) {
        images[count % WINDOW] = r.images();
        seconds[count % WINDOW] = r.seconds();
        count++;
        double im = 0;
        double s = 0;
        for (int i = 0; i < Math.min(count, WINDOW); i++) {
            im += images[i];
            s += seconds[i];
        }
        bar.stepTo(r.step() + 1);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.3f %.1f img/s", r.loss(), r.accuracy(), s > 0 ? im / s : 0));
        if (r.step() + 1 >= totalSteps) {
            close(); // the last step: stop redrawing, so later stages (evaluation, export) print on clean lines
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            bar.close();
        }
    }
}

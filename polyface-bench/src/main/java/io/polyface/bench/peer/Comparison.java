package io.polyface.bench.peer;

import java.util.List;

/**
 * One line of the peer runner's report: PyTorch's timing of some work (the reference) and ours, by one or more routes,
 * each timed in every round.
 *
 * @param name what is compared, e.g. {@code train mobilefacenet-y1 batch 32 channels-last}
 * @param pytorch the PyTorch timing
 * @param ours our routes, in report order
 * @param workPerIteration work units per iteration (images, or GFLOP for a matrix product)
 * @param rateUnit the unit of work per second, e.g. {@code images/s} or {@code GFLOP/s}
 * @param iterations timed iterations per round
 */
public record Comparison(String name, Timing pytorch, List<Route> ours, double workPerIteration, String rateUnit, int iterations) {

    /** Validates and copies. */
    public Comparison {
        if (ours == null || ours.isEmpty() || pytorch == null) {
            throw new IllegalArgumentException("comparison '" + name + "' needs a PyTorch timing and at least one of ours");
        }
        if (!(workPerIteration > 0) || iterations < 1) {
            throw new IllegalArgumentException("comparison '" + name + "': work per iteration must be > 0 and iterations >= 1, got "
                    + workPerIteration + " and " + iterations);
        }
        ours = List.copyOf(ours);
    }

    /**
     * One of our routes.
     *
     * @param label e.g. {@code Trainer.step(), fixed batch}
     * @param timing its timing
     */
    public record Route(String label, Timing timing) {}
}

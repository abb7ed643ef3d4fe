package io.polyface.core.nn;

import java.util.SplittableRandom;

/**
 * The random source of a network's stochastic-depth draws (one Bernoulli draw per residual block per
 * training forward pass). Shared by all blocks of one network. Reseed it from (seed, step) before each
 * training step to make a run reproducible; thread-confined like the network's training forward pass.
 */
public final class StochasticDepth {

    private SplittableRandom random = new SplittableRandom(0);

    /**
     * Reseeds the draws.
     *
     * @param seed the run's seed
     * @param step the training step
     */
    public void reseed(long seed, long step) {
        random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
    }

    /**
     * @param keepProb keep probability p in (0, 1]
     * @return whether the block is kept (true with probability p; always for p = 1)
     */
    boolean keep(double keepProb) {
        return keepProb >= 1.0 || random.nextDouble() < keepProb;
    }
}

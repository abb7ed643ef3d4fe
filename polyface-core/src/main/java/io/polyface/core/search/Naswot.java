package io.polyface.core.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.nn.SpecNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * The NASWOT zero-cost score of an untrained network (Mellor et al., "Neural Architecture Search without
 * Training", ICML 2021, §3): log|K_H| of the binary rectifier-code kernel ({@link HammingKernel}) over a batch
 * of real images, averaged over a few batches.
 *
 * <p>As in the authors' code: the network is freshly initialised (the spec's rule, weights drawn from the
 * engine's generator seeded with {@code seed}, so every candidate of a search gets comparable weights), run
 * in training mode so BN normalises with the batch's statistics, and every ReLU/PReLU input is recorded
 * ({@link io.polyface.core.nn.ActivationTap}); stochastic depth is switched off (keep probability 1) so every
 * block takes part. Images go in as the spec expects: {@code (pixel − mean)/std} in its channel order.
 * Deterministic for a seed on one host and engine build; not bit-identical across hardware. Cost: one
 * network build and {@code batches} forward passes of {@code batchSize} images.
 */
public final class Naswot {

    /**
     * @param score the mean of {@link #perBatch()}
     * @param perBatch log|K_H| of each batch
     * @param units N_A, the rectified units per image
     */
    public record Score(double score, List<Double> perBatch, long units) {
        /** Copies the list. */
        public Score {
            perBatch = List.copyOf(perBatch);
        }
    }

    private Naswot() {}

    /**
     * Scores a network.
     *
     * @param spec the architecture (input {@code [3, S, S]})
     * @param images real face images of size S
     * @param batchSize N, images per batch (the kernel is N×N; the paper uses 128)
     * @param batches how many batches to average (batch b is {@code images.batch(b, N, order)})
     * @param seed the weight-initialisation seed (sets the engine's global random seed, {@code Engine.setRandomSeed})
     * @return the score
     * @throws IllegalArgumentException if the image size does not match the spec's input, or N, batches &lt; 1
     */
    public static Score score(ArchSpec spec, ImageBatchSource images, int batchSize, int batches, long seed) {
        long[] dims = spec.input().withBatch(batchSize);
        if (dims.length != 4 || dims[1] != 3 || dims[2] != images.imageSize() || dims[3] != images.imageSize()) {
            throw new IllegalArgumentException("NASWOT: " + spec.name() + " takes " + spec.input() + " but the images are 3x"
                    + images.imageSize() + "x" + images.imageSize());
        }
        if (batchSize < 2 || batches < 1) {
            throw new IllegalArgumentException("NASWOT needs a batch size >= 2 and >= 1 batch, got " + batchSize + " and " + batches);
        }
        HammingKernel[] kernel = new HammingKernel[1];
        SpecNetwork net = SpecNetwork.builder().setSpec(StochasticDepthOff.apply(spec))
                .optActivationTap((layer, x) -> kernel[0].add(x))
                .build();
        List<Double> scores = new ArrayList<>();
        long units = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
            net.initialize(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            for (int b = 0; b < batches; b++) {
                float[] px = images.batch(b, batchSize, spec.channelOrder());
                float mean = (float) spec.mean();
                float std = (float) spec.std();
                for (int i = 0; i < px.length; i++) {
                    px[i] = (px[i] - mean) / std;
                }
                kernel[0] = new HammingKernel(batchSize);
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(px, new Shape(dims));
                    net.block().forward(ps, new NDList(x), true);
                }
                scores.add(kernel[0].logDeterminant());
                units = kernel[0].units();
            }
        }
        double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new Score(mean, scores, units);
    }
}

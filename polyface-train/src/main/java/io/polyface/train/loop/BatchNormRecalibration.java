package io.polyface.train.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Node;
import io.polyface.core.image.CorruptImagePolicy;
import io.polyface.core.nn.GradMode;
import io.polyface.core.nn.OwnedArrays;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.checkpoint.ParameterNames;
import io.polyface.train.data.BatchLoader;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.ModelInput;
import io.polyface.train.data.SampleOrder;
import io.polyface.train.engine.ScopedParameterStore;
import io.polyface.train.random.Seeds;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the batch-normalisation running statistics of the current weights ("precise BN": Wu and
 * Johnson, "Rethinking 'Batch' in BatchNorm", 2021, Sec. 3.1): the exponential moving averages kept
 * during training mix statistics of older weights, which after a short or fast-changing run (a high
 * learning rate, a few hundred steps) no longer describe the network, and inference — evaluation and
 * the exported model — then sees wrongly normalised activations.
 *
 * <p>How: {@code K} batches of training images (no augmentation; a permutation drawn from the seed and
 * the step) are run through the network in training mode without gradient recording. The engine
 * updates each running statistic as {@code r ← (1 − μ)·r + μ·b} ({@code μ} the layer's momentum, PyTorch
 * convention, from the spec), so the batch statistic is recovered exactly as
 * {@code b = (r_new − (1 − μ)·r_old)/μ}; each running mean and variance is then set to the mean of its
 * {@code K} batch statistics (the unbiased batch variance, as the engine keeps). Only running statistics
 * change; the trainable parameters, and hence the training trajectory, are untouched.
 */
public final class BatchNormRecalibration {

    private static final long STREAM = 0x50424EL;

    private BatchNormRecalibration() {}

    /**
     * Recalibrates.
     *
     * @param network the network
     * @param manager a manager on the parameters' device
     * @param data the training images
     * @param batchSize images per batch, ≥ 2
     * @param batches {@code K} ≥ 1 (fewer if the data has fewer batches)
     * @param seed the run's seed
     * @param step the current step (with the seed, fixes the images and the random draws)
     * @param workers loader threads
     * @param corruptImages the run's policy for images that cannot be read or decoded (skipped ones leave their batch
     *     smaller; a batch left with fewer than 2 images is not used)
     * @throws io.polyface.core.image.CorruptImageException in strict mode, for the first image that cannot be read
     * @throws IOException if the data cannot be read
     */
    public static void recalibrate(SpecNetwork network, NDManager manager, FaceDataset data, int batchSize, int batches, long seed,
                                   long step, int workers, CorruptImagePolicy corruptImages) throws IOException {
        List<Layer> layers = layers(network);
        if (layers.isEmpty() || batches < 1) {
            return;
        }
        ModelInput input = ModelInput.of(network.spec());
        SampleOrder order = order(data.size(), batchSize, seed, step);
        int planned = Math.min(batches, order.stepsPerEpoch());
        int k = 0;
        double[][] meanSums = new double[layers.size()][];
        double[][] varSums = new double[layers.size()][];
        try (GradMode.Scope off = GradMode.off();
             BatchLoader loader = BatchLoader.builder().setDataset(data).setPreprocessor(input, AugmentationPipeline.NONE)
                .setPlan(order).optSeed(seed).optWorkers(workers).optCorruptImagePolicy(corruptImages).optAllowEmptyBatches(true)
                .build()) {
            for (int b = 0; b < planned; b++) {
                HostBatch batch = loader.next();
                if (batch.size() < 2) {
                    continue; // every image but one was corrupt: batch statistics need two
                }
                k++;
                float[][] oldMean = new float[layers.size()][];
                float[][] oldVar = new float[layers.size()][];
                for (int i = 0; i < layers.size(); i++) {
                    oldMean[i] = layers.get(i).mean.getArray().toFloatArray();
                    oldVar[i] = layers.get(i).var.getArray().toFloatArray();
                }
                Engine.getInstance().setRandomSeed(Seeds.engineSeed(Seeds.mix(seed, STREAM, step), b));
                network.stochasticDepth().reseed(Seeds.mix(seed, STREAM, step), b);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.create(batch.pixels(), new Shape(batch.size(), input.channels(), input.height(), input.width()));
                    network.block().forward(new ScopedParameterStore(scope), new NDList(x), true);
                }
                for (int i = 0; i < layers.size(); i++) {
                    Layer l = layers.get(i);
                    meanSums[i] = accumulate(meanSums[i], oldMean[i], l.mean.getArray().toFloatArray(), l.momentum);
                    varSums[i] = accumulate(varSums[i], oldVar[i], l.var.getArray().toFloatArray(), l.momentum);
                }
            }
        }
        if (k == 0) {
            return;
        }
        for (int i = 0; i < layers.size(); i++) {
            OwnedArrays.assign(layers.get(i).mean.getArray(), average(meanSums[i], k));
            OwnedArrays.assign(layers.get(i).var.getArray(), average(varSums[i], k));
        }
    }

    /**
     * @param size the training images
     * @param batchSize images per batch
     * @param seed the run's seed
     * @param step the current step
     * @return the order whose first batches are used (tests replay it)
     */
    static SampleOrder order(int size, int batchSize, long seed, long step) {
        return new SampleOrder(size, batchSize, Seeds.mix(seed, STREAM, step));
    }

    private static double[] accumulate(double[] sum, float[] before, float[] after, double momentum) {
        double[] s = sum == null ? new double[before.length] : sum;
        for (int j = 0; j < s.length; j++) {
            s[j] += (after[j] - (1 - momentum) * before[j]) / momentum;
        }
        return s;
    }

    private static float[] average(double[] sum, int k) {
        float[] out = new float[sum.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) (sum[j] / k);
        }
        return out;
    }

    private record Layer(Parameter mean, Parameter var, double momentum) {}

    private static List<Layer> layers(SpecNetwork network) {
        Map<String, Parameter> params = ParameterNames.of(network);
        List<Layer> out = new ArrayList<>();
        collect(network.spec().root(), params, out);
        return out;
    }

    private static void collect(Node node, Map<String, Parameter> params, List<Layer> out) {
        if (node instanceof BatchNorm bn) {
            Parameter mean = params.get(bn.name() + ".runningMean");
            Parameter var = params.get(bn.name() + ".runningVar");
            if (mean != null && var != null) {
                out.add(new Layer(mean, var, bn.momentum()));
            }
        }
        for (Node child : ArchSpec.children(node)) {
            collect(child, params, out);
        }
    }
}

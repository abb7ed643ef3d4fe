package io.polyface.train.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.polyface.core.image.CorruptImagePolicy;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.nn.GradMode;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.train.augment.AugmentationPipeline;
import io.polyface.train.data.BatchLoader;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.HostBatch;
import io.polyface.train.data.ModelInput;
import io.polyface.train.data.SequentialPlan;
import io.polyface.train.engine.ScopedParameterStore;

import java.io.IOException;
import java.util.Arrays;

/**
 * Embeds every image of a dataset with a network in inference mode (batch normalisation on running
 * statistics, no dropout, no stochastic depth, no gradient recording): the same decode, resize and
 * normalisation as training, without augmentation, in dataset order. Each batch's arrays live in a
 * sub-manager closed after the batch. Images that cannot be read or decoded follow the run's
 * {@link CorruptImagePolicy}: skipped and counted (they get no row of the result), or in strict mode an error
 * naming the image.
 */
public final class NetworkEmbedder {

    private final SpecNetwork network;
    private final NDManager manager;
    private final ModelInput input;
    private final int batchSize;
    private final int workers;
    private final CorruptImagePolicy corruptImages;

    /**
     * @param network the network (training graph whose output is the embedding {@code [N, d]})
     * @param manager a manager on the parameters' device
     * @param batchSize images per forward pass, ≥ 1
     * @param workers decode threads, ≥ 1
     * @param corruptImages what to do with an image that cannot be read or decoded (the run's policy)
     */
    public NetworkEmbedder(SpecNetwork network, NDManager manager, int batchSize, int workers, CorruptImagePolicy corruptImages) {
        this.network = network;
        this.manager = manager;
        this.input = ModelInput.of(network.spec());
        this.batchSize = batchSize;
        this.workers = workers;
        this.corruptImages = corruptImages;
    }

    /**
     * Embeds a dataset.
     *
     * @param dataset the images
     * @return the embeddings {@code [n, d]} of the {@code n} images that could be read, in dataset order
     * @throws io.polyface.core.image.CorruptImageException in strict mode, for the first image that cannot be read
     *     or decoded (naming it)
     * @throws IOException if the dataset cannot be read
     */
    public DatasetEmbeddings embed(FaceDataset dataset) throws IOException {
        int d = network.spec().embeddingSize();
        float[] out = new float[Math.multiplyExact(dataset.size(), d)];
        int[] indices = new int[dataset.size()];
        int row = 0;
        try (GradMode.Scope off = GradMode.off();
             BatchLoader loader = BatchLoader.builder().setDataset(dataset).setPreprocessor(input, AugmentationPipeline.NONE)
                .setPlan(new SequentialPlan(dataset.size(), batchSize)).optWorkers(workers).optCorruptImagePolicy(corruptImages)
                .optAllowEmptyBatches(true).build()) {
            while (loader.hasNext()) {
                HostBatch b = loader.next();
                if (b.size() == 0) {
                    continue;
                }
                System.arraycopy(b.indices(), 0, indices, row, b.size());
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.create(b.pixels(), new Shape(b.size(), input.channels(), input.height(), input.width()));
                    NDArray e = network.block().forward(new ScopedParameterStore(scope), new NDList(x), false).singletonOrThrow();
                    float[] v = e.reshape(b.size(), -1).toFloatArray();
                    if (v.length != b.size() * d) {
                        throw new IllegalStateException("network output has " + v.length / b.size() + " values per image, expected the "
                                + d + "-d embedding");
                    }
                    System.arraycopy(v, 0, out, row * d, v.length);
                    row += b.size();
                }
            }
        }
        return new DatasetEmbeddings(FeatureMatrix.fromRowMajor(row, d, Arrays.copyOf(out, row * d)), Arrays.copyOf(indices, row),
                dataset.size());
    }
}

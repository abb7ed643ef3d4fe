package io.polyface.train.quality;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.AtomicFileWriter;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxExporter;
import io.polyface.core.onnx.proto.Onnx.ModelProto;
import io.polyface.core.onnx.proto.Onnx.StringStringEntryProto;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained quality network (the {@code qan-quality} preset) with how it was trained: the per-epoch mean
 * training loss and the recipe's settings ("provenance"). Scores frames in DJL ({@link #scores}) and
 * exports to ONNX ({@link #exportOnnx}) for {@code io.polyface.aggregation.quality.QualityScorer}.
 * Owns the DJL model holding the parameters; {@link #close()} releases it.
 */
public final class TrainedQualityNet implements AutoCloseable {

    /** Prefix of the training metadata keys written into the ONNX file. */
    public static final String METADATA_PREFIX = "polyface.training.";

    private static final int BATCH = 64;

    private final Model model;
    private final SpecNetwork network;
    private final List<Double> epochLosses;
    private final Map<String, String> provenance;

    TrainedQualityNet(Model model, SpecNetwork network, List<Double> epochLosses, Map<String, String> provenance) {
        this.model = model;
        this.network = network;
        this.epochLosses = List.copyOf(epochLosses);
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /**
     * Raw quality scores of aligned frames, the network in inference mode (batch normalisation with its
     * running statistics), in batches of 64.
     *
     * @param crops aligned frames of the network's input size
     * @return {@code [n]} raw scores
     * @throws IllegalArgumentException if a crop has the wrong size
     */
    public float[] scores(List<RgbImage> crops) {
        float[] out = new float[crops.size()];
        for (int start = 0; start < crops.size(); start += BATCH) {
            List<RgbImage> chunk = crops.subList(start, Math.min(crops.size(), start + BATCH));
            for (RgbImage c : chunk) {
                QualityNets.checkCropSize(network.spec(), c);
            }
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray x = QualityNets.tensor(m, network.spec(), chunk, null);
                NDArray y = network.block().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                float[] v = y.toFloatArray();
                System.arraycopy(v, 0, out, start, v.length);
            }
        }
        return out;
    }

    /**
     * Writes the network as an ONNX model ({@link OnnxExporter}: inference graph, {@code polyface.*}
     * preprocessing metadata) with the training provenance added as metadata entries
     * {@code polyface.training.<key>}, atomically.
     *
     * @param out the {@code .onnx} file to create or replace
     * @throws IOException if it cannot be written
     */
    public void exportOnnx(Path out) throws IOException {
        ModelProto.Builder b = OnnxExporter.toModel(network).toBuilder();
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(METADATA_PREFIX + e.getKey()).setValue(e.getValue()));
        }
        byte[] bytes = b.build().toByteArray();
        AtomicFileWriter.write(out, o -> o.write(bytes));
    }

    /**
     * The network (its DJL block and spec).
     *
     * @return the network
     */
    public SpecNetwork network() {
        return network;
    }

    /**
     * The mean training loss of each epoch, in order.
     *
     * @return one value per epoch
     */
    public List<Double> epochLosses() {
        return epochLosses;
    }

    /**
     * How the network was trained: recipe, loss, target, data summary, seed, optimiser settings.
     *
     * @return ordered key/value pairs (written to ONNX under {@value #METADATA_PREFIX})
     */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** Releases the parameters. Idempotent. */
    @Override
    public void close() {
        model.close();
    }
}

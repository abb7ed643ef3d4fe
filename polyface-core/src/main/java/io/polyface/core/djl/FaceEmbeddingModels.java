package io.polyface.core.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.nn.Parameter;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Pair;
import io.polyface.core.arch.ArchSpec;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.Normalization;
import io.polyface.core.nn.MemoryFormats;
import io.polyface.core.nn.SpecNetwork;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Face-embedding models as DJL {@link ZooModel}s with a {@link FaceEmbeddingTranslator}, so that
 * {@code model.newPredictor()} is a {@code Predictor<Image, float[]>} on either engine:
 * <ul>
 *   <li>ONNX Runtime ({@link #ENGINE_ONNX}): any {@code .onnx} face-embedding model, ours (preprocessing from its
 *       {@code polyface.*} metadata) or foreign (preprocessing given) — {@link #onnx(Path)}, {@link #criteria(Path)};</li>
 *   <li>PyTorch ({@link #ENGINE_PYTORCH}): a spec-built {@link SpecNetwork} with its parameters already loaded
 *       (trained, restored from a checkpoint, or imported with {@code OnnxImporter}) — {@link #fromSpecNetwork}.
 *       DJL's PyTorch engine can only load TorchScript files, which PolyFace does not write; the spec rebuilds the
 *       same network instead.</li>
 * </ul>
 * Outputs are L2-normalised unless the translator says otherwise. Example:
 * <pre>{@code
 * try (ZooModel<Image, float[]> model = FaceEmbeddingModels.onnx(Path.of("model.onnx"));
 *      Predictor<Image, float[]> predictor = model.newPredictor()) {
 *     float[] e = predictor.predict(ImageFactory.getInstance().fromFile(Path.of("face.png")));
 * }
 * }</pre>
 */
public final class FaceEmbeddingModels {

    /** DJL's name of the ONNX Runtime engine. */
    public static final String ENGINE_ONNX = "OnnxRuntime";
    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE_PYTORCH = "PyTorch";

    private FaceEmbeddingModels() {}

    /**
     * Loads one of our exported models (preprocessing from its metadata) on DJL's ONNX Runtime engine.
     *
     * @param onnx the {@code .onnx} file
     * @return the loaded model; the caller closes it
     * @throws IOException if the file is missing or cannot be loaded
     * @throws IllegalArgumentException if it carries no preprocessing metadata or is not an embedding model
     */
    public static ZooModel<Image, float[]> onnx(Path onnx) throws IOException {
        return load(criteria(onnx), onnx);
    }

    /**
     * Loads a face-embedding model with the given preprocessing on DJL's ONNX Runtime engine.
     *
     * @param onnx the {@code .onnx} file
     * @param preprocessing input size, channel order, mean and std, stated: needed for a model without preprocessing
     *     metadata that PolyFace does not know, refused if it contradicts the model's ({@code ModelPreprocessing})
     * @return the loaded model; the caller closes it
     * @throws IOException if the file is missing or cannot be loaded
     * @throws IllegalArgumentException if it is not an embedding model taking that input
     */
    public static ZooModel<Image, float[]> onnx(Path onnx, Preprocessing preprocessing) throws IOException {
        return load(criteria(onnx, preprocessing, true), onnx);
    }

    /**
     * The criteria of one of our exported models, with its metadata's preprocessing and L2-normalised outputs.
     *
     * @param onnx the {@code .onnx} file
     * @return the criteria ({@code criteria.loadModel()} loads it)
     * @throws IOException if the file is missing or cannot be loaded
     * @throws IllegalArgumentException as {@link #criteria(Path, Preprocessing, boolean)}
     */
    public static Criteria<Image, float[]> criteria(Path onnx) throws IOException {
        return criteria(onnx, null, true);
    }

    /**
     * The criteria of a face-embedding model on DJL's ONNX Runtime engine. The model is checked first against the
     * contract of {@link FaceEmbedder} (one float input {@code [N, 3, H, W]} fitting the preprocessing, one float
     * output {@code [N, D]}; one zero batch is run), so that a wrong model fails here, naming the file, rather than
     * at the first prediction.
     *
     * @param onnx the {@code .onnx} file
     * @param preprocessing the preprocessing stated, or {@code null} to take the model's {@code polyface.*} metadata (or
     *     the known model of its SHA-256); checked by {@link io.polyface.core.embed.ModelPreprocessing}
     * @param l2Normalize whether to scale each embedding to unit length
     * @return the criteria, with a {@link FaceEmbeddingTranslator} that also checks the embedding size (and the
     *     batch size, for a model with a fixed batch dimension)
     * @throws IOException if the file is missing or cannot be loaded
     * @throws IllegalArgumentException if no preprocessing is known or the model does not fit the contract
     */
    public static Criteria<Image, float[]> criteria(Path onnx, Preprocessing preprocessing, boolean l2Normalize)
            throws IOException {
        FaceEmbedder.Builder check = FaceEmbedder.builder().setModelPath(onnx).optBatchSize(1).optIntraOpThreads(1);
        if (preprocessing != null) {
            check.optPreprocessing(preprocessing);
        }
        FaceEmbeddingTranslator translator;
        try (FaceEmbedder probe = check.build()) {
            translator = FaceEmbeddingTranslator.builder().setPreprocessing(probe.preprocessing())
                    .optEmbeddingSize(probe.embeddingSize()).optFixedBatchSize(probe.fixedBatchSize()).optL2Normalize(l2Normalize).build();
        }
        return Criteria.builder().setTypes(Image.class, float[].class).optModelPath(onnx.toAbsolutePath())
                .optEngine(ENGINE_ONNX).optTranslator(translator).build();
    }

    /**
     * Wraps a spec-built network, parameters loaded, as a model on DJL's PyTorch engine, with the spec's own
     * preprocessing ({@link #preprocessingOf}) and L2-normalised outputs.
     *
     * @param network an initialised network whose output is its embedding (an inference network, or a training
     *     graph that ends at the embedding)
     * @return the model; closing it leaves the network's parameters alone (they belong to the caller's manager)
     * @throws IllegalArgumentException if the network is not initialised or does not output its embedding
     */
    public static ZooModel<Image, float[]> fromSpecNetwork(SpecNetwork network) {
        return fromSpecNetwork(network, FaceEmbeddingTranslator.builder().setPreprocessing(preprocessingOf(network.spec()))
                .optEmbeddingSize(network.spec().embeddingSize()).build());
    }

    /**
     * Wraps a spec-built network, parameters loaded, as a model on DJL's PyTorch engine. The model runs a snapshot
     * of the network's current parameters with batch norm folded ({@link SpecNetwork#foldedForInference}, owned by
     * the model's manager) on channels-last input; later changes to the network's parameters do not reach it.
     *
     * @param network an initialised network whose output is its embedding
     * @param translator the translator (its input size must be the spec's)
     * @return the model; closing it leaves the network's parameters alone
     * @throws IllegalArgumentException if the network is not initialised, does not output its embedding, or the
     *     translator's input size differs from the spec's
     */
    public static ZooModel<Image, float[]> fromSpecNetwork(SpecNetwork network, FaceEmbeddingTranslator translator) {
        ArchSpec spec = network.spec();
        if (!network.block().isInitialized()) {
            throw new IllegalArgumentException(spec.name() + ": the network is not initialised; initialise it and load its"
                    + " parameters first");
        }
        int d = spec.embeddingSize();
        if (spec.outputShape().numel() != d) {
            throw new IllegalArgumentException(spec.name() + " outputs " + spec.outputShape() + ", not its " + d
                    + "-d embedding; build the network with optInference(true)");
        }
        Preprocessing p = translator.preprocessing();
        if (p.inputWidth() != spec.input().width() || p.inputHeight() != spec.input().height()) {
            throw new IllegalArgumentException(spec.name() + " takes " + spec.input().width() + "x" + spec.input().height()
                    + " inputs but the translator gives " + p.inputWidth() + "x" + p.inputHeight());
        }
        Device device = Device.cpu();
        for (Pair<String, Parameter> param : network.block().getParameters()) {
            device = param.getValue().getArray().getDevice();
            break;
        }
        Model model = Model.newInstance(spec.name(), device, ENGINE_PYTORCH);
        // batch norm folded into the layers before it, channels-last input: see SpecNetwork.foldedForInference
        model.setBlock(MemoryFormats.channelsLastInput(network.foldedForInference(model.getNDManager()).block()));
        return new ZooModel<>(model, translator);
    }

    /**
     * The preprocessing a spec's network expects: its input size, channel order, mean and std (one for all planes).
     *
     * @param spec the architecture
     * @return the preprocessing, the same that {@code OnnxExporter} records in the metadata
     */
    public static Preprocessing preprocessingOf(ArchSpec spec) {
        return new Preprocessing(spec.input().width(), spec.input().height(),
                Normalization.of(ChannelOrder.parse(spec.channelOrder()), (float) spec.mean(), (float) spec.std()));
    }

    private static ZooModel<Image, float[]> load(Criteria<Image, float[]> criteria, Path onnx) throws IOException {
        try {
            return criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException("DJL cannot load " + onnx + " on " + ENGINE_ONNX + ": " + e.getMessage(), e);
        }
    }
}

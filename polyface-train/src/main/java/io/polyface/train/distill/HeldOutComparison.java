package io.polyface.train.distill;

import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.image.BilinearResize;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.eval.EvaluationResult;
import io.polyface.train.eval.Verification;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * All-pairs verification of held-out identities through ONNX Runtime, for the exported student and the teacher on
 * the same images and pairs: each (aligned) image is decoded, brought to the model's input by bilinear resize when its
 * size differs, embedded without flip and L2-normalised; TAR at each target FAR over all genuine and impostor pairs
 * ({@link Verification#allPairs}).
 */
public final class HeldOutComparison {

    private HeldOutComparison() {}

    /**
     * @param heldOut the held-out images (at least two identities)
     * @param embed embeds a list of crops of the given preprocessing's size
     * @param preprocessing the model's preprocessing (its input size)
     * @param set the result's name
     * @param step the training step (for the result)
     * @param fars the target FARs
     * @return the verification result
     * @throws IOException if an image cannot be read or decoded
     */
    public static EvaluationResult evaluate(FaceDataset heldOut, Function<List<RgbImage>, float[][]> embed, Preprocessing preprocessing,
                                            String set, long step, List<Double> fars) throws IOException {
        List<RgbImage> crops = new ArrayList<>(heldOut.size());
        for (int i = 0; i < heldOut.size(); i++) {
            RgbImage img = ImageDecoder.decode(heldOut.read(i), heldOut.locate(i));
            crops.add(img.width() == preprocessing.inputWidth() && img.height() == preprocessing.inputHeight() ? img
                    : BilinearResize.resize(img, preprocessing.inputWidth(), preprocessing.inputHeight()));
        }
        float[][] e = embed.apply(crops);
        return Verification.allPairs(step, set, FeatureMatrix.of(e), heldOut.labelArray(), fars);
    }

    /**
     * @param heldOut the held-out images
     * @param model an exported PolyFace {@code model.onnx} (preprocessing from its metadata)
     * @param set the result's name
     * @param step the training step
     * @param fars the target FARs
     * @return the verification result
     * @throws IOException if the model or an image cannot be read
     */
    public static EvaluationResult evaluate(FaceDataset heldOut, java.nio.file.Path model, String set, long step, List<Double> fars)
            throws IOException {
        try (FaceEmbedder e = FaceEmbedder.builder().setModelPath(model).optNotices(n -> { }).build()) {
            return evaluate(heldOut, e::embed, e.preprocessing(), set, step, fars);
        }
    }
}

package io.polyface.train.eval;

import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.train.data.FaceDataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds every image of a dataset with an exported model on ONNX Runtime ({@link FaceEmbedder}), in dataset order:
 * each image decoded and, when not already at the model's input size, resized with core's bilinear resize (the
 * rule training uses). The ONNX counterpart of {@link NetworkEmbedder}; L2 normalisation, batch size and flip are
 * the embedder's settings.
 */
public final class OnnxRuntimeEmbedding {

    private OnnxRuntimeEmbedding() {}

    /**
     * @param embedder the embedder (not closed here)
     * @param dataset the images
     * @return the embeddings {@code [dataset.size(), D]}
     * @throws IOException if an image cannot be read or decoded (naming it)
     */
    public static FeatureMatrix embed(FaceEmbedder embedder, FaceDataset dataset) throws IOException {
        int w = embedder.preprocessing().inputWidth();
        int h = embedder.preprocessing().inputHeight();
        List<RgbImage> images = new ArrayList<>(dataset.size());
        for (int i = 0; i < dataset.size(); i++) {
            RgbImage im = ImageDecoder.decode(dataset.read(i), dataset.locate(i));
            images.add(im.width() == w && im.height() == h ? im : im.resize(w, h));
        }
        return FeatureMatrix.of(embedder.embed(images));
    }
}

package io.polyface.train.eval;

import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.image.CorruptImagePolicy;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.train.data.FaceDataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Embeds every image of a dataset with an exported model on ONNX Runtime ({@link FaceEmbedder}), in dataset order:
 * each image decoded and, when not already at the model's input size, resized with core's bilinear resize (the
 * rule training uses). The ONNX counterpart of {@link NetworkEmbedder}; L2 normalisation, batch size and flip are
 * the embedder's settings. Images that cannot be read or decoded follow the given {@link CorruptImagePolicy}, as in
 * {@link NetworkEmbedder}.
 */
public final class OnnxRuntimeEmbedding {

    private OnnxRuntimeEmbedding() {}

    /**
     * @param embedder the embedder (not closed here)
     * @param dataset the images
     * @param corruptImages what to do with an image that cannot be read or decoded
     * @return the embeddings {@code [n, D]} of the images that could be read, in dataset order
     * @throws io.polyface.core.image.CorruptImageException in strict mode, for the first image that cannot be read
     * @throws IOException if no image could be read
     */
    public static DatasetEmbeddings embed(FaceEmbedder embedder, FaceDataset dataset, CorruptImagePolicy corruptImages)
            throws IOException {
        int w = embedder.preprocessing().inputWidth();
        int h = embedder.preprocessing().inputHeight();
        List<RgbImage> images = new ArrayList<>(dataset.size());
        int[] indices = new int[dataset.size()];
        for (int i = 0; i < dataset.size(); i++) {
            RgbImage im;
            try {
                im = ImageDecoder.decode(dataset.read(i), dataset.locate(i));
            } catch (IOException | RuntimeException e) {
                corruptImages.reject(dataset.locate(i), e);
                continue;
            }
            indices[images.size()] = i;
            images.add(im.width() == w && im.height() == h ? im : im.resize(w, h));
        }
        if (images.isEmpty()) {
            throw new IOException("no image of " + dataset.description() + " could be read or decoded");
        }
        return new DatasetEmbeddings(FeatureMatrix.of(embedder.embed(images)), Arrays.copyOf(indices, images.size()), dataset.size());
    }
}

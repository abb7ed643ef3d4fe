package io.polyface.core.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Converts images to the float NCHW layout that CNNs take: element {@code [n, p, y, x]} of a
 * {@code [N, 3, H, W]} tensor, flattened row-major, is {@code (pixel − mean[p]) / std[p]} of image
 * {@code n}, where plane {@code p} holds the colour given by the normalisation's channel order
 * (see {@link Normalization}).
 */
public final class NchwTensors {

    private NchwTensors() {}

    /**
     * Converts a batch of equally sized images.
     *
     * @param images {@code N ≥ 1} images, all of the same size {@code W×H}
     * @param normalization channel order, mean and std
     * @return a fresh array of length {@code N·3·H·W} in {@code [N, 3, H, W]} order
     * @throws IllegalArgumentException if the list is empty or the sizes differ (naming the index)
     */
    public static float[] toArray(List<RgbImage> images, Normalization normalization) {
        checkBatch(images);
        RgbImage first = images.get(0);
        int perImage = 3 * first.width() * first.height();
        float[] out = new float[Math.multiplyExact(perImage, images.size())];
        for (int n = 0; n < images.size(); n++) {
            write(images.get(n), normalization, out, n * perImage);
        }
        return out;
    }

    /**
     * Writes one image as {@code [3, H, W]} into {@code dst} starting at {@code offset}.
     *
     * @param image the image
     * @param normalization channel order, mean and std
     * @param dst destination array
     * @param offset first index written; {@code 3·H·W} values are written
     * @throws IllegalArgumentException if {@code dst} is too short
     */
    public static void write(RgbImage image, Normalization normalization, float[] dst, int offset) {
        int w = image.width();
        int h = image.height();
        int plane = w * h;
        if (offset < 0 || (long) offset + 3L * plane > dst.length) {
            throw new IllegalArgumentException("dst: " + (3L * plane) + " values from offset " + offset
                    + " do not fit in an array of " + dst.length);
        }
        float[] px = image.pixelsUnsafe();
        for (int p = 0; p < 3; p++) {
            int source = normalization.channelOrder().sourceChannel(p);
            float mean = normalization.meanAt(p);
            float invStd = 1f / normalization.stdAt(p);
            int base = offset + p * plane;
            for (int i = 0; i < plane; i++) {
                dst[base + i] = (px[3 * i + source] - mean) * invStd;
            }
        }
    }

    /**
     * The inverse of {@link #write}: reads one normalised {@code [3, H, W]} plane block back into an image
     * ({@code pixel = value · std + mean}, planes mapped back through the channel order).
     *
     * @param src the normalised values
     * @param offset index of the first of the {@code 3·H·W} values
     * @param width {@code W}
     * @param height {@code H}
     * @param normalization the channel order, mean and std they were written with
     * @return the image (values as they were before normalisation, e.g. 0..255)
     * @throws IllegalArgumentException if {@code src} is too short or a value is not finite
     */
    public static RgbImage read(float[] src, int offset, int width, int height, Normalization normalization) {
        int plane = width * height;
        if (offset < 0 || (long) offset + 3L * plane > src.length) {
            throw new IllegalArgumentException("src: " + (3L * plane) + " values from offset " + offset
                    + " do not fit in an array of " + src.length);
        }
        float[] rgb = new float[3 * plane];
        for (int p = 0; p < 3; p++) {
            int target = normalization.channelOrder().sourceChannel(p);
            float mean = normalization.meanAt(p);
            float std = normalization.stdAt(p);
            int base = offset + p * plane;
            for (int i = 0; i < plane; i++) {
                rgb[3 * i + target] = src[base + i] * std + mean;
            }
        }
        return RgbImage.of(width, height, rgb);
    }

    /**
     * Converts a batch into a DJL array of shape {@code [N, 3, H, W]} owned by {@code manager}.
     *
     * @param manager the manager that will own the array (use a per-batch sub-manager in loops)
     * @param images {@code N ≥ 1} equally sized images
     * @param normalization channel order, mean and std
     * @return a float32 array of shape {@code [N, 3, H, W]}
     * @throws IllegalArgumentException as {@link #toArray}
     */
    public static NDArray toNDArray(NDManager manager, List<RgbImage> images, Normalization normalization) {
        float[] data = toArray(images, normalization);
        RgbImage first = images.get(0);
        return manager.create(data, new Shape(images.size(), 3, first.height(), first.width()));
    }

    private static void checkBatch(List<RgbImage> images) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("images: expected at least one image");
        }
        RgbImage first = images.get(0);
        for (int i = 0; i < images.size(); i++) {
            RgbImage im = images.get(i);
            if (im == null) {
                throw new IllegalArgumentException("images[" + i + "] is null");
            }
            if (im.width() != first.width() || im.height() != first.height()) {
                throw new IllegalArgumentException("images[" + i + "] is " + im.width() + "x" + im.height()
                        + " but images[0] is " + first.width() + "x" + first.height() + "; a batch needs one size");
            }
        }
    }
}

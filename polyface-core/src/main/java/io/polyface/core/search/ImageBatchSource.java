package io.polyface.core.search;

import java.util.List;

/**
 * Batches of real face images for data-dependent scores (zero-cost proxies): square images, raw pixel
 * values 0..255 (the network's own normalisation, {@code ArchSpec.mean/std}, is applied by the consumer),
 * channels in the order the consumer asks for. The same {@code index} and {@code size} always give the same
 * batch.
 */
public interface ImageBatchSource {

    /**
     * @param index the batch number, 0, 1, …
     * @param size N, images in the batch
     * @param channelOrder {@code "RGB"} or {@code "BGR"} (the consuming network's {@code ArchSpec.channelOrder()})
     * @return {@code [N, 3, S, S]} row-major (NCHW), values 0..255, S = {@link #imageSize()}
     * @throws IllegalArgumentException if the source cannot give such a batch (too few images, bad order)
     */
    float[] batch(int index, int size, String channelOrder);

    /** @return S, the image height and width (112 for aligned faces) */
    int imageSize();

    /**
     * A source over images held in memory. Batch i holds images (i·N + j) mod M for j = 0 … N−1, so batches
     * cycle through the M images in order; N must not exceed M (a kernel over repeated images is singular).
     *
     * @param images M images, each {@code [3, S, S]} NCHW, values 0..255, channels in {@code order}
     * @param imageSize S
     * @param order the images' channel order, {@code "RGB"} or {@code "BGR"}; grey images have equal channels
     * @return the source
     * @throws IllegalArgumentException if the list is empty, an image has the wrong length or the order is unknown
     */
    static ImageBatchSource of(List<float[]> images, int imageSize, String order) {
        checkOrder(order);
        int length = 3 * imageSize * imageSize;
        if (images.isEmpty()) {
            throw new IllegalArgumentException("an image batch source needs at least one image");
        }
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).length != length) {
                throw new IllegalArgumentException("image " + i + " has " + images.get(i).length + " values, expected 3x"
                        + imageSize + "x" + imageSize + " = " + length);
            }
        }
        List<float[]> copy = images.stream().map(float[]::clone).toList();
        return new ImageBatchSource() {
            @Override
            public float[] batch(int index, int size, String channelOrder) {
                checkOrder(channelOrder);
                if (size < 1 || size > copy.size() || index < 0) {
                    throw new IllegalArgumentException("batch " + index + " of " + size + " images: the source holds " + copy.size()
                            + " images (need 1 <= size <= " + copy.size() + ", index >= 0)");
                }
                int plane = imageSize * imageSize;
                boolean swap = !channelOrder.equals(order);
                float[] out = new float[size * length];
                for (int j = 0; j < size; j++) {
                    float[] img = copy.get((int) (((long) index * size + j) % copy.size()));
                    for (int c = 0; c < 3; c++) {
                        int from = swap ? 2 - c : c;
                        System.arraycopy(img, from * plane, out, j * length + c * plane, plane);
                    }
                }
                return out;
            }

            @Override
            public int imageSize() {
                return imageSize;
            }
        };
    }

    private static void checkOrder(String order) {
        if (!"RGB".equals(order) && !"BGR".equals(order)) {
            throw new IllegalArgumentException("channel order must be RGB or BGR, got " + order);
        }
    }
}

package io.polyface.core.search;

import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.NchwTensors;
import io.polyface.core.image.Normalization;
import io.polyface.core.image.RgbImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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

    /** @return M, the number of distinct images */
    int imageCount();

    /**
     * A source over images in memory. Batch i holds images (i·N + j) mod M for j = 0 … N−1, so batches cycle
     * through the M images in order; N must not exceed M (repeated images make a NASWOT kernel singular).
     *
     * @param images M ≥ 1 images, all S×S
     * @return the source
     * @throws IllegalArgumentException if the list is empty or an image is not S×S
     */
    static ImageBatchSource of(List<RgbImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("an image batch source needs at least one image");
        }
        int s = images.get(0).width();
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).width() != s || images.get(i).height() != s) {
                throw new IllegalArgumentException("image " + i + " is " + images.get(i).width() + "x" + images.get(i).height()
                        + ", expected " + s + "x" + s + " like image 0");
            }
        }
        List<RgbImage> copy = List.copyOf(images);
        return new ImageBatchSource() {
            @Override
            public float[] batch(int index, int size, String channelOrder) {
                Normalization raw = Normalization.of(ChannelOrder.parse(channelOrder), 0f, 1f);
                if (size < 1 || size > copy.size() || index < 0) {
                    throw new IllegalArgumentException("batch " + index + " of " + size + " images: the source holds " + copy.size()
                            + " images (need 1 <= size <= " + copy.size() + " and index >= 0)");
                }
                int length = 3 * s * s;
                float[] out = new float[Math.multiplyExact(size, length)];
                for (int j = 0; j < size; j++) {
                    NchwTensors.write(copy.get((int) (((long) index * size + j) % copy.size())), raw, out, j * length);
                }
                return out;
            }

            @Override
            public int imageSize() {
                return s;
            }

            @Override
            public int imageCount() {
                return copy.size();
            }
        };
    }

    /**
     * Reads face images from a folder tree (any format {@link ImageDecoder} reads: PGM/PPM, PNG, JPEG, GIF), resized
     * to S×S with bilinear interpolation (no alignment: meant for already cropped faces such as ORL's). Files are
     * taken round-robin over their folders (the first image of every folder, then the second, …; folders and files
     * in name order), so consecutive images show different people; at most {@code maxImages} are read.
     *
     * @param folder the root folder
     * @param imageSize S (112 for the presets)
     * @param maxImages M, the most images to read, ≥ 1
     * @return the source
     * @throws IOException if the folder cannot be listed or an image cannot be read or decoded (naming it)
     * @throws IllegalArgumentException if the folder is missing or holds no image
     */
    static ImageBatchSource fromFolder(Path folder, int imageSize, int maxImages) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("image folder " + folder + " does not exist");
        }
        if (imageSize < 1 || maxImages < 1) {
            throw new IllegalArgumentException("image size and image count must be >= 1, got " + imageSize + " and " + maxImages);
        }
        Map<Path, List<Path>> byFolder = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("(?i).*\\.(pgm|ppm|pnm|png|jpe?g|gif)"))
                    .forEach(p -> byFolder.computeIfAbsent(p.getParent(), k -> new ArrayList<>()).add(p));
        }
        byFolder.values().forEach(l -> l.sort(null));
        List<Path> order = new ArrayList<>();
        for (int i = 0; order.size() < maxImages; i++) {
            boolean any = false;
            for (List<Path> l : byFolder.values()) {
                if (i < l.size() && order.size() < maxImages) {
                    order.add(l.get(i));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        if (order.isEmpty()) {
            throw new IllegalArgumentException("image folder " + folder + " holds no PGM, PPM, PNG, JPEG or GIF file");
        }
        List<RgbImage> images = new ArrayList<>();
        for (Path p : order) {
            images.add(ImageDecoder.read(p).resize(imageSize, imageSize));
        }
        return of(images);
    }
}

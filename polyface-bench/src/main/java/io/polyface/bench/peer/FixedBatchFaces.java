package io.polyface.bench.peer;

import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.LabelMap;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic training set for timing {@code Trainer.step()} without real data: one sample per class, whose image is one
 * of {@code batch} random-noise PNGs encoded once in memory (so every batch is the same few images, and loading costs
 * only the PNG decoding of the loader's worker thread, no file access).
 */
public final class FixedBatchFaces implements FaceDataset {

    private final LabelMap labels;
    private final List<byte[]> images = new ArrayList<>();

    /**
     * @param classes number of classes (= samples)
     * @param distinctImages how many distinct random images (e.g. the batch size)
     * @param size image width and height in pixels
     * @param seed random seed
     */
    public FixedBatchFaces(int classes, int distinctImages, int size, long seed) {
        List<String> names = new ArrayList<>(classes);
        for (int i = 0; i < classes; i++) {
            names.add(String.format("class%05d", i));
        }
        labels = LabelMap.ofOrdered(names);
        Random rnd = new Random(seed);
        for (int i = 0; i < distinctImages; i++) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    img.setRGB(x, y, rnd.nextInt(1 << 24));
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ImageIO.write(img, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            images.add(png.toByteArray());
        }
    }

    @Override
    public int size() {
        return labels.size();
    }

    @Override
    public int label(int index) {
        return index;
    }

    @Override
    public LabelMap labels() {
        return labels;
    }

    @Override
    public byte[] read(int index) {
        return images.get(index % images.size());
    }

    @Override
    public String locate(int index) {
        return "synthetic image " + index % images.size() + " (class " + index + ")";
    }

    @Override
    public String description() {
        return "fixed random batch (" + labels.size() + " classes, " + images.size() + " images)";
    }
}

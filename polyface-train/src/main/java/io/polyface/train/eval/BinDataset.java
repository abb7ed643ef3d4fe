package io.polyface.train.eval;

import io.polyface.core.io.VerificationBin;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.data.LabelMap;

import java.nio.file.Path;
import java.util.List;

/**
 * The images of an InsightFace verification {@code .bin} set (read by core's
 * {@code io.polyface.core.io.InsightFaceBin}) as a dataset to embed: image {@code 2i} and {@code 2i + 1}
 * form pair {@code i}. Labels are not meaningful here (all 0); pairs carry the genuine flags.
 */
public final class BinDataset implements FaceDataset {

    private static final LabelMap ONE = LabelMap.of(List.of("pairs"));

    private final Path file;
    private final VerificationBin bin;

    /**
     * @param file the {@code .bin} file (for messages)
     * @param bin its decoded content
     */
    public BinDataset(Path file, VerificationBin bin) {
        this.file = file;
        this.bin = bin;
    }

    /** @return whether each pair is genuine */
    public boolean[] genuine() {
        boolean[] g = new boolean[bin.pairCount()];
        for (int i = 0; i < g.length; i++) {
            g[i] = bin.issame().get(i);
        }
        return g;
    }

    @Override
    public int size() {
        return bin.images().size();
    }

    @Override
    public int label(int index) {
        return 0;
    }

    @Override
    public LabelMap labels() {
        return ONE;
    }

    @Override
    public byte[] read(int index) {
        return bin.images().get(index);
    }

    @Override
    public String locate(int index) {
        return file + " image " + index + " (pair " + index / 2 + ")";
    }

    @Override
    public String description() {
        return "verification set " + file + " (" + bin.pairCount() + " pairs)";
    }
}

package io.polyface.core.embed;

import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.Normalization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a user states about a model's preprocessing — any of input size, channel order, mean and std (e.g. command-line
 * flags), or all of them ({@link #of(Preprocessing)}). {@link ModelPreprocessing} checks a statement against what the
 * model says about itself and completes it.
 *
 * @param inputHeight stated input height in pixels, or {@code null}
 * @param inputWidth stated input width in pixels, or {@code null}
 * @param channelOrder stated channel order, or {@code null}
 * @param mean stated per-plane means (three values, 0..255 scale), or {@code null}
 * @param std stated per-plane divisors (three values), or {@code null}
 */
public record PreprocessingStatement(Integer inputHeight, Integer inputWidth, ChannelOrder channelOrder, float[] mean, float[] std) {

    /** Nothing stated. */
    public static final PreprocessingStatement NONE = new PreprocessingStatement(null, null, null, null, null);

    /**
     * Copies the arrays.
     *
     * @throws IllegalArgumentException if a size is not positive or an array does not hold three finite values (std &gt; 0)
     */
    public PreprocessingStatement {
        if ((inputHeight != null && inputHeight < 1) || (inputWidth != null && inputWidth < 1)) {
            throw new IllegalArgumentException("stated input size " + inputHeight + "x" + inputWidth + ": must be >= 1");
        }
        if (mean != null || std != null) {
            // validated as a normalisation would be
            new Normalization(ChannelOrder.RGB, mean == null ? new float[3] : mean, std == null ? new float[] {1, 1, 1} : std);
        }
        mean = mean == null ? null : mean.clone();
        std = std == null ? null : std.clone();
    }

    /**
     * @param p a complete preprocessing
     * @return the statement of all of it
     */
    public static PreprocessingStatement of(Preprocessing p) {
        return new PreprocessingStatement(p.inputHeight(), p.inputWidth(), p.normalization().channelOrder(), p.normalization().mean(),
                p.normalization().std());
    }

    /**
     * A statement of single values, as command-line flags give them.
     *
     * @param inputSize square input side, or {@code null}
     * @param channelOrder channel order, or {@code null}
     * @param mean the mean of every plane, or {@code null}
     * @param std the divisor of every plane, or {@code null}
     * @return the statement
     */
    public static PreprocessingStatement of(Integer inputSize, ChannelOrder channelOrder, Float mean, Float std) {
        return new PreprocessingStatement(inputSize, inputSize, channelOrder, mean == null ? null : new float[] {mean, mean, mean},
                std == null ? null : new float[] {std, std, std});
    }

    @Override
    public float[] mean() {
        return mean == null ? null : mean.clone();
    }

    @Override
    public float[] std() {
        return std == null ? null : std.clone();
    }

    /** @return whether nothing is stated */
    public boolean isEmpty() {
        return inputHeight == null && inputWidth == null && channelOrder == null && mean == null && std == null;
    }

    /**
     * @param p what the model says
     * @return each stated value that differs from {@code p}, e.g. {@code "mean 0 (the model: 127)"}; empty when the
     *     statement agrees
     */
    public List<String> contradictions(Preprocessing p) {
        List<String> out = new ArrayList<>();
        if ((inputHeight != null && inputHeight != p.inputHeight()) || (inputWidth != null && inputWidth != p.inputWidth())) {
            out.add("input " + size(inputHeight, inputWidth, p) + " (the model: " + p.inputHeight() + "x" + p.inputWidth() + ")");
        }
        if (channelOrder != null && channelOrder != p.normalization().channelOrder()) {
            out.add(channelOrder + " (the model: " + p.normalization().channelOrder() + ")");
        }
        if (mean != null && !Arrays.equals(mean, p.normalization().mean())) {
            out.add("mean " + Preprocessing.values(mean) + " (the model: " + Preprocessing.values(p.normalization().mean()) + ")");
        }
        if (std != null && !Arrays.equals(std, p.normalization().std())) {
            out.add("std " + Preprocessing.values(std) + " (the model: " + Preprocessing.values(p.normalization().std()) + ")");
        }
        return out;
    }

    /**
     * @return what is missing for a complete preprocessing, given the model's own input size (if fixed): e.g.
     *     {@code ["channel order", "std"]}
     * @param fixedHeight the model's fixed input height, or −1
     * @param fixedWidth the model's fixed input width, or −1
     */
    List<String> missing(int fixedHeight, int fixedWidth) {
        List<String> out = new ArrayList<>();
        if ((inputHeight == null && fixedHeight < 1) || (inputWidth == null && fixedWidth < 1)) {
            out.add("input size");
        }
        if (channelOrder == null) {
            out.add("channel order");
        }
        if (mean == null) {
            out.add("mean");
        }
        if (std == null) {
            out.add("std");
        }
        return out;
    }

    /** The preprocessing stated, sizes taken from the model where not stated; call after {@link #missing} is empty. */
    Preprocessing complete(int fixedHeight, int fixedWidth) {
        return new Preprocessing(inputWidth != null ? inputWidth : fixedWidth, inputHeight != null ? inputHeight : fixedHeight,
                new Normalization(channelOrder, mean, std));
    }

    private static String size(Integer h, Integer w, Preprocessing p) {
        return (h != null ? h : p.inputHeight()) + "x" + (w != null ? w : p.inputWidth());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreprocessingStatement s && java.util.Objects.equals(s.inputHeight, inputHeight)
                && java.util.Objects.equals(s.inputWidth, inputWidth) && s.channelOrder == channelOrder && Arrays.equals(s.mean, mean)
                && Arrays.equals(s.std, std);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(inputHeight, inputWidth, channelOrder, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "PreprocessingStatement[" + inputHeight + "x" + inputWidth + ", " + channelOrder + ", mean=" + Arrays.toString(mean)
                + ", std=" + Arrays.toString(std) + "]";
    }
}

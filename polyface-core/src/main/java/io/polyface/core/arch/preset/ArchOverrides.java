package io.polyface.core.arch.preset;

import java.util.List;

/**
 * Optional settings that override a preset's defaults (the CLI's architecture flags). A {@code null} field
 * keeps the preset's value; a field the preset does not take is an error.
 *
 * @param input image size (PolyFace: the aligned image, 112)
 * @param resolution PolyFace stem size R
 * @param width width multiplier
 * @param depth blocks/units per stage (3 for PolyFace, 4 for iResNet and MobileFaceNet)
 * @param embedding embedding size
 * @param keepProb PolyFace stochastic-depth keep probability
 * @param residualScale PolyFace residual scale
 * @param blockType PolyFace block type for every stage ({@link BlockType#parse})
 */
public record ArchOverrides(Integer input, Integer resolution, Double width, List<Integer> depth, Integer embedding,
                            Double keepProb, Double residualScale, String blockType) {

    /** No overrides. */
    public static final ArchOverrides NONE = new ArchOverrides(null, null, null, null, null, null, null, null);

    /** Copies the depth list. */
    public ArchOverrides {
        depth = depth == null ? null : List.copyOf(depth);
    }

    /** @return whether every field is {@code null} */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * @param r stem resolution
     * @return a copy with {@code resolution = r}
     */
    public ArchOverrides withResolution(Integer r) {
        return new ArchOverrides(input, r, width, depth, embedding, keepProb, residualScale, blockType);
    }

    /**
     * @param w width multiplier
     * @return a copy with {@code width = w}
     */
    public ArchOverrides withWidth(Double w) {
        return new ArchOverrides(input, resolution, w, depth, embedding, keepProb, residualScale, blockType);
    }

    /**
     * @param d depth list
     * @return a copy with {@code depth = d}
     */
    public ArchOverrides withDepth(List<Integer> d) {
        return new ArchOverrides(input, resolution, width, d, embedding, keepProb, residualScale, blockType);
    }

    /**
     * @param e embedding size
     * @return a copy with {@code embedding = e}
     */
    public ArchOverrides withEmbedding(Integer e) {
        return new ArchOverrides(input, resolution, width, depth, e, keepProb, residualScale, blockType);
    }

    /**
     * @param t block type
     * @return a copy with {@code blockType = t}
     */
    public ArchOverrides withBlockType(String t) {
        return new ArchOverrides(input, resolution, width, depth, embedding, keepProb, residualScale, t);
    }
}

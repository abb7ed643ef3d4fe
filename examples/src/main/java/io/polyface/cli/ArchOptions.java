package io.polyface.cli;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.core.arch.preset.Architectures;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The architecture options shared by every sub-command that takes a network: a preset name or a spec
 * JSON file, plus overrides of the preset's settings.
 */
public final class ArchOptions {

    @Option(names = "--arch", paramLabel = "NAME|FILE.json",
            description = "Preset name (efficient-polyface, polyface, polynet-depth, iresnet18/34/50/100/200, "
                    + "mobilefacenet-y1/-y2/-tiny, qan-quality) or an architecture spec JSON file.")
    String arch;

    @Option(names = "--input", paramLabel = "PIXELS", description = "Image size (the aligned face, default 112).")
    Integer input;

    @Option(names = "--resolution", paramLabel = "R",
            description = "PolyFace stem size R: 32k+11 or 32k+12 with k >= 2 (default 235).")
    Integer resolution;

    @Option(names = "--width", paramLabel = "W", description = "Width multiplier (channels c -> max(8, round8(c*W))).")
    Double width;

    @Option(names = "--depth", paramLabel = "a,b,c", split = ",",
            description = "Blocks per stage: 3 values for PolyFace, 4 for iResNet/MobileFaceNet.")
    List<Integer> depth;

    @Option(names = "--embedding", paramLabel = "D", description = "Embedding size.")
    Integer embedding;

    @Option(names = "--keep-prob", paramLabel = "P", description = "PolyFace stochastic-depth keep probability (default 0.8).")
    Double keepProb;

    @Option(names = "--residual-scale", paramLabel = "S", description = "PolyFace residual scale (default 0.3).")
    Double residualScale;

    @Option(names = "--block-type", paramLabel = "TYPE",
            description = "PolyFace block type: first-order, poly-2, mpoly-2, 2-way, poly-3, mpoly-3, 3-way.")
    String blockType;

    /** @return the overrides given on the command line */
    public ArchOverrides overrides() {
        return new ArchOverrides(input, resolution, width, depth, embedding, keepProb, residualScale, blockType);
    }

    /** @return whether {@code --arch} was given */
    public boolean hasArch() {
        return arch != null;
    }

    /**
     * @param defaultArch the preset used when {@code --arch} is absent, or {@code null} to require it
     * @return the resolved spec
     * @throws IllegalArgumentException for an unknown name, bad file or bad setting
     */
    public ArchSpec resolve(String defaultArch) {
        String name = arch != null ? arch : defaultArch;
        if (name == null) {
            throw new IllegalArgumentException("--arch is required");
        }
        return Architectures.resolve(name, overrides());
    }
}

package io.polyface.core.flops;

/**
 * How a FLOPs figure is counted. Never print a figure without its convention
 * ({@code shared/spec/architectures.md}, section 3).
 */
public enum Convention {
    /**
     * The LFR-2019 challenge rule ("FLOPs ≈ 2 × MACs" of conv and FC layers only, at input 1×3×112×112):
     * conv without bias ⌊(2·Cin·kh·kw − 1)·Hout·Wout·Cout / groups⌋, with bias ⌊2·Cin·kh·kw·Hout·Wout·Cout / groups⌋
     * (Cin is the full input channel count, so depthwise convs are over-counted — kept as mandated);
     * FC 2·in·out, minus out without bias. BN, activations, pooling, adds, concat, dropout and resize are free.
     */
    LFR("lfr", "LFR-2019 rule: conv and FC only, ~2 x MACs"),
    /**
     * Multiply-accumulates of conv and FC layers: (Cin/groups)·kh·kw·Hout·Wout·Cout and in·out. What ptflops
     * (aten backend) and THOP without BN print, often mislabelled "FLOPs".
     */
    MACS("macs", "multiply-accumulates of conv and FC layers"),
    /**
     * PolyFace's own documented convention: MACs, plus a bias add per output element of biased conv/FC,
     * 2 per output element of BN, 1 per output element of each activation, element-wise add and residual scale,
     * kh·kw per output element of pooling (H·W for global average pooling), 4 per output element of a bilinear
     * resize and 2 per element of pixel scaling (multiply and add).
     */
    FULL("full", "MACs plus BN, activations, adds, scales, pooling, resize (PolyFace's convention)");

    private final String id;
    private final String description;

    Convention(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** @return the short name used on the command line and in JSON ({@code lfr}, {@code macs}, {@code full}) */
    public String id() {
        return id;
    }

    /** @return a one-line description */
    public String description() {
        return description;
    }

    /**
     * Parses a convention name.
     *
     * @param name {@code lfr}, {@code macs} or {@code full} (case-insensitive)
     * @return the convention
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Convention parse(String name) {
        for (Convention c : values()) {
            if (c.id.equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown FLOPs convention '" + name + "'; expected lfr, macs or full");
    }
}

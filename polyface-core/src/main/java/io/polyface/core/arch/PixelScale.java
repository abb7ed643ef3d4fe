package io.polyface.core.arch;

/**
 * Element-wise affine pixel scaling y = x·scale + shift, e.g. PolyFace's x·3.2/255 − 1.6 on 0..255 input.
 *
 * @param name unique name
 * @param scale multiplier
 * @param shift offset added after scaling
 */
public record PixelScale(String name, double scale, double shift) implements Node {
    /** Validates the values. */
    public PixelScale {
        Node.requireName(name, "pixel_scale");
        if (!Double.isFinite(scale) || !Double.isFinite(shift) || scale == 0) {
            throw new IllegalArgumentException("pixel_scale '" + name + "': scale must be finite and non-zero, shift finite");
        }
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitPixelScale(this);
    }
}

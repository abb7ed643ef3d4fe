package io.polyface.core.arch;

/**
 * Bilinear resize of a {@code [C, H, W]} map to {@code [C, height, width]} with half-pixel centres and no
 * antialiasing: OpenCV's INTER_LINEAR, PyTorch's {@code interpolate(mode="bilinear", align_corners=False)},
 * ONNX Resize with {@code coordinate_transformation_mode="half_pixel"}.
 *
 * @param name unique name
 * @param height output height
 * @param width output width
 */
public record Resize(String name, int height, int width) implements Node {
    /** Validates the size. */
    public Resize {
        Node.requireName(name, "resize");
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("resize '" + name + "': size must be > 0, got " + height + "x" + width);
        }
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitResize(this);
    }
}

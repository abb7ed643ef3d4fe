package io.polyface.core.arch;

/**
 * Crops rows {@code top .. top+height−1} and columns {@code left .. left+width−1} of a {@code [C, H, W]} map.
 *
 * @param name unique name
 * @param top first row (0-based)
 * @param left first column (0-based)
 * @param height rows kept
 * @param width columns kept
 */
public record Crop(String name, int top, int left, int height, int width) implements Node {
    /** Validates the window. */
    public Crop {
        Node.requireName(name, "crop");
        if (top < 0 || left < 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("crop '" + name + "': needs top, left >= 0 and a positive size, got top="
                    + top + " left=" + left + " size=" + height + "x" + width);
        }
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitCrop(this);
    }
}

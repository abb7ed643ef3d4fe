package io.polyface.train.data;

import io.polyface.core.util.OrderedMaps;

import java.util.Map;

/**
 * How a decoded image that is not at the model's input size is brought to it: core's
 * {@link io.polyface.core.image.BilinearResize} (OpenCV {@code INTER_LINEAR} semantics: half-pixel
 * centres, edge replication, no antialiasing) of the whole image to {@code width × height}, the aspect
 * ratio not preserved (ORL's 92×112 becomes 112×112 by stretching the width). Applied before any
 * augmentation; images already at the input size are untouched. The rule is recorded in every
 * checkpoint's metadata ({@link #toMetadata()}) so that inference prepares images the same way.
 *
 * @param width the input width in pixels
 * @param height the input height in pixels
 */
public record ResizeRule(int width, int height) {

    /** The rule's name in metadata. */
    public static final String NAME = "bilinear-stretch";

    /** @throws IllegalArgumentException if a size is not positive */
    public ResizeRule {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("resize target " + width + "x" + height + " must be positive");
        }
    }

    /** @return the rule as JSON-ready metadata */
    public Map<String, Object> toMetadata() {
        return OrderedMaps.of("rule", NAME, "width", width, "height", height,
                "interpolation", "bilinear, OpenCV INTER_LINEAR semantics (half-pixel centres, edge replication, no antialiasing)",
                "aspect_ratio", "not preserved: the whole decoded image is stretched to width x height",
                "applied", "only when the decoded size differs, before augmentation and pixel normalisation");
    }
}

package io.polyface.train.augment;

/**
 * Luma of an RGB pixel with the ITU-R BT.601 weights {@code Y = 0.299·R + 0.587·G + 0.114·B} (the
 * weights of OpenCV's {@code COLOR_RGB2GRAY} and of torchvision's {@code rgb_to_grayscale}).
 */
final class Luma {

    static final double R = 0.299;
    static final double G = 0.587;
    static final double B = 0.114;

    private Luma() {}

    static float of(float r, float g, float b) {
        return (float) (R * r + G * g + B * b);
    }
}

package io.polyface.core.image;

import java.util.Locale;

/**
 * Order of the three colour planes in a tensor. {@link RgbImage} always stores red, green, blue; the
 * order only matters when pixels are written into a model's input (PyTorch/InsightFace models take
 * {@link #RGB}, OpenCV-trained models such as YuNet take {@link #BGR}).
 */
public enum ChannelOrder {
    /** Red, green, blue. */
    RGB,
    /** Blue, green, red (OpenCV's order). */
    BGR;

    /**
     * Index into an RGB pixel of the colour that goes to output plane {@code plane}.
     *
     * @param plane output plane, 0..2
     * @return the RGB channel index (0 red, 1 green, 2 blue) stored in that plane
     */
    public int sourceChannel(int plane) {
        return this == RGB ? plane : 2 - plane;
    }

    /**
     * Parses {@code "RGB"} or {@code "BGR"} (case-insensitive, surrounding blanks ignored).
     *
     * @param text the name
     * @return the order
     * @throws IllegalArgumentException naming the text if it is neither
     */
    public static ChannelOrder parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "RGB" -> RGB;
            case "BGR" -> BGR;
            default -> throw new IllegalArgumentException("channel order '" + text + "': expected RGB or BGR");
        };
    }
}

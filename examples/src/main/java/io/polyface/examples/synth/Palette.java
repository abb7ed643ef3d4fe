package io.polyface.examples.synth;

import java.util.random.RandomGenerator;

/**
 * Colour ramps the synthetic faces draw from (package-private). Colours are packed sRGB {@code 0xRRGGBB}.
 * A colour is drawn by picking a point uniformly along a ramp of anchor colours, interpolating linearly
 * between the two neighbouring anchors, then adding a small independent jitter per channel.
 */
final class Palette {

    /** Skin tones from light to dark (approximately the Fitzpatrick I–VI range as sRGB). */
    static final int[] SKIN = {0xFFE0C4, 0xF1C8A0, 0xE0AC7E, 0xC68B59, 0x9C6B43, 0x70482C, 0x4E3322};
    /** Hair colours: black, dark brown, brown, auburn, dark blond, blond, grey, white. */
    static final int[] HAIR = {0x1C1714, 0x3B2A1E, 0x5E3F28, 0x7F3F22, 0x9C7A4E, 0xD2B47C, 0x8F8B86, 0xD8D6D0};
    /** Iris colours: dark brown, brown, hazel, green, grey-blue, blue. */
    static final int[] IRIS = {0x2E1C10, 0x5A3A1E, 0x7A6A32, 0x4F6E45, 0x6C8090, 0x3F6FA8};
    /** A lip red mixed into the skin tone. */
    static final int LIP_RED = 0xB0404C;

    private Palette() {}

    /**
     * @param ramp anchor colours
     * @param jitter maximum per-channel jitter in grey levels
     * @param random the source of randomness (two or more draws)
     * @return a colour along the ramp
     */
    static int along(int[] ramp, double jitter, RandomGenerator random) {
        double t = random.nextDouble() * (ramp.length - 1);
        int i = Math.min(ramp.length - 2, (int) t);
        int c = mix(ramp[i], ramp[i + 1], t - i);
        return jitter(c, jitter, random);
    }

    /**
     * @param colour a colour
     * @param amount maximum per-channel offset in grey levels
     * @param random the source of randomness (three draws)
     * @return the colour with a uniform offset in [−amount, amount] per channel, clamped to 0..255
     */
    static int jitter(int colour, double amount, RandomGenerator random) {
        int r = clamp(red(colour) + Ranges.uniform(random, -amount, amount));
        int g = clamp(green(colour) + Ranges.uniform(random, -amount, amount));
        int b = clamp(blue(colour) + Ranges.uniform(random, -amount, amount));
        return pack(r, g, b);
    }

    /** @return {@code (1 − t)·a + t·b} per channel, rounded */
    static int mix(int a, int b, double t) {
        return pack(clamp(red(a) + t * (red(b) - red(a))), clamp(green(a) + t * (green(b) - green(a))),
                clamp(blue(a) + t * (blue(b) - blue(a))));
    }

    /** @return the colour with every channel multiplied by {@code factor}, clamped */
    static int scale(int colour, double factor) {
        return pack(clamp(red(colour) * factor), clamp(green(colour) * factor), clamp(blue(colour) * factor));
    }

    static int red(int c) {
        return (c >> 16) & 0xFF;
    }

    static int green(int c) {
        return (c >> 8) & 0xFF;
    }

    static int blue(int c) {
        return c & 0xFF;
    }

    static int pack(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }

    static int clamp(double v) {
        long r = Math.round(v);
        return (int) Math.max(0, Math.min(255, r));
    }
}

package io.polyface.train.augment;

import io.polyface.core.image.RgbImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Transforms applied in order, all drawing from the one generator given for the sample, so a sample's
 * augmentation is fixed by that generator's seed.
 *
 * <p>Text form ({@link #parse}, used by the command line): {@code none}, or a comma-separated list of
 * {@code name} or {@code name:p} with these names and default settings:
 * <table>
 *   <caption>Augmentation names</caption>
 *   <tr><th>name</th><th>transform</th><th>default p</th></tr>
 *   <tr><td>flip</td><td>{@link HorizontalFlip}</td><td>0.5</td></tr>
 *   <tr><td>crop</td><td>{@link RandomResizedCrop#mild} (area 0.8..1, aspect 0.9..1.1)</td><td>0.5</td></tr>
 *   <tr><td>shift</td><td>{@link RandomShift}, up to 6% of the side</td><td>0.5</td></tr>
 *   <tr><td>jitter</td><td>{@link ColourJitter}, brightness ±32, contrast ±0.3, saturation ±0.3</td><td>0.5</td></tr>
 *   <tr><td>grey</td><td>{@link RandomGreyscale}</td><td>0.1</td></tr>
 *   <tr><td>blur</td><td>{@link RandomGaussianBlur}, σ 0.5..2</td><td>0.1</td></tr>
 *   <tr><td>downup</td><td>{@link RandomDownUpResize}, factor 0.25..0.75</td><td>0.1</td></tr>
 *   <tr><td>erase</td><td>{@link RandomErasing}, side 0.1..0.4</td><td>0.1</td></tr>
 *   <tr><td>jpeg</td><td>{@link RandomJpeg}, quality 30..90</td><td>0.1</td></tr>
 *   <tr><td>noise</td><td>{@link RandomGaussianNoise}, σ up to 8</td><td>0.1</td></tr>
 * </table>
 * e.g. {@code flip,jitter:0.3,jpeg:0.2}.
 *
 * @param transforms the transforms in application order
 */
public record AugmentationPipeline(List<Augmentation> transforms) {

    /** The pipeline that changes nothing. */
    public static final AugmentationPipeline NONE = new AugmentationPipeline(List.of());

    /** Copies the list. */
    public AugmentationPipeline {
        transforms = List.copyOf(transforms);
    }

    /**
     * Applies every transform in order.
     *
     * @param image the input (not modified)
     * @param random the sample's generator
     * @return the augmented image
     */
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        RgbImage out = image;
        for (Augmentation a : transforms) {
            out = a.apply(out, random);
        }
        return out;
    }

    /** @return whether there is no transform */
    public boolean isEmpty() {
        return transforms.isEmpty();
    }

    /** @return the transforms with their settings, one string each (record form), for provenance */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Augmentation a : transforms) {
            out.add(a.toString());
        }
        return out;
    }

    /**
     * Parses the text form described above.
     *
     * @param text {@code none} or a comma-separated list of {@code name[:p]}
     * @return the pipeline
     * @throws IllegalArgumentException for an unknown name or a bad probability, naming it and listing the names
     */
    public static AugmentationPipeline parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("none")) {
            return NONE;
        }
        List<Augmentation> list = new ArrayList<>();
        for (String item : text.split(",")) {
            String t = item.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            String name = t;
            Double p = null;
            int colon = t.indexOf(':');
            if (colon >= 0) {
                name = t.substring(0, colon).trim();
                try {
                    p = Double.parseDouble(t.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("augmentation '" + item.trim() + "': the probability after ':' must be a number");
                }
            }
            list.add(create(name, p));
        }
        return new AugmentationPipeline(list);
    }

    private static Augmentation create(String name, Double p) {
        return switch (name) {
            case "flip" -> new HorizontalFlip(p == null ? 0.5 : p);
            case "crop" -> RandomResizedCrop.mild(p == null ? 0.5 : p);
            case "shift" -> new RandomShift(p == null ? 0.5 : p, 0.06);
            case "jitter" -> new ColourJitter(p == null ? 0.5 : p, 32, 0.3, 0.3);
            case "grey", "gray" -> new RandomGreyscale(p == null ? 0.1 : p);
            case "blur" -> new RandomGaussianBlur(p == null ? 0.1 : p, 0.5, 2.0);
            case "downup" -> new RandomDownUpResize(p == null ? 0.1 : p, 0.25, 0.75);
            case "erase" -> new RandomErasing(p == null ? 0.1 : p, 0.1, 0.4);
            case "jpeg" -> new RandomJpeg(p == null ? 0.1 : p, 30, 90);
            case "noise" -> new RandomGaussianNoise(p == null ? 0.1 : p, 8);
            default -> throw new IllegalArgumentException("unknown augmentation '" + name
                    + "'; expected none or a comma-separated list of flip, crop, shift, jitter, grey, blur, downup, erase, jpeg, noise"
                    + " (each optionally name:p)");
        };
    }
}

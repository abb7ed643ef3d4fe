package io.polyface.aggregation.track;

import io.polyface.core.image.ops.BrightnessContrast;
import io.polyface.core.image.ops.Degradation;
import io.polyface.core.image.ops.DownUpResize;
import io.polyface.core.image.ops.GaussianBlur;
import io.polyface.core.image.ops.GaussianNoise;
import io.polyface.core.image.ops.Occlusion;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The heavy corruptions {@link DegradedTrackGenerator} puts on the "bad" frames of a track, each a core
 * degradation with parameters drawn uniformly from a range severe enough to damage recognition of a
 * face crop of about 100 pixels (ORL stills are 92 × 112):
 *
 * <table>
 *   <caption>Corruption kinds and their parameter ranges</caption>
 *   <tr><th>kind</th><th>degradation</th><th>parameters</th></tr>
 *   <tr><td>{@link #BLUR}</td><td>{@link GaussianBlur}</td><td>σ ∈ [4, 7] pixels</td></tr>
 *   <tr><td>{@link #NOISE}</td><td>{@link GaussianNoise}</td><td>σ ∈ [50, 80] grey levels</td></tr>
 *   <tr><td>{@link #LOW_RESOLUTION}</td><td>{@link DownUpResize}</td><td>factor ∈ [0.06, 0.10]
 *       (about 6–11 pixels across)</td></tr>
 *   <tr><td>{@link #OCCLUSION}</td><td>{@link Occlusion}</td><td>side fraction ∈ [0.55, 0.70], fill
 *       grey ∈ [0, 255]</td></tr>
 *   <tr><td>{@link #ILLUMINATION}</td><td>{@link BrightnessContrast}</td><td>contrast ∈ [0.15, 0.30],
 *       brightness ± [80, 110] (dark or washed out, sign drawn at random)</td></tr>
 * </table>
 */
public enum Corruption {

    /** Strong defocus or motion-like blur. */
    BLUR("blur"),
    /** Strong sensor noise. */
    NOISE("noise"),
    /** A face of a few pixels, upscaled. */
    LOW_RESOLUTION("low_resolution"),
    /** A large part of the face hidden. */
    OCCLUSION("occlusion"),
    /** Severe under- or over-exposure with little contrast. */
    ILLUMINATION("illumination");

    private final String id;

    Corruption(String id) {
        this.id = id;
    }

    /**
     * The name used in track sidecar files.
     *
     * @return e.g. {@code "low_resolution"}
     */
    public String id() {
        return id;
    }

    /**
     * Draws this corruption's parameters.
     *
     * @param random the source of the parameter draws
     * @return the degradation, with its drawn parameters in the record
     */
    public Degradation draw(RandomGenerator random) {
        return switch (this) {
            case BLUR -> new GaussianBlur(uniform(random, 4, 7));
            case NOISE -> new GaussianNoise(uniform(random, 50, 80));
            case LOW_RESOLUTION -> new DownUpResize(uniform(random, 0.06, 0.10));
            case OCCLUSION -> new Occlusion(uniform(random, 0.55, 0.70), (float) uniform(random, 0, 255));
            case ILLUMINATION -> {
                double contrast = uniform(random, 0.15, 0.30);
                double magnitude = uniform(random, 80, 110);
                yield new BrightnessContrast(random.nextBoolean() ? magnitude : -magnitude, contrast);
            }
        };
    }

    private static double uniform(RandomGenerator random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /**
     * Parses a sidecar name.
     *
     * @param id e.g. {@code "blur"}
     * @return the kind
     * @throws IllegalArgumentException if {@code id} is not one of the names, listing them
     */
    public static Corruption parse(String id) {
        for (Corruption c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown corruption '" + id + "'; expected one of "
                + Arrays.stream(values()).map(Corruption::id).collect(Collectors.joining(", ")));
    }
}

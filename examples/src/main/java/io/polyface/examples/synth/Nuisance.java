package io.polyface.examples.synth;

import io.polyface.core.image.ops.BrightnessContrast;
import io.polyface.core.image.ops.Degradation;
import io.polyface.core.image.ops.DownUpResize;
import io.polyface.core.image.ops.GaussianBlur;
import io.polyface.core.image.ops.GaussianNoise;
import io.polyface.core.image.ops.JpegRecompression;
import io.polyface.core.image.ops.Occlusion;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The per-image parameters of a synthetic face: everything that changes between two images of the same
 * identity (pose, expression, scene lighting and image degradations). Together with a {@link FaceIdentity}
 * it fixes the rendered image exactly.
 *
 * <p>The degradations are core's records ({@code io.polyface.core.image.ops}), applied in list order
 * after drawing and warping, with a {@link java.util.SplittableRandom} seeded by {@code degradationSeed}
 * as their source of randomness (noise values, occluder position).
 *
 * <p><b>Difficulty.</b> {@link #sample(RandomGenerator, double)} scales every range and every
 * probability with a difficulty {@code d} in [0, 2]: {@code d = 0} gives {@link #none()} (frontal,
 * neutral, evenly lit, clean), {@code d = 1} the default mix described on that method, {@code d = 2}
 * twice the spread and (up to certainty) twice as many degraded images.
 *
 * @param pose geometric pose change of the whole image and a pseudo head turn
 * @param expression expression
 * @param lighting background and directional light
 * @param degradations image degradations applied in order, possibly empty (copied, unmodifiable)
 * @param degradationSeed seed of the random generator handed to the degradations
 */
public record Nuisance(Pose pose, Expression expression, Lighting lighting, List<Degradation> degradations,
                       long degradationSeed) {

    /** Largest accepted difficulty. */
    public static final double MAX_DIFFICULTY = 2;

    /** Background grey of {@link #none()}, 0xRRGGBB. */
    public static final int NEUTRAL_BACKGROUND = 0xB4B4B4;

    /** @throws IllegalArgumentException if a part is null or the list holds null */
    public Nuisance {
        Ranges.checkNotNull("pose", pose);
        Ranges.checkNotNull("expression", expression);
        Ranges.checkNotNull("lighting", lighting);
        Ranges.checkNotNull("degradations", degradations);
        for (int i = 0; i < degradations.size(); i++) {
            Ranges.checkNotNull("degradations[" + i + "]", degradations.get(i));
        }
        degradations = List.copyOf(degradations);
    }

    /** @return no nuisance: frontal pose, neutral expression, plain grey background, no degradation */
    public static Nuisance none() {
        return new Nuisance(new Pose(0, 0, 0, 1, 0), new Expression(0, 0, 1, 0),
                new Lighting(NEUTRAL_BACKGROUND, 0, 0), List.of(), 0L);
    }

    /**
     * Draws the nuisance of one image. With difficulty {@code d} (the figures below are for d = 1; ranges
     * scale with d, probabilities with d up to 1):
     * <ul>
     *   <li>pose: shift uniform in ±3 px per axis, rotation normal with σ 4° clipped to ±10°, scale uniform
     *       in 1 ± 0.06, head turn uniform in ±0.5;</li>
     *   <li>expression: smile uniform in [−0.3, 1], mouth open (probability 0.3) up to 0.7, eye openness
     *       uniform in [0.6, 1.1] with a blink (0.1) at probability 0.05, brow raise uniform in [−1.5, 2.5] px;</li>
     *   <li>lighting: background a random colour mixed with neutral grey, side shadow of strength up to 0.5
     *       from a uniform direction;</li>
     *   <li>degradations, in this order, each with its probability: {@link Occlusion} (0.12, side 0.2–0.4 of the
     *       image, random grey), {@link BrightnessContrast} (always, brightness ±30, contrast 1 ± 0.25),
     *       {@link GaussianBlur} (0.35, σ 0.6–1.8 px), {@link DownUpResize} (0.2, factor 0.3–0.6),
     *       {@link GaussianNoise} (0.5, σ 2–9), {@link JpegRecompression} (0.25, quality 20–70).</li>
     * </ul>
     * So that no image turns black or white, the shadow is capped at 0.6, brightness and contrast scale with
     * min(d, 1.5), the down-up factor is at least 0.15 and the JPEG quality at least 10.
     * The generator is advanced by the same number of draws for every difficulty, so that two difficulties
     * with the same generator state give the same kinds of nuisance at different strengths.
     *
     * @param random the source of randomness
     * @param difficulty strength d in [0, {@link #MAX_DIFFICULTY}]
     * @return the nuisance ({@link #none()} for d = 0)
     * @throws IllegalArgumentException if {@code random} is null or the difficulty is outside its range
     */
    public static Nuisance sample(RandomGenerator random, double difficulty) {
        Ranges.checkNotNull("random", random);
        double d = Ranges.check("difficulty", difficulty, 0, MAX_DIFFICULTY);
        Pose pose = new Pose(
                d * Ranges.uniform(random, -3, 3), d * Ranges.uniform(random, -3, 3),
                d * Math.max(-10, Math.min(10, 4 * random.nextGaussian())),
                1 + d * Ranges.uniform(random, -0.06, 0.06),
                Math.max(-1, Math.min(1, d * Ranges.uniform(random, -0.5, 0.5))));
        double smile = d * Ranges.uniform(random, -0.3, 1);
        boolean mouthOpens = random.nextDouble() < p(0.3, d);
        double openAmount = Ranges.uniform(random, 0, 0.7);
        boolean blink = random.nextDouble() < p(0.05, d);
        double squint = d * Ranges.uniform(random, -0.1, 0.4);
        double open = mouthOpens ? openAmount : 0;
        double openness = blink ? 0.1 : 1 - squint;
        double browRaise = d * Ranges.uniform(random, -1.5, 2.5);
        Expression expression = new Expression(Math.max(-1, Math.min(1, smile)), open,
                Math.max(0.1, Math.min(1.2, openness)), browRaise);
        int randomColour = Palette.pack(random.nextInt(256), random.nextInt(256), random.nextInt(256));
        int background = Palette.mix(NEUTRAL_BACKGROUND, randomColour, Math.min(1, 0.7 * d));
        Lighting lighting = new Lighting(background, Ranges.uniform(random, -180, 180), Math.min(0.6, d * Ranges.uniform(random, 0, 0.5)));

        List<Degradation> degradations = new ArrayList<>();
        // every draw is made whatever the outcome, so the stream stays aligned across difficulties
        boolean occlude = random.nextDouble() < p(0.12, d);
        double occSide = Ranges.uniform(random, 0.2, 0.4);
        float occFill = (float) Ranges.uniform(random, 0, 255);
        double brightness = Math.min(d, 1.5) * Ranges.uniform(random, -30, 30);
        double contrast = 1 + Math.min(d, 1.5) * Ranges.uniform(random, -0.25, 0.25);
        boolean blur = random.nextDouble() < p(0.35, d);
        double blurSigma = Ranges.uniform(random, 0.6, 0.6 + 1.2 * d);
        boolean lowRes = random.nextDouble() < p(0.2, d);
        double lowResFactor = Math.max(0.15, 1 - d * Ranges.uniform(random, 0.4, 0.7));
        boolean noise = random.nextDouble() < p(0.5, d);
        double noiseSigma = d * Ranges.uniform(random, 2, 9);
        boolean jpeg = random.nextDouble() < p(0.25, d);
        int quality = (int) Math.round(Math.max(10, 100 - d * Ranges.uniform(random, 30, 80)));
        long seed = random.nextLong();
        if (occlude) {
            degradations.add(new Occlusion(occSide, occFill));
        }
        if (d > 0) {
            degradations.add(new BrightnessContrast(brightness, contrast));
        }
        if (blur) {
            degradations.add(new GaussianBlur(blurSigma));
        }
        if (lowRes) {
            degradations.add(new DownUpResize(lowResFactor));
        }
        if (noise) {
            degradations.add(new GaussianNoise(noiseSigma));
        }
        if (jpeg) {
            degradations.add(new JpegRecompression(quality));
        }
        return d == 0 ? none() : new Nuisance(pose, expression, lighting, degradations, seed);
    }

    /** @return the probability {@code base·d}, at most 1 */
    private static double p(double base, double d) {
        return Math.min(1, base * d);
    }

    /**
     * Pose change. The image is rotated by {@code rotationDegrees} and scaled by {@code scale} about the
     * point midway between the eyes of the template (56, 52), then shifted; {@code yaw} moves the inner face
     * (eyes, nose, mouth, brows) sideways and narrows it, a cartoon of a small head turn.
     *
     * @param shiftX horizontal shift, pixels, in [−20, 20]
     * @param shiftY vertical shift, pixels, in [−20, 20]
     * @param rotationDegrees in-plane rotation, clockwise on screen for positive values, degrees, in [−45, 45]
     * @param scale zoom factor, in [0.7, 1.3]
     * @param yaw head turn, −1 (to the viewer's left) to 1 (to the right)
     */
    public record Pose(double shiftX, double shiftY, double rotationDegrees, double scale, double yaw) {
        /** @throws IllegalArgumentException if a value is outside its range */
        public Pose {
            Ranges.check("pose.shiftX", shiftX, -20, 20);
            Ranges.check("pose.shiftY", shiftY, -20, 20);
            Ranges.check("pose.rotationDegrees", rotationDegrees, -45, 45);
            Ranges.check("pose.scale", scale, 0.7, 1.3);
            Ranges.check("pose.yaw", yaw, -1, 1);
        }
    }

    /**
     * Expression.
     *
     * @param smile mouth-corner lift, −1 (frown) to 1 (broad smile); the corners move up by up to 4 px
     * @param mouthOpen lip separation as a fraction of the mouth's half width, in [0, 1]
     * @param eyeOpenness eye opening as a fraction of the identity's open eye, in [0.1, 1.2]
     * @param browRaise extra lift of the brows, pixels, in [−6, 6]
     */
    public record Expression(double smile, double mouthOpen, double eyeOpenness, double browRaise) {
        /** @throws IllegalArgumentException if a value is outside its range */
        public Expression {
            Ranges.check("expression.smile", smile, -1, 1);
            Ranges.check("expression.mouthOpen", mouthOpen, 0, 1);
            Ranges.check("expression.eyeOpenness", eyeOpenness, 0.1, 1.2);
            Ranges.check("expression.browRaise", browRaise, -6, 6);
        }
    }

    /**
     * Scene lighting.
     *
     * @param backgroundRgb background colour, 0xRRGGBB
     * @param lightAngleDegrees direction the light comes from, degrees counter-clockwise from the viewer's right, in [−180, 180]
     * @param shadow darkening of the side away from the light, 0 (even light) to 1 (black), in [0, 1]
     */
    public record Lighting(int backgroundRgb, double lightAngleDegrees, double shadow) {
        /** @throws IllegalArgumentException if a value is outside its range */
        public Lighting {
            Ranges.checkRgb("lighting.backgroundRgb", backgroundRgb);
            Ranges.check("lighting.lightAngleDegrees", lightAngleDegrees, -180, 180);
            Ranges.check("lighting.shadow", shadow, 0, 1);
        }
    }
}

package io.polyface.examples.synth;

import java.util.random.RandomGenerator;

/**
 * The identity parameters of one synthetic (drawn, not photographed) face: what stays the same in every
 * image of that identity. {@link SyntheticFaceRenderer} draws a face from an identity and a per-image
 * {@link Nuisance}.
 *
 * <p><b>Coordinates.</b> Lengths and positions are in pixels of the 112×112 output crop before the
 * per-image pose change, x to the right, y down, (0, 0) the top-left pixel centre. The face is laid out
 * around the ArcFace alignment template ({@code io.polyface.core.align.FaceAligner#ARCFACE_TEMPLATE}):
 * eyes near (38, 52) and (74, 52), nose tip near (56, 72), mouth corners near (41, 92) and (71, 92);
 * the parameter ranges below spread each landmark a few pixels around those points, as the landmarks of
 * real aligned faces spread around the template. Colours are sRGB packed as {@code 0xRRGGBB}.
 *
 * <p>{@link #sample(RandomGenerator)} draws every parameter independently (uniformly within the ranges
 * given on each record, colours along the ramps of {@code Palette}); the compact constructors check the
 * same ranges, so any identity in range renders as a plausible face.
 *
 * @param head face outline, ears and skin
 * @param eyes eye placement, size and iris colour
 * @param brows eyebrow shape (their colour is the hair colour's)
 * @param nose nose tip height and width
 * @param mouth mouth placement, size and lip colour
 * @param hair hair style, colour and hairline
 * @param facialHair beard style (drawn in the hair colour)
 * @param glasses whether this person always wears glasses
 */
public record FaceIdentity(Head head, Eyes eyes, Brows brows, Nose nose, Mouth mouth, Hair hair,
                           FacialHair facialHair, boolean glasses) {

    /** Horizontal centre of the face (the template's axis of symmetry), in crop pixels. */
    public static final double CENTRE_X = 56;
    /** Vertical centre of the face outline, in crop pixels. */
    public static final double CENTRE_Y = 60;

    /** @throws IllegalArgumentException if a part is null */
    public FaceIdentity {
        Ranges.checkNotNull("head", head);
        Ranges.checkNotNull("eyes", eyes);
        Ranges.checkNotNull("brows", brows);
        Ranges.checkNotNull("nose", nose);
        Ranges.checkNotNull("mouth", mouth);
        Ranges.checkNotNull("hair", hair);
        Ranges.checkNotNull("facialHair", facialHair);
    }

    /**
     * Draws a random identity. The same generator state gives the same identity.
     *
     * @param random the source of randomness
     * @return a new identity with every parameter inside its documented range
     * @throws IllegalArgumentException if {@code random} is null
     */
    public static FaceIdentity sample(RandomGenerator random) {
        Ranges.checkNotNull("random", random);
        int skin = Palette.along(Palette.SKIN, 8, random);
        Head head = new Head(Ranges.uniform(random, 32, 41), Ranges.uniform(random, 46, 55),
                Ranges.uniform(random, 0.55, 0.92), Ranges.uniform(random, 0.15, 0.45), Ranges.uniform(random, 7, 12), skin);
        Eyes eyes = new Eyes(Ranges.uniform(random, 31, 41), Ranges.uniform(random, 49, 55), Ranges.uniform(random, 5, 7.5),
                Ranges.uniform(random, 2.3, 3.8), Ranges.uniform(random, -7, 7), Palette.along(Palette.IRIS, 10, random));
        Brows brows = new Brows(Ranges.uniform(random, 7, 12), Ranges.uniform(random, 1.4, 3.8), Ranges.uniform(random, 0, 3.5),
                Ranges.uniform(random, -10, 10), Ranges.uniform(random, 0.9, 1.4));
        Nose nose = new Nose(Ranges.uniform(random, 68, 76), Ranges.uniform(random, 5, 9.5), Ranges.uniform(random, 0, 1));
        int lip = Palette.jitter(Palette.mix(skin, Palette.LIP_RED, Ranges.uniform(random, 0.25, 0.6)), 10, random);
        Mouth mouth = new Mouth(Ranges.uniform(random, 88, 96), Ranges.uniform(random, 12, 18), Ranges.uniform(random, 1.8, 4.5), lip);
        HairStyle[] styles = HairStyle.values();
        // the hairline lies between the crown and a little above the brows
        double crown = CENTRE_Y - head.halfHeight();
        double lowest = eyes.y() - brows.gap() - 6;
        Hair hair = new Hair(styles[random.nextInt(styles.length)], Palette.along(Palette.HAIR, 8, random),
                crown + Ranges.uniform(random, 0.25, 0.75) * (lowest - crown), Ranges.uniform(random, 2, 9));
        FacialHair[] beards = FacialHair.values();
        // about half the identities are clean-shaven; the other styles share the rest equally
        FacialHair beard = random.nextDouble() < 0.5 ? FacialHair.NONE : beards[1 + random.nextInt(beards.length - 1)];
        boolean glasses = random.nextDouble() < 0.2;
        return new FaceIdentity(head, eyes, brows, nose, mouth, hair, beard, glasses);
    }

    /**
     * The five landmarks of this face before any pose change, in the order of the ArcFace template:
     * left eye centre, right eye centre, nose tip, left and right mouth corners (left = smaller x).
     *
     * @return {@code [10]} interleaved x, y in crop pixels
     */
    public double[] landmarks() {
        double ex = eyes.spacing() / 2;
        return new double[] {
            CENTRE_X - ex, eyes.y(), CENTRE_X + ex, eyes.y(),
            CENTRE_X, nose.tipY(),
            CENTRE_X - mouth.halfWidth(), mouth.y(), CENTRE_X + mouth.halfWidth(), mouth.y(),
        };
    }

    /**
     * Face outline, ears and skin.
     *
     * @param halfWidth half the face width at the cheekbones, pixels, in [30, 50]
     * @param halfHeight half the face height (crown of the skull to chin), pixels, in [40, 60]; the chin is at
     *     {@link #CENTRE_Y} + halfHeight
     * @param jawWidth width of the jaw corners as a fraction of the cheekbone width, in [0.4, 1]
     * @param chinWidth width of the chin as a fraction of the cheekbone width, in [0.05, 0.6]
     * @param earSize half the ear height, pixels, in [5, 15]
     * @param skinRgb skin colour, 0xRRGGBB
     */
    public record Head(double halfWidth, double halfHeight, double jawWidth, double chinWidth, double earSize, int skinRgb) {
        /** @throws IllegalArgumentException if a value is outside its range */
        public Head {
            Ranges.check("head.halfWidth", halfWidth, 30, 50);
            Ranges.check("head.halfHeight", halfHeight, 40, 60);
            Ranges.check("head.jawWidth", jawWidth, 0.4, 1);
            Ranges.check("head.chinWidth", chinWidth, 0.05, 0.6);
            Ranges.check("head.earSize", earSize, 5, 15);
            Ranges.checkRgb("head.skinRgb", skinRgb);
        }
    }

    /**
     * Eyes, placed symmetrically about x = {@link #CENTRE_X}.
     *
     * @param spacing distance between the eye centres (interocular distance), pixels, in [26, 46]
     * @param y height of the eye centres, pixels, in [44, 60]
     * @param halfWidth half the width of one eye opening, pixels, in [3, 10]
     * @param halfHeight half the height of a fully open eye, pixels, in [1.5, 5]
     * @param tiltDegrees rotation of each eye, outer corner up for positive values, degrees, in [−15, 15]
     * @param irisRgb iris colour, 0xRRGGBB
     */
    public record Eyes(double spacing, double y, double halfWidth, double halfHeight, double tiltDegrees, int irisRgb) {
        /** @throws IllegalArgumentException if a value is outside its range */
        public Eyes {
            Ranges.check("eyes.spacing", spacing, 26, 46);
            Ranges.check("eyes.y", y, 44, 60);
            Ranges.check("eyes.halfWidth", halfWidth, 3, 10);
            Ranges.check("eyes.halfHeight", halfHeight, 1.5, 5);
            Ranges.check("eyes.tiltDegrees", tiltDegrees, -15, 15);
            Ranges.checkRgb("eyes.irisRgb", irisRgb);
        }
    }

    /**
     * Eyebrows, drawn in the hair colour.
     *
     * @param gap height of the brow above the eye centre, pixels, in [4, 16]
     * @param thickness stroke width, pixels, in [0.5, 6]
     * @param arch rise of the brow's middle above the line through its ends, pixels, in [0, 6]
     * @param tiltDegrees rotation, outer end up for positive values, degrees, in [−20, 20]
     * @param length brow length as a multiple of the eye width, in [0.6, 1.8]
     */
    public record Brows(double gap, double thickness, double arch, double tiltDegrees, double length) {
        /** @throws IllegalArgumentException if a value is outside its range */
        public Brows {
            Ranges.check("brows.gap", gap, 4, 16);
            Ranges.check("brows.thickness", thickness, 0.5, 6);
            Ranges.check("brows.arch", arch, 0, 6);
            Ranges.check("brows.tiltDegrees", tiltDegrees, -20, 20);
            Ranges.check("brows.length", length, 0.6, 1.8);
        }
    }

    /**
     * Nose.
     *
     * @param tipY height of the nose tip, pixels, in [62, 82]
     * @param halfWidth half the width across the nostrils, pixels, in [3, 12]
     * @param bridge visibility of the nose bridge's side line, 0 (none) to 1 (strong)
     */
    public record Nose(double tipY, double halfWidth, double bridge) {
        /** @throws IllegalArgumentException if a value is outside its range */
        public Nose {
            Ranges.check("nose.tipY", tipY, 62, 82);
            Ranges.check("nose.halfWidth", halfWidth, 3, 12);
            Ranges.check("nose.bridge", bridge, 0, 1);
        }
    }

    /**
     * Mouth, centred on x = {@link #CENTRE_X}.
     *
     * @param y height of the mouth corners (neutral expression), pixels, in [84, 100]
     * @param halfWidth half the distance between the mouth corners, pixels, in [8, 22]
     * @param lipThickness thickness of each lip, pixels, in [1, 6]
     * @param lipRgb lip colour, 0xRRGGBB
     */
    public record Mouth(double y, double halfWidth, double lipThickness, int lipRgb) {
        /** @throws IllegalArgumentException if a value is outside its range */
        public Mouth {
            Ranges.check("mouth.y", y, 84, 100);
            Ranges.check("mouth.halfWidth", halfWidth, 8, 22);
            Ranges.check("mouth.lipThickness", lipThickness, 1, 6);
            Ranges.checkRgb("mouth.lipRgb", lipRgb);
        }
    }

    /**
     * Scalp hair (also the colour of the brows and any beard).
     *
     * @param style the hair style
     * @param rgb hair colour, 0xRRGGBB
     * @param hairline height of the hairline on the face's axis, pixels, in [4, 44] (drawn no lower than 6 px above the brows)
     * @param volume thickness of the hair above the skull, pixels, in [0, 12]
     */
    public record Hair(HairStyle style, int rgb, double hairline, double volume) {
        /** @throws IllegalArgumentException if a value is outside its range or the style is null */
        public Hair {
            Ranges.checkNotNull("hair.style", style);
            Ranges.checkRgb("hair.rgb", rgb);
            Ranges.check("hair.hairline", hairline, 4, 44);
            Ranges.check("hair.volume", volume, 0, 12);
        }
    }

    /** Scalp hair styles. */
    public enum HairStyle {
        /** No scalp hair; the skull shows. */
        BALD,
        /** Short hair following the skull, hairline straight across. */
        CROPPED,
        /** Hair combed down into a straight fringe across the forehead. */
        FRINGE,
        /** Hair swept to one side from a side parting. */
        SIDE_PART,
        /** Long hair falling beside the face to below the chin. */
        LONG,
        /** A wide crown of curls. */
        CURLY
    }

    /** Facial hair styles. */
    public enum FacialHair {
        /** Clean-shaven. */
        NONE,
        /** A faint shadow over the jaw and upper lip. */
        STUBBLE,
        /** A moustache above the upper lip. */
        MOUSTACHE,
        /** A full beard around the jaw and mouth. */
        BEARD
    }
}

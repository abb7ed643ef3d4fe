package io.polyface.aggregation.track;

import io.polyface.aggregation.TrackId;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.image.ops.BrightnessContrast;
import io.polyface.core.image.ops.Degradation;
import io.polyface.core.io.MalformedFileException;
import io.polyface.core.util.Permutations;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes video-like tracks from still images, with known frame quality, so that quality-aware
 * aggregation can be tested where the truth is known: every frame is a still with a small random shift
 * (tracker jitter) and, by default, a mild brightness/contrast change; a few frames per track are also
 * heavily corrupted ({@link Corruption}: blur, noise, low resolution, occlusion, illumination). Each
 * track is written in the {@link TrackLayout} with a sidecar recording every frame's degradation and
 * seed, so any frame can be replayed exactly ({@link FrameDegradation#apply}).
 *
 * <p><b>Construction of the tracks of one identity.</b> The identity's stills (the image files of
 * {@code stillsRoot/identity}, in file-name order) are split into {@code tracksPerIdentity} contiguous
 * groups of as equal size as possible (so tracks of one identity share no still); track {@code t}
 * (named {@code t0}, {@code t1}, …) has {@code framesPerTrack} frames, frame {@code k} made from still
 * {@code k mod |group|} of its group. Per track, {@code h} frames drawn uniformly in
 * {@code [minHeavy, maxHeavy]} at distinct random positions get one heavy corruption, its kind drawn
 * uniformly from the allowed kinds. Per frame, in this order:
 * <ol>
 *   <li>shift {@code (dx, dy)}, each uniform in {@code [−maxShift, maxShift]} pixels;</li>
 *   <li>if mild photometric changes are on: {@link BrightnessContrast} with brightness uniform in
 *       [−15, 15] grey levels and contrast uniform in [0.9, 1.1];</li>
 *   <li>for a heavy frame: the corruption, parameters drawn as {@link Corruption} documents.</li>
 * </ol>
 * All draws come from a generator seeded by the configured seed and the identity's name, so an
 * identity's tracks do not depend on which other identities are generated.
 *
 * <pre>{@code
 * DegradedTrackGenerator gen = DegradedTrackGenerator.builder().optSeed(7).optTracksPerIdentity(2)
 *         .optFramesPerTrack(5).optHeavyFramesPerTrack(1, 2).build();
 * List<Track> tracks = gen.generate(Path.of("../shared/data/orl"), List.of("s21", "s22"), Path.of("tracks"));
 * }</pre>
 */
public final class DegradedTrackGenerator {

    private final long seed;
    private final int tracksPerIdentity;
    private final int framesPerTrack;
    private final int minHeavy;
    private final int maxHeavy;
    private final double maxShift;
    private final boolean mildPhotometric;
    private final List<Corruption> corruptions;

    private DegradedTrackGenerator(Builder b) {
        this.seed = b.seed;
        this.tracksPerIdentity = b.tracksPerIdentity;
        this.framesPerTrack = b.framesPerTrack;
        this.minHeavy = b.minHeavy;
        this.maxHeavy = b.maxHeavy;
        this.maxShift = b.maxShift;
        this.mildPhotometric = b.mildPhotometric;
        this.corruptions = List.copyOf(EnumSet.copyOf(b.corruptions));
    }

    /**
     * Starts a builder with the defaults: seed 0, 2 tracks per identity, 5 frames per track, 1–2 heavy
     * frames per track, shifts up to 4 pixels, mild photometric changes on, every corruption kind.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Generates and writes the tracks of the given identities.
     *
     * @param stillsRoot a folder with one folder of still images per identity (e.g. ORL's {@code s1 … s40})
     * @param identities the identities to use, each a folder name under {@code stillsRoot}
     * @param outRoot the root of the track layout to write (created if missing)
     * @return the tracks written, identity by identity in the given order, tracks in name order
     * @throws IllegalArgumentException if {@code identities} is empty or holds an invalid or repeated name
     * @throws java.nio.file.NoSuchFileException if an identity's folder does not exist
     * @throws MalformedFileException if an identity has fewer stills than tracks per identity
     * @throws java.nio.file.FileAlreadyExistsException if a track folder to write exists and is not empty
     * @throws IOException if a still cannot be read or decoded, or a file cannot be written
     */
    public List<Track> generate(Path stillsRoot, List<String> identities, Path outRoot) throws IOException {
        if (identities == null || identities.isEmpty()) {
            throw new IllegalArgumentException("no identities to generate tracks for");
        }
        if (Set.copyOf(identities).size() != identities.size()) {
            throw new IllegalArgumentException("identities " + identities + " name one identity twice");
        }
        List<Track> out = new ArrayList<>();
        for (String identity : identities) {
            new TrackId(identity, "t", null); // validates the name as an identity part of a track id
            out.addAll(generateIdentity(stillsRoot, identity, outRoot));
        }
        return List.copyOf(out);
    }

    private List<Track> generateIdentity(Path stillsRoot, String identity, Path outRoot) throws IOException {
        Path dir = stillsRoot.resolve(identity);
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "no folder of stills for identity " + identity);
        }
        List<Path> stills = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                int dot = name.lastIndexOf('.');
                if (Files.isRegularFile(p) && !name.startsWith(".") && dot > 0
                        && TrackLayout.FRAME_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                    stills.add(p);
                }
            }
        }
        stills.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        if (stills.size() < tracksPerIdentity) {
            throw new MalformedFileException(dir, "holds " + stills.size() + " still images but " + tracksPerIdentity
                    + " tracks per identity need at least as many (tracks share no still)");
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + identity.hashCode());
        int trackDigits = Integer.toString(tracksPerIdentity - 1).length();
        List<Track> tracks = new ArrayList<>();
        for (int t = 0; t < tracksPerIdentity; t++) {
            List<Path> group = stills.subList(t * stills.size() / tracksPerIdentity, (t + 1) * stills.size() / tracksPerIdentity);
            List<RgbImage> groupImages = new ArrayList<>();
            for (Path p : group) {
                groupImages.add(ImageDecoder.read(p));
            }
            boolean[] heavy = heavyPositions(random);
            List<RgbImage> frames = new ArrayList<>();
            List<TrackFrame> record = new ArrayList<>();
            for (int k = 0; k < framesPerTrack; k++) {
                int which = k % group.size();
                Drawn drawn = drawFrame(random, heavy[k]);
                frames.add(drawn.degradation().apply(groupImages.get(which)));
                record.add(new TrackFrame(TrackLayout.frameName(k, framesPerTrack),
                        identity + "/" + group.get(which).getFileName(), drawn.degradation(), drawn.corruption()));
            }
            String name = String.format(Locale.ROOT, "t%0" + trackDigits + "d", t);
            tracks.add(TrackLayout.write(outRoot, identity, name, frames, record));
        }
        return tracks;
    }

    /** A frame's drawn degradation and its heavy corruption kind (null for none). */
    private record Drawn(FrameDegradation degradation, Corruption corruption) {}

    private boolean[] heavyPositions(SplittableRandom random) {
        int h = minHeavy + random.nextInt(maxHeavy - minHeavy + 1);
        int[] order = Permutations.random(framesPerTrack, random);
        boolean[] heavy = new boolean[framesPerTrack];
        for (int i = 0; i < h; i++) {
            heavy[order[i]] = true;
        }
        return heavy;
    }

    private Drawn drawFrame(SplittableRandom random, boolean heavy) {
        double dx = maxShift * (2 * random.nextDouble() - 1);
        double dy = maxShift * (2 * random.nextDouble() - 1);
        List<Degradation> ops = new ArrayList<>(2);
        if (mildPhotometric) {
            ops.add(new BrightnessContrast(-15 + 30 * random.nextDouble(), 0.9 + 0.2 * random.nextDouble()));
        }
        Corruption corruption = null;
        if (heavy) {
            corruption = corruptions.get(random.nextInt(corruptions.size()));
            ops.add(corruption.draw(random));
        }
        return new Drawn(new FrameDegradation(dx, dy, ops, random.nextLong()), corruption);
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private long seed;
        private int tracksPerIdentity = 2;
        private int framesPerTrack = 5;
        private int minHeavy = 1;
        private int maxHeavy = 2;
        private double maxShift = 4;
        private boolean mildPhotometric = true;
        private Set<Corruption> corruptions = EnumSet.allOf(Corruption.class);

        private Builder() {}

        /**
         * @param seed the seed of every random draw; default 0
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param tracksPerIdentity tracks per identity, {@code >= 1}; default 2
         * @return this builder
         */
        public Builder optTracksPerIdentity(int tracksPerIdentity) {
            this.tracksPerIdentity = tracksPerIdentity;
            return this;
        }

        /**
         * @param framesPerTrack frames per track, {@code >= 1}; default 5
         * @return this builder
         */
        public Builder optFramesPerTrack(int framesPerTrack) {
            this.framesPerTrack = framesPerTrack;
            return this;
        }

        /**
         * @param min the fewest heavily corrupted frames per track, {@code >= 0}; default 1
         * @param max the most, {@code min <= max < framesPerTrack} (every track keeps a good frame); default 2
         * @return this builder
         */
        public Builder optHeavyFramesPerTrack(int min, int max) {
            this.minHeavy = min;
            this.maxHeavy = max;
            return this;
        }

        /**
         * @param maxShift the largest shift per axis in pixels, {@code >= 0}; default 4
         * @return this builder
         */
        public Builder optMaxShift(double maxShift) {
            this.maxShift = maxShift;
            return this;
        }

        /**
         * @param mildPhotometric whether every frame gets a mild brightness/contrast change; default true
         * @return this builder
         */
        public Builder optMildPhotometric(boolean mildPhotometric) {
            this.mildPhotometric = mildPhotometric;
            return this;
        }

        /**
         * @param corruptions the heavy corruption kinds to draw from, non-empty; default all
         * @return this builder
         */
        public Builder optCorruptions(Set<Corruption> corruptions) {
            this.corruptions = corruptions;
            return this;
        }

        /**
         * Validates the settings.
         *
         * @return the generator
         * @throws IllegalArgumentException naming the setting, its value and the expected range
         */
        public DegradedTrackGenerator build() {
            if (tracksPerIdentity < 1) {
                throw new IllegalArgumentException("tracksPerIdentity " + tracksPerIdentity + ": expected >= 1");
            }
            if (framesPerTrack < 1) {
                throw new IllegalArgumentException("framesPerTrack " + framesPerTrack + ": expected >= 1");
            }
            if (minHeavy < 0 || maxHeavy < minHeavy || maxHeavy >= framesPerTrack) {
                throw new IllegalArgumentException("heavy frames per track " + minHeavy + ".." + maxHeavy
                        + ": expected 0 <= min <= max < framesPerTrack (" + framesPerTrack + "), so every track keeps a good frame");
            }
            if (!(maxShift >= 0) || Double.isInfinite(maxShift)) {
                throw new IllegalArgumentException("maxShift " + maxShift + ": expected a finite number of pixels >= 0");
            }
            if (corruptions == null || corruptions.isEmpty() || corruptions.stream().anyMatch(c -> c == null)) {
                throw new IllegalArgumentException("corruptions " + corruptions + ": expected a non-empty set of kinds");
            }
            return new DegradedTrackGenerator(this);
        }
    }
}

package io.polyface.aggregation.track;

/**
 * What the sidecar of a synthetic track records about one frame: its file, the still it was made from,
 * how ({@link FrameDegradation}), and whether it is one of the heavily corrupted frames.
 *
 * @param file the frame's file name inside the track folder, e.g. {@code "003.png"}
 * @param source the still image it was made from, as a '/'-separated path relative to the stills root
 *     given to the generator, e.g. {@code "s7/4.pgm"}
 * @param degradation the translation and degradations applied to the still, with their seed
 * @param corruption the heavy corruption among {@code degradation.degradations()} (always the last one),
 *     or null for a frame with only the mild, video-like changes
 */
public record TrackFrame(String file, String source, FrameDegradation degradation, Corruption corruption) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if {@code file}, {@code source} or {@code degradation} is null,
     *     or {@code file} is blank or contains a path separator
     */
    public TrackFrame {
        if (file == null || file.isBlank() || file.contains("/") || file.contains("\\")) {
            throw new IllegalArgumentException("frame file name '" + file + "' must be a plain, non-blank file name");
        }
        if (source == null || degradation == null) {
            throw new IllegalArgumentException("frame " + file + ": source and degradation must not be null");
        }
    }

    /**
     * Whether this is a heavily corrupted frame.
     *
     * @return {@code corruption() != null}
     */
    public boolean heavy() {
        return corruption != null;
    }
}

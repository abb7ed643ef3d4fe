package io.polyface.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The content of an InsightFace verification {@code .bin} file: {@code 2N} encoded images (JPEG or PNG
 * bytes, typically 112×112 aligned faces) and {@code N} same-identity flags; pair {@code i} is images
 * {@code 2i} and {@code 2i+1}. Decoding the images is left to the caller.
 *
 * @param images the encoded images, {@code 2N} of them (the arrays are the reader's own copies)
 * @param issame for each pair, whether both images show the same person ({@code N} flags)
 */
public record VerificationBin(List<byte[]> images, List<Boolean> issame) {

    /**
     * Validates the content and makes the lists immutable.
     *
     * @throws IllegalArgumentException if there are not exactly two images per flag
     */
    public VerificationBin {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(issame, "issame");
        images = List.copyOf(images);
        issame = List.copyOf(issame);
        if (images.size() != 2L * issame.size()) {
            throw new IllegalArgumentException(images.size() + " images for " + issame.size()
                    + " pair flags; expected two consecutive images per pair");
        }
    }

    /**
     * Returns the number of pairs.
     *
     * @return {@code N}
     */
    public int pairCount() {
        return issame.size();
    }

    /**
     * Returns the number of genuine (same-identity) pairs.
     *
     * @return how many flags are true
     */
    public int genuineCount() {
        return (int) issame.stream().filter(b -> b).count();
    }

    /**
     * Returns the two encoded images of one pair.
     *
     * @param pair the pair index, {@code 0 <= pair < N}
     * @return a list of the two encoded images
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public List<byte[]> pair(int pair) {
        Objects.checkIndex(pair, issame.size());
        List<byte[]> two = new ArrayList<>(2);
        two.add(images.get(2 * pair));
        two.add(images.get(2 * pair + 1));
        return two;
    }
}

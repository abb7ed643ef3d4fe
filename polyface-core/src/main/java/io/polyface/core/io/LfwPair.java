package io.polyface.core.io;

import java.util.Objects;

/**
 * One pair of the LFW verification protocol (pairs.txt of Huang et al., "Labeled Faces in the Wild",
 * UMass TR 07-49, 2007): two images named by person and 1-based image number.
 *
 * @param fold the 0-based fold the pair belongs to
 * @param name1 the first person, e.g. {@code Abel_Pacheco}
 * @param index1 the first image number, 1-based
 * @param name2 the second person (equal to {@code name1} for a genuine pair)
 * @param index2 the second image number, 1-based
 * @param genuine whether both images show the same person
 */
public record LfwPair(int fold, String name1, int index1, String name2, int index2, boolean genuine) {

    /**
     * Validates the pair.
     *
     * @throws IllegalArgumentException if the fold is negative, an index is below 1, a name is blank, or
     *     the names contradict {@code genuine}
     */
    public LfwPair {
        Objects.requireNonNull(name1, "name1");
        Objects.requireNonNull(name2, "name2");
        if (fold < 0) {
            throw new IllegalArgumentException("fold = " + fold + ", expected >= 0");
        }
        if (name1.isBlank() || name2.isBlank()) {
            throw new IllegalArgumentException("blank person name");
        }
        if (index1 < 1 || index2 < 1) {
            throw new IllegalArgumentException("image numbers are 1-based, got " + index1 + " and " + index2);
        }
        if (genuine != name1.equals(name2)) {
            throw new IllegalArgumentException(genuine
                    ? "genuine pair names two people: " + name1 + ", " + name2
                    : "impostor pair names the same person twice: " + name1);
        }
    }

    /**
     * Returns the relative path of the first image, {@code name/name_%04d.jpg}.
     *
     * @return e.g. {@code Abel_Pacheco/Abel_Pacheco_0001.jpg}
     */
    public String path1() {
        return imagePath(name1, index1);
    }

    /**
     * Returns the relative path of the second image, {@code name/name_%04d.jpg}.
     *
     * @return e.g. {@code Abel_Pacheco/Abel_Pacheco_0004.jpg}
     */
    public String path2() {
        return imagePath(name2, index2);
    }

    /**
     * Returns the LFW file name of an image: {@code name/name_%04d.jpg}.
     *
     * @param name the person
     * @param index the 1-based image number
     * @return the relative path
     */
    public static String imagePath(String name, int index) {
        return String.format(java.util.Locale.ROOT, "%s/%s_%04d.jpg", name, name, index);
    }
}

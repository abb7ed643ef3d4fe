package io.polyface.core.image;

import java.util.Optional;

/**
 * Image formats {@link ImageDecoder} reads, recognised by their leading bytes ("magic numbers"),
 * never by the file name.
 */
public enum ImageFormat {
    /** Netpbm grey or colour map: {@code P5}/{@code P2} (PGM, binary/ASCII) and {@code P6}/{@code P3} (PPM). */
    NETPBM,
    /** PNG, signature {@code 89 50 4E 47 0D 0A 1A 0A}. */
    PNG,
    /** JPEG/JFIF/Exif, start-of-image marker {@code FF D8 FF}. */
    JPEG,
    /** GIF, {@code GIF87a} or {@code GIF89a} (the first frame is read). */
    GIF;

    /**
     * Recognises a format from the first bytes of a file.
     *
     * @param head the file's first bytes (8 are enough; fewer is allowed)
     * @return the format, or empty if the bytes match none
     */
    public static Optional<ImageFormat> sniff(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 'G', 'I', 'F', '8', '7', 'a') || startsWith(head, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(GIF);
        }
        if (head.length >= 3 && head[0] == 'P' && "2356".indexOf(head[1]) >= 0 && Character.isWhitespace(head[2])) {
            return Optional.of(NETPBM);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

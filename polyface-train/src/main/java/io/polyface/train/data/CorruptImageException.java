package io.polyface.train.data;

import java.io.IOException;

/** A training image that cannot be read or decoded, in strict mode: names the file (and byte offset). */
public final class CorruptImageException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param location where the image lives ({@link FaceDataset#locate(int)})
     * @param cause the read or decode failure
     */
    public CorruptImageException(String location, Throwable cause) {
        super("corrupt or unreadable image " + location + ": " + cause.getMessage()
                + " (strict mode stops at the first; without --strict such images are skipped and counted)", cause);
    }
}

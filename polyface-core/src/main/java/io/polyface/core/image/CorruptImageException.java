package io.polyface.core.image;

import java.io.IOException;

/**
 * An image that cannot be read or decoded, in strict mode ({@link CorruptImagePolicy#strict()}): names where it
 * lives (file, or record file with byte offset and key) and why.
 */
public final class CorruptImageException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param location where the image lives
     * @param cause the read or decode failure
     */
    public CorruptImageException(String location, Throwable cause) {
        super("corrupt or unreadable image " + location + ": " + cause.getMessage()
                + " (strict mode stops at the first; the default skips and counts such images)", cause);
    }
}

package io.polyface.core.image;

import java.io.IOException;

/** A file or byte array that is not a readable image of a supported format; the message names the source. */
public class ImageDecodeException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, naming the source and what was expected
     */
    public ImageDecodeException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong, naming the source and what was expected
     * @param cause the decoder's exception
     */
    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}

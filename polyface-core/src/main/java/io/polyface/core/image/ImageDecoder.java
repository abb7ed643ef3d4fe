package io.polyface.core.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Decodes PGM/PPM, PNG, JPEG and GIF into an {@link RgbImage}, choosing the decoder from the content's
 * leading bytes ({@link ImageFormat#sniff}) whatever the file is called. Netpbm is read by this package
 * (ImageIO has no reader for it); PNG, JPEG and GIF by the JDK's ImageIO readers. Greyscale images are
 * expanded to three equal channels; 16-bit samples are scaled to 0..255; alpha is dropped.
 *
 * <p>An image is valid only if its decoder reports nothing: a warning of the ImageIO reader (listened to with an
 * {@link IIOReadWarningListener}), such as JPEG's "Premature end of JPEG file" or "Corrupt JPEG data", makes it an
 * {@link ImageDecodeException} like an error does — the JPEG decoder otherwise returns a truncated file silently, its
 * missing part grey. What a reader then does with a corrupt image is its {@link CorruptImagePolicy}'s business.
 *
 * <p>Thread-safe: every call uses its own reader.
 */
public final class ImageDecoder {

    private ImageDecoder() {}

    /**
     * Reads and decodes a file.
     *
     * @param file the image file (any name or extension)
     * @return the image
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws ImageDecodeException if the content is not a supported or valid image (naming the file)
     * @throws IOException if the file cannot be read
     */
    public static RgbImage read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /**
     * Decodes encoded image bytes.
     *
     * @param bytes the encoded image
     * @param sourceName a name for messages (file path, archive entry, record key)
     * @return the image
     * @throws ImageDecodeException if the content is not a supported or valid image (the decoder failed or warned),
     *     naming {@code sourceName}
     */
    public static RgbImage decode(byte[] bytes, String sourceName) throws ImageDecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new ImageDecodeException(sourceName + ": empty; expected an image (PGM/PPM, PNG, JPEG or GIF)");
        }
        ImageFormat format = ImageFormat.sniff(Arrays.copyOf(bytes, Math.min(bytes.length, 16)))
                .orElseThrow(() -> new ImageDecodeException(sourceName + ": unrecognised content (first bytes "
                        + hex(bytes) + "); expected PGM/PPM, PNG, JPEG or GIF"));
        if (format == ImageFormat.NETPBM) {
            return NetpbmDecoder.decode(bytes, sourceName);
        }
        return RgbImage.fromBufferedImage(readWithImageIo(bytes, format, sourceName));
    }

    private static BufferedImage readWithImageIo(byte[] bytes, ImageFormat format, String sourceName) throws ImageDecodeException {
        String name = format.name().toLowerCase(Locale.ROOT);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(name);
        if (!readers.hasNext()) {
            throw new ImageDecodeException(sourceName + ": this JVM has no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                throw new ImageDecodeException(sourceName + ": corrupt " + format + " image, the decoder warns: "
                        + String.join("; ", warnings));
            }
            if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                throw new ImageDecodeException(sourceName + ": the " + format + " decoder returned no image");
            }
            return image;
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(sourceName + ": not a valid " + format + " image: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 8); i++) {
            sb.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
        }
        return sb.toString();
    }
}

package io.polyface.core.image;

import io.polyface.core.io.AtomicFileWriter;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Encodes an {@link RgbImage} (rounded and clamped to 8 bits, see {@link RgbImage#toBufferedImage()})
 * as PNG or JPEG with the JDK's ImageIO writers.
 */
public final class ImageEncoder {

    private ImageEncoder() {}

    /**
     * Encodes as baseline JPEG (YCbCr, the JDK encoder's default 4:2:0 chroma subsampling).
     *
     * @param image the image
     * @param quality JPEG quality 1..100 (the IJG scale; ImageIO's 0..1 compression quality is quality/100)
     * @return the JPEG bytes
     * @throws IllegalArgumentException if quality is outside 1..100
     */
    public static byte[] toJpeg(RgbImage image, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality " + quality + ": expected 1..100");
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image.toBufferedImage(), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding to memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Encodes as 8-bit RGB PNG (lossless for integer pixel values in 0..255).
     *
     * @param image the image
     * @return the PNG bytes
     */
    public static byte[] toPng(RgbImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image.toBufferedImage(), "png", bytes)) {
                throw new IllegalStateException("this JVM has no ImageIO PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes a PNG file atomically: to a temporary file beside {@code file}, then renamed over it.
     *
     * @param image the image
     * @param file the destination
     * @throws IOException if the file cannot be written
     */
    public static void writePng(RgbImage image, Path file) throws IOException {
        byte[] png = toPng(image);
        AtomicFileWriter.write(file, out -> out.write(png));
    }
}

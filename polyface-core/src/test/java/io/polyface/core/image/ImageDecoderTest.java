package io.polyface.core.image;

import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Decoding by content: Netpbm (own reader) and PNG/JPEG/GIF (ImageIO), grey expanded to RGB. */
class ImageDecoderTest {

    @TempDir
    Path tmp;

    @Test
    void readsOrlPgmBytesExactly() throws IOException {
        Path file = SharedResources.resolve("data/orl/s1/1.pgm");
        byte[] raw = Files.readAllBytes(file);
        RgbImage image = ImageDecoder.read(file);
        assertThat(image.width()).isEqualTo(92);
        assertThat(image.height()).isEqualTo(112);
        int header = "P5\n92 112\n255\n".length();
        assertThat(raw.length).isEqualTo(header + 92 * 112);
        for (int i : new int[] {0, 1, 91, 92, 5000, 92 * 112 - 1}) {
            float expected = raw[header + i] & 0xff;
            for (int c = 0; c < 3; c++) {
                assertThat(image.get(i % 92, i / 92, c)).isEqualTo(expected);
            }
        }
    }

    @Test
    void readsAsciiPgmWithCommentsAndSixteenBitBinary() throws IOException {
        byte[] ascii = "P2\n# a comment\n3 2 # trailing comment\n10\n0 5 10\n1 2 3\n".getBytes(StandardCharsets.US_ASCII);
        RgbImage a = ImageDecoder.decode(ascii, "ascii.pgm");
        assertThat(a.toArray()).containsExactly(new float[] {0, 0, 0, 127.5f, 127.5f, 127.5f, 255, 255, 255,
                25.5f, 25.5f, 25.5f, 51, 51, 51, 76.5f, 76.5f, 76.5f}, within(1e-4f));

        byte[] header = "P5 2 1 65535\n".getBytes(StandardCharsets.US_ASCII);
        byte[] wide = new byte[header.length + 4];
        System.arraycopy(header, 0, wide, 0, header.length);
        wide[header.length] = (byte) 0xff; // 65535, big-endian
        wide[header.length + 1] = (byte) 0xff;
        wide[header.length + 2] = (byte) 0x80; // 32768
        wide[header.length + 3] = 0;
        RgbImage b = ImageDecoder.decode(wide, "wide.pgm");
        assertThat(b.get(0, 0, 0)).isEqualTo(255f);
        assertThat(b.get(1, 0, 2)).isCloseTo(32768 * 255f / 65535, within(1e-3f));
    }

    @Test
    void readsBinaryPpmInRgbOrder() throws IOException {
        byte[] header = "P6\n2 1\n255\n".getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[header.length + 6];
        System.arraycopy(header, 0, data, 0, header.length);
        byte[] px = {10, 20, 30, (byte) 200, 0, 100};
        System.arraycopy(px, 0, data, header.length, 6);
        assertThat(ImageDecoder.decode(data, "x.ppm").toArray()).containsExactly(10, 20, 30, 200, 0, 100);
    }

    @Test
    void greyPngKeepsItsLevelsWithoutGammaConversion() throws IOException {
        BufferedImage grey = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = {0, 1, 64, 128, 200, 254, 255, 17};
        grey.getRaster().setSamples(0, 0, 4, 2, 0, levels);
        Path file = tmp.resolve("grey-without-extension");
        Files.write(file, encode(grey, "png"));
        RgbImage image = ImageDecoder.read(file);
        for (int i = 0; i < levels.length; i++) {
            for (int c = 0; c < 3; c++) {
                assertThat(image.get(i % 4, i / 4, c)).isEqualTo((float) levels[i]);
            }
        }
    }

    @Test
    void bbtGreyPngDecodesToItsRasterLevels() throws IOException {
        Path file = SharedResources.resolve("data/bbt/amy/amy1.png");
        BufferedImage raw = ImageIO.read(file.toFile());
        RgbImage image = ImageDecoder.read(file);
        assertThat(image.width()).isEqualTo(150);
        assertThat(image.height()).isEqualTo(150);
        assertThat(image.get(75, 60, 1)).isEqualTo((float) raw.getRaster().getSample(75, 60, 0));
    }

    @Test
    void colourPngGifAndJpegDecodeWhateverTheFileIsCalled() throws IOException {
        BufferedImage rgb = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                rgb.setRGB(x, y, x < 4 ? 0xC81E0A : 0x0A64F0);
            }
        }
        Path png = tmp.resolve("image.jpg"); // a PNG with a misleading name
        Files.write(png, encode(rgb, "png"));
        RgbImage fromPng = ImageDecoder.read(png);
        assertThat(new float[] {fromPng.get(1, 1, 0), fromPng.get(1, 1, 1), fromPng.get(1, 1, 2)}).containsExactly(200, 30, 10);

        Path gif = tmp.resolve("image.pgm");
        Files.write(gif, encode(rgb, "gif"));
        RgbImage fromGif = ImageDecoder.read(gif);
        assertThat(new float[] {fromGif.get(6, 6, 0), fromGif.get(6, 6, 1), fromGif.get(6, 6, 2)}).containsExactly(10, 100, 240);

        Path jpeg = tmp.resolve("image.png");
        Files.write(jpeg, ImageEncoder.toJpeg(RgbImage.fromBufferedImage(rgb), 95));
        RgbImage fromJpeg = ImageDecoder.read(jpeg);
        assertThat(fromJpeg.get(1, 1, 0)).isCloseTo(200f, within(12f));
        assertThat(fromJpeg.get(6, 6, 2)).isCloseTo(240f, within(12f));
    }

    @Test
    void badInputNamesTheSourceAndWhatWasExpected(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ImageDecoder.decode("hello world".getBytes(StandardCharsets.US_ASCII), "notes.txt"))
                .isInstanceOf(ImageDecodeException.class).hasMessageContaining("notes.txt").hasMessageContaining("PNG, JPEG or GIF");
        assertThatThrownBy(() -> ImageDecoder.decode("P5\n4 4\n255\nabc".getBytes(StandardCharsets.US_ASCII), "short.pgm"))
                .isInstanceOf(ImageDecodeException.class).hasMessageContaining("short.pgm").hasMessageContaining("expected 16 bytes");
        assertThatThrownBy(() -> ImageDecoder.decode("P2 2 1 10 3 11".getBytes(StandardCharsets.US_ASCII), "big.pgm"))
                .isInstanceOf(ImageDecodeException.class).hasMessageContaining("exceeds maxval 10");
        assertThatThrownBy(() -> ImageDecoder.decode(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0}, "cut.png"))
                .isInstanceOf(ImageDecodeException.class).hasMessageContaining("cut.png").hasMessageContaining("PNG");
        assertThatThrownBy(() -> ImageDecoder.decode(new byte[0], "empty.png"))
                .isInstanceOf(ImageDecodeException.class).hasMessageContaining("empty.png");
        assertThatThrownBy(() -> ImageDecoder.read(dir.resolve("missing.png"))).isInstanceOf(NoSuchFileException.class);
    }

    /** A 112×112 colour-noise JPEG (about 8 kB): 1,500 bytes hold only its first rows. */
    static byte[] noiseJpeg() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        float[] px = new float[3 * 112 * 112];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(256);
        }
        return ImageEncoder.toJpeg(RgbImage.of(112, 112, px), 90);
    }

    @Test
    void aTruncatedOrDamagedJpegIsCorruptNotHalfGrey() throws IOException {
        byte[] jpeg = noiseJpeg();
        assertThat(jpeg.length).isGreaterThan(4000);
        assertThat(ImageDecoder.decode(jpeg, "whole.jpg").width()).isEqualTo(112);
        // ImageIO's JPEG reader decodes these without an error, only warning (the missing part comes out grey)
        byte[] truncated = java.util.Arrays.copyOf(jpeg, 1500);
        assertThatThrownBy(() -> ImageDecoder.decode(truncated, "cut.jpg")).isInstanceOf(ImageDecodeException.class)
                .hasMessageContaining("cut.jpg").hasMessageContaining("corrupt JPEG").hasMessageContaining("Truncated File");
        byte[] noEoi = java.util.Arrays.copyOf(jpeg, jpeg.length - 2);
        assertThatThrownBy(() -> ImageDecoder.decode(noEoi, "no-eoi.jpg")).isInstanceOf(ImageDecodeException.class)
                .hasMessageContaining("no-eoi.jpg");
        Path file = Files.write(tmp.resolve("cut.jpg"), truncated);
        assertThatThrownBy(() -> ImageDecoder.read(file)).isInstanceOf(ImageDecodeException.class).hasMessageContaining(file.toString());
    }

    @Test
    void realJpegsDecodeWithoutWarnings() throws IOException {
        // the shared LFW and BBT-style images are clean: the warning rule refuses none of them (a slice, to stay fast)
        Path lfw = SharedResources.resolve("data/lfw/images");
        try (var walk = Files.walk(lfw)) {
            java.util.List<Path> some = walk.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(300).toList();
            assertThat(some).hasSize(300);
            for (Path p : some) {
                assertThat(ImageDecoder.read(p).width()).as(p.toString()).isEqualTo(250);
            }
        }
    }

    @Test
    void sniffsMagicNumbers() {
        assertThat(ImageFormat.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff("GIF89a".getBytes(StandardCharsets.US_ASCII))).contains(ImageFormat.GIF);
        assertThat(ImageFormat.sniff("P5\n".getBytes(StandardCharsets.US_ASCII))).contains(ImageFormat.NETPBM);
        assertThat(ImageFormat.sniff("P4\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageFormat.sniff("BM".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void pngWriteRoundTripsIntegerImages() throws IOException {
        RgbImage image = TestImages.pattern(6, 5);
        Path file = tmp.resolve("sub/out.png");
        ImageEncoder.writePng(image, file);
        assertThat(ImageDecoder.read(file)).isEqualTo(image);
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }
}

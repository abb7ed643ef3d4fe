package io.polyface.core.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** RgbImage layout, crop, flip, conversion, and the NCHW tensor layout with channel order, mean and std. */
class RgbImageAndTensorTest {

    @Test
    void layoutIsHeightWidthChannel() {
        float[] px = new float[2 * 3 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        RgbImage image = RgbImage.of(3, 2, px);
        assertThat(image.get(2, 1, 1)).isEqualTo((1 * 3 + 2) * 3 + 1);
        float[] copy = image.toArray();
        copy[0] = 99;
        assertThat(image.get(0, 0, 0)).isZero(); // no aliasing
        px[1] = 99;
        assertThat(image.get(0, 0, 1)).isEqualTo(1f);
    }

    @Test
    void greyIsExpandedToThreeEqualChannels() {
        RgbImage image = RgbImage.fromGrey(2, 1, new float[] {7, 250});
        assertThat(image.toArray()).containsExactly(7, 7, 7, 250, 250, 250);
    }

    @Test
    void cropAndFlip() {
        RgbImage image = TestImages.pattern(6, 4);
        RgbImage crop = image.crop(2, 1, 3, 2);
        assertThat(crop.width()).isEqualTo(3);
        assertThat(crop.get(0, 0, 2)).isEqualTo(image.get(2, 1, 2));
        assertThat(crop.get(2, 1, 0)).isEqualTo(image.get(4, 2, 0));
        RgbImage flipped = image.flipHorizontal();
        assertThat(flipped.get(0, 3, 1)).isEqualTo(image.get(5, 3, 1));
        assertThat(flipped.flipHorizontal()).isEqualTo(image);
        assertThatThrownBy(() -> image.crop(4, 0, 3, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the 6x4 image");
    }

    @Test
    void bufferedImageRoundTripRoundsAndClamps() {
        RgbImage image = RgbImage.of(2, 1, new float[] {-5, 10.5f, 10.49f, 300, 127.5f, 0});
        BufferedImage b = image.toBufferedImage();
        assertThat(b.getRGB(0, 0) & 0xffffff).isEqualTo((0 << 16) | (11 << 8) | 10);
        assertThat(b.getRGB(1, 0) & 0xffffff).isEqualTo((255 << 16) | (128 << 8));
        assertThat(RgbImage.fromBufferedImage(b).toArray()).containsExactly(0, 11, 10, 255, 128, 0);
    }

    @Test
    void invalidPixelsAndSizesAreRejected() {
        assertThatThrownBy(() -> RgbImage.of(2, 2, new float[11])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 12 values");
        assertThatThrownBy(() -> RgbImage.of(1, 1, new float[] {0, Float.NaN, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rgb[1]");
        assertThatThrownBy(() -> RgbImage.fromGrey(0, 1, new float[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x1");
    }

    @Test
    void nchwLayoutWithChannelOrderMeanAndStd() {
        RgbImage a = RgbImage.of(2, 1, new float[] {10, 20, 30, 40, 50, 60});
        RgbImage b = RgbImage.of(2, 1, new float[] {1, 2, 3, 4, 5, 6});
        Normalization rgb = new Normalization(ChannelOrder.RGB, new float[] {0, 10, 20}, new float[] {1, 2, 4});
        assertThat(NchwTensors.toArray(List.of(a, b), rgb)).containsExactly(new float[] {
                10, 40, 5, 20, 2.5f, 10, // image a: R plane, G plane, B plane
                1, 4, -4, -2.5f, -4.25f, -3.5f}, within(1e-6f));
        Normalization bgr = new Normalization(ChannelOrder.BGR, new float[] {0, 10, 20}, new float[] {1, 2, 4});
        // plane 0 is blue with mean[0], std[0]
        assertThat(NchwTensors.toArray(List.of(a), bgr)).containsExactly(new float[] {30, 60, 5, 20, -2.5f, 5}, within(1e-6f));
    }

    @Test
    void batchesMustShareOneSize() {
        Normalization n = Normalization.of(ChannelOrder.RGB, 127.5f, 127.5f);
        assertThatThrownBy(() -> NchwTensors.toArray(List.of(TestImages.pattern(2, 2), TestImages.pattern(3, 2)), n))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images[1] is 3x2");
        assertThatThrownBy(() -> NchwTensors.toArray(List.of(), n)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Normalization(ChannelOrder.RGB, new float[] {0, 0, 0}, new float[] {1, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("std[1]");
        assertThatThrownBy(() -> ChannelOrder.parse("GBR")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GBR");
    }

    @Test
    void djlArrayHasNchwShapeAndTheSameValues() {
        List<RgbImage> batch = List.of(TestImages.pattern(5, 4), TestImages.smooth(5, 4));
        Normalization n = Normalization.of(ChannelOrder.BGR, 127f, 128f);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = NchwTensors.toNDArray(manager, batch, n);
            assertThat(array.getShape()).isEqualTo(new Shape(2, 3, 4, 5));
            assertThat(array.toFloatArray()).containsExactly(NchwTensors.toArray(batch, n));
        }
    }
}

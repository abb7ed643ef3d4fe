package io.polyface.examples.synth;

import io.polyface.core.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactSheetTest {

    private static RgbImage flat(int w, int h, float v) {
        float[] px = new float[w * h * 3];
        Arrays.fill(px, v);
        return RgbImage.of(w, h, px);
    }

    @Test
    void tilesRowsWithGapsAndLeavesMissingCellsGap() {
        RgbImage a = flat(3, 2, 10);
        RgbImage b = flat(3, 2, 20);
        RgbImage c = flat(3, 2, 30);
        RgbImage sheet = ContactSheet.tile(List.of(List.of(a, b), List.of(c)), 1, 255);
        assertThat(sheet.width()).isEqualTo(2 * (3 + 1) + 1);
        assertThat(sheet.height()).isEqualTo(2 * (2 + 1) + 1);
        assertThat(sheet.get(0, 0, 0)).isEqualTo(255f);
        assertThat(sheet.get(1, 1, 0)).isEqualTo(10f);
        assertThat(sheet.get(3, 2, 2)).isEqualTo(10f);
        assertThat(sheet.get(4, 1, 0)).isEqualTo(255f);
        assertThat(sheet.get(5, 1, 1)).isEqualTo(20f);
        assertThat(sheet.get(1, 4, 0)).isEqualTo(30f);
        assertThat(sheet.get(5, 4, 0)).isEqualTo(255f); // no second image in row 2
    }

    @Test
    void refusesEmptyOrMixedSizes() {
        assertThatThrownBy(() -> ContactSheet.tile(List.of(List.of()), 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no images");
        assertThatThrownBy(() -> ContactSheet.tile(List.of(List.of(flat(3, 2, 0), flat(2, 2, 0))), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0][1] is 2x2; expected 3x2");
        assertThatThrownBy(() -> ContactSheet.tile(List.of(List.of(flat(3, 2, 0))), -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gap -1");
    }

    @Test
    void datasetSheetShowsTheFirstImages() {
        SyntheticFaceDataset data = SyntheticFaceDataset.builder().setIdentities(2).setImagesPerIdentity(3).optSeed(1).build();
        RgbImage sheet = data.contactSheet(8, 2);
        assertThat(sheet.width()).isEqualTo(2 * 114 + 2);
        assertThat(sheet.height()).isEqualTo(2 * 114 + 2);
        assertThat(sheet.crop(2 + 114, 2 + 114, 112, 112)).isEqualTo(data.image(1, 1));
    }
}

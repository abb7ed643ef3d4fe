package io.polyface.aggregation.track;

import io.polyface.core.image.ops.BrightnessContrast;
import io.polyface.core.image.ops.Degradation;
import io.polyface.core.image.ops.DownUpResize;
import io.polyface.core.image.ops.GaussianBlur;
import io.polyface.core.image.ops.GaussianNoise;
import io.polyface.core.image.ops.JpegRecompression;
import io.polyface.core.image.ops.Occlusion;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DegradationJsonTest {

    @Test
    void everyDegradationTypeRoundTripsExactlyThroughText() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<Degradation> all = List.of(new GaussianBlur(0.1 + 0.2), new GaussianNoise(1.0 / 3), new DownUpResize(0.0625),
                new BrightnessContrast(-99.99999999999999, 7.000000000000001), new Occlusion(0.3, 1f / 3),
                new JpegRecompression(1));
        for (Degradation d : all) {
            String text = mapper.writeValueAsString(DegradationJson.toJson(d));
            assertThat(DegradationJson.fromJson(mapper.readTree(text), "here")).isEqualTo(d);
        }
        assertThat(mapper.writeValueAsString(DegradationJson.toJson(new GaussianBlur(5.5))))
                .isEqualTo("{\"type\":\"gaussian_blur\",\"sigma\":5.5}");
    }

    @Test
    void malformedObjectsNameWhereAndWhat() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThatThrownBy(() -> DegradationJson.fromJson(mapper.readTree("{\"type\":\"gaussian_noise\"}"), "frames[2]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frames[2]").hasMessageContaining("'sigma'");
        assertThatThrownBy(() -> DegradationJson.fromJson(mapper.readTree("{\"type\":\"jpeg_recompression\",\"quality\":5.5}"), "x"))
                .hasMessageContaining("'quality' is missing or not an integer");
        assertThatThrownBy(() -> DegradationJson.fromJson(mapper.readTree("[1]"), "x"))
                .hasMessageContaining("JSON object");
    }
}

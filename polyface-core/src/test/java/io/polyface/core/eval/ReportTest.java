package io.polyface.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON keys and the PNG ROC plot. */
class ReportTest {

    @TempDir
    Path dir;

    private static VerificationResult result() {
        Random r = new Random(4);
        double[] g = new double[500];
        double[] i = new double[20_000];
        Arrays.setAll(g, k -> 0.6 + 0.15 * r.nextGaussian());
        Arrays.setAll(i, k -> 0.1 * r.nextGaussian());
        return VerificationScores.of(g, i).evaluate(List.of(1e-5, 1e-4, 1e-3));
    }

    @Test
    void jsonHasTheDocumentedKeys() throws Exception {
        VerificationResult res = result();
        Path f = dir.resolve("out/report.json");
        VerificationReport.writeJson(f, VerificationReport.toJson(res));
        JsonNode json = new ObjectMapper().readTree(Files.readString(f));
        assertThat(json.get("genuine").asLong()).isEqualTo(500);
        assertThat(json.get("impostor").asLong()).isEqualTo(20_000);
        assertThat(json.get("accept_rule").asText()).isEqualTo("score > threshold");
        assertThat(json.get("results")).hasSize(3);
        JsonNode first = json.get("results").get(0);
        OperatingPoint p = res.operatingPoints().get(0);
        assertThat(first.get("far").asDouble()).isEqualTo(1e-5);
        assertThat(first.get("tar").asDouble()).isEqualTo(p.tar());
        assertThat(first.get("far_achieved").asDouble()).isEqualTo(p.farAchieved());
        assertThat(first.get("threshold").asDouble()).isEqualTo(p.threshold());
        assertThat(first.get("sample_limited").asBoolean()).isTrue(); // 1e-5 * 20,000 = 0.2 -> k = 0
        assertThat(json.get("results").get(2).get("sample_limited").asBoolean()).isFalse();
        assertThat(json.get("results").get(2).get("impostors_allowed").asLong()).isEqualTo(20);
        assertThat(json.get("roc").size()).isEqualTo(res.roc().points().size());
        assertThat(json.get("roc").get(0).has("exact")).isTrue();
    }

    @Test
    void nonFiniteThresholdsBecomeNull() {
        LfwResult lfw = new LfwResult(List.of(new LfwFold(0, Double.NEGATIVE_INFINITY, 0.5, 0.5)), 0.5, 0, 0,
                new OperatingPoint(1e-3, 1, 0, 0.3, 1, 0, 0, true));
        assertThat(VerificationReport.toJson(lfw).get("folds").get(0).get("threshold").isNull()).isTrue();
    }

    @Test
    void rocPlotIsAPngWithTheCurveDrawn() throws Exception {
        Path f = dir.resolve("roc.png");
        RocPlot.write(f, result(), "synthetic scores");
        BufferedImage img = ImageIO.read(f.toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(600);
        int curve = 0;
        int marker = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                curve += rgb == 0x1f77b4 ? 1 : 0;
                marker += rgb == 0xd62728 ? 1 : 0;
            }
        }
        assertThat(curve).as("pixels of the ROC line colour").isGreaterThan(300);
        assertThat(marker).as("pixels of the target markers").isGreaterThan(20);
        try (var s = Files.list(dir)) {
            assertThat(s).containsExactly(f);
        }
    }

    @Test
    void plotRefusesACurveWithoutPositiveFar() {
        VerificationResult res = VerificationScores.of(new double[] {0.9}, new double[] {0.1}).evaluate(List.of(0.5));
        assertThatThrownBy(() -> RocPlot.png(res, "t", 800, 600)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no ROC point has FAR > 0");
    }
}

package io.polyface.core.eval.ijb;

import com.fasterxml.jackson.databind.JsonNode;
import io.polyface.core.eval.OpenSetPoint;
import io.polyface.core.io.FeatureMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * IJB 1:N open-set identification worked by hand: three gallery templates in G1 (subjects A, B, C), one in
 * G2 (subject D), ten probe templates. Features are 4-d unit vectors, so a score is a plain dot product:
 * the gallery templates are the axes A = e1, B = e2, C = e3, D = e4, and probe {@code p} scores its
 * coordinates. The probes (subject: vector):
 * <pre>
 *  p1  A: (.8,  .6,  0,   0 )     p6  C: (0,   .48, .36, .8)
 *  p2  A: (.6,  .8,  0,   0 )     p7  D: (.36, .48, 0,   .8)
 *  p3  B: (0,   .96, .28, 0 )     p8  D: (0,   0,   .6,  .8)
 *  p4  B: (0,   .6,  0,   .8)     p9  E: (.5,  .5,  .5,  .5)
 *  p5  C: (.28, 0,   .96, 0 )     p10 F: (.28, .96, 0,   0 )
 * </pre>
 * Probes with the same multiset of coordinates (p3, p5, p10; p4, p8; p6, p7) are normalised to exactly the
 * same floats, so their equal scores below are exact ties.
 *
 * <p><b>G1 = {A, B, C}.</b> Mated: p1–p6 (6); non-mated: p7–p10 (4), top scores p7 .48 (B), p8 .6 (C),
 * p9 .5, p10 .96 (B): descending .96, .6, .5, .48.
 * <ul>
 *   <li>FPIR 0.25: k = ⌊.25·4⌋ = 1, threshold = 2nd largest = .6. Mated probes with the mate ranked first and
 *       score &gt; .6: p1 (A .8) yes; p2 no (B .8 ranks above its mate A .6); p3 (B .96) yes; p4 (B .6, not
 *       above .6) no; p5 (C .96) yes; p6 no (B .48 above C .36). TPIR = 3/6 = 0.5; FPIR reached = 1/4
 *       (only p10's .96 &gt; .6).</li>
 *   <li>FPIR 0.5: k = 2, threshold = .5: p1, p3, p4, p5 → TPIR = 4/6; FPIR reached = 2/4 (.96, .6).</li>
 *   <li>FPIR 0.1 (and 0.01): k = 0, threshold = .96, sample-limited: no mated score exceeds .96 (p3, p5 tie
 *       it) → TPIR 0.</li>
 *   <li>CMC: rank 1 = p1, p3, p4, p5 = 4/6; rank 2 adds p2 (A .6 second) and p6 (C .36 second) = 6/6; ranks
 *       5 and 10 exceed the 3 gallery templates: 6/6.</li>
 * </ul>
 * <p><b>G2 = {D}.</b> Mated: p7, p8 (both score D .8); non-mated: p1–p6, p9, p10 (8), top scores
 * 0, 0, 0, .8 (p4), 0, .8 (p6), .5, 0: descending .8, .8, .5, 0, 0, 0, 0, 0.
 * <ul>
 *   <li>FPIR 0.25: k = 2, threshold = .5: p7, p8 → TPIR 1; FPIR reached 2/8.</li>
 *   <li>FPIR 0.5: k = 4, threshold = 0: TPIR 1; FPIR reached 3/8.</li>
 *   <li>FPIR 0.1: k = 0, threshold = .8 (p4's and p6's .8 are p8's and p7's): TPIR 0, sample-limited.</li>
 *   <li>CMC: every rank 2/2 = 1.</li>
 * </ul>
 * <p><b>Mean.</b> TPIR at FPIR 0.25: (.5 + 1)/2 = .75; at 0.5: (2/3 + 1)/2 = 5/6; at 0.1: 0; CMC rank 1:
 * (2/3 + 1)/2 = 5/6, ranks 5 and 10: 1.
 *
 * <p>InsightFace's {@code ijb_1n.py} would instead merge G1 and G2 (no non-mated probe; it refuses p9 and
 * p10), take the threshold from the non-mate scores of the mated probes, and count p2 and p6 whenever their
 * mate's score passed it.
 */
class TemplateIdentificationTest {

    private static final long A = 101;
    private static final long B = 102;
    private static final long C = 103;
    private static final long D = 104;

    private static final float[][] VECTORS = {
        {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, // gallery templates 1..4
        {.8f, .6f, 0, 0}, {.6f, .8f, 0, 0}, {0, .96f, .28f, 0}, {0, .6f, 0, .8f}, {.28f, 0, .96f, 0},
        {0, .48f, .36f, .8f}, {.36f, .48f, 0, .8f}, {0, 0, .6f, .8f}, {.5f, .5f, .5f, .5f}, {.28f, .96f, 0, 0},
    };
    private static final long[] SUBJECT_OF_PROBE = {A, A, B, B, C, C, D, D, 105, 106};

    private static TemplateFeatures templates() {
        long[] ids = new long[VECTORS.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1; // templates 1..4 gallery, 5..14 probes p1..p10
        }
        return TemplateFeatures.of(ids, FeatureMatrix.of(VECTORS), new long[] {99}, "hand.txt");
    }

    private static List<SubjectTemplate> probes() {
        List<SubjectTemplate> p = new java.util.ArrayList<>();
        for (int k = 0; k < 10; k++) {
            p.add(new SubjectTemplate(5 + k, SUBJECT_OF_PROBE[k]));
        }
        return p;
    }

    private static final List<SubjectTemplate> G1 = List.of(new SubjectTemplate(1, A), new SubjectTemplate(2, B), new SubjectTemplate(3, C));
    private static final List<SubjectTemplate> G2 = List.of(new SubjectTemplate(4, D));
    private static final List<Double> FPIRS = List.of(0.25, 0.5, 0.1, 0.01);

    private static void assertPoint(OpenSetPoint p, double tpir, double fpirReached, double threshold, long k) {
        assertThat(p.tpir()).as("TPIR at %s", p.targetFpir()).isCloseTo(tpir, within(1e-12));
        assertThat(p.fpirAchieved()).as("FPIR reached at %s", p.targetFpir()).isCloseTo(fpirReached, within(1e-12));
        assertThat(p.threshold()).as("threshold at %s", p.targetFpir()).isCloseTo(threshold, within(1e-6));
        assertThat(p.nonMatedAllowed()).isEqualTo(k);
        assertThat(p.sampleLimited()).isEqualTo(k == 0);
    }

    @Test
    void galleryOneMatchesTheHandComputation() {
        TemplateIdentification.GalleryResult g1 = TemplateIdentification.evaluate("G1", templates(), G1, probes(), FPIRS);
        assertThat(g1.galleryTemplates()).isEqualTo(3);
        assertThat(g1.matedProbes()).isEqualTo(6);
        assertThat(g1.nonMatedProbes()).isEqualTo(4);
        assertPoint(g1.openSet().get(0), 3 / 6.0, 1 / 4.0, 0.6, 1);
        assertPoint(g1.openSet().get(1), 4 / 6.0, 2 / 4.0, 0.5, 2);
        assertPoint(g1.openSet().get(2), 0, 0, 0.96, 0);
        assertPoint(g1.openSet().get(3), 0, 0, 0.96, 0);
        assertThat(g1.cmc()).extracting(TemplateIdentification.RankRate::rank).containsExactly(1, 5, 10);
        assertThat(g1.cmc().get(0).rate()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(g1.cmc().get(1).rate()).isEqualTo(1.0);
        assertThat(g1.cmc().get(2).rate()).isEqualTo(1.0);
    }

    @Test
    void galleryTwoAndTheMeanMatchTheHandComputation() {
        TemplateIdentification.GalleryResult g1 = TemplateIdentification.evaluate("G1", templates(), G1, probes(), FPIRS);
        TemplateIdentification.GalleryResult g2 = TemplateIdentification.evaluate("G2", templates(), G2, probes(), FPIRS);
        assertThat(g2.matedProbes()).isEqualTo(2);
        assertThat(g2.nonMatedProbes()).isEqualTo(8);
        assertPoint(g2.openSet().get(0), 1, 2 / 8.0, 0.5, 2);
        assertPoint(g2.openSet().get(1), 1, 3 / 8.0, 0.0, 4);
        assertPoint(g2.openSet().get(2), 0, 0, 0.8, 0);
        assertThat(g2.cmc()).extracting(TemplateIdentification.RankRate::rate).containsExactly(1.0, 1.0, 1.0);

        TemplateIdentification.MeanResult mean = TemplateIdentification.mean(List.of(g1, g2));
        assertThat(mean.openSet().get(0).tpir()).isCloseTo(0.75, within(1e-12));
        assertThat(mean.openSet().get(1).tpir()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(mean.openSet().get(2).tpir()).isZero();
        assertThat(mean.openSet()).extracting(TemplateIdentification.MeanPoint::sampleLimited).containsExactly(false, false, true, true);
        assertThat(mean.cmc().get(0).rate()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(mean.cmc().get(2).rate()).isEqualTo(1.0);

        JsonNode json = IjbReport.identification(List.of(g1, g2), mean);
        assertThat(json.get("G1").get("results").get(0).get("fpir").asDouble()).isEqualTo(0.25);
        assertThat(json.get("G1").get("results").get(0).get("tpir").asDouble()).isEqualTo(0.5);
        assertThat(json.get("G2").get("non_mated_probes").asInt()).isEqualTo(8);
        assertThat(json.get("mean").get("cmc").get("rank1").asDouble()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(json.get("mean").get("results").get(2).get("sample_limited").asBoolean()).isTrue();
    }

    @Test
    void emptyTemplatesAreSkippedAndBadListsNamed() {
        List<SubjectTemplate> probesWithEmpty = new java.util.ArrayList<>(probes());
        probesWithEmpty.add(new SubjectTemplate(99, A));
        assertThat(TemplateIdentification.evaluate("G1", templates(), G1, probesWithEmpty, FPIRS).skippedTemplates()).isEqualTo(1);
        assertThatThrownBy(() -> TemplateIdentification.evaluate("G1", templates(), List.of(new SubjectTemplate(77, A)), probes(), FPIRS))
                .hasMessageContaining("template id 77 of the G1 gallery is not a template of hand.txt");
        assertThatThrownBy(() -> TemplateIdentification.evaluate("G1", templates(),
                List.of(new SubjectTemplate(1, A), new SubjectTemplate(2, A)), probes(), FPIRS))
                .hasMessageContaining("subject 101 has two templates, 1 and 2");
        assertThatThrownBy(() -> TemplateIdentification.evaluate("G2", templates(), G2, probes().subList(0, 6), FPIRS))
                .hasMessageContaining("G2 gallery: 0 mated and 6 non-mated probes");
    }
}

package io.polyface.aggregation.ijb;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.polyface.aggregation.QanPlusPlus;
import io.polyface.aggregation.quality.QualityScorer;
import io.polyface.core.align.FaceAligner;
import io.polyface.core.arch.preset.QualityNet;
import io.polyface.core.embed.FaceEmbedder;
import io.polyface.core.embed.Preprocessing;
import io.polyface.core.eval.ijb.IjbDataset;
import io.polyface.core.eval.ijb.IjbLayout;
import io.polyface.core.eval.ijb.IjbProtocol;
import io.polyface.core.eval.ijb.ProtocolImages;
import io.polyface.core.eval.ijb.SubjectTemplatesFile;
import io.polyface.core.eval.ijb.TemplatePairFile;
import io.polyface.core.image.ChannelOrder;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.RgbImage;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.MalformedFileException;
import io.polyface.core.nn.SpecNetwork;
import io.polyface.core.onnx.OnnxExporter;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The evaluation from image features to figures on a small synthetic protocol written in the distributed
 * layout (20 subjects, 2 templates each, features = subject direction + noise), two template rules side by
 * side; the saved-features files; and the protocol image embedder on real ORL faces with fr_feature.onnx.
 */
class IjbEvaluationTest {

    @TempDir
    Path dir;

    private static final int SUBJECTS = 20;
    private static final int D = 16;

    /** Writes the protocol: subject s has templates 100+2s (2 images, media 10s and 10s+1) and 101+2s (1 image). */
    private IjbLayout writeProtocol() throws IOException {
        IjbLayout layout = new IjbLayout(dir.resolve("ijb"), IjbDataset.IJBC);
        Files.createDirectories(layout.images());
        Files.createDirectories(layout.meta());
        List<String> names = new ArrayList<>();
        List<Long> tids = new ArrayList<>();
        List<Long> mids = new ArrayList<>();
        List<SubjectTemplatesFile.Row> g1 = new ArrayList<>();
        List<SubjectTemplatesFile.Row> g2 = new ArrayList<>();
        List<SubjectTemplatesFile.Row> probes = new ArrayList<>();
        for (int s = 0; s < SUBJECTS; s++) {
            for (int k = 0; k < 3; k++) {
                String name = s + "_" + k + ".jpg";
                names.add(name);
                long t = k < 2 ? 100 + 2 * s : 101 + 2 * s;
                tids.add(t);
                mids.add(10L * s + (k == 0 ? 0 : 1));
                SubjectTemplatesFile.Row row = new SubjectTemplatesFile.Row(t, 1000 + s, name);
                if (k == 2 || s >= 16) {
                    probes.add(row); // subjects 16..19 are in no gallery
                } else {
                    (s % 2 == 0 ? g1 : g2).add(row);
                }
            }
        }
        float[] scores = new float[names.size()];
        java.util.Arrays.fill(scores, 0.9f);
        ProtocolImages.of(names, tids.stream().mapToLong(Long::longValue).toArray(), mids.stream().mapToLong(Long::longValue).toArray(),
                new float[names.size() * 10], scores).write(layout.faceTidMid(), layout.name5ptsScore());
        SubjectTemplatesFile.write(layout.gallery(1), g1);
        SubjectTemplatesFile.write(layout.gallery(2), g2);
        SubjectTemplatesFile.write(layout.probeMixed(), probes);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(layout.templatePairLabel()))) {
            TemplatePairFile.Writer w = new TemplatePairFile.Writer(out);
            for (int a = 0; a < 2 * SUBJECTS; a++) {
                for (int b = a + 1; b < 2 * SUBJECTS; b++) {
                    w.write(100 + a, 100 + b, a / 2 == b / 2);
                }
            }
        }
        return layout;
    }

    private static ImageFeatures syntheticFeatures(int rows) {
        Random r = new Random(9);
        float[][] subject = new float[SUBJECTS][D];
        for (float[] s : subject) {
            for (int j = 0; j < D; j++) {
                s[j] = (float) r.nextGaussian();
            }
        }
        float[][] x = new float[rows][D];
        float[] q = new float[rows];
        boolean[] embedded = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < D; j++) {
                x[i][j] = subject[i / 3][j] + 0.3f * (float) r.nextGaussian();
            }
            q[i] = (float) r.nextDouble();
            embedded[i] = true;
        }
        return new ImageFeatures(FeatureMatrix.of(x), embedded, q, List.of());
    }

    @Test
    void evaluatesBothTemplateRulesSideBySide() throws IOException {
        IjbProtocol protocol = IjbProtocol.read(writeProtocol());
        assertThat(protocol.rowsWithoutImageFile()).hasSize(3 * SUBJECTS); // no image files were written
        List<String> steps = new ArrayList<>();
        IjbResult r = IjbEvaluation.builder().optAggregators(List.of(IjbEvaluation.insightFaceRule(), QanPlusPlus.builder().build()))
                .optTargetFars(List.of(1e-2, 1e-1)).optLog(steps::add).build().evaluate(protocol, syntheticFeatures(3 * SUBJECTS));
        assertThat(r.methods()).extracting(IjbResult.MethodResult::aggregate).containsExactly("ijb", "qanpp");
        IjbResult.MethodResult m = r.methods().get(0);
        assertThat(m.templates()).isEqualTo(2 * SUBJECTS);
        assertThat(m.pairs()).isEqualTo(2L * SUBJECTS * (2 * SUBJECTS - 1) / 2);
        assertThat(m.verification().genuineCount()).isEqualTo(SUBJECTS);
        assertThat(m.verification().operatingPoints().get(1).tar()).isEqualTo(1.0); // well separated subjects
        assertThat(m.galleries()).extracting(g -> g.gallery()).containsExactly("G1", "G2");
        // G1 = even subjects 0..14 (8), mated probes = their 8 single-image templates; the probe list holds 24
        // templates (20 single-image ones and the two-image ones of subjects 16..19), so 16 are non-mated
        assertThat(m.galleries().get(0).galleryTemplates()).isEqualTo(8);
        assertThat(m.galleries().get(0).matedProbes()).isEqualTo(8);
        assertThat(m.galleries().get(0).nonMatedProbes()).isEqualTo(16);
        assertThat(m.mean().cmc().get(0).rate()).isEqualTo(1.0);
        assertThat(steps).anyMatch(s -> s.contains("qanpp: 40 templates"));

        JsonNode json = IjbResultJson.toJson(r);
        assertThat(json.get("pairs").asLong()).isEqualTo(m.pairs());
        assertThat(json.get("templates").asInt()).isEqualTo(40);
        assertThat(json.get("verification").get("results").get(0).get("far").asDouble()).isEqualTo(1e-2);
        assertThat(json.get("verification").get("results").get(0).has("insightface_nearest_roc_point")).isTrue();
        assertThat(json.get("identification").get("G2").get("results").get(1).get("fpir").asDouble()).isEqualTo(0.1);
        assertThat(json.get("identification").get("mean").get("cmc").get("rank5").asDouble()).isEqualTo(1.0);
        assertThat(json.get("alternatives").get(0).get("aggregate").asText()).isEqualTo("qanpp");
    }

    @Test
    void oneToNListsWithUnknownTemplatesAreNamed() throws IOException {
        IjbLayout layout = writeProtocol();
        Files.writeString(layout.gallery(2), "TEMPLATE_ID,SUBJECT_ID\n555,1\n");
        IjbProtocol protocol = IjbProtocol.read(layout);
        assertThatThrownBy(() -> IjbEvaluation.builder().build().evaluate(protocol, syntheticFeatures(3 * SUBJECTS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ijbc_1N_gallery_G2.csv")
                .hasMessageContaining("template id 555 of the G2 gallery is not a template of");
        assertThatThrownBy(() -> IjbEvaluation.builder().optTargetFars(List.of(2.0)).build()).hasMessageContaining("target FAR = 2.0");
    }

    @Test
    void savedFeaturesRoundTripAndBelongToTheirProtocol() throws IOException {
        IjbProtocol protocol = IjbProtocol.read(writeProtocol());
        ImageFeatures f = syntheticFeatures(3 * SUBJECTS);
        Path file = dir.resolve("feats.bin");
        ImageFeaturesFile.write(file, protocol.images(), f);
        ImageFeatures back = ImageFeaturesFile.read(file, protocol.images(), true);
        assertThat(back.embeddings()).isEqualTo(f.embeddings());
        assertThat(back.quality()).containsExactly(f.quality());
        assertThat(back.notEmbedded()).isEmpty();
        Files.writeString(ImageFeaturesFile.sibling(file, ".list"), Files.readString(ImageFeaturesFile.sibling(file, ".list"))
                .replace("3_1.jpg", "x.jpg"));
        assertThatThrownBy(() -> ImageFeaturesFile.read(file, protocol.images(), false)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("feats.bin.list: line 11 names 'x.jpg' where the protocol has '3_1.jpg'");
        Files.delete(ImageFeaturesFile.sibling(file, ".quality"));
        ImageFeaturesFile.write(file, protocol.images(), new ImageFeatures(f.embeddings(), f.embedded(), null, List.of()));
        assertThatThrownBy(() -> ImageFeaturesFile.read(file, protocol.images(), true)).hasMessageContaining("feats.bin.quality: no such file");
    }

    @Test
    void imagesAreAlignedWithTheProtocolLandmarksAndEmbedded() throws IOException {
        IjbLayout layout = new IjbLayout(dir.resolve("orl"), IjbDataset.IJBC);
        Files.createDirectories(layout.images());
        Files.createDirectories(layout.meta());
        Path orl = SharedResources.resolve("data/orl");
        Files.copy(orl.resolve("s1/1.pgm"), layout.images().resolve("1.pgm"));
        Files.copy(orl.resolve("s2/1.pgm"), layout.images().resolve("2.pgm"));
        float[] lmk = {30, 50, 62, 50, 46, 68, 34, 86, 58, 86};
        float[] all = new float[30];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(lmk, 0, all, i * 10, 10);
        }
        all[10] += 3; // the second row's landmarks differ a little
        ProtocolImages.of(List.of("1.pgm", "2.pgm", "gone.jpg"), new long[] {1, 2, 3}, new long[] {1, 2, 3}, all, new float[] {1, 1, 1})
                .write(layout.faceTidMid(), layout.name5ptsScore());
        for (Path p : List.of(layout.gallery(1), layout.gallery(2), layout.probeMixed())) {
            Files.writeString(p, "TEMPLATE_ID,SUBJECT_ID\n1,1\n");
        }
        Files.writeString(layout.templatePairLabel(), "1 2 0\n");
        IjbProtocol protocol = IjbProtocol.read(layout);
        assertThat(protocol.rowsWithoutImageFile()).containsExactly(2);
        Path qualityModel = dir.resolve("quality.onnx");
        try (NDManager m = NDManager.newBaseManager()) {
            OnnxExporter.export(SpecNetwork.builder().setSpec(QualityNet.spec()).optInference(true).build().initialize(m), qualityModel);
        }
        try (FaceEmbedder embedder = FaceEmbedder.builder().setModelPath(SharedResources.resolve("models/fr_feature.onnx"))
                .optPreprocessing(Preprocessing.of(112, ChannelOrder.RGB, 127f, 128f)).optL2Normalize(false).optFlip(true).build();
             QualityScorer scorer = QualityScorer.builder().setModelPath(qualityModel).build()) {
            ImageFeatures f = new ProtocolImageEmbedder(embedder, scorer).embed(protocol, null);
            assertThat(f.embedded()).containsExactly(true, true, false);
            assertThat(f.notEmbedded()).containsExactly("gone.jpg: missing");
            assertThat(f.embeddings().row(2)).containsOnly(0f);
            RgbImage crop = FaceAligner.arcFace().align(ImageDecoder.read(layout.images().resolve("2.pgm")),
                    protocol.images().landmarks(1));
            float[] expected = embedder.embed(crop);
            assertThat(f.embeddings().row(1)).containsExactly(expected);
            assertThat(f.quality()[1]).as("the quality model scores the same crop").isEqualTo(scorer.score(crop));
            assertThat(f.quality()[2]).isZero();
            double norm = 0;
            for (float v : expected) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).as("raw embedding: the norm is kept").isNotCloseTo(1.0, within(0.01));
        }
    }
}

package io.polyface.core.eval.ijb.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.core.detect.YuNetDetector;
import io.polyface.core.eval.ijb.IjbDataset;
import io.polyface.core.eval.ijb.IjbLayout;
import io.polyface.core.eval.ijb.ProtocolImages;
import io.polyface.core.eval.ijb.SubjectTemplate;
import io.polyface.core.eval.ijb.SubjectTemplatesFile;
import io.polyface.core.eval.ijb.TemplatePairFile;
import io.polyface.core.image.ImageDecoder;
import io.polyface.core.image.ImageEncoder;
import io.polyface.core.image.RgbImage;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The protocol generator on real faces: twelve ORL subjects (120 images) plus an image without a face, a file
 * that is not an image and a file outside any subject folder. Checks the layout and every file's content
 * against each other, the left-out report, the fallback that reaches 100 non-mated probes per gallery,
 * determinism, and that a refused or failed run leaves nothing behind.
 */
class IjbProtocolGeneratorTest {

    @TempDir
    static Path dir;

    private static YuNetDetector yunet;
    private static Path images;

    @BeforeAll
    static void setUp() throws IOException {
        yunet = YuNetDetector.builder().setModelPath(SharedResources.resolve("models/yunet.onnx")).build();
        Path orl = SharedResources.resolve("data/orl");
        images = dir.resolve("faces");
        for (int s = 1; s <= 12; s++) {
            Path to = Files.createDirectories(images.resolve("s" + s));
            for (int i = 1; i <= 10; i++) {
                Files.copy(orl.resolve("s" + s + "/" + i + ".pgm"), to.resolve(i + ".pgm"));
            }
        }
        float[] grey = new float[92 * 112 * 3];
        java.util.Arrays.fill(grey, 128f);
        Files.write(images.resolve("s1/blank.png"), ImageEncoder.toPng(RgbImage.of(92, 112, grey)));
        Files.writeString(images.resolve("s2/notes.txt"), "not an image");
        Files.writeString(images.resolve("README"), "top-level file");
        Files.writeString(images.resolve("s3/.hidden"), "skipped");
    }

    @AfterAll
    static void tearDown() {
        yunet.close();
    }

    private static IjbProtocolGenerator generator(long seed) {
        return IjbProtocolGenerator.builder().setDetector(yunet).optSeed(seed).build();
    }

    @Test
    void writesAConsistentProtocolAndReportsWhatItLeftOut() throws IOException {
        Path out = dir.resolve("ijb-a");
        GeneratedProtocol g = generator(7).generate(images, out);
        IjbLayout layout = new IjbLayout(out, IjbDataset.IJBC);
        layout.requireComplete();
        assertThat(g.imagesFound()).isEqualTo(123);
        assertThat(g.leftOut()).extracting(GeneratedProtocol.LeftOutImage::path).containsExactly("README", "s1/blank.png", "s2/notes.txt");
        assertThat(g.leftOut().get(0).reason()).isEqualTo("not in a subject folder");
        assertThat(g.leftOut().get(1).reason()).isEqualTo("no face detected");
        assertThat(g.leftOut().get(2).reason()).startsWith("unreadable");
        assertThat(g.facesWritten()).isEqualTo(120);

        ProtocolImages rows = ProtocolImages.read(layout.faceTidMid(), layout.name5ptsScore());
        assertThat(rows.size()).isEqualTo(120);
        assertThat(new HashSet<>(rows.images())).hasSize(120);
        for (int i = 0; i < rows.size(); i += 17) {
            RgbImage crop = ImageDecoder.read(layout.images().resolve(rows.image(i)));
            for (int k = 0; k < 5; k++) {
                assertThat(rows.landmarks(i).x(k)).isBetween(0.0, (double) crop.width());
                assertThat(rows.landmarks(i).y(k)).isBetween(0.0, (double) crop.height());
            }
            assertThat(rows.detectorScore(i)).isBetween(0.6f, 1f);
        }
        ProtocolImages.TemplateRows templates = rows.templateRows();
        assertThat(templates.ids().length).isEqualTo(g.templates());
        for (int[] r : templates.rows()) {
            assertThat(r.length).isBetween(1, 3);
        }

        // 1:N: one gallery template per gallery subject, galleries disjoint, every template in exactly one list
        List<SubjectTemplate> g1 = SubjectTemplatesFile.read(layout.gallery(1));
        List<SubjectTemplate> g2 = SubjectTemplatesFile.read(layout.gallery(2));
        List<SubjectTemplate> probes = SubjectTemplatesFile.read(layout.probeMixed());
        assertThat(g1).hasSize(g.gallery1Subjects());
        assertThat(g2).hasSize(g.gallery2Subjects());
        Set<Long> s1 = subjects(g1);
        Set<Long> s2 = subjects(g2);
        assertThat(s1).hasSize(g1.size()).doesNotContainAnyElementsOf(s2);
        assertThat(g1.size() + g2.size() + probes.size()).isEqualTo(g.templates());
        long nonMated1 = probes.stream().filter(p -> !s1.contains(p.subjectId())).count();
        long nonMated2 = probes.stream().filter(p -> !s2.contains(p.subjectId())).count();
        assertThat(nonMated1).isEqualTo(g.nonMatedProbes1());
        assertThat(nonMated2).isEqualTo(g.nonMatedProbes2());
        // 12 subjects of 10 faces: the first plans give fewer than 100 non-mated probes; single-image non-mated
        // templates and smaller galleries reach them
        assertThat(Math.min(nonMated1, nonMated2)).isGreaterThanOrEqualTo(100);
        assertThat(g.sampleLimited()).isFalse();
        assertThat(g.gallery1Subjects() + g.gallery2Subjects() + g.nonMatedSubjects()).isEqualTo(12);

        // 1:1: every two templates, genuine exactly when they share a subject
        Map<Long, Long> subjectOf = new HashMap<>();
        for (SubjectTemplate t : concat(g1, g2, probes)) {
            subjectOf.put(t.templateId(), t.subjectId());
        }
        long[] counts = {0, 0};
        TemplatePairFile.stream(layout.templatePairLabel(), (a, b, genuine, line) -> {
            assertThat(a).isLessThan(b);
            assertThat(genuine).isEqualTo(subjectOf.get(a).equals(subjectOf.get(b)));
            counts[0]++;
            counts[1] += genuine ? 1 : 0;
        });
        assertThat(counts[0]).isEqualTo((long) g.templates() * (g.templates() - 1) / 2).isEqualTo(g.pairs());
        assertThat(counts[1]).isEqualTo(g.genuinePairs()).isPositive();

        JsonNode json = new ObjectMapper().readTree(layout.meta().resolve("generator.json").toFile());
        assertThat(json.get("faces_written").asInt()).isEqualTo(120);
        assertThat(json.get("left_out_images").get(1).get("reason").asText()).isEqualTo("no face detected");
        assertThat(json.get("subjects").get("1").asText()).isEqualTo("s1");
        assertThat(json.get("non_mated_probes_G1").asInt()).isEqualTo(g.nonMatedProbes1());
    }

    @Test
    void theSameSeedGivesTheSameFilesAndBadRunsLeaveNothing() throws IOException {
        Path a = dir.resolve("seed-a");
        Path b = dir.resolve("seed-b");
        Path c = dir.resolve("seed-c");
        IjbProtocolGenerator.builder().setDetector(yunet).optSeed(3).optDataset(IjbDataset.IJBB).optMaxPairs(500).build().generate(images, a);
        IjbProtocolGenerator.builder().setDetector(yunet).optSeed(3).optDataset(IjbDataset.IJBB).optMaxPairs(500).build().generate(images, b);
        generator(4).generate(images, c);
        IjbLayout la = new IjbLayout(a, IjbDataset.IJBB);
        IjbLayout lb = new IjbLayout(b, IjbDataset.IJBB);
        for (int i = 0; i < la.protocolFiles().size(); i++) {
            assertThat(Files.readString(la.protocolFiles().get(i))).isEqualTo(Files.readString(lb.protocolFiles().get(i)));
        }
        assertThat(la.gallery(1).getFileName().toString()).isEqualTo("ijbb_1N_gallery_S1.csv");
        assertThat(Files.readAllBytes(la.images().resolve("5.jpg"))).isEqualTo(Files.readAllBytes(lb.images().resolve("5.jpg")));
        long pairs = Files.readAllLines(la.templatePairLabel()).size();
        assertThat(pairs).isBetween(300L, 800L); // about 500: genuine pairs kept, impostors sampled
        assertThat(Files.readString(la.faceTidMid()))
                .isNotEqualTo(Files.readString(new IjbLayout(c, IjbDataset.IJBC).faceTidMid()));

        assertThatThrownBy(() -> generator(3).generate(images, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exists and is not empty");
        Path one = Files.createDirectories(dir.resolve("one-subject/s1"));
        Files.copy(images.resolve("s1/1.pgm"), one.resolve("1.pgm"));
        Files.copy(images.resolve("s1/2.pgm"), one.resolve("2.pgm"));
        Path failed = dir.resolve("failed");
        assertThatThrownBy(() -> generator(3).generate(one.getParent(), failed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 subject(s) with at least two detected faces");
        assertThat(failed).doesNotExist();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".failed"));
        }
        assertThatThrownBy(() -> generator(3).generate(dir.resolve("nope"), dir.resolve("x"))).hasMessageContaining("not a folder");
    }

    private static Set<Long> subjects(List<SubjectTemplate> list) {
        Set<Long> s = new HashSet<>();
        for (SubjectTemplate t : list) {
            s.add(t.subjectId());
        }
        return s;
    }

    @SafeVarargs
    private static List<SubjectTemplate> concat(List<SubjectTemplate>... lists) {
        List<SubjectTemplate> all = new ArrayList<>();
        for (List<SubjectTemplate> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}

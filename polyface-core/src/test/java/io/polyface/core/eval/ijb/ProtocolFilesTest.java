package io.polyface.core.eval.ijb;

import io.polyface.core.io.MalformedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The readers of the IJB protocol files as distributed (CRLF, trailing blanks, a final blank line, a byte-order
 * mark, ten-digit ids), their writers (round trip), and the one-line errors that name the file and the line.
 */
class ProtocolFilesTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void imageRowsAreReadTolerantly() throws IOException {
        Path tid = file("ijbc_face_tid_mid.txt", "\uFEFF1.jpg 1 69544\r\n2.jpg\t9876543210  69544 \r\n3.jpg 9876543210 1234567890123\r\n\r\n");
        Path lmk = file("ijbc_name_5pts_score.txt", "1.jpg 10 20 30 20.5 20 30 12 40 28 40 0.99\r\n"
                + "2.jpg 1 2 3 4 5 6 7 8 9 10 1.5e0   \n3.jpg 1 2 3 4 5 6 7 8 9 10 0.5\n\n\n");
        ProtocolImages rows = ProtocolImages.read(tid, lmk);
        assertThat(rows.size()).isEqualTo(3);
        assertThat(rows.images()).containsExactly("1.jpg", "2.jpg", "3.jpg");
        assertThat(rows.templateId(1)).isEqualTo(9_876_543_210L);
        assertThat(rows.mediaId(2)).isEqualTo(1_234_567_890_123L);
        assertThat(rows.landmarks(0).xy()).containsExactly(10, 20, 30, 20.5, 20, 30, 12, 40, 28, 40);
        assertThat(rows.detectorScore(1)).isEqualTo(1.5f);
        ProtocolImages.TemplateRows byTemplate = rows.templateRows();
        assertThat(byTemplate.ids()).containsExactly(1L, 9_876_543_210L);
        assertThat(byTemplate.rows().get(1)).containsExactly(1, 2);
    }

    @Test
    void imageRowErrorsNameTheFileAndTheLine() throws IOException {
        Path tid = file("t.txt", "1.jpg 1 5\n2.jpg 1 5\n");
        Path shortRow = file("l.txt", "1.jpg 1 2 3 4 5 6 7 8 9 10 0.9\n2.jpg 1 2 3 4 5 6 7 8 9 0.9\n");
        assertThatThrownBy(() -> ProtocolImages.read(tid, shortRow)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("l.txt: line 2 has 11 fields; expected 12 fields");
        Path wrongName = file("w.txt", "1.jpg 1 2 3 4 5 6 7 8 9 10 0.9\n\n3.jpg 1 2 3 4 5 6 7 8 9 10 0.9\n");
        assertThatThrownBy(() -> ProtocolImages.read(tid, wrongName)).hasMessageContaining("w.txt: line 3 names image '3.jpg'")
                .hasMessageContaining("t.txt (line 2) names '2.jpg'");
        Path fewer = file("f.txt", "1.jpg 1 2 3 4 5 6 7 8 9 10 0.9\n");
        assertThatThrownBy(() -> ProtocolImages.read(tid, fewer)).hasMessageContaining("f.txt: has 1 image rows but");
        Path badId = file("b.txt", "1.jpg 1 5\n2.jpg x1 5\n");
        assertThatThrownBy(() -> ProtocolImages.read(badId, shortRow)).hasMessageContaining("b.txt: line 2: template id 'x1' is not");
        Path twoFields = file("c.txt", "1.jpg 1\n");
        assertThatThrownBy(() -> ProtocolImages.read(twoFields, shortRow)).hasMessageContaining("c.txt: line 1 has 2 fields; expected 3");
        Path nan = file("n.txt", "1.jpg 1 2 3 4 5 6 7 8 9 NaN 0.9\n2.jpg 1 2 3 4 5 6 7 8 9 10 0.9\n");
        assertThatThrownBy(() -> ProtocolImages.read(tid, nan)).hasMessageContaining("n.txt: line 1: landmark coordinate 10 'NaN'");
        assertThatThrownBy(() -> ProtocolImages.read(dir.resolve("none.txt"), nan)).hasMessageContaining("none.txt: no such file");
    }

    @Test
    void imageRowsRoundTrip() throws IOException {
        float[] lmk = new float[20];
        for (int i = 0; i < lmk.length; i++) {
            lmk[i] = i * 1.25f + 0.1f;
        }
        ProtocolImages rows = ProtocolImages.of(List.of("a.jpg", "b.jpg"), new long[] {7, 1_000_000_000_123L}, new long[] {3, 4}, lmk,
                new float[] {0.875f, 0.9999f});
        rows.write(dir.resolve("t.txt"), dir.resolve("l.txt"));
        ProtocolImages back = ProtocolImages.read(dir.resolve("t.txt"), dir.resolve("l.txt"));
        assertThat(back.images()).containsExactly("a.jpg", "b.jpg");
        assertThat(back.templateId(1)).isEqualTo(1_000_000_000_123L);
        assertThat(back.landmarks(1)).isEqualTo(rows.landmarks(1));
        assertThat(back.detectorScores()).containsExactly(0.875f, 0.9999f);
        assertThatThrownBy(() -> ProtocolImages.of(List.of("a b.jpg"), new long[] {1}, new long[] {1}, new float[10], new float[1])
                .write(dir.resolve("x"), dir.resolve("y"))).hasMessageContaining("'a b.jpg'");
    }

    private static List<long[]> pairs(Path file) throws IOException {
        List<long[]> out = new ArrayList<>();
        long n = TemplatePairFile.stream(file, (a, b, g, line) -> out.add(new long[] {a, b, g ? 1 : 0, line}));
        assertThat(n).isEqualTo(out.size());
        return out;
    }

    @Test
    void pairListIsStreamedTolerantly() throws IOException {
        Path p = file("pairs.txt", "\uFEFF1 11065 1\r\n1 9876543210 0  \r\n\t 2   3\t0\r\n\r\n9999999999 1234567890 1\n\n");
        List<long[]> got = pairs(p);
        assertThat(got).hasSize(4);
        assertThat(got.get(0)).containsExactly(1, 11065, 1, 1);
        assertThat(got.get(1)).containsExactly(1, 9_876_543_210L, 0, 2);
        assertThat(got.get(2)).containsExactly(2, 3, 0, 3);
        assertThat(got.get(3)).containsExactly(9_999_999_999L, 1_234_567_890L, 1, 5);
        assertThat(pairs(file("nofinal.txt", "4 5 1"))).hasSize(1);
        assertThat(pairs(file("empty.txt", ""))).isEmpty();
    }

    @Test
    void pairListErrorsNameTheLineAndQuoteIt() throws IOException {
        assertThatThrownBy(() -> pairs(file("a.txt", "1 2 1\n1 2\n"))).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("a.txt: line 2: expected 'template_id_1 template_id_2 label'").hasMessageContaining("got '1 2'");
        assertThatThrownBy(() -> pairs(file("b.txt", "1 2 1\n\n1 2 2\n"))).hasMessageContaining("b.txt: line 3:").hasMessageContaining("'1 2 2'");
        assertThatThrownBy(() -> pairs(file("c.txt", "1 x 1\n"))).hasMessageContaining("c.txt: line 1:").hasMessageContaining("'1 x 1'");
        assertThatThrownBy(() -> pairs(file("d.txt", "1 -2 1\n"))).hasMessageContaining("d.txt: line 1:");
        assertThatThrownBy(() -> pairs(file("e.txt", "1234567890123456789 2 1\n"))).hasMessageContaining("e.txt: line 1:");
        assertThatThrownBy(() -> pairs(file("f.txt", "1 2 0 7\n"))).hasMessageContaining("f.txt: line 1:");
        assertThatThrownBy(() -> pairs(dir.resolve("missing.txt"))).hasMessageContaining("missing.txt: no such file");
    }

    @Test
    void pairWriterRoundTrips() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TemplatePairFile.Writer w = new TemplatePairFile.Writer(bytes);
        w.write(0, 9_876_543_210L, true);
        w.write(123, 45, false);
        assertThat(w.pairs()).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("0 9876543210 1\n123 45 0\n");
        Path p = file("w.txt", bytes.toString(StandardCharsets.US_ASCII));
        assertThat(pairs(p).get(1)).containsExactly(123, 45, 0, 2);
        assertThatThrownBy(() -> w.write(-1, 2, true)).hasMessageContaining("expected >= 0");
    }

    @Test
    void oneToNListsAreReadByHeaderName() throws IOException {
        Path g = file("ijbc_1N_gallery_G1.csv", "TEMPLATE_ID,SUBJECT_ID,FILENAME,SIGHTING_ID\r\n"
                + "11,1,img/1.jpg,5\r\n11,1,img/2.jpg,5\r\n9876543210,2,img/3.jpg,6  \r\n\r\n");
        assertThat(SubjectTemplatesFile.read(g)).containsExactly(new SubjectTemplate(11, 1), new SubjectTemplate(9_876_543_210L, 2));
        Path swapped = file("s.csv", "filename,subject_id,template_id\nx.jpg,4,3\n");
        assertThat(SubjectTemplatesFile.read(swapped)).containsExactly(new SubjectTemplate(3, 4));
        assertThatThrownBy(() -> SubjectTemplatesFile.read(file("h.csv", "11,1,img/1.jpg\n"))).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("h.csv: line 1: expected a header naming the columns TEMPLATE_ID and SUBJECT_ID");
        assertThatThrownBy(() -> SubjectTemplatesFile.read(file("c.csv", "TEMPLATE_ID,SUBJECT_ID\n1,2\n\n1,3\n")))
                .hasMessageContaining("c.csv: line 4: template 1 has subject 3 but subject 2 on line 2");
        assertThatThrownBy(() -> SubjectTemplatesFile.read(file("r.csv", "FILENAME,TEMPLATE_ID,SUBJECT_ID\nx.jpg,1\n")))
                .hasMessageContaining("r.csv: line 2 has 2 fields; expected at least 3");
        assertThatThrownBy(() -> SubjectTemplatesFile.read(file("e.csv", "TEMPLATE_ID,SUBJECT_ID\n"))).hasMessageContaining("no template rows");
        assertThatThrownBy(() -> SubjectTemplatesFile.read(file("z.csv", ""))).hasMessageContaining("z.csv: is empty");
        SubjectTemplatesFile.write(dir.resolve("w.csv"), List.of(new SubjectTemplatesFile.Row(5, 6, "5.jpg"),
                new SubjectTemplatesFile.Row(5, 6, "6.jpg")));
        assertThat(Files.readString(dir.resolve("w.csv"))).isEqualTo("TEMPLATE_ID,SUBJECT_ID,FILENAME\n5,6,5.jpg\n5,6,6.jpg\n");
    }

    @Test
    void layoutNamesTheMissingFile() throws IOException {
        IjbLayout c = new IjbLayout(dir, IjbDataset.IJBC);
        assertThat(c.gallery(2)).isEqualTo(dir.resolve("meta/ijbc_1N_gallery_G2.csv"));
        assertThat(new IjbLayout(dir, IjbDataset.parse("IJB-B")).gallery(1)).isEqualTo(dir.resolve("meta/ijbb_1N_gallery_S1.csv"));
        Files.createDirectories(dir.resolve("meta"));
        for (Path p : c.protocolFiles()) {
            Files.writeString(p, "");
        }
        Files.delete(c.templatePairLabel());
        assertThatThrownBy(c::requireComplete).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing protocol file " + c.templatePairLabel());
        Files.writeString(c.templatePairLabel(), "");
        assertThatThrownBy(c::requireComplete).hasMessageContaining("missing image folder " + c.images());
        Files.createDirectories(c.images());
        c.requireComplete();
        assertThatThrownBy(() -> IjbDataset.parse("ijbd")).hasMessageContaining("expected one of ijbb, ijbc");
    }
}

package io.polyface.aggregation.io;

import io.polyface.aggregation.TrackId;
import io.polyface.core.io.MalformedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowFilesTest {

    @TempDir
    Path dir;

    @Test
    void qualityScoresRoundTripExactly() throws IOException {
        float[] scores = {0.1f, -2.5f, 1e-30f, Float.MIN_VALUE, -Float.MAX_VALUE, 1f / 3, 0f};
        Path f = dir.resolve("q.txt");
        QualityScoresFile.write(f, scores);
        assertThat(QualityScoresFile.read(f)).containsExactly(scores);
        assertThat(Files.readString(f)).startsWith("0.1\n-2.5\n");
    }

    @Test
    void qualityFilesAreReadLeniently() throws IOException {
        Path f = dir.resolve("q.txt");
        Files.writeString(f, " 0.5 \r\n-1e-3\r\n7");
        assertThat(QualityScoresFile.read(f)).containsExactly(0.5f, -1e-3f, 7f);
    }

    @Test
    void badQualityLinesAreNamed() throws IOException {
        Path f = dir.resolve("q.txt");
        Files.writeString(f, "0.5\n\n1\n");
        assertThatThrownBy(() -> QualityScoresFile.read(f)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("q.txt").hasMessageContaining("line 2 ('')");
        Files.writeString(f, "0.5\nNaN\n");
        assertThatThrownBy(() -> QualityScoresFile.read(f)).hasMessageContaining("line 2 ('NaN') is not a finite");
        Files.writeString(f, "1.5f\n");
        assertThatThrownBy(() -> QualityScoresFile.read(f)).hasMessageContaining("line 1 ('1.5f')");
        Files.writeString(f, "high\n");
        assertThatThrownBy(() -> QualityScoresFile.read(f)).hasMessageContaining("line 1 ('high') is not a number");
        Files.writeString(f, "");
        assertThatThrownBy(() -> QualityScoresFile.read(f)).hasMessageContaining("empty");
        Files.write(f, new byte[] {(byte) 0xff, '\n'});
        assertThatThrownBy(() -> QualityScoresFile.read(f)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> QualityScoresFile.write(f, new float[] {1, Float.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quality score 1 is Infinity");
    }

    @Test
    void trackIdsRoundTripAndBadLinesAreNamed() throws IOException {
        Path f = dir.resolve("t.tracks");
        List<TrackId> ids = List.of(TrackId.parse("s1/t0"), TrackId.parse("s1/t0/m2"), TrackId.parse("Aaron_Peirsol/v 1"));
        TrackIdsFile.write(f, ids);
        assertThat(Files.readString(f)).isEqualTo("s1/t0\ns1/t0/m2\nAaron_Peirsol/v 1\n");
        assertThat(TrackIdsFile.read(f)).isEqualTo(ids);
        Files.writeString(f, "s1/t0\ns2\n");
        assertThatThrownBy(() -> TrackIdsFile.read(f)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("t.tracks").hasMessageContaining("line 2").hasMessageContaining("'s2'");
        Files.writeString(f, "");
        assertThatThrownBy(() -> TrackIdsFile.read(f)).hasMessageContaining("empty");
    }

    @Test
    void linesWithLineBreaksAreRefused() {
        assertThatThrownBy(() -> LinesFile.write(dir.resolve("x"), List.of("a", "b\nc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}

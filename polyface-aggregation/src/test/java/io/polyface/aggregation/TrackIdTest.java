package io.polyface.aggregation;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackIdTest {

    @Test
    void parsesTwoAndThreePartIds() {
        TrackId t = TrackId.parse("s1/track0");
        assertThat(t).isEqualTo(new TrackId("s1", "track0", null));
        assertThat(t.hasMedia()).isFalse();
        assertThat(t.trackKey()).isEqualTo("s1/track0");
        assertThat(t).hasToString("s1/track0");

        TrackId m = TrackId.parse("Aaron_Peirsol/t12/video 3\r");
        assertThat(m).isEqualTo(new TrackId("Aaron_Peirsol", "t12", "video 3"));
        assertThat(m.trackKey()).isEqualTo("Aaron_Peirsol/t12");
        assertThat(m).hasToString("Aaron_Peirsol/t12/video 3");
    }

    @Test
    void rejectsMalformedIdsQuotingThem() {
        for (String bad : new String[] {"", "   ", "s1", "a/b/c/d", "/t", "s1/", "s1//m", "s1/ t", "s1/t/ m"}) {
            assertThatThrownBy(() -> TrackId.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("identity/track");
        }
        assertThatThrownBy(() -> TrackId.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrackId("a/b", "t", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains '/'");
    }

    @Test
    void parseLinesNamesSourceAndLine() {
        assertThat(TrackId.parseLines(List.of("a/1", "a/2", "b/1"), "tracks.txt"))
                .extracting(TrackId::trackKey).containsExactly("a/1", "a/2", "b/1");
        assertThatThrownBy(() -> TrackId.parseLines(List.of("a/1", "a/2", "oops"), "tracks.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tracks.txt line 3: ")
                .hasMessageContaining("'oops'");
    }
}

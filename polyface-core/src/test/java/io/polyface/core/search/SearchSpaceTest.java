package io.polyface.core.search;

import io.polyface.core.arch.preset.PolyFace;
import io.polyface.core.search.Dimension.Kind;
import io.polyface.core.search.Dimension.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Search spaces as data: the named spaces' domains and sizes, JSON round trips, validation, fixing settings. */
class SearchSpaceTest {

    @Test
    void namedSpacesHaveTheDocumentedDomainsAndSizes() {
        SearchSpace paper = SearchSpaces.polyfacePaper();
        List<Object> r = paper.dimension("resolution").values();
        assertThat(r).containsExactly(75, 76, 107, 108, 139, 140, 171, 172, 203, 204, 235, 236, 267, 268, 299, 300, 331);
        for (Object v : r) {
            assertThat(PolyFace.checkResolution((Integer) v)).isEqualTo(v); // every listed R is valid
        }
        assertThat(paper.size()).isEqualTo(40L * 40 * 40 * 17);
        assertThat(paper.dimension("width").values()).containsExactly(1.0);
        assertThat(paper.dimension("block_b").values()).containsExactly("first-order");
        assertThat(paper.dimension("embedding").values()).containsExactly(256);

        SearchSpace full = SearchSpaces.polyface();
        assertThat(full.dimension("block_c").values()).containsExactly("first-order", "poly-2", "mpoly-2", "2-way");
        assertThat(full.dimension("embedding").values()).containsExactly(128, 256, 512);
        assertThat(full.size()).isEqualTo(40L * 40 * 40 * 17 * 4 * 4 * 4 * 11 * 3);

        SearchSpace mfn = SearchSpaces.mobileFaceNet();
        assertThat(mfn.size()).isEqualTo(4L * 12 * 24 * 8 * 5 * 10 * 3);
        assertThat(mfn.dimension("blocks_1").kind()).isEqualTo(Kind.ORDINAL); // 1 unit = a lone depthwise conv: not a repeat
        assertThat(mfn.dimension("blocks_2").kind()).isEqualTo(Kind.REPEAT);
        assertThat(SearchSpaces.names()).containsExactly("polyface", "polyface-paper", "mobilefacenet");
    }

    @Test
    void jsonRoundTripAndFileForm(@TempDir Path dir) throws Exception {
        for (String name : SearchSpaces.names()) {
            SearchSpace s = SearchSpaces.get(name);
            SearchSpace back = SearchSpaces.JSON.fromJson(SearchSpaces.JSON.toPrettyJson(s));
            assertThat(back.size()).isEqualTo(s.size());
            assertThat(SearchSpaces.JSON.toPrettyJson(back)).isEqualTo(SearchSpaces.JSON.toPrettyJson(s));
            assertThat(back.values(new int[s.dimensions().size()])).isEqualTo(s.values(new int[s.dimensions().size()]));
        }
        Path file = dir.resolve("paper.json");
        SearchSpaces.JSON.write(SearchSpaces.polyfacePaper(), file);
        assertThat(SearchSpaces.get(file.toString()).name()).isEqualTo("polyface-paper");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void invalidSpacesAreRejectedWithTheReason() {
        String ok = SearchSpaces.JSON.toPrettyJson(SearchSpaces.polyfacePaper());
        assertThatThrownBy(() -> SearchSpaces.JSON.fromJson(ok.replace("\"depth_c\"", "\"depth_x\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no setting 'depth_x'");
        assertThatThrownBy(() -> SearchSpaces.JSON.fromJson(ok.replace("\"name\" : \"width\",\n    \"kind\" : \"ordinal\"",
                "\"name\" : \"width\",\n    \"kind\" : \"repeat\"")))
                .hasMessageContaining("'width' is not a count of identical units");
        assertThatThrownBy(() -> SearchSpaces.JSON.fromJson(ok.replace("\"resolution\" : 235", "\"resolution\" : 0")))
                .hasMessageContaining("needs a reference value > 0");
        assertThatThrownBy(() -> Dimension.of("width", Kind.ORDINAL, Role.WIDTH, 1.0, 0.5))
                .hasMessageContaining("increasing order");
        assertThatThrownBy(() -> Dimension.of("block_a", Kind.CATEGORICAL, Role.DEPTH, "poly-2"))
                .hasMessageContaining("cannot have the scaling role depth");
        assertThatThrownBy(() -> SearchSpaces.get("resnet-space")).hasMessageContaining("unknown search space 'resnet-space'");
        assertThatThrownBy(() -> SearchSpaces.get("missing/space.json")).hasMessageContaining("no such search space file");
    }

    @Test
    void fixingSettingsNamesTheSubSpace() {
        SearchSpace s = SearchSpaces.get("mobilefacenet[embedding=128,expansion=2]");
        assertThat(s.name()).isEqualTo("mobilefacenet[embedding=128,expansion=2]");
        assertThat(s.dimension("embedding").values()).containsExactly(128);
        assertThat(s.size()).isEqualTo(4L * 12 * 24 * 8 * 10);
        assertThat(SearchSpaces.get(s.name()).dimensions()).isEqualTo(s.dimensions());
        assertThat(SearchSpaces.polyface().fix("block_a", "poly-2").fix("width", 1).name())
                .isEqualTo("polyface[block_a=poly-2,width=1.0]");
        assertThatThrownBy(() -> SearchSpaces.get("mobilefacenet[embedding=100]")).hasMessageContaining("value 100 is not in dimension 'embedding'");
        assertThatThrownBy(() -> SearchSpaces.get("mobilefacenet[embedding]")).hasMessageContaining("expected setting=value");
    }

    @Test
    void pointsMapToSettingsAndBack() {
        SearchSpace s = SearchSpaces.polyfacePaper();
        Map<String, Object> v = s.values(s.indexOf(Map.of("depth_a", 23, "depth_b", 38, "depth_c", 23, "resolution", 235,
                "block_a", "first-order", "block_b", "first-order", "block_c", "first-order", "width", 1, "embedding", 256)));
        assertThat(v).containsEntry("depth_b", 38).containsEntry("resolution", 235).containsEntry("width", 1.0);
        assertThatThrownBy(() -> s.indexOf(Map.of("depth_a", 23))).hasMessageContaining("lacks the setting 'depth_b'");
        assertThatThrownBy(() -> s.values(new int[] {0, 0, 40, 0, 0, 0, 0, 0, 0})).hasMessageContaining("out of range for dimension 'depth_c'");
    }
}

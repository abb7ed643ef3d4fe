package io.polyface.core.util;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link OrderedMaps#of}: order, nulls, mutability and the refusals. */
class OrderedMapsTest {

    @Test
    void keepsTheOrderGivenAndNullValues() {
        Map<String, Object> m = OrderedMaps.of("z", 1, "a", 2.5, "m", null, "b", List.of(1, 2));
        assertThat(new ArrayList<>(m.keySet())).containsExactly("z", "a", "m", "b");
        assertThat(new ArrayList<>(m.values())).isEqualTo(Arrays.asList(1, 2.5, null, List.of(1, 2)));
    }

    @Test
    void isMutableSoThatCallersCanAddEntries() {
        Map<String, Object> m = OrderedMaps.of("type", "params");
        m.put("max", 3L);
        assertThat(m).containsExactly(Map.entry("type", "params"), Map.entry("max", 3L));
        assertThat(OrderedMaps.of()).isEmpty();
    }

    @Test
    void refusesWhatIsNotKeyValuePairs() {
        assertThatThrownBy(() -> OrderedMaps.of("a", 1, "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd number of arguments: 3");
        assertThatThrownBy(() -> OrderedMaps.of("a", 1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key 1 must be a String, got 2");
        assertThatThrownBy(() -> OrderedMaps.of("a", 1, "a", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key 'a' given twice");
    }
}

package io.polyface.train.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelMapTest {

    @Test
    void naturalOrderComparesDigitRunsByValue() {
        List<String> names = new ArrayList<>(List.of("s10", "s2", "s1", "s20", "s3", "s100", "a", "s02", "9.pgm", "10.pgm"));
        Collections.shuffle(names, new java.util.Random(1));
        names.sort(NaturalOrder.INSTANCE);
        assertThat(names).containsExactly("9.pgm", "10.pgm", "a", "s1", "s02", "s2", "s3", "s10", "s20", "s100");
    }

    @Test
    void naturalOrderIsConsistentWithEquals() {
        assertThat(NaturalOrder.INSTANCE.compare("x007", "x7")).isNotZero();
        assertThat(NaturalOrder.INSTANCE.compare("x7", "x7")).isZero();
        assertThat(Integer.signum(NaturalOrder.INSTANCE.compare("x007", "x7")))
                .isEqualTo(-Integer.signum(NaturalOrder.INSTANCE.compare("x7", "x007")));
    }

    @Test
    void labelsAreNumberedContiguouslyInNaturalOrder() {
        LabelMap map = LabelMap.of(List.of("s10", "s2", "s1", "s2", "s10"));
        assertThat(map.size()).isEqualTo(3);
        assertThat(map.names()).containsExactly("s1", "s2", "s10");
        assertThat(map.indexOf("s10")).isEqualTo(2);
        assertThat(map.name(1)).isEqualTo("s2");
        assertThat(LabelMap.ofOrdered(map.names())).isEqualTo(map);
    }

    @Test
    void recordIoStyleNumericLabelsKeepTheirValues() {
        LabelMap map = LabelMap.of(List.of("3", "0", "11", "2", "1"));
        assertThat(map.names()).containsExactly("0", "1", "2", "3", "11");
        assertThat(map.indexOf("3")).isEqualTo(3);
    }

    @Test
    void badLabelsAreRefused() {
        assertThatThrownBy(() -> LabelMap.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabelMap.of(List.of("a", " "))).hasMessageContaining("non-blank");
        assertThatThrownBy(() -> LabelMap.ofOrdered(List.of("a", "a"))).hasMessageContaining("occurs twice");
        assertThatThrownBy(() -> LabelMap.of(List.of("a")).indexOf("b")).hasMessageContaining("'b' is not one of the 1 classes");
    }
}

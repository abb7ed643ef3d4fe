package io.polyface.aggregation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregationMethodTest {

    @Test
    void parsesCommandLineNamesAndCreatesTheMatchingAggregator() {
        for (AggregationMethod m : AggregationMethod.values()) {
            assertThat(AggregationMethod.parse(m.cliName().toUpperCase())).isEqualTo(m);
            for (boolean normalize : new boolean[] {true, false}) {
                Aggregator a = m.create(normalize);
                assertThat(a.method()).isEqualTo(m);
                assertThat(a.normalize()).isEqualTo(normalize);
            }
        }
        assertThat(AggregationMethod.QANPP.create(false)).isInstanceOf(QanPlusPlus.class);
    }

    @Test
    void unknownNameListsTheChoices() {
        assertThatThrownBy(() -> AggregationMethod.parse("median"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'median'")
                .hasMessageContaining("mean, qan, qanpp, ijb");
    }
}

package io.polyface.bench.routes;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnedStatesTest {

    @Test
    void releasesLastSetUpFirst() throws IOException {
        List<String> log = new ArrayList<>();
        OwnedStates owned = new OwnedStates();
        assertThat(owned.own("a", () -> log.add("a"))).isEqualTo("a");
        AutoCloseable b = () -> log.add("b");
        assertThat(owned.own(b)).isSameAs(b);
        owned.close();
        assertThat(log).containsExactly("b", "a");
        owned.close(); // nothing left
        assertThat(log).hasSize(2);
    }

    @Test
    void triesEveryReleaseAndThrowsTheFirstFailureWithTheOthersSuppressed() {
        List<String> log = new ArrayList<>();
        OwnedStates owned = new OwnedStates();
        owned.own("a", () -> log.add("a"));
        owned.own("b", () -> {
            throw new InterruptedException("b failed");
        });
        owned.own("c", () -> {
            throw new IllegalStateException("c failed");
        });
        assertThatThrownBy(owned::close).isInstanceOf(IllegalStateException.class).hasMessage("c failed")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(log).containsExactly("a");

        OwnedStates checked = new OwnedStates();
        checked.own("x", () -> {
            throw new Exception("x failed");
        });
        assertThatThrownBy(checked::close).isInstanceOf(IOException.class).hasMessageContaining("x failed")
                .hasCauseInstanceOf(Exception.class);
    }
}

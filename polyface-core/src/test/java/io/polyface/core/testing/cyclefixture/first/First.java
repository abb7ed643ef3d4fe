package io.polyface.core.testing.cyclefixture.first;

import io.polyface.core.testing.cyclefixture.second.Second;

/** Half of a deliberate package cycle, for {@code PackageCyclesTest}. */
public final class First {

    private First() {}

    /** @return a value through the other package */
    public static int value() {
        return Second.one();
    }
}

package io.polyface.core.testing.cyclefixture.second;

import io.polyface.core.testing.cyclefixture.first.First;

/** The other half of a deliberate package cycle, for {@code PackageCyclesTest}. */
public final class Second {

    private Second() {}

    /** @return one */
    public static int one() {
        return 1;
    }

    /** @return a value through the other package */
    public static int back() {
        return First.value();
    }
}

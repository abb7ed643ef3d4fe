package io.polyface.core.util;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The PyTorch engine loads offline from the Maven Central natives, and ../shared is found. */
class EngineSmokeTest {

    @Test
    void pytorchEngineRunsOffline() {
        assertThat(Engine.getInstance().getEngineName()).isEqualTo("PyTorch");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3});
            assertThat(a.mul(2).toFloatArray()).containsExactly(2f, 4f, 6f);
        }
    }

    @Test
    void sharedFolderIsFound() {
        assertThat(SharedResources.resolve("spec/architectures.md")).exists();
    }
}

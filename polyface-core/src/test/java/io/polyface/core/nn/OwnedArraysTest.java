package io.polyface.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Java data written into engine arrays: {@link OwnedArrays#assign} copies into the array's own storage, where DJL's
 * {@code set(Buffer)} swaps the storage for a Java direct buffer (issue 15: parameters, batch-norm statistics and
 * momentum buffers were left in memory the garbage collector frees, and views taken before no longer saw them).
 */
class OwnedArraysTest {

    @Test
    void assignWritesIntoTheArraysOwnStorageSoEarlierViewsSeeTheValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weight = m.zeros(new Shape(2, 3, 1, 1));
            NDArray view = weight.reshape(new Shape(6)); // what a parameter store hands to the forward pass
            OwnedArrays.assign(weight, new float[] {1, 2, 3, 4, 5, 6});
            assertThat(weight.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(view.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            weight.muli(2); // later in-place updates (SGD, running statistics) still reach the view
            assertThat(view.toFloatArray()).containsExactly(2, 4, 6, 8, 10, 12);
        }
    }

    @Test
    void djlSetBufferSwapsTheStorageWhichIsWhyNothingInPolyFaceCallsIt() {
        // characterises DJL 0.36 on the PyTorch engine (torchSet = Tensor.set_ over the direct buffer): if this ever
        // fails, DJL copies now and OwnedArrays.assign is merely equivalent
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weight = m.zeros(new Shape(4));
            NDArray view = weight.reshape(new Shape(4));
            weight.set(FloatBuffer.wrap(new float[] {1, 2, 3, 4}));
            assertThat(weight.toFloatArray()).containsExactly(1, 2, 3, 4);
            assertThat(view.toFloatArray()).containsExactly(0, 0, 0, 0);
        }
    }

    @Test
    void ownedCopiesAndAssignmentsCheckTheirInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = OwnedArrays.of(m, new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            assertThat(a.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(a.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            assertThatThrownBy(() -> OwnedArrays.of(m, new float[5], new Shape(2, 3))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("holds 6 values, got 5");
            assertThatThrownBy(() -> OwnedArrays.assign(a, new float[7])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("holds 6 values, got 7");
            assertThatThrownBy(() -> OwnedArrays.assign(m.zeros(new Shape(2), DataType.INT32), new float[2]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float32");
        }
    }
}

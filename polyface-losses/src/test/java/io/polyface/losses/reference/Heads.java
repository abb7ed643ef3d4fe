package io.polyface.losses.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.polyface.losses.head.MarginHead;

/** Builds margin heads holding given centres, for the tests. */
public final class Heads {

    private Heads() {}

    /** A head initialised in {@code manager} with {@code type} and its centres set to {@code centres}. */
    public static MarginHead withCentres(NDManager manager, float[][] centres, DataType type) {
        MarginHead head = MarginHead.builder()
                .setNumClasses(centres.length)
                .setEmbeddingSize(centres[0].length)
                .build();
        head.initialize(manager, type, new Shape(1, centres[0].length));
        setCentres(head, Arrays2.create(manager, centres, type));
        return head;
    }

    /** Overwrites the centre values in place (the parameter array keeps its gradient). */
    public static void setCentres(MarginHead head, NDArray values) {
        NDArray w = head.getCentres().getArray();
        if (w.getDataType() == DataType.FLOAT64) {
            w.set(values.toType(DataType.FLOAT64, false).toDoubleArray());
        } else {
            w.set(values.toType(DataType.FLOAT32, false).toFloatArray());
        }
    }

    /** The head's output for {@code embeddings} (no training). */
    public static NDList forward(MarginHead head, NDArray embeddings) {
        return head.forward(new ParameterStore(embeddings.getManager(), false), new NDList(embeddings), false);
    }
}

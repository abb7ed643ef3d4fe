package io.polyface.train.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.polyface.core.nn.OwnedArrays;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Copies parameter values between the engine and host memory by stable name ({@link ParameterNames}):
 * what checkpoints store and restore. Restoring writes into the existing arrays, so their gradient
 * attachment (and any view of them) is kept.
 */
public final class ParameterValues {

    private ParameterValues() {}

    /**
     * @param parameters parameters by name
     * @return their current values as float32 host copies, in the map's order
     */
    public static List<NamedTensor> snapshot(Map<String, Parameter> parameters) {
        List<NamedTensor> out = new ArrayList<>(parameters.size());
        parameters.forEach((name, p) -> {
            NDArray a = p.getArray();
            out.add(new NamedTensor(name, a.getShape().getShape(), a.toType(DataType.FLOAT32, false).toFloatArray()));
        });
        return out;
    }

    /**
     * @param lists host copies of parameters
     * @return {@code "NAME holds VALUE"} for the first NaN or infinite value, or null if all are finite
     */
    @SafeVarargs
    public static String firstNonFinite(List<NamedTensor>... lists) {
        for (List<NamedTensor> list : lists) {
            for (NamedTensor nt : list) {
                for (float v : nt.values()) {
                    if (!Float.isFinite(v)) {
                        return nt.name() + " holds " + v;
                    }
                }
            }
        }
        return null;
    }

    /**
     * Writes saved values into parameters; every parameter must have a saved array of its shape (extra
     * saved arrays are ignored).
     *
     * @param saved saved values by name
     * @param parameters the parameters to fill, by name
     * @param source where the values came from, for messages
     * @throws IllegalArgumentException naming the source and the parameter if one is missing or has another shape
     */
    public static void load(Map<String, NamedTensor> saved, Map<String, Parameter> parameters, Path source) {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NamedTensor t = saved.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException(source + " has no array '" + e.getKey() + "'");
            }
            NDArray a = e.getValue().getArray();
            if (!Arrays.equals(t.shape(), a.getShape().getShape())) {
                throw new IllegalArgumentException(source + ": '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
                        + ", the network's is " + a.getShape());
            }
        }
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            OwnedArrays.assign(e.getValue().getArray(), saved.get(e.getKey()).values());
        }
    }
}

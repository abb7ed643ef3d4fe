package io.polyface.train.checkpoint;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.polyface.core.nn.SpecNetwork;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stable parameter names for checkpoints: {@code LAYER.PARAM}, the spec's layer name and the DJL
 * parameter's name ({@code conv1.conv.weight}, {@code conv1.bn.runningMean}, {@code conv1.prelu.alpha}),
 * in execution order; a parameter shared by several layers is named once, by its owner. The class
 * centres are {@value #CENTRES}. Names do not depend on DJL's block numbering, so a checkpoint
 * survives changes of the block builder that keep the spec.
 */
public final class ParameterNames {

    /** Name of the class-centre matrix {@code W [C, d]}. */
    public static final String CENTRES = "classifier.centres";

    private ParameterNames() {}

    /**
     * Names every parameter of a network (trainable or not).
     *
     * @param network the network
     * @return name to parameter, in execution order
     * @throws IllegalStateException if a parameter belongs to no spec layer (a block builder bug)
     */
    public static Map<String, Parameter> of(SpecNetwork network) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        for (Map.Entry<String, Block> layer : network.layers().entrySet()) {
            for (Pair<String, Parameter> p : layer.getValue().getDirectParameters()) {
                if (seen.put(p.getValue(), Boolean.TRUE) == null) {
                    out.put(layer.getKey() + "." + p.getValue().getName(), p.getValue());
                }
            }
        }
        for (Pair<String, Parameter> p : network.block().getParameters()) {
            if (!seen.containsKey(p.getValue())) {
                throw new IllegalStateException("parameter " + p.getKey() + " of " + network.spec().name()
                        + " belongs to no spec layer; cannot name it stably");
            }
        }
        return out;
    }
}

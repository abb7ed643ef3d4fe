package io.polyface.core.arch;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One node of an architecture spec: a typed layer or a composite of nodes. Specs are immutable and
 * engine-free; walkers turn them into shapes ({@link ShapeInference}), FLOPs and parameter counts
 * ({@code io.polyface.core.flops}), DJL blocks ({@code io.polyface.core.nn}) and ONNX graphs. Adding a
 * node type means one case in each walker, found by the compiler through this sealed hierarchy.
 *
 * <p>Every node has a {@link #name()} unique within its {@link ArchSpec}; layer names become parameter
 * names in DJL and ONNX. In JSON a node is an object with a {@code "type"} field naming its kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Conv2d.class, name = "conv2d"),
    @JsonSubTypes.Type(value = BatchNorm.class, name = "batchnorm"),
    @JsonSubTypes.Type(value = Relu.class, name = "relu"),
    @JsonSubTypes.Type(value = PRelu.class, name = "prelu"),
    @JsonSubTypes.Type(value = MaxPool.class, name = "maxpool"),
    @JsonSubTypes.Type(value = GlobalAvgPool.class, name = "global_avg_pool"),
    @JsonSubTypes.Type(value = Dropout.class, name = "dropout"),
    @JsonSubTypes.Type(value = Flatten.class, name = "flatten"),
    @JsonSubTypes.Type(value = Linear.class, name = "linear"),
    @JsonSubTypes.Type(value = Resize.class, name = "resize"),
    @JsonSubTypes.Type(value = Crop.class, name = "crop"),
    @JsonSubTypes.Type(value = PixelScale.class, name = "pixel_scale"),
    @JsonSubTypes.Type(value = Sequential.class, name = "sequential"),
    @JsonSubTypes.Type(value = Concat.class, name = "concat"),
    @JsonSubTypes.Type(value = Residual.class, name = "residual"),
    @JsonSubTypes.Type(value = PolyResidual.class, name = "poly_residual"),
})
public sealed interface Node
        permits Conv2d, BatchNorm, Relu, PRelu, MaxPool, GlobalAvgPool, Dropout, Flatten, Linear, Resize, Crop,
                PixelScale, Sequential, Concat, Residual, PolyResidual {

    /** @return the node's name, unique within its spec */
    String name();

    /**
     * Dispatches to the visitor method for this node's type.
     *
     * @param visitor the walker
     * @param <R> its result type
     * @return the walker's result
     */
    <R> R accept(NodeVisitor<R> visitor);

    /**
     * Checks a node name.
     *
     * @param name the name
     * @param kind the node kind, for the message
     * @return the name
     * @throws IllegalArgumentException if null or blank
     */
    static String requireName(String name, String kind) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(kind + " needs a non-blank name");
        }
        return name;
    }
}

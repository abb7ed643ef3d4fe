package io.polyface.core.arch;

/**
 * A walker over the node types of a spec (one method per type). Adding a node type adds a method here,
 * so the compiler finds every walker that must handle it.
 *
 * @param <R> the result type
 */
public interface NodeVisitor<R> {
    /**
     * @param conv2d the node
     * @return the result
     */
    R visitConv2d(Conv2d conv2d);

    /**
     * @param batchNorm the node
     * @return the result
     */
    R visitBatchNorm(BatchNorm batchNorm);

    /**
     * @param relu the node
     * @return the result
     */
    R visitRelu(Relu relu);

    /**
     * @param pRelu the node
     * @return the result
     */
    R visitPRelu(PRelu pRelu);

    /**
     * @param maxPool the node
     * @return the result
     */
    R visitMaxPool(MaxPool maxPool);

    /**
     * @param globalAvgPool the node
     * @return the result
     */
    R visitGlobalAvgPool(GlobalAvgPool globalAvgPool);

    /**
     * @param dropout the node
     * @return the result
     */
    R visitDropout(Dropout dropout);

    /**
     * @param flatten the node
     * @return the result
     */
    R visitFlatten(Flatten flatten);

    /**
     * @param linear the node
     * @return the result
     */
    R visitLinear(Linear linear);

    /**
     * @param resize the node
     * @return the result
     */
    R visitResize(Resize resize);

    /**
     * @param crop the node
     * @return the result
     */
    R visitCrop(Crop crop);

    /**
     * @param pixelScale the node
     * @return the result
     */
    R visitPixelScale(PixelScale pixelScale);

    /**
     * @param sequential the node
     * @return the result
     */
    R visitSequential(Sequential sequential);

    /**
     * @param concat the node
     * @return the result
     */
    R visitConcat(Concat concat);

    /**
     * @param residual the node
     * @return the result
     */
    R visitResidual(Residual residual);

    /**
     * @param polyResidual the node
     * @return the result
     */
    R visitPolyResidual(PolyResidual polyResidual);

}

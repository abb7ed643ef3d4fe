package io.polyface.core.arch;

/**
 * 2-D convolution, NCHW. Output size per axis: ⌊(in + 2·pad − kernel) / stride⌋ + 1.
 *
 * @param name unique name
 * @param outChannels output channels
 * @param kernelH kernel height
 * @param kernelW kernel width
 * @param strideH vertical stride
 * @param strideW horizontal stride
 * @param padH symmetric vertical zero padding
 * @param padW symmetric horizontal zero padding
 * @param groups channel groups (input and output channels must both divide by it; depthwise: groups = C)
 * @param bias whether the layer has a bias
 * @param sharedWith {@code null}, or the name of an earlier convolution whose weights this one reuses
 *     (PolyNet's poly-N modules); a shared convolution counts FLOPs but no parameters
 */
public record Conv2d(String name, int outChannels, int kernelH, int kernelW, int strideH, int strideW,
                     int padH, int padW, int groups, boolean bias, String sharedWith) implements Node {

    /** Validates the settings. */
    public Conv2d {
        Node.requireName(name, "conv2d");
        if (outChannels <= 0 || kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0 || groups <= 0
                || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("conv2d '" + name + "': channels, kernel, stride and groups must be > 0 and"
                    + " padding >= 0, got out=" + outChannels + " kernel=" + kernelH + "x" + kernelW + " stride="
                    + strideH + "x" + strideW + " pad=" + padH + "x" + padW + " groups=" + groups);
        }
        if (outChannels % groups != 0) {
            throw new IllegalArgumentException("conv2d '" + name + "': output channels " + outChannels
                    + " are not divisible by groups " + groups);
        }
    }

    /**
     * A square, bias-free convolution {@code k/s/p in→out} in the spec's notation.
     *
     * @param name unique name
     * @param out output channels
     * @param k kernel size
     * @param s stride
     * @param p padding
     * @return the layer
     */
    public static Conv2d of(String name, int out, int k, int s, int p) {
        return new Conv2d(name, out, k, k, s, s, p, p, 1, false, null);
    }

    /**
     * A rectangular bias-free convolution, e.g. 7×1 with padding (3, 0).
     *
     * @param name unique name
     * @param out output channels
     * @param kh kernel height
     * @param kw kernel width
     * @param ph vertical padding
     * @param pw horizontal padding
     * @return the layer (stride 1)
     */
    public static Conv2d rect(String name, int out, int kh, int kw, int ph, int pw) {
        return new Conv2d(name, out, kh, kw, 1, 1, ph, pw, 1, false, null);
    }

    /**
     * @param g groups
     * @return a copy with {@code groups = g}
     */
    public Conv2d withGroups(int g) {
        return new Conv2d(name, outChannels, kernelH, kernelW, strideH, strideW, padH, padW, g, bias, sharedWith);
    }

    /**
     * @param newName name of the copy
     * @param owner the convolution whose weights the copy reuses
     * @return a copy named {@code newName} that shares {@code owner}'s weights
     */
    public Conv2d sharing(String newName, String owner) {
        return new Conv2d(newName, outChannels, kernelH, kernelW, strideH, strideW, padH, padW, groups, bias, owner);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitConv2d(this);
    }
}

package io.polyface.core.arch.preset;

import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.Relu;
import io.polyface.core.arch.Sequential;

/** Small factories for the conv–BN–activation patterns the presets share. Names are {@code prefix.conv} etc. */
final class Layers {

    private Layers() {}

    /** Activation after a conv+BN. */
    enum Act { NONE, RELU, PRELU }

    /**
     * conv (no bias) → BN → activation, as one sequential named {@code prefix}.
     *
     * @param prefix name of the sequential; layers are {@code prefix.conv}, {@code prefix.bn}, {@code prefix.act}
     * @param conv the convolution (its name is replaced)
     * @param eps BN ε
     * @param act activation
     * @return the sequential
     */
    static Sequential convBn(String prefix, Conv2d conv, double eps, Act act) {
        Conv2d c = new Conv2d(prefix + ".conv", conv.outChannels(), conv.kernelH(), conv.kernelW(), conv.strideH(),
                conv.strideW(), conv.padH(), conv.padW(), conv.groups(), conv.bias(), conv.sharedWith());
        BatchNorm bn = BatchNorm.of(prefix + ".bn", eps);
        return switch (act) {
            case NONE -> Sequential.of(prefix, c, bn);
            case RELU -> Sequential.of(prefix, c, bn, new Relu(prefix + ".relu"));
            case PRELU -> Sequential.of(prefix, c, bn, new PRelu(prefix + ".prelu"));
        };
    }

    /**
     * @param out output channels
     * @param k kernel
     * @param s stride
     * @param p padding
     * @return an unnamed square bias-free conv (named later by {@link #convBn})
     */
    static Conv2d conv(int out, int k, int s, int p) {
        return Conv2d.of("_", out, k, s, p);
    }

    /**
     * @param out output channels
     * @param kh kernel height
     * @param kw kernel width
     * @param ph vertical padding
     * @param pw horizontal padding
     * @return an unnamed rectangular bias-free conv, stride 1
     */
    static Conv2d rect(int out, int kh, int kw, int ph, int pw) {
        return Conv2d.rect("_", out, kh, kw, ph, pw);
    }

    /**
     * @param node a node
     * @return its name (helper for readability)
     */
    static String nameOf(Node node) {
        return node.name();
    }
}

package io.polyface.core.arch;

/**
 * Square max-pooling. Output size per axis: ⌊(in + 2p − k)/s⌋ + 1, or with ceil mode ⌈(in + 2p − k)/s⌉ + 1
 * reduced by one if the last window would start in the padding (PyTorch's rule).
 *
 * @param name unique name
 * @param kernel window size k
 * @param stride stride s
 * @param padding padding p
 * @param ceilMode whether output sizes round up
 */
public record MaxPool(String name, int kernel, int stride, int padding, boolean ceilMode) implements Node {
    /** Validates the settings. */
    public MaxPool {
        Node.requireName(name, "maxpool");
        if (kernel <= 0 || stride <= 0 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("maxpool '" + name + "': needs kernel, stride > 0 and 0 <= padding <= kernel/2, got k="
                    + kernel + " s=" + stride + " p=" + padding);
        }
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitMaxPool(this);
    }
}

package io.polyface.train.data;

/**
 * One prepared batch in host memory, ready to become an engine array.
 *
 * @param step the step (or, for a sequential plan, the batch number) it belongs to
 * @param pixels {@code [n, 3, H, W]} normalised floats, row-major
 * @param labels the class index of each of the {@code n} samples
 * @param indices the dataset index of each sample
 * @param skipped how many images of the planned batch were corrupt and left out (non-strict mode)
 */
public record HostBatch(long step, float[] pixels, int[] labels, int[] indices, int skipped) {

    /** @return {@code n}, the number of samples */
    public int size() {
        return labels.length;
    }
}

package io.polyface.train.data;

import io.polyface.core.util.OrderedMaps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a dataset by identity into a training part and a held-out part whose identities are never
 * trained on (for verification during training, as the LFR protocol evaluates unseen people). The
 * held-out identities are the <em>last</em> {@code K} classes in the dataset's label order
 * ({@link NaturalOrder} of the original labels), so holding out 10 of ORL's {@code s1..s40} keeps
 * {@code s31..s40}. Each part numbers its classes contiguously from 0 again, in the same order.
 *
 * @param train the training identities, {@code C − K} classes
 * @param heldOut the held-out identities, {@code K} classes; {@code null} when {@code K = 0}
 */
public record IdentitySplit(FaceDataset train, FaceDataset heldOut) {

    /**
     * Holds out the last {@code K} identities.
     *
     * @param dataset the full dataset (closing either part does not close it)
     * @param heldOutIdentities {@code K}, in {@code [0, C − 2]} (training needs two classes); a held-out
     *     part needs {@code K >= 2} for impostor pairs
     * @return the split
     * @throws IllegalArgumentException if {@code K} is out of range (naming {@code C})
     */
    public static IdentitySplit holdOutLast(FaceDataset dataset, int heldOutIdentities) {
        int classes = dataset.labels().size();
        if (heldOutIdentities == 0) {
            return new IdentitySplit(dataset, null);
        }
        if (heldOutIdentities < 2 || heldOutIdentities > classes - 2) {
            throw new IllegalArgumentException("held-out identities must be 0 or in [2, " + (classes - 2) + "] for "
                    + classes + " identities (two for impostor pairs, two left to train on), got " + heldOutIdentities);
        }
        int firstHeldOut = classes - heldOutIdentities;
        List<Integer> trainIdx = new ArrayList<>();
        List<Integer> heldIdx = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i++) {
            (dataset.label(i) < firstHeldOut ? trainIdx : heldIdx).add(i);
        }
        return new IdentitySplit(new IdentitySubset(dataset, trainIdx, 0, firstHeldOut),
                new IdentitySubset(dataset, heldIdx, firstHeldOut, classes));
    }

    /**
     * @return the image and identity counts, for reports: {@code identities}, {@code images} (both
     *     parts), {@code train_identities}, {@code train_images}, {@code heldout_identities},
     *     {@code heldout_images} (0 without a held-out part)
     */
    public Map<String, Object> counts() {
        int heldIds = heldOut == null ? 0 : heldOut.labels().size();
        int heldImages = heldOut == null ? 0 : heldOut.size();
        return OrderedMaps.of("identities", train.labels().size() + heldIds, "images", train.size() + heldImages,
                "train_identities", train.labels().size(), "train_images", train.size(), "heldout_identities", heldIds,
                "heldout_images", heldImages);
    }

    /** The images of a contiguous range of classes of a parent dataset, renumbered from 0. */
    private static final class IdentitySubset implements FaceDataset {
        private final FaceDataset parent;
        private final int[] indices;
        private final int classOffset;
        private final LabelMap labels;

        IdentitySubset(FaceDataset parent, List<Integer> indices, int fromClass, int toClass) {
            this.parent = parent;
            this.indices = indices.stream().mapToInt(Integer::intValue).toArray();
            this.classOffset = fromClass;
            this.labels = LabelMap.ofOrdered(parent.labels().names().subList(fromClass, toClass));
        }

        @Override
        public int size() {
            return indices.length;
        }

        @Override
        public int label(int index) {
            return parent.label(indices[index]) - classOffset;
        }

        @Override
        public LabelMap labels() {
            return labels;
        }

        @Override
        public byte[] read(int index) throws IOException {
            return parent.read(indices[index]);
        }

        @Override
        public String locate(int index) {
            return parent.locate(indices[index]);
        }

        @Override
        public String description() {
            return parent.description() + ", identities " + labels.name(0) + ".." + labels.name(labels.size() - 1)
                    + " (" + labels.size() + " identities, " + indices.length + " images)";
        }
    }
}

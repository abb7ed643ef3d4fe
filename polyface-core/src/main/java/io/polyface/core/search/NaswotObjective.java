package io.polyface.core.search;

import io.polyface.core.util.OrderedMaps;

import java.util.Map;

/**
 * The zero-cost objective: a candidate's {@link Naswot} score on a few batches of real face images, with
 * weights initialised from the search's seed. Expensive (a network build and forward passes per candidate),
 * so searches with it evaluate tens to hundreds of candidates, not millions.
 */
public final class NaswotObjective implements Objective {

    private final ImageBatchSource images;
    private final int batchSize;
    private final int batches;

    private NaswotObjective(Builder b) {
        this.images = b.images;
        this.batchSize = b.batchSize;
        this.batches = b.batches;
    }

    /** @return a builder (batch size 32, 2 batches) */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return "naswot";
    }

    @Override
    public double score(Candidate candidate, SearchContext context) {
        return Naswot.score(candidate.spec(), images, batchSize, batches, context.seed()).score();
    }

    @Override
    public boolean expensive() {
        return true;
    }

    @Override
    public Map<String, Object> provenance() {
        return OrderedMaps.of("id", id(),
                "paper", "Mellor et al., Neural Architecture Search without Training, ICML 2021",
                "batch_size", batchSize, "batches", batches);
    }

    /** Builder. */
    public static final class Builder {
        private ImageBatchSource images;
        private int batchSize = 32;
        private int batches = 2;

        Builder() {}

        /**
         * @param images real face images (required)
         * @return this
         */
        public Builder setImages(ImageBatchSource images) {
            this.images = images;
            return this;
        }

        /**
         * @param batchSize images per batch, ≥ 2 (default 32)
         * @return this
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param batches batches averaged, ≥ 1 (default 2)
         * @return this
         */
        public Builder optBatches(int batches) {
            this.batches = batches;
            return this;
        }

        /**
         * @return the objective
         * @throws IllegalArgumentException without images, or for a batch size &lt; 2 or fewer than one batch
         */
        public NaswotObjective build() {
            if (images == null) {
                throw new IllegalArgumentException("the zero-cost objective needs face images (setImages)");
            }
            if (batchSize < 2 || batches < 1) {
                throw new IllegalArgumentException("the zero-cost objective needs batch size >= 2 and batches >= 1, got "
                        + batchSize + " and " + batches);
            }
            return new NaswotObjective(this);
        }
    }
}

package io.polyface.core.search;

import io.polyface.core.util.OrderedMaps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compound-scaling prior: use as much of the FLOPs budget as possible, with depth, width and resolution
 * scaled in EfficientNet's balance (Tan &amp; Le, "EfficientNet: Rethinking Model Scaling for Convolutional
 * Neural Networks", ICML 2019, §3.3, Eq. 3: depth d = α^φ, width w = β^φ, resolution r = γ^φ with the grid-searched
 * α = 1.2, β = 1.1, γ = 1.15 of §4, the defaults here).
 *
 * <p>For a candidate, every dimension of the space that scales depth, width or resolution and has more than
 * one value gets its own compound coefficient φᵢ = ln(vᵢ / vᵢ⁰) / ln kᵢ, where vᵢ⁰ is the space's reference
 * value and kᵢ is α, β or γ by the dimension's role (each stage's depth counts as its own dimension, so a
 * balanced candidate also keeps the reference's depth ratio between stages). EfficientNet's balance is
 * φᵢ equal for all i; the imbalance is their standard deviation σ = √(Σᵢ (φᵢ − φ̄)² / m). The score is
 *
 * <pre>  score = FLOPs / budget − λ·σ     (λ = 0.01 by default)</pre>
 *
 * so budget use dominates (one unit of σ, i.e. one EfficientNet scaling step out of balance, costs as much as
 * 1% of the budget) and balance decides between candidates that use the budget about equally. Dimensions
 * without a scaling role (embedding size, block type) do not enter σ. Cheap and deterministic.
 */
public final class CompoundScalingPrior implements Objective {

    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double imbalanceWeight;

    private CompoundScalingPrior(Builder b) {
        this.alpha = b.alpha;
        this.beta = b.beta;
        this.gamma = b.gamma;
        this.imbalanceWeight = b.imbalanceWeight;
    }

    /** @return a builder with EfficientNet's exponents and λ = 0.01 */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return "prior";
    }

    @Override
    public double score(Candidate candidate, SearchContext context) {
        double use = context.budget().use(candidate.cost().flops(context.budget().convention()));
        return use - imbalanceWeight * imbalance(candidate);
    }

    /**
     * @param candidate a candidate
     * @return φᵢ per scaling dimension with more than one value, in dimension order
     */
    public Map<String, Double> coefficients(Candidate candidate) {
        Map<String, Double> phi = new LinkedHashMap<>();
        SearchSpace space = candidate.space();
        List<Integer> index = candidate.index();
        for (int i = 0; i < space.dimensions().size(); i++) {
            Dimension d = space.dimensions().get(i);
            if (d.role() == Dimension.Role.NONE || d.size() < 2) {
                continue;
            }
            double v = ((Number) d.value(index.get(i))).doubleValue();
            double ref = ((Number) space.reference().get(d.name())).doubleValue();
            double k = switch (d.role()) {
                case DEPTH -> alpha;
                case WIDTH -> beta;
                case RESOLUTION -> gamma;
                case NONE -> throw new IllegalStateException("unreachable");
            };
            phi.put(d.name(), Math.log(v / ref) / Math.log(k));
        }
        return phi;
    }

    /**
     * @param candidate a candidate
     * @return σ, the standard deviation of its {@link #coefficients} (0 with fewer than two)
     */
    public double imbalance(Candidate candidate) {
        Map<String, Double> phi = coefficients(candidate);
        if (phi.size() < 2) {
            return 0;
        }
        double sum = 0;
        for (double p : phi.values()) {
            sum += p;
        }
        double mean = sum / phi.size();
        double ss = 0;
        for (double p : phi.values()) {
            ss += (p - mean) * (p - mean);
        }
        return Math.sqrt(ss / phi.size());
    }

    @Override
    public boolean expensive() {
        return false;
    }

    @Override
    public Map<String, Object> provenance() {
        return OrderedMaps.of("id", id(), "alpha", alpha, "beta", beta, "gamma", gamma,
                "imbalance_weight", imbalanceWeight);
    }

    /** Builder. */
    public static final class Builder {
        private double alpha = 1.2;
        private double beta = 1.1;
        private double gamma = 1.15;
        private double imbalanceWeight = 0.01;

        Builder() {}

        /**
         * @param alpha depth base α &gt; 1 (EfficientNet: 1.2)
         * @param beta width base β &gt; 1 (1.1)
         * @param gamma resolution base γ &gt; 1 (1.15)
         * @return this
         */
        public Builder optExponents(double alpha, double beta, double gamma) {
            this.alpha = alpha;
            this.beta = beta;
            this.gamma = gamma;
            return this;
        }

        /**
         * @param lambda weight λ ≥ 0 of the imbalance σ (default 0.01)
         * @return this
         */
        public Builder optImbalanceWeight(double lambda) {
            this.imbalanceWeight = lambda;
            return this;
        }

        /**
         * @return the prior
         * @throws IllegalArgumentException unless α, β, γ &gt; 1 and λ ≥ 0 (all finite)
         */
        public CompoundScalingPrior build() {
            for (double k : new double[] {alpha, beta, gamma}) {
                if (!(k > 1) || !Double.isFinite(k)) {
                    throw new IllegalArgumentException("compound-scaling bases must be finite and > 1, got alpha=" + alpha
                            + " beta=" + beta + " gamma=" + gamma);
                }
            }
            if (!(imbalanceWeight >= 0) || !Double.isFinite(imbalanceWeight)) {
                throw new IllegalArgumentException("imbalance weight must be finite and >= 0, got " + imbalanceWeight);
            }
            return new CompoundScalingPrior(this);
        }
    }
}

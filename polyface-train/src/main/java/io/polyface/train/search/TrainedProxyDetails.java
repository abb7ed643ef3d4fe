package io.polyface.train.search;

import io.polyface.core.search.Evaluation;
import io.polyface.core.search.RerankDetails;
import io.polyface.train.eval.EvaluationResult;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The trained proxy's measurements in a search report ({@link io.polyface.core.search.SearchReport}): each re-ranked
 * candidate's {@link ProxyScore} as JSON under {@code trained_proxy}, and its held-out TAR at the proxy's FAR and
 * wall time (seconds) as two table columns.
 */
public final class TrainedProxyDetails implements RerankDetails {

    private final TrainedProxyObjective proxy;

    /** @param proxy the re-ranking objective whose measurements are reported */
    public TrainedProxyDetails(TrainedProxyObjective proxy) {
        if (proxy == null) {
            throw new IllegalArgumentException("proxy is required, got null");
        }
        this.proxy = proxy;
    }

    @Override
    public String jsonKey() {
        return "trained_proxy";
    }

    @Override
    public Optional<Map<String, Object>> json(Evaluation evaluation) {
        return proxy.measurement(evaluation.candidate()).map(ProxyScore::toJson);
    }

    @Override
    public String textHeader() {
        return String.format(Locale.ROOT, " %12s %8s", "TAR@" + EvaluationResult.farKey(proxy.config().far()), "seconds");
    }

    @Override
    public String textRow(Evaluation evaluation) {
        return proxy.measurement(evaluation.candidate()).map(p -> String.format(Locale.ROOT, " %12.4f %8.1f", p.tar(), p.seconds()))
                .orElse("");
    }
}

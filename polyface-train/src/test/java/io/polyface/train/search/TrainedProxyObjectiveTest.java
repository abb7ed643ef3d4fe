package io.polyface.train.search;

import io.polyface.core.flops.Convention;
import io.polyface.core.flops.FlopsCounter;
import io.polyface.core.search.FlopsBudget;
import io.polyface.core.search.Search;
import io.polyface.core.search.SearchResult;
import io.polyface.core.search.SearchSpaces;
import io.polyface.train.TestData;
import io.polyface.train.data.FaceDataset;
import io.polyface.train.stop.StopRequest;
import io.polyface.train.stop.StoppedException;
import io.polyface.train.testing.OneTorchThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Comparator;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trained proxy re-ranking the prior's top candidates of the MobileFaceNet space at 0.1 GFLOPs (LFR rule), trained
 * on ORL s1–s30 and scored on all pairs of the unseen s31–s40 (450 genuine, 4,500 impostor pairs).
 */
@ExtendWith(OneTorchThread.class)
class TrainedProxyObjectiveTest {

    private static final long BUDGET = 100_000_000L;
    private static final long SEED = 7;

    /** Small enough for a test (about 5 s per candidate on an idle 2-core CPU); the defaults train 30 steps of 32. */
    private static TrainedProxyConfig small() {
        return TrainedProxyConfig.builder().optSteps(8).optBatchSize(16).optBnRecalibrationBatches(4).optWorkers(1).build();
    }

    @Test
    void aStopRequestEndsTheMeasurementInsteadOfScoringAHalfTrainedProxy() throws Exception {
        try (FaceDataset orl = TestData.orl()) {
            StopRequest stop = new StopRequest();
            stop.request("SIGINT", 130);
            TrainedProxyObjective proxy = TrainedProxyObjective.builder().setData(orl).optConfig(small()).optStopRequest(stop).build();
            assertThatThrownBy(() -> proxy.measure(TestData.tinySpec(), SEED)).isInstanceOf(StoppedException.class)
                    .hasMessage("stopped by SIGINT while training the proxy of mobilefacenet-tiny (step 0 of 8; a search keeps no"
                            + " checkpoint and starts over)");
        }
    }

    @Test
    void reranksThePriorsTopCandidatesByHeldOutTarWithinTheBudgetDeterministically() throws Exception {
        try (FaceDataset orl = TestData.orl()) {
            TrainedProxyObjective proxy = TrainedProxyObjective.builder().setData(orl).optConfig(small()).build();
            SearchResult r = Search.builder().setSpace(SearchSpaces.get("mobilefacenet[embedding=128,expansion=1]"))
                    .setBudget(FlopsBudget.parse("0.1G", Convention.LFR)).optSeed(SEED).optRerank(proxy, 2)
                    .optProgress(line -> System.err.println("TrainedProxyObjectiveTest: " + line)).build().run();

            assertThat(r.rerank().candidates()).hasSize(2);
            assertThat(r.rerank().objective().id()).isEqualTo("trained-proxy");
            for (SearchResult.Reranked c : r.rerank().candidates()) {
                assertThat(FlopsCounter.count(c.evaluation().candidate().spec()).flops(Convention.LFR)).isLessThanOrEqualTo(BUDGET);
                assertThat(c.score()).isFinite().isBetween(0.0, 1.0);
                ProxyScore s = proxy.measurement(c.evaluation().candidate()).orElseThrow();
                System.err.println(String.format(Locale.ROOT, "TrainedProxyObjectiveTest: %s -> %s", c.evaluation().candidate().values(),
                        s.toJson()));
                assertThat(s.score()).isEqualTo(c.score());
                assertThat(s.diverged()).isFalse();
                assertThat(s.genuinePairs()).isEqualTo(450);
                assertThat(s.impostorPairs()).isEqualTo(4500);
                assertThat(s.tar()).isBetween(0.0, 1.0);
                // the tie-break moves the score by less than one genuine pair
                assertThat(Math.abs(s.score() - s.tar())).isLessThanOrEqualTo(1.0 / (2 * 450 + 1) + 1e-12);
                // trained faces beat chance: random embeddings accept about FAR of the genuine pairs
                assertThat(s.tar()).isGreaterThan(3 * s.far());
                assertThat(s.meanLoss()).isFinite();
            }
            SearchResult.Reranked argmax = r.rerank().candidates().stream().max(Comparator.comparingDouble(SearchResult.Reranked::score))
                    .orElseThrow();
            assertThat(r.best()).isSameAs(argmax.evaluation());
            assertThat(FlopsCounter.count(r.bestSpec("proxy-best")).flops(Convention.LFR)).isLessThanOrEqualTo(BUDGET);
            assertThat(r.provenance().get("rerank").toString()).contains("id=trained-proxy").contains("top_k=2").contains("steps=8");

            ProxyScore again = proxy.measure(r.best().candidate().spec(), SEED);
            ProxyScore first = proxy.measurement(r.best().candidate()).orElseThrow();
            assertThat(again.score()).isEqualTo(first.score());
            assertThat(again.tar()).isEqualTo(first.tar());
            assertThat(again.meanLoss()).isEqualTo(first.meanLoss());
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> TrainedProxyConfig.builder().optSteps(0).build()).hasMessageContaining("steps must be >= 1, got 0");
        assertThatThrownBy(() -> TrainedProxyConfig.builder().optFar(1).build()).hasMessageContaining("FAR must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> TrainedProxyConfig.builder().optLoss("triplet").build()).hasMessageContaining("unknown loss 'triplet'");
        assertThatThrownBy(() -> TrainedProxyConfig.builder().optHeldOutIdentities(1).build())
                .hasMessageContaining("held-out identities must be >= 2");
        assertThatThrownBy(() -> TrainedProxyObjective.builder().build()).hasMessageContaining("needs a proxy dataset");
        try (FaceDataset five = TestData.orlFirst(5)) {
            assertThatThrownBy(() -> TrainedProxyObjective.builder().setData(five).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in [2, 3] for 5 identities");
        }
        TrainedProxyConfig d = TrainedProxyConfig.defaults();
        assertThat(d.steps()).isEqualTo(30);
        assertThat(d.far()).isEqualTo(1e-2);
        assertThat(d.loss()).isEqualTo("arcnegface");
        assertThat(d.heldOutIdentities()).isEqualTo(10);
    }
}

package io.polyface.examples.synth;

import io.polyface.core.image.ops.BrightnessContrast;
import io.polyface.core.image.ops.Degradation;
import io.polyface.core.image.ops.DownUpResize;
import io.polyface.core.image.ops.GaussianBlur;
import io.polyface.core.image.ops.GaussianNoise;
import io.polyface.core.image.ops.JpegRecompression;
import io.polyface.core.image.ops.Occlusion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Per-image nuisance sampling: documented ranges, probabilities and order; identity parameter ranges. */
class NuisanceTest {

    private static final List<Class<? extends Degradation>> ORDER = List.of(Occlusion.class, BrightnessContrast.class,
            GaussianBlur.class, DownUpResize.class, GaussianNoise.class, JpegRecompression.class);

    @Test
    void difficultyZeroIsNoNuisance() {
        for (int s = 0; s < 20; s++) {
            assertThat(Nuisance.sample(new SplittableRandom(s), 0)).isEqualTo(Nuisance.none());
        }
        assertThat(Nuisance.none().degradations()).isEmpty();
    }

    @Test
    void defaultDifficultyDrawsWithinTheDocumentedRangesAndRates() {
        int n = 4000;
        Map<Class<?>, Integer> counts = new HashMap<>();
        for (int s = 0; s < n; s++) {
            Nuisance x = Nuisance.sample(new SplittableRandom(s), 1);
            assertThat(Math.abs(x.pose().shiftX())).isLessThanOrEqualTo(3);
            assertThat(Math.abs(x.pose().shiftY())).isLessThanOrEqualTo(3);
            assertThat(Math.abs(x.pose().rotationDegrees())).isLessThanOrEqualTo(10);
            assertThat(x.pose().scale()).isBetween(0.94, 1.06);
            assertThat(Math.abs(x.pose().yaw())).isLessThanOrEqualTo(0.5);
            assertThat(x.expression().smile()).isBetween(-0.3, 1.0);
            assertThat(x.lighting().shadow()).isBetween(0.0, 0.5);
            List<Class<?>> kinds = new ArrayList<>();
            for (Degradation d : x.degradations()) {
                kinds.add(d.getClass());
                counts.merge(d.getClass(), 1, Integer::sum);
                if (d instanceof GaussianBlur b) {
                    assertThat(b.sigma()).isBetween(0.6, 1.8);
                } else if (d instanceof GaussianNoise g) {
                    assertThat(g.sigma()).isBetween(2.0, 9.0);
                } else if (d instanceof JpegRecompression j) {
                    assertThat(j.quality()).isBetween(20, 70);
                } else if (d instanceof DownUpResize r) {
                    assertThat(r.factor()).isBetween(0.3, 0.6);
                } else if (d instanceof Occlusion o) {
                    assertThat(o.sideFraction()).isBetween(0.2, 0.4);
                } else if (d instanceof BrightnessContrast bc) {
                    assertThat(Math.abs(bc.brightness())).isLessThanOrEqualTo(30);
                    assertThat(bc.contrast()).isBetween(0.75, 1.25);
                }
            }
            // applied in the documented order
            List<Class<?>> sorted = new ArrayList<>(kinds);
            sorted.sort((a, b) -> ORDER.indexOf(a) - ORDER.indexOf(b));
            assertThat(kinds).isEqualTo(sorted);
        }
        // documented probabilities at d = 1; 4000 draws give a standard error below 0.008
        assertThat(counts.get(BrightnessContrast.class)).isEqualTo(n);
        assertThat(counts.get(Occlusion.class) / (double) n).isCloseTo(0.12, within(0.03));
        assertThat(counts.get(GaussianBlur.class) / (double) n).isCloseTo(0.35, within(0.03));
        assertThat(counts.get(DownUpResize.class) / (double) n).isCloseTo(0.2, within(0.03));
        assertThat(counts.get(GaussianNoise.class) / (double) n).isCloseTo(0.5, within(0.03));
        assertThat(counts.get(JpegRecompression.class) / (double) n).isCloseTo(0.25, within(0.03));
    }

    @Test
    void doubleDifficultyDoublesRatesAndSpread() {
        int n = 3000;
        int blurred = 0;
        double maxShift = 0;
        for (int s = 0; s < n; s++) {
            Nuisance x = Nuisance.sample(new SplittableRandom(s), 2);
            blurred += x.degradations().stream().anyMatch(d -> d instanceof GaussianBlur) ? 1 : 0;
            maxShift = Math.max(maxShift, Math.abs(x.pose().shiftX()));
            // same generator state at d = 1: the same kinds of draw, at half the strength
            Nuisance half = Nuisance.sample(new SplittableRandom(s), 1);
            assertThat(x.pose().shiftX()).isCloseTo(2 * half.pose().shiftX(), within(1e-12));
        }
        assertThat(blurred / (double) n).isCloseTo(0.7, within(0.03));
        assertThat(maxShift).isBetween(5.5, 6.0);
    }

    @Test
    void recordsRefuseOutOfRangeValuesByName() {
        assertThatThrownBy(() -> new Nuisance.Pose(0, 0, 50, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pose.rotationDegrees = 50.0");
        assertThatThrownBy(() -> new Nuisance.Expression(0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expression.eyeOpenness");
        assertThatThrownBy(() -> new Nuisance.Lighting(0x1000000, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lighting.backgroundRgb");
        assertThatThrownBy(() -> Nuisance.sample(new SplittableRandom(1), 2.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("difficulty = 2.1");
        assertThatThrownBy(() -> new Nuisance.Pose(Double.NaN, 0, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pose.shiftX = NaN");
        List<Degradation> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new Nuisance(Nuisance.none().pose(), Nuisance.none().expression(), Nuisance.none().lighting(),
                withNull, 0)).isInstanceOf(IllegalArgumentException.class).hasMessage("degradations[0] is null");
    }

    @Test
    void degradationListIsCopied() {
        List<Degradation> list = new ArrayList<>(List.of(new GaussianBlur(1)));
        Nuisance n = new Nuisance(Nuisance.none().pose(), Nuisance.none().expression(), Nuisance.none().lighting(), list, 0);
        list.clear();
        assertThat(n.degradations()).containsExactly(new GaussianBlur(1));
        assertThatThrownBy(() -> n.degradations().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sampledIdentitiesStayInRangeAndAreReproducible() {
        for (int s = 0; s < 500; s++) {
            FaceIdentity a = FaceIdentity.sample(new SplittableRandom(s));
            assertThat(FaceIdentity.sample(new SplittableRandom(s))).isEqualTo(a);
            double[] l = a.landmarks();
            assertThat(l[0]).isLessThan(l[2]);
            assertThat(l[2] - l[0]).isCloseTo(a.eyes().spacing(), within(1e-12));
            assertThat(l[4]).isEqualTo(FaceIdentity.CENTRE_X);
            assertThat(l[8] - l[6]).isCloseTo(2 * a.mouth().halfWidth(), within(1e-12));
        }
        assertThatThrownBy(() -> new FaceIdentity.Eyes(50, 52, 6, 3, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eyes.spacing = 50.0").hasMessageContaining("[26.0, 46.0]");
        assertThatThrownBy(() -> new FaceIdentity.Hair(null, 0, 20, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hair.style is null");
    }

    @Test
    void everyHairAndBeardStyleOccurs() {
        Map<Object, Integer> seen = new HashMap<>();
        for (int s = 0; s < 600; s++) {
            FaceIdentity id = FaceIdentity.sample(new SplittableRandom(s));
            seen.merge(id.hair().style(), 1, Integer::sum);
            seen.merge(id.facialHair(), 1, Integer::sum);
            seen.merge(id.glasses(), 1, Integer::sum);
        }
        for (FaceIdentity.HairStyle h : FaceIdentity.HairStyle.values()) {
            assertThat(seen).containsKey(h);
        }
        for (FaceIdentity.FacialHair f : FaceIdentity.FacialHair.values()) {
            assertThat(seen).containsKey(f);
        }
        assertThat(seen.get(FaceIdentity.FacialHair.NONE) / 600.0).isCloseTo(0.5, within(0.07));
        assertThat(seen.get(true) / 600.0).isCloseTo(0.2, within(0.05));
    }
}

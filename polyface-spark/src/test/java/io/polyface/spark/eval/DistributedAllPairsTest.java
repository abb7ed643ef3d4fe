package io.polyface.spark.eval;

import io.polyface.core.eval.AllPairsEvaluator;
import io.polyface.core.eval.VerificationResult;
import io.polyface.core.io.FeatureMatrix;
import io.polyface.core.io.LfrFeatureFile;
import io.polyface.spark.LocalSpark;
import io.polyface.spark.TestData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Distributed all-pairs TAR@FAR on {@code local[2]} equals the single-JVM {@link AllPairsEvaluator} exactly — counts,
 * thresholds, TAR, achieved FAR and the ROC curve — for any partitioning of the tiles, also through the bracketing
 * passes under a memory cap. Random clustered embeddings: 1,501 rows (the last block of the grid holds one row),
 * 1,124,250+ impostor pairs, so FAR 1e-6 allows one impostor.
 */
class DistributedAllPairsTest {

    private static final List<Double> FARS = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1);
    private static final int TILE = 100;

    @TempDir
    static Path dir;

    private static final List<String> LABELS = new ArrayList<>();
    private static FeatureMatrix x;
    private static LfrFileSource source;
    private static VerificationResult expected;

    @BeforeAll
    static void data() throws IOException {
        x = TestData.clustered(2019, 150, 10, 48, 1.1f, LABELS);
        float[] one = new float[48]; // one more row: the last block of the grid holds it alone (a [1, d] product)
        x.copyRows(3, 4, one, 0);
        float[] all = new float[(x.rows() + 1) * 48];
        x.copyRows(0, x.rows(), all, 0);
        System.arraycopy(one, 0, all, x.rows() * 48, 48);
        x = FeatureMatrix.fromRowMajor(x.rows() + 1, 48, all);
        LABELS.add(LABELS.get(3));
        Path f = dir.resolve("random.feat");
        LfrFeatureFile.write(f, x);
        source = LfrFileSource.open(f);
        expected = AllPairsEvaluator.builder().optTargetFars(FARS).optTileSize(TILE).build().evaluate(x, LABELS);
        assertThat(expected.operatingPoints().get(0).impostorsAllowed()).isEqualTo(1);
    }

    private static AllPairsEvaluator.Builder settings() {
        return AllPairsEvaluator.builder().optTargetFars(FARS).optTileSize(TILE);
    }

    private static DistributedAllPairs.Run run(DistributedAllPairs.Builder b) throws IOException {
        return b.build().evaluate(LocalSpark.context(), source, LABELS);
    }

    @Test
    void equalsTheSingleJvmEvaluatorForAnyPartitioning() throws IOException {
        int blocks = 16;
        List<int[]> tiles = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            for (int j = i; j < blocks; j++) {
                tiles.add(new int[] {i, j});
            }
        }
        Collections.shuffle(tiles, new Random(7));
        // skewed: one partition with 90% of the tiles in random order, the rest one or two tiles each
        List<List<int[]>> skewed = new ArrayList<>();
        int big = tiles.size() * 9 / 10;
        skewed.add(new ArrayList<>(tiles.subList(0, big)));
        for (int k = big; k < tiles.size(); k += 2) {
            skewed.add(new ArrayList<>(tiles.subList(k, Math.min(tiles.size(), k + 2))));
        }
        List<List<int[]>> single = tiles.stream().map(t -> List.of(t)).toList();
        List<TilePlan> plans = List.of(
                TilePlan.balanced(x.rows(), TILE, 1),
                TilePlan.balanced(x.rows(), TILE, 7),
                TilePlan.rectangles(x.rows(), TILE, 6),
                TilePlan.of(x.rows(), TILE, skewed),
                TilePlan.of(x.rows(), TILE, single));
        for (TilePlan plan : plans) {
            DistributedAllPairs.Run r = run(DistributedAllPairs.builder(settings().build()).optPlan(plan));
            assertThat(r.passes()).isEqualTo(1);
            assertThat(r.result()).as("%s", plan).isEqualTo(expected);
        }
    }

    @Test
    void bracketingPassesUnderAMemoryCapStayExact() throws IOException {
        for (int cap : new int[] {1, 40}) {
            DistributedAllPairs.Run r = run(DistributedAllPairs.builder(settings().optMaxKeptImpostorScores(cap).build()).optPartitions(5));
            assertThat(r.passes()).as("cap %d", cap).isGreaterThan(1);
            assertThat(r.result().operatingPoints()).as("cap %d", cap).isEqualTo(expected.operatingPoints());
            assertThat(r.result().genuineCount()).isEqualTo(expected.genuineCount());
            assertThat(r.result().impostorCount()).isEqualTo(expected.impostorCount());
        }
    }

    @Test
    void aDatasetOfEmbeddingsGivesTheSameResult() {
        StructType schema = new StructType().add("id", DataTypes.LongType).add("label", DataTypes.StringType)
                .add("embedding", DataTypes.createArrayType(DataTypes.FloatType));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.rows(); i++) {
            Float[] e = new Float[x.cols()];
            for (int c = 0; c < e.length; c++) {
                e[c] = x.get(i, c);
            }
            rows.add(RowFactory.create(10L * i + 3, LABELS.get(i), e));
        }
        Collections.shuffle(rows, new Random(1)); // the id column, not the input order, defines the row order
        Dataset<Row> ds = LocalSpark.session().createDataFrame(rows, schema).repartition(3);
        DistributedAllPairs.Run r = DistributedAllPairs.builder(settings().build()).optPartitions(6).build().evaluate(ds);
        assertThat(r.result()).isEqualTo(expected);
    }

    @Test
    void badInputIsNamed() throws IOException {
        assertThatThrownBy(() -> DistributedAllPairs.builder().build().evaluate(LocalSpark.context(), source, LABELS.subList(0, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 labels").hasMessageContaining("1501 rows");
        float[] zero = new float[x.rows() * x.cols()];
        x.copyRows(0, x.rows(), zero, 0);
        java.util.Arrays.fill(zero, 700 * 48, 701 * 48, 0f);
        Path f = dir.resolve("zero-row.feat");
        LfrFeatureFile.write(f, FeatureMatrix.fromRowMajor(x.rows(), x.cols(), zero));
        assertThatThrownBy(() -> DistributedAllPairs.builder(settings().build()).build().evaluate(LocalSpark.context(), LfrFileSource.open(f), LABELS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedding row 700");
        assertThatThrownBy(() -> DistributedAllPairs.builder(settings().optTileSize(64).build()).optPlan(TilePlan.balanced(x.rows(), TILE, 2))
                .build()).hasMessageContaining("tile edge 100 differs from the settings' 64");
        assertThatThrownBy(() -> TilePlan.of(x.rows(), TILE, List.of(List.of(new int[] {0, 0}))))
                .hasMessageContaining("covers 1 of the 136 tiles");
    }
}

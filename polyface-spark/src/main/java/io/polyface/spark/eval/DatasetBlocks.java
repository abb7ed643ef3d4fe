package io.polyface.spark.eval;

import io.polyface.core.io.FeatureMatrix;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code Dataset} of labelled embeddings cut into the row blocks of a {@link TilePlan}: the labels come to the
 * driver (N strings), the embeddings stay on the executors as blocks and reach each partition of the plan by one
 * shuffle (a block is sent to every partition whose tiles need it).
 */
final class DatasetBlocks {

    /** One block of rows, row-major. */
    record Block(int block, int firstRow, int rows, int cols, float[] data) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** The blocks one partition of the plan needs. */
    record PartitionBlocks(int partition, Map<Integer, Block> byFirstRow) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        FeatureMatrix read(int from, int to) throws IOException {
            Block b = byFirstRow.get(from);
            if (b == null || b.firstRow() + b.rows() != to) {
                throw new IOException("partition " + partition + " did not receive rows [" + from + ", " + to + ")");
            }
            return FeatureMatrix.fromRowMajor(b.rows(), b.cols(), b.data());
        }
    }

    private final List<String> labels;
    private final JavaPairRDD<Integer, Block> blocks;
    private final List<JavaRDD<?>> persisted = new ArrayList<>();

    private DatasetBlocks(List<String> labels, JavaPairRDD<Integer, Block> blocks) {
        this.labels = labels;
        this.blocks = blocks;
        persisted.add(blocks.rdd().toJavaRDD());
    }

    /**
     * Orders the rows by {@code id} and cuts them into blocks of {@code tileSize} rows.
     *
     * @param rows columns {@code id} (long), {@code label} (string), {@code embedding} (array of float)
     * @param tileSize the block edge
     * @return the blocks
     * @throws IllegalArgumentException if a column is missing, or an embedding's length differs from the first's
     */
    static DatasetBlocks of(Dataset<Row> rows, int tileSize) {
        List<String> columns = Arrays.asList(rows.columns());
        for (String c : List.of("id", "label", "embedding")) {
            if (!columns.contains(c)) {
                throw new IllegalArgumentException("the embeddings Dataset has columns " + columns + "; expected id (long), label "
                        + "(string) and embedding (array<float>)");
            }
        }
        JavaPairRDD<Row, Long> indexed = rows.select("id", "label", "embedding").orderBy("id").javaRDD().zipWithIndex();
        indexed.persist(StorageLevel.MEMORY_AND_DISK());
        List<String> labels = indexed.map(t -> t._1().getString(1)).collect();
        if (labels.isEmpty()) {
            indexed.unpersist();
            throw new IllegalArgumentException("the embeddings Dataset is empty");
        }
        int d = indexed.first()._1().getList(2).size();
        JavaPairRDD<Integer, Block> blocks = indexed
                .mapToPair(t -> new Tuple2<>((int) (t._2() / tileSize), t))
                .groupByKey()
                .mapToPair(g -> new Tuple2<>(g._1(), toBlock(g._1(), tileSize, d, g._2())));
        blocks.persist(StorageLevel.MEMORY_AND_DISK());
        DatasetBlocks out = new DatasetBlocks(List.copyOf(labels), blocks);
        out.persisted.add(indexed.rdd().toJavaRDD());
        return out;
    }

    private static Block toBlock(int block, int tileSize, int d, Iterable<Tuple2<Row, Long>> rows) {
        List<Tuple2<Row, Long>> list = new ArrayList<>();
        rows.forEach(list::add);
        list.sort((a, b) -> Long.compare(a._2(), b._2()));
        float[] data = new float[list.size() * d];
        for (int r = 0; r < list.size(); r++) {
            Row row = list.get(r)._1();
            List<Object> e = row.getList(2);
            if (e == null || e.size() != d) {
                throw new IllegalArgumentException("embedding of id " + row.get(0) + " has " + (e == null ? "no" : e.size())
                        + " values, expected " + d + " (the dimension of the first row)");
            }
            for (int c = 0; c < d; c++) {
                data[r * d + c] = ((Number) e.get(c)).floatValue();
            }
        }
        return new Block(block, block * tileSize, list.size(), d, data);
    }

    /** @return {@code N} */
    int rows() {
        return labels.size();
    }

    /** @return the labels in row order */
    List<String> labels() {
        return labels;
    }

    /**
     * Sends each block to the partitions of the plan that need it.
     *
     * @param plan the plan (built for these rows and this block edge)
     * @return one element per plan partition, in partition order
     */
    JavaRDD<PartitionBlocks> partitionsOf(TilePlan plan) {
        Map<Integer, List<Integer>> needing = new HashMap<>();
        for (int p = 0; p < plan.partitionCount(); p++) {
            for (int b : plan.blocksOf(p)) {
                needing.computeIfAbsent(b, x -> new ArrayList<>()).add(p);
            }
        }
        int parts = plan.partitionCount();
        JavaRDD<PartitionBlocks> out = blocks
                .flatMapToPair(b -> needing.getOrDefault(b._1(), List.of()).stream().map(p -> new Tuple2<>(p, b._2())).iterator())
                .partitionBy(new IdentityPartitioner(parts))
                .mapPartitionsWithIndex((index, it) -> {
                    Map<Integer, Block> byFirstRow = new HashMap<>();
                    it.forEachRemaining(t -> byFirstRow.put(t._2().firstRow(), t._2()));
                    return List.of(new PartitionBlocks(index, byFirstRow)).iterator();
                }, true);
        out.persist(StorageLevel.MEMORY_AND_DISK());
        persisted.add(out);
        return out;
    }

    /** Drops the cached data. */
    void release() {
        persisted.forEach(r -> r.unpersist(false));
    }

    /** Partition {@code p} for key {@code p}. */
    private static final class IdentityPartitioner extends Partitioner {
        @Serial
        private static final long serialVersionUID = 1L;

        private final int parts;

        IdentityPartitioner(int parts) {
            this.parts = parts;
        }

        @Override
        public int numPartitions() {
            return parts;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }
    }
}

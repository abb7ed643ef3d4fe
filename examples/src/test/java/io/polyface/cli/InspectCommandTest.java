package io.polyface.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyface.cli.common.testing.CliRun;
import io.polyface.devtree.SharedResources;
import io.polyface.train.provenance.DataIdentity;
import io.polyface.train.provenance.RunProvenance;
import io.polyface.train.provenance.RunProvenanceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code polyface inspect} (what a model or checkpoint says about itself, stamping a foreign model's preprocessing) and
 * the preprocessing rule as the embedding commands apply it: nothing assumed, a recognised model announced, a
 * contradicting flag refused.
 */
class InspectCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FR_FEATURE_SHA256 = "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581";

    @Test
    void aForeignModelIsRecognisedAndAContradictingFlagRefused(@TempDir Path dir) throws Exception {
        String frFeature = SharedResources.resolve("models/fr_feature.onnx").toString();
        CliRun inspect = CliTestSupport.runOk("inspect", frFeature, "--json");
        JsonNode o = JSON.readTree(inspect.out());
        assertThat(o.get("kind").asText()).isEqualTo("onnx model");
        assertThat(o.get("sha256").asText()).isEqualTo(FR_FEATURE_SHA256);
        assertThat(o.get("inputs").get(0).get("shape").toString()).isEqualTo("[1,3,112,112]");
        assertThat(o.get("outputs").get(0).get("shape").toString()).isEqualTo("[1,512]");
        assertThat(o.get("preprocessing").get("source").asText()).startsWith("known model (fr_feature.onnx");
        assertThat(o.get("preprocessing").get("rule").asText()).isEqualTo("RGB, (px - 127)/128, 112x112");
        assertThat(o.get("architecture").isNull()).isTrue();
        assertThat(o.get("metadata_keys")).isEmpty();

        Path images = dir.resolve("faces");
        for (String id : List.of("amy", "raj")) {
            Files.createDirectories(images.resolve(id));
            for (int i = 1; i <= 2; i++) {
                Files.copy(SharedResources.resolve("data/bbt/" + id + "/" + id + i + ".png"), images.resolve(id).resolve(i + ".png"));
            }
        }
        // the command: a statement that contradicts what the model is known to need is refused, nothing written
        Path feats = dir.resolve("f.feat");
        CliRun wrong = CliTestSupport.run("embed", "--model", frFeature, "--mean", "0", "--std", "1", "--align", "none",
                "--images", images.toString(), "--out", feats.toString());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err().strip()).startsWith("polyface embed: error: the stated preprocessing contradicts")
                .contains("mean 0 (the model: 127)").doesNotContain("\n");
        assertThat(feats).doesNotExist();
        // without flags the model is recognised, and that is said on standard error
        CliRun known = CliTestSupport.runOk("embed", "--model", frFeature, "--align", "none", "--images", images.toString(),
                "--out", feats.toString());
        assertThat(known.err()).contains("polyface embed: note: fr_feature.onnx carries no preprocessing metadata; recognised by its"
                + " SHA-256 as fr_feature.onnx: RGB, (px - 127)/128, 112x112");
    }

    @Test
    void stampingAnUnknownModelOnceMakesItSelfDescribing(@TempDir Path dir) throws Exception {
        Path bare = dir.resolve("bare.onnx"); // core's test fixture (inside its test jar here): [4, 3, 4, 6] in, no metadata
        try (var in = InspectCommandTest.class.getResourceAsStream("/fixtures/onnx/linear_fixed_batch4.onnx")) {
            Files.copy(in, bare);
        }
        CliRun before = CliTestSupport.runOk("inspect", bare.toString());
        assertThat(before.out()).contains("kind: onnx model").contains("source\":\"none");
        Path stamped = dir.resolve("stamped.onnx");
        CliRun stamp = CliTestSupport.runOk("inspect", bare.toString(), "--set-preprocessing", "4,BGR,0,1", "--out",
                stamped.toString(), "--json");
        JsonNode o = JSON.readTree(stamp.out());
        assertThat(o.get("file").asText()).isEqualTo(stamped.toString());
        assertThat(o.get("preprocessing").get("source").asText()).isEqualTo("metadata");
        assertThat(o.get("preprocessing").get("rule").asText()).isEqualTo("BGR, (px - 0)/1, 4x4");
        CliRun alone = CliTestSupport.run("inspect", bare.toString(), "--set-preprocessing", "4,BGR,0,1");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--set-preprocessing and --out go together");
    }

    @Test
    void aCheckpointAndAnExportedModelDescribeThemselves(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CliRun train = CliTestSupport.runOk(CliTestSupport.tinyTraining("--steps", "1", "--batch", "8", "--holdout-ids", "36",
                "--bn-recalibration", "1", "--seed", "5", "--workers", "2", "--no-progress", "--out", run.toString()));
        // the run's folder, checkpoint folder, model and metrics get the umask's permissions, not owner-only ones
        io.polyface.core.testing.NewFilePermissions.assertTreeRespectsUmask(run);
        CliRun checkpoint = CliTestSupport.runOk("inspect", run.toString(), "--json");
        JsonNode c = JSON.readTree(checkpoint.out());
        assertThat(c.get("kind").asText()).isEqualTo("checkpoint");
        assertThat(c.get("step").asLong()).isEqualTo(1);
        assertThat(c.get("architecture").asText()).isEqualTo("mobilefacenet-tiny");
        assertThat(c.get("embedding_size").asInt()).isEqualTo(16);
        assertThat(c.get("flops").asLong()).isPositive();
        assertThat(c.get("flops_convention").asText()).isEqualTo("lfr");
        assertThat(c.get("input").get("channel_order").asText()).isNotEmpty();
        assertThat(c.get("files").toString()).contains("model.npz").contains("metadata.json");
        assertThat(c.get("training_provenance_keys").toString()).contains("polyface_version").contains("lfr_flops");
        // the typed run provenance: the effective recipe, the seed, the data identity by content
        String orlIdentity = DataIdentity.of(SharedResources.resolve("data/orl")).sha256();
        RunProvenance fromCheckpoint = RunProvenanceJson.fromTree(c.get("provenance"), "checkpoint");
        assertThat(fromCheckpoint.seed()).isEqualTo(5);
        assertThat(fromCheckpoint.recipe().run().seed()).isEqualTo(5);
        assertThat(fromCheckpoint.recipe().model().arch()).isEqualTo("mobilefacenet-tiny");
        assertThat(fromCheckpoint.recipe().data().batchSize()).isEqualTo(8);
        assertThat(fromCheckpoint.data().sha256()).isEqualTo(orlIdentity);
        assertThat(fromCheckpoint.data().files()).isEqualTo(401); // 400 images and the README
        assertThat(fromCheckpoint.steps()).isEqualTo(1);
        assertThat(fromCheckpoint.ended()).isAfterOrEqualTo(fromCheckpoint.started());

        CliRun model = CliTestSupport.runOk("inspect", run.resolve("model.onnx").toString());
        assertThat(model.out()).contains("architecture: mobilefacenet-tiny").contains("flops_convention: lfr")
                .contains("\"source\":\"metadata\"").contains("embedding_size: 16").contains("training_provenance_keys: [\"step\"");
        assertThat(model.out()).containsPattern("flops: [1-9][0-9]*");
        assertThat(model.out()).contains("provenance: {\"recipe\":{").contains("\"seed\":5").contains(orlIdentity);
        CliRun modelJson = CliTestSupport.run("inspect", run.resolve("model.onnx").toString(), "--json");
        RunProvenance fromModel = RunProvenanceJson.fromTree(JSON.readTree(modelJson.out()).get("provenance"), "model.onnx");
        assertThat(fromModel.recipe()).isEqualTo(fromCheckpoint.recipe());
        assertThat(fromModel.data()).isEqualTo(fromCheckpoint.data());
        assertThat(fromModel.steps()).isEqualTo(1);
    }
}

// Exports the network of a `train` run as initialised from its seed, with no training step (batch-norm statistics at
// their initial values), as OrlEndToEndTest's "untrained" network. Used by small-data-defaults.sh:
//   SEED=1 OUT=/tmp/u.onnx ORL=../shared/data/orl OPTIONS="--embedding 512" jshell --class-path CP untrained-model.jsh
// OPTIONS: only --embedding D is read (the architecture is mobilefacenet-tiny, the small-data recipe's).
import io.polyface.core.arch.preset.Presets;
import io.polyface.core.arch.preset.ArchOverrides;
import io.polyface.train.data.Datasets;
import io.polyface.train.data.IdentitySplit;
import io.polyface.train.loop.Trainer;
import io.polyface.train.recipe.RecipeJson;
import java.nio.file.Files;
import java.nio.file.Path;

var options = System.getenv().getOrDefault("OPTIONS", "");
var m = java.util.regex.Pattern.compile("--embedding\\s+(\\d+)").matcher(options);
var recipe = RecipeJson.shipped("small-data");
var spec = recipe.model().resolve();
if (m.find()) { spec = Presets.get("mobilefacenet-tiny", new ArchOverrides(null, null, null, null, Integer.parseInt(m.group(1)), null, null, null)); }
var split = IdentitySplit.holdOutLast(Datasets.open(Path.of(System.getenv("ORL"))), 10);
var config = recipe.toConfig(spec, 1).toBuilder().optSeed(Long.parseLong(System.getenv("SEED"))).build();
var out = Path.of(System.getenv("OUT"));
var dir = Files.createTempDirectory("untrained");
try (Trainer t = Trainer.builder().setConfig(config).setTrainingSet(split.train()).optOutputDir(dir).build()) {
    t.exportOnnx(out);
}
/exit

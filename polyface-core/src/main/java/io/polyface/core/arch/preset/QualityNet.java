package io.polyface.core.arch.preset;

import io.polyface.core.arch.ArchSpec;
import io.polyface.core.arch.BatchNorm;
import io.polyface.core.arch.Conv2d;
import io.polyface.core.arch.Crop;
import io.polyface.core.arch.Flatten;
import io.polyface.core.arch.GlobalAvgPool;
import io.polyface.core.arch.Node;
import io.polyface.core.arch.PRelu;
import io.polyface.core.arch.PixelScale;
import io.polyface.core.arch.Residual;
import io.polyface.core.arch.Resize;
import io.polyface.core.arch.Sequential;
import io.polyface.core.arch.TensorShape;
import io.polyface.core.arch.preset.Layers.Act;
import io.polyface.core.util.OrderedMaps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The QAN++ quality network ({@code shared/spec/architectures.md} §2): a small iResNet-like net
 * (8/16/32/48 channels, 2 units per stage, PReLU after each residual sum) ending in global average
 * pooling and a bias-free 1×1 conv to one raw quality score per frame, output {@code [1]}.
 *
 * <p>Input: the aligned {@code [3, 112, 112]} BGR frame as raw pixels; the model crops rows/cols 1..111,
 * resizes back to 112 and scales pixels to x·3.2/255 − 1.6, as Efficient PolyFace does.
 */
public final class QualityNet {

    /** BN ε. */
    public static final double EPS = 1e-5;

    private QualityNet() {}

    /**
     * @return the {@code qan-quality} spec
     */
    public static ArchSpec spec() {
        int input = 112;
        List<Node> stages = new ArrayList<>();
        stages.add(Sequential.of("input",
                new Crop("input.crop", 1, 1, input - 1, input - 1),
                new Resize("input.resize", input, input),
                new PixelScale("input.scale", 3.2 / 255.0, -1.6)));
        stages.add(Layers.convBn("stem", Layers.conv(8, 3, 1, 1), EPS, Act.PRELU));
        int[] widths = {8, 16, 32, 48};
        for (int s = 0; s < 4; s++) {
            List<Node> units = new ArrayList<>();
            for (int u = 0; u < 2; u++) {
                String p = "stage" + (s + 1) + "." + u;
                boolean first = u == 0;
                int stride = first ? 2 : 1;
                Node body = Sequential.of(p + ".body",
                        BatchNorm.of(p + ".bn0", EPS),
                        Layers.convBn(p + ".c1", Layers.conv(widths[s], 3, 1, 1), EPS, Act.PRELU),
                        Layers.convBn(p + ".c2", Layers.conv(widths[s], 3, stride, 1), EPS, Act.NONE));
                Node shortcut = first ? Layers.convBn(p + ".down", Layers.conv(widths[s], 1, stride, 0), EPS, Act.NONE) : null;
                units.add(Residual.plain(p, body, shortcut, new PRelu(p + ".prelu")));
            }
            stages.add(new Sequential("stage" + (s + 1), units));
        }
        stages.add(Sequential.of("head",
                new GlobalAvgPool("head.pool"),
                Conv2d.of("head.score", 1, 1, 1, 0),
                new Flatten("head.flatten")));
        Map<String, Object> settings = OrderedMaps.of("preset", "qan-quality", "input", input);
        return new ArchSpec("qan-quality", TensorShape.chw(3, input, input), "BGR", 0.0, 1.0,
                new Sequential("qan-quality", stages), "head.flatten", settings);
    }
}

package io.polyface.cli;

import io.polyface.cli.common.testing.CliRun;
import io.polyface.core.onnx.OnnxExporter;
import io.polyface.core.onnx.proto.Onnx.GraphProto;
import io.polyface.core.onnx.proto.Onnx.ModelProto;
import io.polyface.core.onnx.proto.Onnx.NodeProto;
import io.polyface.core.onnx.proto.Onnx.OperatorSetIdProto;
import io.polyface.core.onnx.proto.Onnx.TensorProto;
import io.polyface.core.onnx.proto.Onnx.TensorShapeProto;
import io.polyface.core.onnx.proto.Onnx.TypeProto;
import io.polyface.core.onnx.proto.Onnx.ValueInfoProto;
import io.polyface.devtree.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code polyface distill}'s bad input: each a one-line error naming the argument, exit status 2, and nothing written
 * to {@code --out}.
 */
class DistillCommandTest {

    private static final String TEACHER = SharedResources.resolve("models/fr_feature.onnx").toString();
    private static final String ORL = SharedResources.resolve("data/orl").toString();

    @Test
    void aTeacherThatIsNotAnEmbeddingModelIsRefused(@TempDir Path tmp) {
        // YuNet: a detector, whose outputs are not [N, D]
        expectBadInput(tmp, "--teacher", "rank", "--teacher", SharedResources.resolve("models/yunet.onnx").toString(), "--data", ORL);
    }

    @Test
    void aTeacherWhoseInputIsNotThreeChannelIsRefused(@TempDir Path tmp) throws IOException {
        Path model = tinyModel(tmp.resolve("grey.onnx"), 1, false);
        expectBadInput(tmp, "--teacher", "3-channel", "--teacher", model.toString(), "--data", ORL);
    }

    @Test
    void aTeacherReturningNanIsRefused(@TempDir Path tmp) throws IOException {
        Path model = tinyModel(tmp.resolve("nan.onnx"), 3, true);
        expectBadInput(tmp, "--teacher", "unusable embedding", "--teacher", model.toString(), "--teacher-rgb", "--teacher-mean", "0",
                "--teacher-std", "1", "--teacher-input", "16", "--data", ORL);
    }

    @Test
    void aBudgetNoArchitectureMeetsIsRefused(@TempDir Path tmp) {
        expectBadInput(tmp, "--budget", "no architecture", "--teacher", TEACHER, "--data", ORL, "--budget", "0.00001G");
    }

    @Test
    void emptyDataIsRefused(@TempDir Path tmp) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        expectBadInput(tmp, "--data", "no image", "--teacher", TEACHER, "--data", empty.toString(), "--unlabelled", "--arch", "mobilefacenet-tiny");
    }

    @Test
    void aStudentThatIsNotTheTeachersArchitectureCannotStartFromIt(@TempDir Path tmp) {
        expectBadInput(tmp, "--student-init", "not the teacher's architecture", "--teacher", TEACHER, "--data", ORL,
                "--arch", "mobilefacenet-tiny", "--student-init", "teacher");
    }

    @Test
    void badStudentOptionsAreRefused(@TempDir Path tmp) {
        expectBadInput(tmp, "--student-init", "auto, teacher or scratch", "--teacher", TEACHER, "--data", ORL, "--student-init", "x");
        expectBadInput(tmp, "--student-input", "goes with --arch", "--teacher", TEACHER, "--data", ORL, "--budget", "0.2G",
                "--student-input", "64");
    }

    @Test
    void proxylessWithAnOnnxTeacherIsRefused(@TempDir Path tmp) {
        // ProxylessKD needs the teacher's class centres: only a PolyFace checkpoint has them
        expectBadInput(tmp, "--kd-loss proxyless", "checkpoint", "--teacher", TEACHER, "--data", ORL, "--kd-loss", "proxyless,angular");
    }

    static void expectBadInput(Path tmp, String argument, String what, String... args) {
        Path out = tmp.resolve("out");
        List<String> all = new java.util.ArrayList<>(List.of("distill", "--out", out.toString(), "--no-progress"));
        all.addAll(List.of(args));
        if (!all.contains("--budget") && !all.contains("--arch")) {
            all.addAll(List.of("--arch", "mobilefacenet-tiny"));
        }
        CliRun r = CliTestSupport.run(all.toArray(new String[0]));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        String error = r.err().lines().filter(l -> l.contains("error")).findFirst().orElse("");
        assertThat(error).as(r.err()).contains(argument).contains(what);
        assertThat(out).as("nothing written").doesNotExist();
    }

    /**
     * A tiny ONNX model {@code [N, C, 16, 16] → [N, C]}: global average pooling and flatten; with {@code nan} the output
     * goes through {@code sqrt(−exp(·))}, which is NaN everywhere.
     */
    static Path tinyModel(Path file, int channels, boolean nan) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny")
                .addInput(value("x", channels, 16, 16)).addOutput(value("y", channels))
                .addNode(NodeProto.newBuilder().setOpType("GlobalAveragePool").addInput("x").addOutput("p"))
                .addNode(NodeProto.newBuilder().setOpType("Flatten").addInput("p").addOutput(nan ? "f" : "y"));
        if (nan) {
            g.addNode(NodeProto.newBuilder().setOpType("Exp").addInput("f").addOutput("e"))
                    .addNode(NodeProto.newBuilder().setOpType("Neg").addInput("e").addOutput("n"))
                    .addNode(NodeProto.newBuilder().setOpType("Sqrt").addInput("n").addOutput("y"));
        }
        ModelProto m = ModelProto.newBuilder().setIrVersion(OnnxExporter.IR_VERSION).setProducerName("test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExporter.OPSET)).setGraph(g).build();
        Files.write(file, m.toByteArray());
        return file;
    }

    private static ValueInfoProto value(String name, int... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int d : dims) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }
}

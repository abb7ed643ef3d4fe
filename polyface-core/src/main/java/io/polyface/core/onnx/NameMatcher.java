package io.polyface.core.onnx;

import io.polyface.core.onnx.proto.Onnx.AttributeProto;
import io.polyface.core.onnx.proto.Onnx.GraphProto;
import io.polyface.core.onnx.proto.Onnx.NodeProto;
import io.polyface.core.onnx.proto.Onnx.TensorProto;
import io.polyface.core.onnx.proto.Onnx.TensorShapeProto;
import io.polyface.core.onnx.proto.Onnx.ValueInfoProto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the initializers of a PolyFace export to a network's parameters by name ({@code <layer>.<parameter>}),
 * after checking that the file's graph is the graph the network's spec exports to.
 */
final class NameMatcher {

    private NameMatcher() {}

    /**
     * @param file the file's graph
     * @param expected the target network's export (graph and parameter bindings)
     * @return one assignment per parameter of the network's inference graph
     * @throws IllegalArgumentException listing every missing, extra or differently shaped tensor by layer name and
     *     both shapes; or naming the first node where the graphs differ
     */
    static List<Assignment> match(GraphProto file, GraphExport expected) {
        Map<String, TensorProto> tensors = new LinkedHashMap<>();
        for (TensorProto t : file.getInitializerList()) {
            tensors.put(t.getName(), t);
        }
        GraphProto want = expected.model().getGraph();
        Set<String> known = new HashSet<>();
        want.getInitializerList().forEach(t -> known.add(t.getName()));

        List<String> problems = new ArrayList<>();
        List<Assignment> out = new ArrayList<>();
        for (LayerBinding layer : expected.bindings()) {
            for (LayerBinding.Param p : layer.params()) {
                TensorProto t = tensors.get(p.tensor());
                if (t == null) {
                    problems.add("layer '" + layer.layer().name() + "': the file has no tensor '" + p.tensor()
                            + "' (the network expects shape " + Arrays.toString(p.onnxDims()) + ")");
                } else if (!Arrays.equals(OnnxTensors.dims(t), p.onnxDims())) {
                    problems.add("layer '" + layer.layer().name() + "': tensor '" + p.tensor() + "' has shape "
                            + Arrays.toString(OnnxTensors.dims(t)) + " in the file, the network expects "
                            + Arrays.toString(p.onnxDims()));
                } else {
                    try {
                        out.add(new Assignment(p, OnnxTensors.toFloats(t)));
                    } catch (IllegalArgumentException e) {
                        problems.add("layer '" + layer.layer().name() + "': " + e.getMessage());
                    }
                }
            }
        }
        for (TensorProto t : tensors.values()) {
            if (!known.contains(t.getName())) {
                problems.add("file tensor '" + t.getName() + "' " + Arrays.toString(OnnxTensors.dims(t))
                        + " belongs to no layer of the network");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the ONNX weights do not fit the network '" + expected.spec().name()
                    + "' (" + problems.size() + " mismatches): " + summarise(problems));
        }
        Set<String> parameters = new HashSet<>();
        expected.bindings().forEach(l -> l.params().forEach(p -> parameters.add(p.tensor())));
        checkGraph(file, want, parameters, expected.spec().name());
        return out;
    }

    /** The file's nodes, constants, input and output must be those the spec exports to. */
    private static void checkGraph(GraphProto file, GraphProto want, Set<String> parameters, String arch) {
        int n = Math.min(file.getNodeCount(), want.getNodeCount());
        for (int i = 0; i < n; i++) {
            NodeProto a = file.getNode(i);
            NodeProto b = want.getNode(i);
            if (!a.equals(b)) {
                throw new IllegalArgumentException("the ONNX graph differs from the network '" + arch + "' at node "
                        + (i + 1) + " '" + b.getName() + "': the file has " + describe(a) + ", the spec gives " + describe(b));
            }
        }
        if (file.getNodeCount() != want.getNodeCount()) {
            throw new IllegalArgumentException("the ONNX graph has " + file.getNodeCount() + " nodes, the network '" + arch
                    + "' exports to " + want.getNodeCount());
        }
        Map<String, TensorProto> fileTensors = new LinkedHashMap<>();
        file.getInitializerList().forEach(t -> fileTensors.put(t.getName(), t));
        for (TensorProto t : want.getInitializerList()) {
            TensorProto f = fileTensors.get(t.getName());
            if (!parameters.contains(t.getName()) && !constantEquals(f, t)) {
                throw new IllegalArgumentException("the ONNX graph's constant '" + t.getName() + "' differs from the value"
                        + " the network '" + arch + "' gives it (a different crop, resize, pixel scale or residual scale)");
            }
        }
        if (!file.getInputList().equals(want.getInputList()) || !file.getOutputList().equals(want.getOutputList())) {
            throw new IllegalArgumentException("the ONNX graph's inputs " + describe(file.getInputList()) + " and outputs "
                    + describe(file.getOutputList()) + " differ from the network '" + arch + "': " + describe(want.getInputList())
                    + " and " + describe(want.getOutputList()));
        }
    }

    /** @return e.g. {@code Conv 'c1' (x, c1.weight) strides=[2, 2] group=1} */
    private static String describe(NodeProto n) {
        StringBuilder sb = new StringBuilder(n.getOpType()).append(" '").append(n.getName()).append("' (")
                .append(String.join(", ", n.getInputList())).append(")");
        for (AttributeProto a : n.getAttributeList()) {
            sb.append(' ').append(a.getName()).append('=').append(switch (a.getType()) {
                case INT -> Long.toString(a.getI());
                case INTS -> a.getIntsList().toString();
                case FLOAT -> Float.toString(a.getF());
                case STRING -> a.getS().toStringUtf8();
                default -> a.getType().toString();
            });
        }
        return sb.toString();
    }

    /** @return e.g. {@code [input [N, 3, 112, 112]]} */
    private static String describe(List<ValueInfoProto> values) {
        List<String> out = new ArrayList<>();
        for (ValueInfoProto v : values) {
            List<String> dims = new ArrayList<>();
            for (TensorShapeProto.Dimension d : v.getType().getTensorType().getShape().getDimList()) {
                dims.add(d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()));
            }
            out.add(v.getName() + " " + dims);
        }
        return out.toString();
    }

    private static boolean constantEquals(TensorProto file, TensorProto want) {
        return file != null && file.getDataType() == want.getDataType() && file.getDimsList().equals(want.getDimsList())
                && file.getRawData().equals(want.getRawData());
    }

    static String summarise(List<String> problems) {
        int shown = Math.min(problems.size(), 12);
        String s = String.join("; ", problems.subList(0, shown));
        return problems.size() > shown ? s + "; … and " + (problems.size() - shown) + " more" : s;
    }
}

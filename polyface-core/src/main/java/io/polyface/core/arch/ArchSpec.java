package io.polyface.core.arch;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, engine-free description of a face-embedding network: the input it expects, the graph of
 * typed layers, and which layer's output is the embedding used for matching. This is the single source of
 * truth from which DJL blocks, ONNX graphs and FLOPs/parameter counts are derived; trained models and
 * exported files record it (as JSON, see {@link ArchSpecJson}).
 *
 * <p>Input convention: the network takes a float tensor {@code [N, C, H, W]} = {@code input} with values
 * {@code (pixel − mean) / std}, pixel in 0..255, channels in {@code channelOrder}. Networks that scale pixels
 * themselves (Efficient PolyFace, the quality net) take raw pixels: mean 0, std 1.
 *
 * @param name the architecture's name (preset name or user-chosen)
 * @param input the per-sample input shape, e.g. {@code [3, 112, 112]}
 * @param channelOrder {@code "RGB"} or {@code "BGR"}
 * @param mean pixel mean subtracted before the network
 * @param std pixel divisor applied before the network
 * @param root the graph
 * @param embeddingLayer name of the node whose output is the matching embedding (for inference and export)
 * @param settings the settings the spec was made from (preset name, depths, resolution, width, …) for
 *     provenance; ordered, JSON-compatible values
 */
public record ArchSpec(String name, TensorShape input, String channelOrder, double mean, double std, Node root,
                       String embeddingLayer, Map<String, Object> settings) {

    /** Validates names (non-blank, unique), the channel order, the embedding layer and the shapes. */
    public ArchSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an architecture spec needs a name");
        }
        if (input == null || root == null) {
            throw new IllegalArgumentException("architecture '" + name + "' needs an input shape and a root node");
        }
        if (!"RGB".equals(channelOrder) && !"BGR".equals(channelOrder)) {
            throw new IllegalArgumentException("architecture '" + name + "': channelOrder must be RGB or BGR, got " + channelOrder);
        }
        if (!(std > 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("architecture '" + name + "': std must be > 0 and mean finite");
        }
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        Set<String> names = new HashSet<>();
        checkNames(root, names);
        if (embeddingLayer == null || !names.contains(embeddingLayer)) {
            throw new IllegalArgumentException("architecture '" + name + "': embeddingLayer '" + embeddingLayer
                    + "' is not a node of the graph");
        }
        ShapeInference.infer(input, root); // throws with the layer name and shapes when they do not fit
    }

    private static void checkNames(Node node, Set<String> seen) {
        if (!seen.add(node.name())) {
            throw new IllegalArgumentException("node name '" + node.name() + "' is used twice; names must be unique");
        }
        for (Node child : children(node)) {
            checkNames(child, seen);
        }
    }

    /**
     * The direct children of a node, in execution order (a residual's body, then its shortcut, then its
     * post activation).
     *
     * @param node a node
     * @return its children; empty for layers
     */
    public static List<Node> children(Node node) {
        if (node instanceof Sequential s) {
            return s.nodes();
        }
        if (node instanceof Concat c) {
            return c.branches();
        }
        if (node instanceof PolyResidual p) {
            return p.functions();
        }
        if (node instanceof Residual r) {
            java.util.ArrayList<Node> out = new java.util.ArrayList<>(3);
            out.add(r.body());
            if (r.shortcut() != null) {
                out.add(r.shortcut());
            }
            if (r.post() != null) {
                out.add(r.post());
            }
            return out;
        }
        return List.of();
    }

    /** @return the shape of one output sample of the whole graph */
    public TensorShape outputShape() {
        return ShapeInference.infer(input, root).output();
    }

    /** @return the embedding size (the flat size of the embedding layer's output) */
    public int embeddingSize() {
        return (int) ShapeInference.infer(input, root).shapeOf(embeddingLayer).output().numel();
    }

    /**
     * The inference graph: the root (a {@link Sequential}) cut after the top-level stage that contains the
     * embedding layer, and that stage cut after the embedding layer.
     *
     * @return a spec whose output is the matching embedding; {@code this} when nothing follows it
     * @throws IllegalStateException if the embedding layer is not reachable through top-level sequentials
     */
    public ArchSpec forInference() {
        Node cut = cutAfter(root, embeddingLayer);
        if (cut == null) {
            throw new IllegalStateException("embedding layer '" + embeddingLayer + "' is not on the main path of " + name);
        }
        return cut == root ? this : new ArchSpec(name, input, channelOrder, mean, std, cut, embeddingLayer, settings);
    }

    private static Node cutAfter(Node node, String target) {
        if (node.name().equals(target)) {
            return node;
        }
        if (node instanceof Sequential s) {
            for (int i = 0; i < s.nodes().size(); i++) {
                Node c = cutAfter(s.nodes().get(i), target);
                if (c != null) {
                    if (c == s.nodes().get(i) && i == s.nodes().size() - 1) {
                        return s;
                    }
                    java.util.List<Node> kept = new java.util.ArrayList<>(s.nodes().subList(0, i));
                    kept.add(c);
                    return new Sequential(s.name(), kept);
                }
            }
        }
        return null;
    }
}

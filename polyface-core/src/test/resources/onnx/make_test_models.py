"""Writes the tiny ONNX fixtures used by FaceEmbedderTest (run: python3 make_test_models.py; needs the onnx package).

Each model is y = Flatten(x) @ W with x float [N, 3, 4, 6] (H = 4, W = 6) and W float [72, 5],
W[i][j] = ((7 * i + 3 * j) % 11 - 5) / 10, which the test recomputes independently.
"""
import onnx
from onnx import TensorProto, helper

H, W, D = 4, 6, 5
K = 3 * H * W
weights = [((7 * i + 3 * j) % 11 - 5) / 10 for i in range(K) for j in range(D)]


def model(batch, metadata, name):
    x = helper.make_tensor_value_info("pixels", TensorProto.FLOAT, [batch, 3, H, W])
    y = helper.make_tensor_value_info("embedding", TensorProto.FLOAT, [batch, D])
    w = helper.make_tensor("W", TensorProto.FLOAT, [K, D], weights)
    graph = helper.make_graph(
        [helper.make_node("Flatten", ["pixels"], ["flat"], axis=1),
         helper.make_node("MatMul", ["flat", "W"], ["embedding"])],
        "linear", [x], [y], [w])
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="polyface-tests")
    m.ir_version = 7
    for k, v in metadata.items():
        entry = m.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.checker.check_model(m)
    onnx.save(m, name)


meta = {"polyface.input_size": "4,6", "polyface.channel_order": "BGR",
        "polyface.mean": "10,20,30", "polyface.std": "2,4,8"}
model("N", meta, "linear_with_metadata.onnx")
model(4, {}, "linear_fixed_batch4.onnx")
model("N", {"polyface.input_size": "4,6"}, "linear_partial_metadata.onnx")

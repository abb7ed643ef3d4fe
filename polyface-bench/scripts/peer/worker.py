"""PyTorch side of polyface-bench's peer runner (io.polyface.bench.peer.PeerMain): reads one JSON request per line on
standard input, answers one JSON line on standard output. Requests:
  {"cmd": "info"}  -> {"torch": version, "threads": N, "blas": [the BLAS/LAPACK libraries loaded]}
  {"cmd": "load", "arch": A, "spec": FILE, "params": P, "macs": M, "classes": K, "batch": B, "loss": L}
      builds the network from the spec JSON and checks its parameter count and conv/linear multiply-accumulates
  {"cmd": "train", "arch": A, "layout": "nchw"|"cl", "iters": N, "warmup": W}   -> {"seconds": time of N steps}
  {"cmd": "infer", "arch": A, "layout": ..., "batch": B, "iters": N, "warmup": W} -> {"seconds": time of N forwards}
  {"cmd": "mm", "n": N, "d": D, "iters": K, "warmup": W}                         -> {"seconds": time of K products}
A training step: forward in training mode, margin head + cross-entropy, backward, global gradient norm, SGD with
momentum 0.9 and weight decay 5e-4, on one fixed random batch (no data loading)."""
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_from_spec  # noqa: E402

torch.manual_seed(1)
torch.set_num_threads(int(os.environ.get("PEER_THREADS", "2")))
archs = {}
cache = {}


def timed(fn, steps, warmup):
    for _ in range(warmup):
        fn()
    start = time.perf_counter()
    for _ in range(steps):
        fn()
    return time.perf_counter() - start


def fmt(layout):
    return torch.channels_last if layout == "cl" else torch.contiguous_format


def load(req):
    spec = torch_from_spec.load(req["spec"])
    net, dim = torch_from_spec.network(spec)
    params = sum(p.numel() for p in net.parameters())
    if params != req["params"]:
        raise ValueError("%s: the PyTorch network has %d parameters, PolyFace's spec %d" % (req["arch"], params, req["params"]))
    macs = torch_from_spec.macs(net, spec["input"])
    if macs != req["macs"]:
        raise ValueError("%s: the PyTorch network has %d MACs, PolyFace's spec %d" % (req["arch"], macs, req["macs"]))
    archs[req["arch"]] = dict(req, spec=spec, dim=dim)
    return {"params": params, "macs": macs}


def trainer(arch, layout):
    key = ("train", arch, layout)
    if key not in cache:
        a = archs[arch]
        net = torch_from_spec.network(a["spec"])[0].to(memory_format=fmt(layout)).train()
        head = torch_from_spec.MarginHead(a["dim"], a["classes"], a["loss"])
        params = list(net.parameters()) + list(head.parameters())
        sgd = torch.optim.SGD(params, lr=0.01, momentum=0.9, weight_decay=5e-4)
        x = torch.rand(a["batch"], *a["spec"]["input"]).mul(2).sub(1).contiguous(memory_format=fmt(layout))
        y = torch.randint(0, a["classes"], (a["batch"],))

        def step():
            sgd.zero_grad(set_to_none=True)
            head(net(x), y).backward()
            torch.nn.utils.clip_grad_norm_(params, float("inf"))  # the global gradient norm, as Trainer.step() computes
            sgd.step()
        cache[key] = step
    return cache[key]


def inference(arch, layout, batch):
    key = ("infer", arch, layout, batch)
    if key not in cache:
        a = archs[arch]
        net = torch_from_spec.network(a["spec"])[0].to(memory_format=fmt(layout)).eval()
        x = torch.rand(batch, *a["spec"]["input"]).contiguous(memory_format=fmt(layout))

        def forward():
            with torch.inference_mode():
                net(x)
        cache[key] = forward
    return cache[key]


def matrix_product(n, d):
    key = ("mm", n, d)
    if key not in cache:
        a, b = torch.randn(n, d), torch.randn(d, n)
        cache[key] = lambda: torch.mm(a, b)
    return cache[key]


def info():
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))  # loads the BLAS
    with open("/proc/self/maps") as maps:
        blas = sorted({line.split()[-1] for line in maps if "blas" in line or "mkl" in line})
    return {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas}


def answer(req):
    cmd = req["cmd"]
    if cmd == "info":
        return info()
    if cmd == "load":
        return load(req)
    if cmd == "train":
        fn = trainer(req["arch"], req["layout"])
    elif cmd == "infer":
        fn = inference(req["arch"], req["layout"], req["batch"])
    elif cmd == "mm":
        fn = matrix_product(req["n"], req["d"])
    else:
        raise ValueError("unknown command " + cmd)
    return {"seconds": timed(fn, req["iters"], req.get("warmup", 0))}


for line in sys.stdin:
    try:
        out = answer(json.loads(line))
    except Exception as e:  # reported to the Java side, which stops with the message
        out = {"error": "%s: %s" % (type(e).__name__, e)}
    print(json.dumps(out), flush=True)

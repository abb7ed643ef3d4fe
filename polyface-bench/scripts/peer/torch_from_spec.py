"""Builds a torch.nn.Module from a PolyFace architecture spec JSON (io.polyface.core.arch.ArchSpecJson), with the
semantics of polyface-core's DJL blocks (io.polyface.core.nn.BlockFactory), and the ArcFace / ArcNegFace margin heads
of polyface-losses (../shared/spec/losses.md)."""
import json
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Residual(nn.Module):
    """y = post(shortcut(x) + scale * body(x)); stochastic depth: one draw per forward in training (keep p), scale * p at inference."""

    def __init__(self, body, shortcut, scale, keep, post):
        super().__init__()
        self.body, self.shortcut, self.post = body, shortcut, post
        self.scale, self.keep = scale, keep

    def forward(self, x):
        s = x if self.shortcut is None else self.shortcut(x)
        if self.training and self.keep < 1 and torch.rand(()) >= self.keep:
            y = s
        else:
            y = s + (self.scale if self.training else self.scale * self.keep) * self.body(x)
        return y if self.post is None else self.post(y)


class Concat(nn.Module):
    def __init__(self, branches):
        super().__init__()
        self.branches = nn.ModuleList(branches)

    def forward(self, x):
        return torch.cat([b(x) for b in self.branches], dim=1)


class Lambda(nn.Module):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, x):
        return self.fn(x)


def _build(node, shape):
    """Returns (module, output shape) for a node on input shape [C, H, W] or [F]."""
    t = node["type"]
    if t == "sequential":
        mods = []
        for child in node["nodes"]:
            m, shape = _build(child, shape)
            mods.append(m)
        return nn.Sequential(*mods), shape
    if t == "conv2d":
        if node.get("sharedWith"):
            raise ValueError("shared convolutions (poly-N blocks) are not supported: " + node["name"])
        c, h, w = shape
        m = nn.Conv2d(c, node["outChannels"], (node["kernelH"], node["kernelW"]), (node["strideH"], node["strideW"]),
                      (node["padH"], node["padW"]), groups=node["groups"], bias=node["bias"])
        oh = (h + 2 * node["padH"] - node["kernelH"]) // node["strideH"] + 1
        ow = (w + 2 * node["padW"] - node["kernelW"]) // node["strideW"] + 1
        return m, [node["outChannels"], oh, ow]
    if t == "batchnorm":
        kind = nn.BatchNorm2d if len(shape) == 3 else nn.BatchNorm1d
        # DJL/PolyFace momentum is the weight of the new statistic, as in PyTorch
        return kind(shape[0], eps=node["eps"], momentum=node["momentum"], affine=node["affine"]), shape
    if t == "relu":
        return nn.ReLU(), shape
    if t == "prelu":
        return nn.PReLU(shape[0], init=0.25), shape
    if t == "maxpool":
        k, s, p = node["kernel"], node["stride"], node["padding"]
        m = nn.MaxPool2d(k, s, p, ceil_mode=node["ceilMode"])
        with torch.no_grad():
            out = m(torch.zeros(1, *shape)).shape
        return m, list(out[1:])
    if t == "global_avg_pool":
        return nn.AdaptiveAvgPool2d(1), [shape[0], 1, 1]
    if t == "dropout":
        return nn.Dropout(node["rate"]), shape
    if t == "flatten":
        return nn.Flatten(), [math.prod(shape)]
    if t == "linear":
        return nn.Linear(shape[0], node["outFeatures"], bias=node["bias"]), [node["outFeatures"]]
    if t == "resize":
        h, w = node["height"], node["width"]
        return Lambda(lambda x: F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)), [shape[0], h, w]
    if t == "crop":
        top, left, h, w = node["top"], node["left"], node["height"], node["width"]
        return Lambda(lambda x: x[:, :, top:top + h, left:left + w]), [shape[0], h, w]
    if t == "pixel_scale":
        a, b = node["scale"], node["shift"]
        return Lambda(lambda x: x * a + b), shape
    if t == "concat":
        mods, outs = [], []
        for child in node["branches"]:
            m, o = _build(child, shape)
            mods.append(m)
            outs.append(o)
        return Concat(mods), [sum(o[0] for o in outs)] + outs[0][1:]
    if t == "residual":
        body, out = _build(node["body"], shape)
        shortcut = _build(node["shortcut"], shape)[0] if node.get("shortcut") else None
        post = _build(node["post"], out)[0] if node.get("post") else None
        return Residual(body, shortcut, node["scale"], node["keepProb"], post), out
    raise ValueError("unsupported node type %s (%s)" % (t, node["name"]))


def network(spec):
    """The whole spec graph (what polyface-train trains) and its output size."""
    module, out = _build(spec["root"], list(spec["input"]))
    return module, math.prod(out)


def macs(module, input_shape):
    """Multiply-accumulates of the conv and linear layers for one sample (PolyFace's 'macs' FLOPs convention)."""
    total = [0]

    def count(layer, inputs, output):
        if isinstance(layer, nn.Conv2d):
            total[0] += output[0].numel() * layer.in_channels // layer.groups * layer.kernel_size[0] * layer.kernel_size[1]
        else:
            total[0] += layer.in_features * layer.out_features

    hooks = [m.register_forward_hook(count) for m in module.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    was_training = module.training
    with torch.no_grad():
        module.eval()(torch.zeros(1, *input_shape))
    module.train(was_training)
    for h in hooks:
        h.remove()
    return total[0]


def load(path):
    with open(path) as f:
        return json.load(f)


class MarginHead(nn.Module):
    """Cosine logits against L2-normalised class centres [classes, d], with the ArcFace target
    a = cos(theta + m) if c > cos(pi - m) else c - m sin m; ArcNegFace re-weights the negatives by
    t = alpha exp(-(c - a)^2 / sigma) (detached): z_neg = s (t c + t - 1); ArcFace: z_neg = s c."""

    def __init__(self, dim, classes, loss, s=64.0, m=0.5, alpha=1.2, sigma=2.0):
        super().__init__()
        self.centres = nn.Parameter(torch.empty(classes, dim))
        nn.init.xavier_uniform_(self.centres)
        self.loss, self.s, self.m, self.alpha, self.sigma = loss, s, m, alpha, sigma

    def forward(self, emb, labels):
        c = F.linear(F.normalize(emb), F.normalize(self.centres)).clamp(-1, 1)
        ct = c.gather(1, labels[:, None])
        target = torch.where(ct > math.cos(math.pi - self.m),
                             torch.cos(torch.acos(ct.clamp(-1 + 1e-7, 1 - 1e-7)) + self.m), ct - self.m * math.sin(self.m))
        if self.loss == "arcnegface":
            t = self.alpha * torch.exp(-(c.detach() - target.detach()) ** 2 / self.sigma)
            neg = t * c + t - 1
        elif self.loss == "arcface":
            neg = c
        else:
            raise ValueError("loss must be arcface or arcnegface, got " + self.loss)
        logits = neg.scatter(1, labels[:, None], target) * self.s
        return F.cross_entropy(logits, labels)

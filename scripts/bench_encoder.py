#!/usr/bin/env python3
"""PyTorch twin of dev.explorer.encoder.EncoderBench: the same MoCo-v3 step and embedding on the
same architecture, for scripts/bench-encoder. Prints one JSON line.

usage: bench_encoder.py MODE [backbone] [imageSize] [batch] [steps] [warmup] [hidden] [proj] [threads]
  MODE: train | embed. Needs Debian's python3-torch (run with /usr/bin/python3).
"""
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn


def conv(cin, cout, k, stride):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2, bias=False)


class Basic(nn.Module):
    def __init__(self, cin, width, stride):
        super().__init__()
        self.main = nn.Sequential(conv(cin, width, 3, stride), nn.BatchNorm2d(width), nn.ReLU(),
                                  conv(width, width, 3, 1), nn.BatchNorm2d(width))
        self.short = (nn.Identity() if stride == 1 and cin == width
                      else nn.Sequential(conv(cin, width, 1, stride), nn.BatchNorm2d(width)))

    def forward(self, x):
        return torch.relu(self.main(x) + self.short(x))


class Bottleneck(nn.Module):
    def __init__(self, cin, width, stride):
        super().__init__()
        out = width * 4
        self.main = nn.Sequential(conv(cin, width, 1, 1), nn.BatchNorm2d(width), nn.ReLU(),
                                  conv(width, width, 3, stride), nn.BatchNorm2d(width), nn.ReLU(),
                                  conv(width, out, 1, 1), nn.BatchNorm2d(out))
        self.short = (nn.Identity() if stride == 1 and cin == out
                      else nn.Sequential(conv(cin, out, 1, stride), nn.BatchNorm2d(out)))

    def forward(self, x):
        return torch.relu(self.main(x) + self.short(x))


def resnet(name):
    """Same layout as Backbones.resnet in the encoder module."""
    layers = []
    if name == "resnet-small":
        layers += [conv(3, 32, 3, 2), nn.BatchNorm2d(32), nn.ReLU()]
        cin = 32
        for s, w in enumerate([32, 64, 128, 256]):
            layers.append(Basic(cin, w, 1 if s == 0 else 2))
            cin = w
    else:
        layers += [conv(3, 64, 7, 2), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
        cin = 64
        depth = [2, 2, 2, 2] if name == "resnet18" else [3, 4, 6, 3]
        for s, w in enumerate([64, 128, 256, 512]):
            for b in range(depth[s]):
                stride = 2 if b == 0 and s > 0 else 1
                if name == "resnet18":
                    layers.append(Basic(cin, w, stride))
                    cin = w
                else:
                    layers.append(Bottleneck(cin, w, stride))
                    cin = w * 4
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    return nn.Sequential(*layers), cin


def mlp(cin, hidden, out, last_bn):
    layers = [nn.Linear(cin, hidden, bias=False), nn.BatchNorm1d(hidden), nn.ReLU(), nn.Linear(hidden, out, bias=False)]
    if last_bn:
        layers.append(nn.BatchNorm1d(out, affine=False))
    return nn.Sequential(*layers)


def contrastive(q, k, t):
    q = F.normalize(q, dim=1)
    k = F.normalize(k, dim=1)
    logits = q @ k.t() / t
    labels = torch.arange(logits.shape[0])
    return F.cross_entropy(logits, labels) * (2 * t)


def main():
    a = sys.argv[1:]
    mode = a[0] if len(a) > 0 else "train"
    name = a[1] if len(a) > 1 else "resnet-small"
    size = int(a[2]) if len(a) > 2 else 64
    batch = int(a[3]) if len(a) > 3 else 64
    steps = int(a[4]) if len(a) > 4 else 10
    warmup = int(a[5]) if len(a) > 5 else 2
    hidden = int(a[6]) if len(a) > 6 else 1024
    proj = int(a[7]) if len(a) > 7 else 128
    threads = int(a[8]) if len(a) > 8 else 1
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    f, dim = resnet(name)
    g = mlp(dim, hidden, proj, True)
    q = mlp(proj, hidden, proj, False)
    fm, _ = resnet(name)
    gm = mlp(dim, hidden, proj, True)
    query = nn.Sequential(f, g, q)
    key = nn.Sequential(fm, gm)
    key.load_state_dict(nn.Sequential(f, g).state_dict())
    for p in key.parameters():
        p.requires_grad = False
    decay = [p for p in query.parameters() if p.ndim > 1]
    no_decay = [p for p in query.parameters() if p.ndim <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 1e-4}, {"params": no_decay, "weight_decay": 0}],
                            lr=1e-3)
    gen = torch.Generator().manual_seed(0)
    # inputs arrive as host float arrays each step, as in the Java loader
    x1h = torch.randn(batch, 3, size, size, generator=gen).numpy()
    x2h = torch.randn(batch, 3, size, size, generator=gen).numpy()
    m = 0.99
    t = 0.2
    pairs = list(zip(list(f.parameters()) + list(g.parameters()), key.parameters()))
    seconds = 0.0
    cpu_seconds = 0.0
    loss_v = float("nan")
    # BENCH_PROFILE=FILE: the autograd profiler over the timed steps, as a Chrome trace
    profile = os.environ.get("BENCH_PROFILE")
    prof = None
    for i in range(warmup + steps):
        if i == warmup and profile:
            prof = torch.autograd.profiler.profile(record_shapes=True)
            prof.__enter__()
        t0 = time.perf_counter()
        c0 = time.thread_time()
        if mode == "train":
            x1 = torch.from_numpy(x1h.copy())
            x2 = torch.from_numpy(x2h.copy())
            with torch.no_grad():
                for pq, pk in pairs:
                    pk.mul_(m).add_(pq, alpha=1 - m)
                k1 = key(x1)
                k2 = key(x2)
            loss = contrastive(query(x1), k2, t) + contrastive(query(x2), k1, t)
            opt.zero_grad(set_to_none=False)
            loss.backward()
            opt.step()
            loss_v = loss.item()
        else:
            f.eval()
            with torch.no_grad():
                z = F.normalize(f(torch.from_numpy(x1h.copy())), dim=1).numpy()
        if i >= warmup:
            seconds += time.perf_counter() - t0
            cpu_seconds += time.thread_time() - c0
    if prof is not None:
        prof.__exit__(None, None, None)
        prof.export_chrome_trace(profile)
    print(json.dumps({"engine": "pytorch-" + torch.__version__, "mode": mode, "backbone": name, "imageSize": size,
                      "batch": batch, "threads": threads, "steps": steps, "seconds": round(seconds, 3),
                      "imagesPerSecond": round(steps * batch / seconds, 2),
                      "cpuImagesPerSecond": round(steps * batch / cpu_seconds, 2),
                      "loss": None if math.isnan(loss_v) else round(loss_v, 4)}))


if __name__ == "__main__":
    main()

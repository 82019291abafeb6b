#!/usr/bin/env python3
"""Writes the tiny TorchScript backbone the encoder tests load (tiny-backbone.pt, a few kB).

Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 encoder/src/test/python/make_tiny_backbone.py
The file is committed, so tests and CI never need torch. It is a torch.jit.script module (not
jit.trace), so DJL can fine-tune it with trainParam=true, BatchNorm included.
"""
import os
import torch
from torch import nn


class TinyBackbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 12, 3, stride=2, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(12)

    def forward(self, x):
        x = torch.relu(self.bn(self.conv(x)))
        x = torch.relu(self.bn2(self.conv2(x)))
        return x.mean(dim=[2, 3])


def main():
    torch.manual_seed(0)
    module = torch.jit.script(TinyBackbone())
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "resources", "dev", "explorer", "encoder", "tiny-backbone.pt")
    out = os.path.normpath(out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    torch.jit.save(module, out)
    print(out, os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()

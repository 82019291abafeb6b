#!/usr/bin/env python3
"""Self time per operator in two Chrome traces of the autograd profiler, side by side: DJL's
(EncoderBench with -Dexplorer.bench.profile=FILE) and PyTorch's (BENCH_PROFILE=FILE
scripts/bench_encoder.py ...). Self time = an event's duration less that of the events nested in it
on the same thread.

usage: scripts/compare_profiles.py DJL.json TORCH.json [top=30]
"""
import collections
import json
import sys


def load(path):
    d = json.load(open(path))
    events = d["traceEvents"] if isinstance(d, dict) else d
    events = [e for e in events if e.get("ph") == "X" and "dur" in e]
    by_thread = collections.defaultdict(list)
    for e in events:
        by_thread[e.get("tid")].append(e)
    self_us, count = collections.Counter(), collections.Counter()
    for es in by_thread.values():
        es.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack, child = [], {}
        for i, e in enumerate(es):
            ts = float(e["ts"])
            while stack and float(es[stack[-1]]["ts"]) + float(es[stack[-1]]["dur"]) <= ts + 1e-6:
                stack.pop()
            if stack:
                child[stack[-1]] = child.get(stack[-1], 0.0) + float(e["dur"])
            stack.append(i)
        for i, e in enumerate(es):
            self_us[e["name"]] += float(e["dur"]) - child.get(i, 0.0)
            count[e["name"]] += 1
    return self_us, count


def main():
    a, b = load(sys.argv[1]), load(sys.argv[2])
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    print(f"total self time: first {sum(a[0].values()) / 1e3:.0f} ms, second {sum(b[0].values()) / 1e3:.0f} ms")
    print(f"{'operator':45} {'first ms':>10} {'calls':>6} {'second ms':>10} {'calls':>6}")
    for name in sorted(set(a[0]) | set(b[0]), key=lambda n: -a[0][n])[:top]:
        print(f"{name[:45]:45} {a[0][name] / 1e3:10.1f} {a[1][name]:6d} {b[0][name] / 1e3:10.1f} {b[1][name]:6d}")


if __name__ == "__main__":
    main()

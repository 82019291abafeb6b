#!/usr/bin/env python3
"""Reward variants on saved features (explorer reward-check --save-features DIR).

Scores every pool row with several variants of the image reward and prints the ROC AUC of
relevant vs the rest, overall and mean within source, so a change to the reward can be judged on
numbers before it goes into the loop. The first row reproduces the loop's reward (centring on
target + a fixed background of the first B rows, weighted equally; mean cosine to the k nearest
target images); it must match reward-check's printed AUC.

usage: scripts/reward_variants.py DIR RELEVANT_TOPICS [--k 15] [--background 256]
"""
import argparse
import csv
import sys

import numpy as np


def load(d):
    with open(f"{d}/pool.tsv") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    with open(f"{d}/target.tsv") as f:
        nt = sum(1 for _ in f) - 1
    P = np.fromfile(f"{d}/pool.f32", dtype="<f4").reshape(len(rows), -1).astype(np.float64)
    T = np.fromfile(f"{d}/target.f32", dtype="<f4").reshape(nt, -1).astype(np.float64)
    return P, T, rows


def auc(score, pos):
    order = np.argsort(score, kind="mergesort")
    s = score[order]
    ranks = np.empty(len(score))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    n1 = pos.sum()
    n0 = len(pos) - n1
    if n1 == 0 or n0 == 0:
        return float("nan")
    return (ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def l2(x):
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(n, 1e-12)


def knn_mean(C, T, k):
    S = l2(C) @ l2(T).T
    k = min(k, T.shape[0])
    return np.sort(S, axis=1)[:, -k:].mean(axis=1)


def knn_mean_self(C, B, k):
    """As knn_mean with the background B = the first len(B) rows of C: each of those rows leaves itself
    out of its own background neighbours (as the loop and reward-check do)."""
    S = l2(C) @ l2(B).T
    n = min(len(B), len(C))
    S[np.arange(n), np.arange(n)] = -np.inf
    k = min(k, B.shape[0] - 1)
    return np.sort(S, axis=1)[:, -k:].mean(axis=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("relevant")
    ap.add_argument("--k", type=int, default=15)
    ap.add_argument("--background", type=int, default=256)
    a = ap.parse_args()
    P, T, rows = load(a.dir)
    rel = set(a.relevant.split(","))
    pos = np.array([r["topic"] in rel for r in rows])
    src = np.array([r["source"] for r in rows])
    B = P[: a.background]

    def report(name, score):
        within = [auc(score[src == s], pos[src == s]) for s in sorted(set(src))]
        within = [w for w in within if not np.isnan(w)]
        top = np.argsort(-score)[:50]
        print(f"{name:58s} AUC {auc(score, pos):.3f}  mean within source {np.mean(within):.3f}  top-50 share {pos[top].mean():.2f}")

    ref = 0.5 * T.mean(0) + 0.5 * B.mean(0)
    report(f"loop: centre target+bg{a.background}, k={a.k}", knn_mean(P - ref, T - ref, a.k))
    report("no centring", knn_mean(P, T, a.k))
    for k in (1, 5, 50, T.shape[0]):
        report(f"centre, k={k}", knn_mean(P - ref, T - ref, k))
    # whitening: cosine under the background's covariance (shrunk toward its mean variance), so that
    # directions along which the web varies most (drawing style, source) stop dominating the cosine
    def whitener(X, alpha):
        mu = X.mean(0)
        cov = (X - mu).T @ (X - mu) / len(X)
        d = cov.shape[0]
        cs = (1 - alpha) * cov + alpha * np.trace(cov) / d * np.eye(d)
        return np.linalg.inv(np.linalg.cholesky(cs)).T  # x @ W: L^-1 x, same cosines as cs^-1/2
    for nb in sorted({a.background, 640, 1000, 2000, len(P)}):
        for alpha in (0.01, 0.05, 0.1, 0.2):
            W = whitener(P[:nb], alpha)
            report(f"centre, whiten bg {nb}, shrink {alpha}", knn_mean((P - ref) @ W, (T - ref) @ W, a.k))
    W = whitener(P[:640], 0.1)
    for k in (5, 50):
        report(f"centre, whiten bg 640, shrink 0.1, k={k}", knn_mean((P - ref) @ W, (T - ref) @ W, k))
    W = whitener(np.vstack([P[:640], T]), 0.1)
    report("centre, whiten bg 640 + target, shrink 0.1", knn_mean((P - ref) @ W, (T - ref) @ W, a.k))
    ref640 = 0.5 * T.mean(0) + 0.5 * P[:640].mean(0)
    W = whitener(P[:640], 0.1)
    report("centre on bg 640, whiten bg 640, shrink 0.1", knn_mean((P - ref640) @ W, (T - ref640) @ W, a.k))
    for beta in (0.5, 1.0):
        s = knn_mean((P - ref) @ W, (T - ref) @ W, a.k) - beta * knn_mean_self((P - ref) @ W, (P[:640] - ref) @ W, a.k)
        report(f"whiten bg 640 shrink 0.1, knn(target) - {beta} knn(bg)", s)
    # contrast: near the target, far from the background
    for beta in (0.5, 1.0):
        s = knn_mean(P - ref, T - ref, a.k) - beta * knn_mean_self(P - ref, B - ref, a.k)
        report(f"centre, knn(target) - {beta} knn(bg)", s)
    # LDA-like direction: target mean minus background mean, in the whitened space
    cov = (P - P.mean(0)).T @ (P - P.mean(0)) / len(P)
    d = cov.shape[0]
    for alpha in (0.05, 0.2):
        cs = (1 - alpha) * cov + alpha * np.trace(cov) / d * np.eye(d)
        wdir = np.linalg.solve(cs, T.mean(0) - B.mean(0))
        report(f"linear: whitened (target mean - bg mean), shrink {alpha}", P @ wdir)


if __name__ == "__main__":
    sys.exit(main())

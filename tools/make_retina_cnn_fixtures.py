#!/usr/bin/python3
"""Build the PyTorch reference fixtures for tests/engine/retina_cnn_pytorch_test.cpp.

Run with the Debian interpreter that has torch:
    /usr/bin/python3 tools/make_retina_cnn_fixtures.py [--out tests/fixtures]
It (re)writes, deterministically (fixed seeds, float64 autograd):
  tests/fixtures/retina_cnn_fixture_<name>.json
for two option sets: "full_per_unit" (the paper's BN-CNN: full conv1, BatchNorm1d over the
flattened layer) and "separable_per_channel" (rank-2 space–time separable conv1, BatchNorm2d).

The network is written the plain PyTorch way, on independent windows (B, H, S, S) (retina.md §2;
the engine computes the same thing on chunks of consecutive windows that share frames):
  z1 = conv2d(x, W1) + b1      W1 (C1, H, k1, k1); separable W1[c,h] = Σ_r T[c,r,h]·K[c,r]
  a1 = relu(BN1(z1))           BN1 = BatchNorm1d(C1·O1·O1) on z1.flatten(1) (per unit) or
                               BatchNorm2d(C1) (per channel); eps 1e-3, momentum 0.01
  z2 = conv2d(a1, W2) + b2;  a2 = relu(BN2(z2))
  z3 = a2.flatten(1) @ Wd.T (no bias);  ŷ = softplus(BatchNorm1d(N)(z3))
  loss = mean(ŷ − y·log(ŷ + 1e-8)) + λ_a·mean|ŷ| + λ₂·(Σ W1² [or Σ K² + Σ T²] + Σ W2²)
Noise is off (σ = 0) so the fixture does not depend on a random generator. After the training-mode
forward/backward the running statistics have had one update; the eval-mode outputs use them.

JSON: arrays are nested lists in C order with the PyTorch shapes. "frames" is
[chunk][L + H − 1][S][S]; sample l of chunk i is frames[i][l : l + H]; "targets" and outputs are
[chunk·L][N] (sample-major).
"""
import argparse
import json
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

S, H, C1, K1, C2, K2, N, R = 8, 4, 2, 3, 2, 3, 2, 2
CHUNKS, L = 2, 3
EPS_BN, MOMENTUM = 1e-3, 0.01
KERNEL_L2, ACTIVITY_L1 = 0.01, 0.1


def tolist(t):
    return t.detach().tolist()


def make(name, seed, separable, per_unit):
    g = torch.Generator().manual_seed(seed)
    randn = lambda *s: torch.randn(*s, generator=g)
    O1 = S - K1 + 1
    O2 = O1 - K2 + 1
    params = {}
    if separable:
        params["conv1_weight"] = randn(C1, R, K1, K1) / K1
        params["conv1_temporal"] = randn(C1, R, H) / H ** 0.5
    else:
        params["conv1_weight"] = randn(C1, H, K1, K1) / (K1 * H ** 0.5)
    params["conv1_bias"] = 0.1 * randn(C1)
    bn1_shape = (C1, O1, O1) if per_unit else (C1,)
    bn2_shape = (C2, O2, O2) if per_unit else (C2,)
    params["bn1_gamma"] = 1.0 + 0.3 * randn(*bn1_shape)
    params["bn1_beta"] = 0.2 + 0.3 * randn(*bn1_shape)
    params["conv2_weight"] = randn(C2, C1, K2, K2) / (K2 * C1 ** 0.5)
    params["conv2_bias"] = 0.1 * randn(C2)
    params["bn2_gamma"] = 1.0 + 0.3 * randn(*bn2_shape)
    params["bn2_beta"] = 0.2 + 0.3 * randn(*bn2_shape)
    params["dense_weight"] = randn(N, C2 * O2 * O2) / (C2 * O2 * O2) ** 0.5
    params["bn3_gamma"] = 1.0 + 0.3 * randn(N)
    params["bn3_beta"] = -0.5 + 0.3 * randn(N)
    for p in params.values():
        p.requires_grad_(True)

    frames = randn(CHUNKS, L + H - 1, S, S)
    targets = torch.randint(0, 4, (CHUNKS * L, N), generator=g).to(torch.float64)
    x = torch.stack([frames[i, l:l + H] for i in range(CHUNKS) for l in range(L)])  # (B, H, S, S)

    def bn(num):
        return torch.nn.BatchNorm1d(num, eps=EPS_BN, momentum=MOMENTUM)

    bn1 = bn(C1 * O1 * O1) if per_unit else torch.nn.BatchNorm2d(C1, eps=EPS_BN, momentum=MOMENTUM)
    bn2 = bn(C2 * O2 * O2) if per_unit else torch.nn.BatchNorm2d(C2, eps=EPS_BN, momentum=MOMENTUM)
    bn3 = bn(N)
    for m in (bn1, bn2, bn3):
        m.weight = None  # affine parameters come from `params` (applied below)
        m.bias = None
        m.affine = False

    def norm(module, z, gamma, beta, flat):
        if flat:
            y = module(z.flatten(1)).view_as(z)
            return y * gamma.unsqueeze(0) + beta.unsqueeze(0)
        y = module(z)
        return y * gamma.view(1, -1, 1, 1) + beta.view(1, -1, 1, 1)

    def forward(x):
        if separable:
            W1 = torch.einsum("crh,cruv->chuv", params["conv1_temporal"], params["conv1_weight"])
        else:
            W1 = params["conv1_weight"]
        z1 = F.conv2d(x, W1, params["conv1_bias"])
        a1 = torch.relu(norm(bn1, z1, params["bn1_gamma"], params["bn1_beta"], per_unit))
        z2 = F.conv2d(a1, params["conv2_weight"], params["conv2_bias"])
        a2 = torch.relu(norm(bn2, z2, params["bn2_gamma"], params["bn2_beta"], per_unit))
        z3 = a2.flatten(1) @ params["dense_weight"].T
        y3 = bn3(z3) * params["bn3_gamma"] + params["bn3_beta"]
        return F.softplus(y3)

    for m in (bn1, bn2, bn3):
        m.train()
    yhat = forward(x)
    poisson = torch.mean(yhat - targets * torch.log(yhat + 1e-8))
    activity = ACTIVITY_L1 * torch.mean(torch.abs(yhat))
    kernels = [params["conv1_weight"], params["conv2_weight"]]
    if separable:
        kernels.append(params["conv1_temporal"])
    weight = KERNEL_L2 * sum(torch.sum(k ** 2) for k in kernels)
    total = poisson + activity + weight
    total.backward()
    for m in (bn1, bn2, bn3):
        m.eval()
    with torch.no_grad():
        yhat_eval = forward(x)

    def running(m, shape):
        return {"mean": tolist(m.running_mean.view(*shape)), "var": tolist(m.running_var.view(*shape))}

    return {
        "name": name,
        "generator": "tools/make_retina_cnn_fixtures.py (torch %s, float64 autograd)" % torch.__version__,
        "config": {"window_px": S, "history_frames": H, "conv1_channels": C1, "conv1_kernel": K1,
                   "conv1": "separable" if separable else "full", "conv1_rank": R,
                   "conv2_channels": C2, "conv2_kernel": K2, "cells": N,
                   "bn": "per_unit" if per_unit else "per_channel", "bn_epsilon": EPS_BN,
                   "bn_momentum": MOMENTUM, "noise_std": 0.0},
        "loss_config": {"kernel_l2": KERNEL_L2, "activity_l1": ACTIVITY_L1, "poisson_epsilon": 1e-8},
        "chunks": CHUNKS, "length": L,
        "frames": tolist(frames),
        "targets": tolist(targets),
        "params": {k: tolist(v) for k, v in params.items()},
        "outputs_train": tolist(yhat),
        "loss": {"poisson": float(poisson), "activity": float(activity), "weight": float(weight),
                 "total": float(total)},
        "grads": {k: tolist(v.grad) for k, v in params.items()},
        "running": {"bn1": running(bn1, bn1_shape), "bn2": running(bn2, bn2_shape),
                    "bn3": running(bn3, (N,))},
        "outputs_eval": tolist(yhat_eval),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures"))
    a = ap.parse_args()
    for name, seed, sep, per_unit in (("full_per_unit", 1, False, True),
                                      ("separable_per_channel", 2, True, False)):
        fx = make(name, seed, sep, per_unit)
        path = os.path.join(a.out, "retina_cnn_fixture_%s.json" % name)
        with open(path, "w") as f:
            json.dump(fx, f, separators=(",", ":"))
            f.write("\n")
        print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()

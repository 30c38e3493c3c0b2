#!/usr/bin/python3
"""Build the PyTorch reference fixtures for tests/engine/ctrnn_pytorch_test.cpp.

Run from anywhere with the Debian interpreter that has torch:
    /usr/bin/python3 tools/make_ctrnn_fixtures.py [--out tests/fixtures]
It (re)writes, deterministically (fixed seeds, float64 autograd):
  tests/fixtures/ctrnn_fixture_<name>.json  CTRNN forward values, loss terms and every parameter
                                            gradient, one file per option combination
  tests/fixtures/adamw_fixture_<name>.json  torch.nn.utils.clip_grad_norm_ + torch.optim.AdamW,
                                            3 steps on given parameters and gradients

CTRNN (engine/models/ctrnn.h), N = 6, N_in = 3, N_out = 2, T = 7, B = 3:
  x_0 = x0 (all trials);  r_0 = f(x0) (no noise)
  a_t = W_rec r_{t-1} + W_in u_t + b [+ ξ_t]          ("state" noise)
  x_t = (1 − α) x_{t-1} + α a_t
  r_t = f(x_t) + η_t  ("after")   or   r_t = f(x_t + η_t)  ("before")
  y_t = W_out r_t + b_out
Every weight matrix is used as W ⊙ M (masks in the fixture; the W_rec mask has a zero diagonal
when self-connections are masked, and one extra ablated entry). The stored W_rec has non-zero
values under its zero mask entries, so the test checks that the mask really is applied.
Loss (engine/models/ctrnn_dynamics.cpp):
  task     = Σ mask·(y − y*)² / (Σ mask · N_out)
  activity = λ_r · mean(r_t²) over t = 1..T, units, trials (noise included)
  weight   = Σ_matrices λ_L2·mean((W⊙M)²) + λ_L1·mean|W⊙M|   (mean over all entries)
  normalized_error = 100 · mean_o Σ_unmasked (y_o − y*_o)² / Σ_unmasked (y*_o − mean y*_o)²
Gradients are d(total)/d(parameter), with the gradients of parameters that are not learned
set to 0 (the engine's maskGradients).

JSON layout: matrices are row-major nested lists [rows][cols]; sequences are [T][B][dim] with
index t = trial step t+1 (the engine's column t·B + b); "r" is [T+1][B][N] and includes r_0.
"noise" is null or [T][B][N]: the values are added as they are (already scaled by the SD).
"""
import argparse
import json
import os

import torch

torch.set_default_dtype(torch.float64)

N_IN, N, N_OUT, T, B = 3, 6, 2, 7, 3
ALPHA = 0.1
MASKED_STEPS = 2  # loss mask 0 on the first 2 steps


def act(name, z):
    if name == "retanh":
        return torch.clamp(torch.tanh(z), min=0.0)
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return torch.clamp(z, min=0.0)
    raise ValueError(name)


def tolist(t):
    return t.detach().tolist()


def make_ctrnn_fixture(name, seed, nonlinearity, noise_position, loss_cfg, description,
                       mask_self=True, learn_x0=True, learn_b=True, learn_b_out=False,
                       extra_masks=False, noise_std=0.2):
    g = torch.Generator().manual_seed(seed)
    randn = lambda *s: torch.randn(*s, generator=g)
    W_in = randn(N, N_IN) / N_IN ** 0.5
    W_rec = 1.5 * randn(N, N) / N ** 0.5  # diagonal deliberately non-zero (masked below)
    W_out = 0.5 * randn(N_OUT, N)         # non-zero so every path carries gradient
    b_rec = 0.1 + 0.3 * randn(N)
    b_out = 0.1 * randn(N_OUT)
    x0 = 0.4 * randn(N)
    params = {"W_in": W_in, "W_rec": W_rec, "W_out": W_out, "b_rec": b_rec, "b_out": b_out,
              "x0": x0}
    for p in params.values():
        p.requires_grad_(True)

    M_rec = torch.ones(N, N)
    if mask_self:
        M_rec.fill_diagonal_(0.0)
    M_rec[2, 4] = 0.0  # an ablated connection (postsynaptic 2, presynaptic 4)
    M_in = torch.ones(N, N_IN)
    M_out = torch.ones(N_OUT, N)
    if extra_masks:
        M_in[1, 0] = 0.0
        M_out[0, 3] = 0.0

    inputs = randn(T, B, N_IN)
    targets = randn(T, B, N_OUT)
    lmask = torch.ones(T, B)
    lmask[:MASKED_STEPS] = 0.0
    noise = noise_std * randn(T, B, N) if noise_position != "none" else None

    Wi, Wr, Wo = W_in * M_in, W_rec * M_rec, W_out * M_out
    x = x0.expand(B, N)
    r = act(nonlinearity, x)
    rs = [r]
    for t in range(T):
        a = r @ Wr.T + inputs[t] @ Wi.T + b_rec
        if noise_position == "state":
            a = a + noise[t]
        x = (1 - ALPHA) * x + ALPHA * a
        if noise_position == "before":
            r = act(nonlinearity, x + noise[t])
        else:
            r = act(nonlinearity, x)
            if noise_position == "after":
                r = r + noise[t]
        rs.append(r)
    R = torch.stack(rs)                      # (T+1, B, N)
    Y = R[1:] @ Wo.T + b_out                 # (T, B, N_out)

    m3 = lmask[:, :, None]
    task = torch.sum(m3 * (Y - targets) ** 2) / (lmask.sum() * N_OUT)
    activity = loss_cfg["activity_l2"] * torch.mean(R[1:] ** 2)
    weight = torch.zeros(())
    for key, W in (("in", Wi), ("rec", Wr), ("out", Wo)):
        weight = weight + loss_cfg[f"weight_l2_{key}"] * torch.mean(W ** 2)
        weight = weight + loss_cfg[f"weight_l1_{key}"] * torch.mean(torch.abs(W))
    total = task + activity + weight
    total.backward()

    with torch.no_grad():
        keep = lmask > 0
        ne = 0.0
        for o in range(N_OUT):
            yo, to = Y[:, :, o][keep], targets[:, :, o][keep]
            ne += float(torch.sum((yo - to) ** 2) / torch.sum((to - to.mean()) ** 2))
        ne = 100.0 * ne / N_OUT

    learned = {"W_in": True, "W_rec": True, "W_out": True, "b_rec": learn_b,
               "b_out": learn_b_out, "x0": learn_x0}
    grads = {k: (p.grad if learned[k] else torch.zeros_like(p)) for k, p in params.items()}

    return {
        "name": name,
        "description": description,
        "generator": "tools/make_ctrnn_fixtures.py (torch %s, float64 autograd)" % torch.__version__,
        "config": {
            "num_inputs": N_IN, "num_units": N, "num_outputs": N_OUT, "dt_over_tau": ALPHA,
            "nonlinearity": nonlinearity,
            "noise_position": "after" if noise_position == "none" else noise_position,
            "noise": noise_position != "none",
            "noise_std": noise_std if noise_position != "none" else 0.0,
            "mask_self_connections": mask_self,
            "learn_initial_state": learn_x0, "learn_recurrent_bias": learn_b,
            "learn_output_bias": learn_b_out,
        },
        "loss_config": loss_cfg,
        "steps": T, "trials": B,
        "params": {k: tolist(v) for k, v in params.items()},
        "masks": {"rec": tolist(M_rec), "in": tolist(M_in), "out": tolist(M_out)},
        "inputs": tolist(inputs), "targets": tolist(targets), "loss_mask": tolist(lmask),
        "noise": tolist(noise) if noise is not None else None,
        "expected": {
            "y": tolist(Y), "r": tolist(R),
            "loss": {"task": task.item(), "activity": activity.item(), "weight": weight.item(),
                     "total": total.item(), "normalized_error": ne},
            "grad": {k: tolist(v) for k, v in grads.items()},
        },
    }


def loss_config(activity=0.0, l2=(0.0, 0.0, 0.0), l1=(0.0, 0.0, 0.0)):
    return {"activity_l2": activity,
            "weight_l2_in": l2[0], "weight_l2_rec": l2[1], "weight_l2_out": l2[2],
            "weight_l1_in": l1[0], "weight_l1_rec": l1[1], "weight_l1_out": l1[2]}


CTRNN_CASES = [
    dict(name="retanh_nonoise", seed=11, nonlinearity="retanh", noise_position="none",
         loss_cfg=loss_config(activity=0.05),
         description="retanh, noise off, activity L2, diagonal + one ablated W_rec entry"),
    dict(name="retanh_after", seed=12, nonlinearity="retanh", noise_position="after",
         loss_cfg=loss_config(activity=0.01),
         description="paper model: retanh, explicit noise after the nonlinearity, activity L2"),
    dict(name="tanh_before", seed=13, nonlinearity="tanh", noise_position="before",
         loss_cfg=loss_config(activity=0.02, l2=(0.0, 0.03, 0.0)),
         description="tanh, explicit noise before the nonlinearity, activity + W_rec L2"),
    dict(name="relu_state", seed=14, nonlinearity="relu", noise_position="state",
         loss_cfg=loss_config(activity=0.02, l1=(0.01, 0.02, 0.03)), learn_b_out=True,
         description="relu, explicit noise in the state equation, L1 on all weights, "
                     "learned output bias"),
    dict(name="tanh_penalties_nonoise", seed=15, nonlinearity="tanh", noise_position="none",
         loss_cfg=loss_config(activity=0.03, l2=(0.01, 0.02, 0.04), l1=(0.005, 0.01, 0.02)),
         extra_masks=True, learn_x0=False,
         description="tanh, noise off, every penalty, masked W_in and W_out entries, x0 fixed"),
    dict(name="relu_selfconn_nonoise", seed=16, nonlinearity="relu", noise_position="none",
         loss_cfg=loss_config(activity=0.01, l2=(0.0, 0.01, 0.0)), mask_self=False,
         learn_b=False, learn_b_out=True,
         description="relu, noise off, self-connections allowed, b fixed, b_out learned"),
    dict(name="retanh_after_allterms", seed=17, nonlinearity="retanh", noise_position="after",
         loss_cfg=loss_config(activity=0.04, l2=(0.02, 0.01, 0.03), l1=(0.01, 0.005, 0.02)),
         extra_masks=True, learn_b_out=True,
         description="retanh, explicit noise after, every loss term and every mask"),
]


# ----------------------------------------------------------------------------------------------
# AdamW + clip_grad_norm_
# ----------------------------------------------------------------------------------------------
def make_adamw_fixture(name, seed, cfg, grad_scales, description):
    g = torch.Generator().manual_seed(seed)
    shapes = {"W": (4, 3), "b": (5,)}
    # float32-representable values so that the engine (float) starts from identical numbers
    init = {k: torch.randn(*s, generator=g).float().double() for k, s in shapes.items()}
    params = [torch.nn.Parameter(init[k].clone()) for k in shapes]
    opt = torch.optim.AdamW(params, lr=cfg["lr"], betas=(cfg["beta1"], cfg["beta2"]),
                            eps=cfg["eps"], weight_decay=cfg["weight_decay"])
    steps = []
    for scale in grad_scales:
        grads = [(scale * torch.randn(*p.shape, generator=g)).float().double() for p in params]
        for p, gr in zip(params, grads):
            p.grad = gr.clone()
        norm = torch.nn.utils.clip_grad_norm_(params, cfg["max_grad_norm"])
        clipped = [p.grad.clone() for p in params]
        opt.step()
        st = [opt.state[p] for p in params]
        steps.append({
            "grads": [tolist(gr.flatten()) for gr in grads],
            "norm_before_clip": float(norm),
            "clipped_grads": [tolist(c.flatten()) for c in clipped],
            "params_after": [tolist(p.flatten()) for p in params],
            "exp_avg": [tolist(s["exp_avg"].flatten()) for s in st],
            "exp_avg_sq": [tolist(s["exp_avg_sq"].flatten()) for s in st],
        })
    return {
        "name": name, "description": description,
        "generator": "tools/make_ctrnn_fixtures.py (torch %s, float64)" % torch.__version__,
        "config": cfg,
        "params": [{"name": k, "initial": tolist(init[k].flatten())} for k in shapes],
        "steps": steps,
    }


ADAMW_CASES = [
    dict(name="default", seed=21,
         cfg={"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01,
              "max_grad_norm": 10.0},
         grad_scales=[8.0, 0.5, 3.5],
         description="torch defaults, lr 1e-3, clip 10; steps 1 and 3 are clipped, 2 is not"),
    dict(name="custom", seed=22,
         cfg={"lr": 0.05, "beta1": 0.8, "beta2": 0.95, "eps": 1e-4, "weight_decay": 0.1,
              "max_grad_norm": 2.0},
         grad_scales=[0.2, 2.0, 0.1],
         description="large lr, other betas/eps, strong decay, clip 2; only step 2 is clipped"),
]


def write(path, obj):
    with open(path, "w") as fh:
        json.dump(obj, fh, indent=1)
        fh.write("\n")
    print("wrote", path)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="Write the CTRNN / AdamW PyTorch fixtures.")
    ap.add_argument("--out", default=os.path.join(here, "..", "tests", "fixtures"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for case in CTRNN_CASES:
        fx = make_ctrnn_fixture(**case)
        write(os.path.join(args.out, f"ctrnn_fixture_{case['name']}.json"), fx)
    for case in ADAMW_CASES:
        fx = make_adamw_fixture(**case)
        norms = [round(s["norm_before_clip"], 3) for s in fx["steps"]]
        print(f"  adamw {case['name']}: gradient norms before clipping {norms}")
        write(os.path.join(args.out, f"adamw_fixture_{case['name']}.json"), fx)


if __name__ == "__main__":
    main()

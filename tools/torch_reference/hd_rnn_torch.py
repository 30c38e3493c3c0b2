#!/usr/bin/python3
"""PyTorch CPU reference for the head-direction RNN (Cueva, Wang, Chin & Wei, ICLR 2020).

A plain re-implementation of the project's `paper` recipe (shared/spec/head-direction.md §4.4),
written as a typical PyTorch user would: a Python loop over time steps, autograd for the
gradients, torch.optim.AdamW. It is the yardstick for our Eigen engine's learning curve
("no worse than a PyTorch implementation of the same recipe at equal updates") and its speed.

Model (§1, §2)
  x_t = x_{t-1} + α·(−x_{t-1} + W_rec r_{t-1} + W_in u_t + b),   α = dt/τ = 0.1
  r_t = retanh(x_t) + η_t,  η ~ N(0, 0.1²) fresh every step and trial (none on r_0 = f(x_0))
  y_t = W_out r_t + b_out
  N = 100, 3 inputs (ω, sin θ0, cos θ0), 2 outputs (sin θ, cos θ). x_0 is learned and shared
  by all trials. No self-connections: W_rec is used as W_rec ⊙ M with diag(M) = 0, so the
  diagonal is zero in the forward pass and its gradient is exactly zero.
  Initialisation (§2.4): W_in ~ N(0, 1/N_in), W_rec ~ N(0, 1.5²/N) with zero diagonal,
  W_out = 0, b = 0.1 + 0.01·N(0,1), b_out = 0 (not learned), x0 = 0 (learned).

Task (§3, after the authors' generateINandTARGETOUT_CuevaWei2019.py)
  θ0 ~ U[0, 2π); sin θ0, cos θ0 are input for the first 10 steps, during which ω = 0 and the
  loss mask is 0. ω_t = 0.03·N(0,1) + 0.8·ω_{t-1}. In the first half of every batch ω is held
  at 0 on a still period: as in the authors' script, 0-based steps t0−1 … min(T, t0+d)−1 with
  t0 ~ U{0…round(T/3)}, d ~ U{0…round(2T/3)}; the AR state restarts from 0 afterwards.
  Every update draws 100 *fresh* trials of T = 500 steps (the brief's recipe). Note: the
  authors' published script re-seeds numpy inside the generator, so their run actually reuses
  one fixed batch; `--author-fixed-batch` reproduces that quirk for comparison.

Loss and optimiser (§4)
  MSE over unmasked outputs + λ_r·mean(r²) (r over steps 1..T, noise included), λ_r = 0.01.
  2/3 rule: whenever the activity term ≥ ½·MSE, λ_r ← λ_r·2/3 (takes effect from the next
  update, as in main_train_model.py). AdamW lr 1e-3 (torch defaults otherwise: betas
  (0.9, 0.999), eps 1e-8, weight_decay 0.01), torch.nn.utils.clip_grad_norm_(…, 10).

Metric (§5)
  Normalised test error, percent: 100·mean over the 2 outputs of Σ(y−y*)²/Σ(y*−ȳ*)² over
  unmasked samples, on a fixed test set generated once (200 trials × 500 steps, numpy seed
  --test-seed, default 20200101, identical for every training seed), noise off.

Usage (use the Debian interpreter that has torch):
  /usr/bin/python3 tools/torch_reference/hd_rnn_torch.py train --seed 1 --updates 5000 \
      --eval-every 25 --out torch_seed1.csv [--threads 1]
      CSV columns: update, normalized_test_error, loss, mse, activity, lambda_r, grad_norm,
      elapsed_s. Row `update` = state after that many AdamW steps; the loss columns are the
      training batch of that update (before its step), like the authors' error_store[p].
  /usr/bin/python3 tools/torch_reference/hd_rnn_torch.py bench --threads 1 --updates 5
      Prints JSON {"threads", "updates", "updates_per_second", ...}; one warm-up update is run
      first and excluded from the timing. Trial generation is included in the timing (it is
      part of every update), and reported separately as task_seconds_per_update.
"""
import argparse
import csv
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

N_INPUT, N_OUTPUT = 3, 2


# ----------------------------------------------------------------------------------------------
# Task
# ----------------------------------------------------------------------------------------------
def generate_trials(rng, n_trials, n_steps=500, cue_steps=10, av_sd=0.03, momentum=0.8,
                    still_periods=True):
    """Returns float32 arrays IN (B, T, 3), TARGET (B, T, 2), MASK (B, T)."""
    B, T = n_trials, n_steps
    theta0 = 2.0 * np.pi * rng.random(B)
    still = np.zeros((B, T), dtype=bool)
    if still_periods:
        start_max = int(np.round(T / 3))
        dur_max = int(np.round(2 * T / 3))
        for b in range(B):
            if b < B / 2:
                t0 = int(rng.integers(0, start_max + 1))
                t1 = min(T, t0 + int(rng.integers(0, dur_max + 1)))
                still[b, max(t0 - 1, 0):t1] = True  # authors: i >= t0-1 and i <= t1-1
    innovations = rng.standard_normal((B, T))
    omega = np.zeros((B, T))
    angle = np.zeros((B, T))
    angle[:, :cue_steps] = theta0[:, None]
    for t in range(cue_steps, T):
        w = av_sd * innovations[:, t] + momentum * omega[:, t - 1]
        omega[:, t] = np.where(still[:, t], 0.0, w)
        angle[:, t] = np.mod(angle[:, t - 1] + omega[:, t], 2.0 * np.pi)
    IN = np.zeros((B, T, N_INPUT))
    IN[:, :, 0] = omega
    IN[:, :cue_steps, 1] = np.sin(theta0)[:, None]
    IN[:, :cue_steps, 2] = np.cos(theta0)[:, None]
    TARGET = np.stack([np.sin(angle), np.cos(angle)], axis=2)
    MASK = np.ones((B, T))
    MASK[:, :cue_steps] = 0.0
    return IN.astype(np.float32), TARGET.astype(np.float32), MASK.astype(np.float32)


# ----------------------------------------------------------------------------------------------
# Model
# ----------------------------------------------------------------------------------------------
def retanh(x):
    return torch.clamp(torch.tanh(x), min=0.0)


class CTRNN(torch.nn.Module):
    def __init__(self, n_units=100, dt_over_tau=0.1, gen=None):
        super().__init__()
        N = n_units
        self.alpha = dt_over_tau
        w_in = torch.randn(N, N_INPUT, generator=gen) / math.sqrt(N_INPUT)
        w_rec = 1.5 * torch.randn(N, N, generator=gen) / math.sqrt(N)
        w_rec.fill_diagonal_(0.0)
        self.W_in = torch.nn.Parameter(w_in)
        self.W_rec = torch.nn.Parameter(w_rec)
        self.W_out = torch.nn.Parameter(torch.zeros(N_OUTPUT, N))
        self.b = torch.nn.Parameter(0.1 + 0.01 * torch.randn(N, generator=gen))
        self.x0 = torch.nn.Parameter(torch.zeros(N))
        self.register_buffer("b_out", torch.zeros(N_OUTPUT))  # 0, not learned
        self.register_buffer("rec_mask", 1.0 - torch.eye(N))  # no self-connections

    def forward(self, inputs, noise=None):
        """inputs (B, T, 3); noise (B, T, N) or None. Returns y (B, T, 2), r (B, T, N)."""
        B, T, _ = inputs.shape
        W_rec = self.W_rec * self.rec_mask  # masked in the forward pass ⇒ masked gradient
        x = self.x0.expand(B, -1)
        r = retanh(x)  # r_0, no noise
        rs = []
        for t in range(T):
            x = x + self.alpha * (-x + F.linear(r, W_rec) + F.linear(inputs[:, t], self.W_in, self.b))
            r = retanh(x)
            if noise is not None:
                r = r + noise[:, t]
            rs.append(r)
        R = torch.stack(rs, dim=1)
        return F.linear(R, self.W_out, self.b_out), R


def normalized_error(y, target, mask):
    """§5, in percent. y, target (B, T, n_out) numpy; mask (B, T)."""
    keep = mask > 0
    total = 0.0
    for o in range(y.shape[2]):
        yo = y[:, :, o][keep].astype(np.float64)
        to = target[:, :, o][keep].astype(np.float64)
        var = np.sum((to - to.mean()) ** 2)
        err = np.sum((yo - to) ** 2)
        total += err / var if var > 0 else err
    return 100.0 * total / y.shape[2]


class Trainer:
    def __init__(self, seed, batch=100, steps=500, noise_std=0.1, lambda_r=0.01, lr=1e-3,
                 clip=10.0, author_fixed_batch=False):
        torch.manual_seed(seed)
        self.gen = torch.Generator().manual_seed(seed)
        self.model = CTRNN(gen=self.gen)
        self.params = [p for p in self.model.parameters() if p.requires_grad]
        self.opt = torch.optim.AdamW(self.params, lr=lr)
        self.task_seed = seed + 1_000_003
        self.rng = np.random.default_rng(self.task_seed)
        self.batch, self.steps = batch, steps
        self.noise_std, self.lambda_r, self.clip = noise_std, lambda_r, clip
        self.author_fixed_batch = author_fixed_batch
        self.task_seconds = 0.0

    def next_batch(self):
        t0 = time.perf_counter()
        rng = np.random.default_rng(self.task_seed) if self.author_fixed_batch else self.rng
        IN, TARGET, MASK = generate_trials(rng, self.batch, self.steps)
        self.task_seconds += time.perf_counter() - t0
        return torch.from_numpy(IN), torch.from_numpy(TARGET), torch.from_numpy(MASK)

    def step(self, do_update=True):
        """One update: forward, loss, 2/3 rule, backward, clip, AdamW. Returns the loss terms."""
        IN, TARGET, MASK = self.next_batch()
        noise = self.noise_std * torch.randn(self.batch, self.steps, self.model.x0.numel(),
                                             generator=self.gen)
        y, r = self.model(IN, noise)
        mask = MASK[:, :, None].expand_as(y)
        mse = torch.sum(mask * (y - TARGET) ** 2) / torch.sum(mask)
        activity = self.lambda_r * torch.mean(r ** 2)
        loss = mse + activity
        out = {"loss": loss.item(), "mse": mse.item(), "activity": activity.item(),
               "lambda_r": self.lambda_r}
        if activity.item() >= mse.item() / 2:  # 2/3 rule, effective from the next update
            self.lambda_r *= 2.0 / 3.0
        self.opt.zero_grad()
        loss.backward()
        out["grad_norm"] = float(torch.nn.utils.clip_grad_norm_(self.params, self.clip))
        if do_update:
            self.opt.step()
        return out


def cmd_train(args):
    torch.set_num_threads(args.threads)
    trainer = Trainer(args.seed, batch=args.batch, steps=args.steps,
                      author_fixed_batch=args.author_fixed_batch)
    # Fixed test set: same trials for every training seed, noise off.
    IN, TARGET, MASK = generate_trials(np.random.default_rng(args.test_seed), args.test_trials,
                                       args.test_steps)
    test_in = torch.from_numpy(IN)
    t_start = time.perf_counter()
    with open(args.out, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["update", "normalized_test_error", "loss", "mse", "activity", "lambda_r",
                    "grad_norm", "elapsed_s"])
        # Like the authors' loop: iteration p sees the parameters after p updates; the last
        # iteration (p == updates) only evaluates.
        for p in range(args.updates + 1):
            evaluate = p % args.eval_every == 0 or p == args.updates
            if evaluate:
                with torch.no_grad():
                    y, _ = trainer.model(test_in, None)
                ne = normalized_error(y.numpy(), TARGET, MASK)
            terms = trainer.step(do_update=p < args.updates)
            if evaluate:
                w.writerow([p, f"{ne:.6g}", f"{terms['loss']:.6g}", f"{terms['mse']:.6g}",
                            f"{terms['activity']:.6g}", f"{terms['lambda_r']:.6g}",
                            f"{terms['grad_norm']:.6g}", f"{time.perf_counter() - t_start:.3f}"])
                fh.flush()
                if not args.quiet:
                    print(f"update {p}: normalized test error {ne:.3f} %, "
                          f"loss {terms['loss']:.5g}", file=sys.stderr)


def cmd_bench(args):
    torch.set_num_threads(args.threads)
    trainer = Trainer(args.seed, batch=args.batch, steps=args.steps)
    trainer.step()  # warm-up, excluded
    trainer.task_seconds = 0.0
    t0 = time.perf_counter()
    for _ in range(args.updates):
        trainer.step()
    dt = time.perf_counter() - t0
    print(json.dumps({
        "implementation": "torch",
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "units": trainer.model.x0.numel(), "steps": args.steps, "batch": args.batch,
        "updates": args.updates,
        "seconds": round(dt, 4),
        "updates_per_second": round(args.updates / dt, 4),
        "task_seconds_per_update": round(trainer.task_seconds / args.updates, 5),
    }))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--seed", type=int, default=1)
    common.add_argument("--batch", type=int, default=100)
    common.add_argument("--steps", type=int, default=500)
    common.add_argument("--threads", type=int, default=1)
    tr = sub.add_parser("train", parents=[common], help="train and write a learning curve CSV")
    tr.add_argument("--updates", type=int, default=5000)
    tr.add_argument("--eval-every", type=int, default=25)
    tr.add_argument("--out", required=True)
    tr.add_argument("--test-seed", type=int, default=20200101)
    tr.add_argument("--test-trials", type=int, default=200)
    tr.add_argument("--test-steps", type=int, default=500)
    tr.add_argument("--author-fixed-batch", action="store_true",
                    help="reuse one fixed training batch, as the authors' script effectively does")
    tr.add_argument("--quiet", action="store_true")
    be = sub.add_parser("bench", parents=[common], help="time training updates")
    be.add_argument("--updates", type=int, default=5)
    args = ap.parse_args(argv)
    if args.cmd == "train":
        cmd_train(args)
    else:
        cmd_bench(args)


if __name__ == "__main__":
    main()

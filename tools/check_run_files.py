#!/usr/bin/python3
"""Reads an Emergence head-direction run folder with numpy alone and checks the documented
keys, shapes and dtypes (README "Run folder"). Usage: check_run_files.py RUN_DIR N"""
import csv
import json
import sys

import numpy as np

run, n = sys.argv[1], int(sys.argv[2])


def expect(cond, msg):
    if not cond:
        sys.exit(f"check_run_files: {msg}")


cfg = json.load(open(f"{run}/config.json"))
expect(cfg["lab"] == "head_direction" and cfg["model"]["num_units"] == n, "config.json lab/num_units")

shapes = {"W_in": (n, 3), "W_rec": (n, n), "W_out": (2, n), "b_rec": (n,), "b_out": (2,),
          "x0": (n,), "mask_rec": (n, n), "mask_in": (n, 3), "mask_out": (2, n)}
for name in ("weights.npz", "initial_weights.npz"):
    w = np.load(f"{run}/{name}", allow_pickle=False)
    expect(set(w.files) == set(shapes), f"{name} keys {sorted(w.files)}")
    for k, s in shapes.items():
        expect(w[k].shape == s and w[k].dtype == np.float32, f"{name}:{k} {w[k].shape} {w[k].dtype}")
    expect(np.all(np.diag(w["mask_rec"]) == 0), f"{name}: mask_rec diagonal must be 0")
    expect(np.all(w["W_rec"][w["mask_rec"] == 0] * 0 == 0), f"{name}: finite")

# The saved network reproduces the rule x_t = x + α(−x + W r + W_in u + b) in numpy.
w = np.load(f"{run}/weights.npz")
alpha = cfg["model"]["dt_over_tau"]
x = w["x0"].astype(np.float64)
r = np.maximum(np.tanh(x), 0)
u = np.array([0.0, np.sin(1.0), np.cos(1.0)])
x = x + alpha * (-x + (w["W_rec"] * w["mask_rec"]) @ r + (w["W_in"] * w["mask_in"]) @ u + w["b_rec"])
expect(np.all(np.isfinite(x)), "one Euler step in numpy is finite")

a = np.load(f"{run}/analysis.npz", allow_pickle=False)
for k, s in {"preferred_hd_deg": (n,), "hd_strength": (n,), "av_slope": (n,), "unit_class": (n,),
             "hd_tuning": (n, 360), "hd_tuning_cw": (n, 360), "hd_tuning_ccw": (n, 360),
             "cw_ccw_offset_deg": (n,), "class_counts": (5,), "eigenvalues_trained": (n, 2),
             "eigenvalues_initial": (n, 2), "profile_mean": (9, 360)}.items():
    expect(k in a.files, f"analysis.npz lacks {k} (has {sorted(a.files)})")
    expect(a[k].shape == s, f"analysis.npz:{k} shape {a[k].shape}, expected {s}")
expect(a["class_counts"].sum() == n, "class counts add up to N")
expect(a["test_error"].shape == (), "test_error is a scalar")

rows = list(csv.DictReader(open(f"{run}/history.csv")))
expect(len(rows) == int(json.load(open(f"{run}/state.json"))["update"]), "history rows = updates")
print(f"check_run_files: {run} OK ({len(rows)} updates, {len(a.files)} analysis arrays)")

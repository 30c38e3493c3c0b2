#!/usr/bin/python3
"""Render the rate maps of a grid-cells run (analysis.npz) as a PNG mosaic, sorted by score60.

Uses numpy and the standard library only (PNG written with zlib), so it runs anywhere the run
files are read. Each tile is one unit's rate map normalised to its own min/max (viridis-like
ramp, unvisited bins grey); tiles are ordered by descending min/max score60.

Usage: /usr/bin/python3 tools/render_rate_maps.py RUN/analysis.npz OUT.png [--top K] [--tile PX]
"""
import argparse
import struct
import sys
import zlib

import numpy as np

# A 5-point perceptual ramp (dark blue → teal → yellow), interpolated.
RAMP = np.array([[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]],
                dtype=float)


def colour(v):
    """v in [0, 1] → RGB uint8, NaN → grey."""
    out = np.full(v.shape + (3,), 160, dtype=np.uint8)
    ok = np.isfinite(v)
    x = np.clip(v[ok], 0, 1) * (len(RAMP) - 1)
    i = np.minimum(x.astype(int), len(RAMP) - 2)
    f = (x - i)[:, None]
    out[ok] = (RAMP[i] * (1 - f) + RAMP[i + 1] * f).astype(np.uint8)
    return out


def write_png(path, rgb):
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    open(path, "wb").write(png)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("analysis")
    ap.add_argument("out")
    ap.add_argument("--top", type=int, default=64)
    ap.add_argument("--tile", type=int, default=4, help="pixels per bin")
    a = ap.parse_args()
    d = np.load(a.analysis)
    maps, score = d["rate_maps"], d["score60_min_max"]
    order = np.argsort(-np.nan_to_num(score, nan=-9))[: a.top]
    n = maps.shape[1]
    cols = int(np.ceil(np.sqrt(len(order))))
    rows = int(np.ceil(len(order) / cols))
    t = n * a.tile + 2
    img = np.full((rows * t, cols * t, 3), 255, dtype=np.uint8)
    for k, u in enumerate(order):
        m = maps[u]
        lo, hi = np.nanmin(m), np.nanmax(m)
        v = (m - lo) / (hi - lo) if hi > lo else np.zeros_like(m)
        tile = np.kron(colour(v), np.ones((a.tile, a.tile, 1), dtype=np.uint8))
        r, c = divmod(k, cols)
        img[r * t + 1: r * t + 1 + n * a.tile, c * t + 1: c * t + 1 + n * a.tile] = tile[::-1]
    write_png(a.out, img)
    print(f"{a.out}: {len(order)} units, score60 of the best: "
          + ", ".join(f"{score[u]:.2f}" for u in order[:8]))


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Independent numpy reference for the spatial autocorrelogram and grid scores
(grid-cells.md §8.2, §8.3) and the fixture tests/fixtures/grid_scores_reference.npz that
tests/engine/grid_scores_test.cpp compares the C++ engine against.

Written from the formulas of DeepMind's `scores.py` (circle_mask, calculate_sac,
get_grid_scores_for_mask, grid_score_60/90), with two documented differences shared with the
engine:
  * rotation is bilinear about the SAC centre with zeros outside (the spec asks for bilinear;
    DeepMind's scipy.ndimage.rotate defaults to cubic splines); scipy is not needed;
  * lags whose overlap has zero variance give r = 0 (numpy's nan_to_num of 0/0).
The SAC is computed lag by lag with explicit slices (no FFT, no scipy), so it checks the engine's
vectorised correlation kernels independently.

Usage: /usr/bin/python3 tools/make_grid_score_fixture.py [out.npz]   (numpy only; deterministic)
"""
import sys

import numpy as np


def sac_reference(m):
    """Pearson correlation over overlapping non-NaN bins for every lag; (2n-1)^2."""
    n = m.shape[0]
    L = 2 * n - 1
    out = np.zeros((L, L))
    for dy in range(-(n - 1), n):
        for dx in range(-(n - 1), n):
            # pairs (i, j) and (i + dy, j + dx), both inside
            i0, i1 = max(0, -dy), min(n, n - dy)
            j0, j1 = max(0, -dx), min(n, n - dx)
            a = m[i0:i1, j0:j1]
            b = m[i0 + dy:i1 + dy, j0 + dx:j1 + dx]
            ok = ~np.isnan(a) & ~np.isnan(b)
            N = ok.sum()
            if N < 1:
                continue
            a, b = a[ok], b[ok]
            v1 = (a * a).sum() / N - (a.sum() / N) ** 2
            v2 = (b * b).sum() / N - (b.sum() / N) ** 2
            if not (v1 > 1e-12 * (a * a).sum() / N) or not (v2 > 1e-12 * (b * b).sum() / N):
                continue
            cov = (a * b).sum() / N - a.sum() * b.sum() / N ** 2
            out[dy + n - 1, dx + n - 1] = cov / (np.sqrt(v1) * np.sqrt(v2))
    return out


def rotate_bilinear(img, angle_deg):
    """out(y, x) = in(c + R(-theta)((x, y) - c)), bilinear, zero outside."""
    rows, cols = img.shape
    cy, cx = (rows - 1) / 2.0, (cols - 1) / 2.0
    t = np.deg2rad(angle_deg)
    y, x = np.mgrid[0:rows, 0:cols].astype(float)
    dx, dy = x - cx, y - cy
    sx = cx + np.cos(t) * dx + np.sin(t) * dy
    sy = cy - np.sin(t) * dx + np.cos(t) * dy
    sx = np.where(np.abs(sx - np.round(sx)) < 1e-9, np.round(sx), sx)
    sy = np.where(np.abs(sy - np.round(sy)) < 1e-9, np.round(sy), sy)
    x0, y0 = np.floor(sx).astype(int), np.floor(sy).astype(int)
    fx, fy = sx - x0, sy - y0
    out = np.zeros_like(img)
    for ty in (0, 1):
        for tx in (0, 1):
            yy, xx = y0 + ty, x0 + tx
            w = (fy if ty else 1 - fy) * (fx if tx else 1 - fx)
            ok = (yy >= 0) & (yy < rows) & (xx >= 0) & (xx < cols)
            out[ok] += w[ok] * img[yy[ok], xx[ok]]
    return out


def circle_mask(size, radius):
    sz = [size[0] // 2, size[1] // 2]
    x = np.linspace(-sz[0], sz[1], size[1])[None, :].repeat(size[0], 0)
    y = np.linspace(-sz[0], sz[1], size[1])[:, None].repeat(size[1], 1)
    return (np.sqrt(x ** 2 + y ** 2) <= radius).astype(float)


def grid_scores(sac, n):
    angles = [30, 45, 60, 90, 120, 135, 150]
    rot = {a: rotate_bilinear(sac, a) for a in angles}
    L = 2 * n - 1
    s60mm, s60mean, s90 = [], [], []
    for outer in np.linspace(0.4, 1.0, 10):
        mask = circle_mask([L, L], outer * n) * (1 - circle_mask([L, L], 0.2 * n))
        area = mask.sum()
        mean = (sac * mask).sum() / area
        centred = (sac - mean) * mask
        var = (centred ** 2).sum() / area + 1e-5
        c = {a: ((centred * (rot[a] - mean) * mask).sum() / area) / var for a in angles}
        s60mm.append(min(c[60], c[120]) - max(c[30], c[90], c[150]))
        s60mean.append((c[60] + c[120]) / 2 - (c[30] + c[90] + c[150]) / 3)
        s90.append(c[90] - (c[45] + c[135]) / 2)
    s60mm, s60mean, s90 = map(np.asarray, (s60mm, s60mean, s90))
    return [s60mm.max(), s60mean.max(), s90.max(),
            float(np.argmax(s60mm)), float(np.argmax(s60mean)), float(np.argmax(s90))]


def hex_map(n, spacing_bins, theta_deg, phase):
    k = 4 * np.pi / (np.sqrt(3) * spacing_bins)
    y, x = np.mgrid[0:n, 0:n].astype(float)
    total = np.zeros((n, n))
    for j in range(3):
        a = np.deg2rad(theta_deg + 60 * j)
        total += np.cos(k * (np.cos(a) * x + np.sin(a) * y) + phase[j])
    return np.maximum(total, 0)


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/grid_scores_reference.npz"
    rng = np.random.default_rng(20240611)
    maps = {}
    n1 = 14
    noisy = rng.random((n1, n1))
    noisy[rng.random((n1, n1)) < 0.15] = np.nan           # unvisited bins
    maps["noise"] = noisy
    hexm = hex_map(n1, 5.3, 7.0, rng.random(3) * 2 * np.pi)
    hexm += 0.05 * rng.random((n1, n1))
    hexm[0, 0] = hexm[3, 5] = np.nan
    maps["hex"] = hexm
    n2 = 11
    circ = hex_map(n2, 4.1, 21.0, [0.3, 1.1, 2.0])
    yy, xx = np.mgrid[0:n2, 0:n2]
    circ[(yy - 5) ** 2 + (xx - 5) ** 2 > 30] = np.nan       # a circular arena's corners
    maps["circle"] = circ
    arrays = {}
    for name, m in maps.items():
        s = sac_reference(m)
        arrays["map_" + name] = m
        arrays["sac_" + name] = s
        arrays["scores_" + name] = np.asarray(grid_scores(s, m.shape[0]))
    np.savez(out_path, **arrays)
    for name in maps:
        print(name, arrays["scores_" + name])


if __name__ == "__main__":
    main()

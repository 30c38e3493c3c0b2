#!/usr/bin/python3
"""Compare head-direction learning curves of our engine and the PyTorch reference.

Each CSV is one training run (one seed) with a header containing an update column and a
normalised-test-error column (percent, head-direction.md §5). The defaults match
tools/torch_reference/hd_rnn_torch.py (`update`, `normalized_test_error`); other spellings are
recognised automatically (update/updates/step/iteration; normalized_test_error/test_error/
normalized_error/test_normalized_error/testError/...), or name them with --update-column /
--error-column.

Usage:
  /usr/bin/python3 tools/compare_hd_learning_curves.py \
      --ours ours_s1.csv ours_s2.csv ours_s3.csv \
      --torch torch_s1.csv torch_s2.csv torch_s3.csv \
      [--at 0 100 250 500 1000 1500 2000 3000 4000 5000] [--thresholds 5 1] [--markdown]

Prints
  1. a table at equal updates: mean ± sd over seeds of the normalised test error for each
     implementation, and the difference ours − torch (negative = ours better). Updates where a
     run has no row are linearly interpolated between its neighbouring rows (marked "~") and are
     never extrapolated. By default the table uses the updates common to all runs (thinned to
     about 15 rows);
  2. per run and per threshold (default 5 % and 1 %), the first update at which the error is
     below the threshold ("—" if never), with mean ± sd over the seeds that crossed;
  3. a verdict line for the acceptance check "no worse than PyTorch at equal updates":
     the number of table rows at which mean(ours) > mean(torch) + sd(torch).
Only the Python standard library is used.
"""
import argparse
import csv
import math
import statistics
import sys

UPDATE_NAMES = ["update", "updates", "step", "steps", "iteration", "iter", "parameter_update"]
ERROR_NAMES = ["normalized_test_error", "test_normalized_error", "normalised_test_error",
               "test_error", "normalized_error", "normalised_error", "testerror",
               "test_error_percent", "normalizederror"]


def _pick(header, wanted, explicit, what, path):
    if explicit:
        if explicit not in header:
            sys.exit(f"{path}: no column '{explicit}' (columns: {', '.join(header)})")
        return explicit
    low = {h.strip().lower(): h for h in header}
    for name in wanted:
        if name in low:
            return low[name]
    sys.exit(f"{path}: cannot find the {what} column among {', '.join(header)}; "
             f"use --{what}-column")


def read_curve(path, update_col=None, error_col=None):
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        sys.exit(f"{path}: no rows")
    header = list(rows[0].keys())
    uc = _pick(header, UPDATE_NAMES, update_col, "update", path)
    ec = _pick(header, ERROR_NAMES, error_col, "error", path)
    curve = {}
    for r in rows:
        try:
            u = int(float(r[uc]))
            e = float(r[ec])
        except (TypeError, ValueError):
            continue
        if math.isfinite(e):
            curve[u] = e
    return sorted(curve.items())


def value_at(curve, update):
    """(value, interpolated?) or (None, False) outside the run."""
    for u, e in curve:
        if u == update:
            return e, False
    for (u0, e0), (u1, e1) in zip(curve, curve[1:]):
        if u0 < update < u1:
            return e0 + (e1 - e0) * (update - u0) / (u1 - u0), True
    return None, False


def crossing(curve, threshold):
    for u, e in curve:
        if e < threshold:
            return u
    return None


def mean_sd(values):
    values = [v for v in values if v is not None]
    if not values:
        return None, None, 0
    m = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return m, sd, len(values)


def fmt_ms(m, sd, approx=False, digits=2):
    if m is None:
        return "—"
    return f"{'~' if approx else ''}{m:.{digits}f} ± {sd:.{digits}f}"


def default_updates(curves, max_rows=15):
    common = None
    for c in curves:
        us = {u for u, _ in c}
        common = us if common is None else common & us
    common = sorted(common or [])
    if not common:  # no shared rows: use the union within the shortest run
        last = min(c[-1][0] for c in curves)
        common = sorted({u for c in curves for u, _ in c if u <= last})
    if len(common) <= max_rows:
        return common
    # keep the first and last, thin the rest roughly log-spaced
    picks = {common[0], common[-1]}
    lo = max(common[1], 1)
    hi = common[-1]
    for i in range(max_rows - 2):
        target = lo * (hi / lo) ** (i / (max_rows - 3))
        picks.add(min(common, key=lambda u: abs(u - target)))
    return sorted(picks)


def print_table(rows, markdown):
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for k, r in enumerate(rows):
        if markdown:
            print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")
            if k == 0:
                print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        else:
            print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                            for i, (c, w) in enumerate(zip(r, widths))))
            if k == 0:
                print("  ".join("-" * w for w in widths))


def main():
    ap = argparse.ArgumentParser(description="Compare HD learning curves (ours vs torch).")
    ap.add_argument("--ours", nargs="+", required=True, help="our curve CSVs, one per seed")
    ap.add_argument("--torch", nargs="+", required=True, help="torch curve CSVs, one per seed")
    ap.add_argument("--at", nargs="*", type=int, help="updates for the table")
    ap.add_argument("--thresholds", nargs="*", type=float, default=[5.0, 1.0])
    ap.add_argument("--update-column")
    ap.add_argument("--error-column")
    ap.add_argument("--ours-label", default="ours")
    ap.add_argument("--torch-label", default="torch")
    ap.add_argument("--markdown", action="store_true", help="print markdown tables")
    args = ap.parse_args()

    groups = {
        args.ours_label: [(p, read_curve(p, args.update_column, args.error_column))
                          for p in args.ours],
        args.torch_label: [(p, read_curve(p, args.update_column, args.error_column))
                           for p in args.torch],
    }
    all_curves = [c for runs in groups.values() for _, c in runs]
    updates = args.at if args.at else default_updates(all_curves)
    names = list(groups)

    print(f"Normalised test error (%), mean ± sd over seeds "
          f"({', '.join(f'{n}: {len(groups[n])} runs' for n in names)})\n")
    rows = [["update"] + names + [f"{names[0]} − {names[1]}"]]
    worse = compared = 0
    for u in updates:
        stats = {}
        cells = [str(u)]
        for n in names:
            vals, approx = [], False
            for _, c in groups[n]:
                v, interp = value_at(c, u)
                vals.append(v)
                approx |= interp
            m, sd, k = mean_sd(vals)
            stats[n] = (m, sd)
            cell = fmt_ms(m, sd, approx)
            if m is not None and k < len(groups[n]):
                cell += f" (n={k})"
            cells.append(cell)
        (mo, _), (mt, sdt) = stats[names[0]], stats[names[1]]
        if mo is not None and mt is not None:
            cells.append(f"{mo - mt:+.2f}")
            compared += 1
            if mo > mt + sdt:
                worse += 1
        else:
            cells.append("—")
        rows.append(cells)
    print_table(rows, args.markdown)

    print("\nFirst update with normalised test error below each threshold\n")
    rows = [["run"] + [f"< {t:g} %" for t in args.thresholds]]
    summary = {n: {t: [] for t in args.thresholds} for n in names}
    for n in names:
        for path, c in groups[n]:
            cells = [f"{n}: {path}"]
            for t in args.thresholds:
                x = crossing(c, t)
                summary[n][t].append(x)
                cells.append("—" if x is None else str(x))
            rows.append(cells)
    for n in names:
        cells = [f"{n}: mean ± sd (crossed/runs)"]
        for t in args.thresholds:
            xs = summary[n][t]
            m, sd, k = mean_sd(xs)
            cells.append(("—" if m is None else f"{m:.0f} ± {sd:.0f}") + f" ({k}/{len(xs)})")
        rows.append(cells)
    print_table(rows, args.markdown)

    print(f"\nRows where mean({names[0]}) > mean({names[1]}) + sd({names[1]}): "
          f"{worse} of {compared}"
          + (" — no worse than torch at equal updates" if worse == 0 and compared else ""))


if __name__ == "__main__":
    main()

// Synthetic ground-truth retina (retina.md §8.2); the circuit is written out in
// synthetic_retina.h.
#include "engine/retina/synthetic_retina.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <tuple>

namespace emergence::engine {
namespace {

void require(bool ok, const std::string& field, const std::string& reason) {
  if (!ok) throw std::invalid_argument("SyntheticRetinaConfig." + field + ": " + reason);
}

// xⁿ with the common exponents 2 and 4 done by multiplication (std::pow is slow); x ≥ 0.
double powerOf(double x, double n) {
  if (n == 4.0) {
    const double x2 = x * x;
    return x2 * x2;
  }
  if (n == 2.0) return x * x;
  return std::pow(x, n);
}

const TemporalKernelParams& pathwayKernel(const SyntheticRetinaConfig& c, RetinaPathway p) {
  switch (p) {
    case RetinaPathway::OffFast:
      return c.offFast;
    case RetinaPathway::OnFast:
      return c.onFast;
    case RetinaPathway::OnSlow:
      return c.onSlow;
    case RetinaPathway::OffSlow:
      return c.offSlow;
  }
  return c.offFast;
}

}  // namespace

const char* retinaPathwayName(RetinaPathway p) {
  switch (p) {
    case RetinaPathway::OffFast:
      return "OFF-fast";
    case RetinaPathway::OnFast:
      return "ON-fast";
    case RetinaPathway::OnSlow:
      return "ON-slow";
    case RetinaPathway::OffSlow:
      return "OFF-slow";
  }
  return "?";
}

bool isOnPathway(RetinaPathway p) {
  return p == RetinaPathway::OnFast || p == RetinaPathway::OnSlow;
}

std::vector<RetinaCellSpec> defaultRetinaCells(const SyntheticRetinaConfig& c) {
  Rng rng = Rng(c.seed).stream(101);
  // 3 × 3 slots at centre + (i − 1)·region/3, one dropped, jittered by U(±jitter).
  const double cx = 0.5 * c.width, cy = 0.5 * c.height, step = c.rosterRegionPx / 3.0;
  std::vector<std::pair<double, double>> slots;
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 3; ++i) slots.emplace_back(cx + (i - 1) * step, cy + (j - 1) * step);
  slots.erase(slots.begin() + long(rng.uniformInt(slots.size())));
  for (size_t k = slots.size() - 1; k > 0; --k)  // Fisher–Yates: which type sits where
    std::swap(slots[k], slots[rng.uniformInt(k + 1)]);
  std::vector<RetinaCellSpec> cells;
  for (size_t k = 0; k < slots.size(); ++k) {
    RetinaCellSpec cell;
    cell.xPx = slots[k].first + c.rosterJitterPx * (2.0 * rng.uniform() - 1.0);
    cell.yPx = slots[k].second + c.rosterJitterPx * (2.0 * rng.uniform() - 1.0);
    if (k < 4) {
      cell.type = "fast-OFF";
      cell.sigmaPx = 2.0;
      cell.rHalfHz = 15.0;
      cell.inputs = {{RetinaPathway::OffFast, 1.0, -1.0}};
    } else if (k < 6) {
      cell.type = "OSR";
      cell.sigmaPx = 2.0;
      cell.rHalfHz = 15.0;
      cell.inputs = {{RetinaPathway::OffFast, 1.0, -1.0}, {RetinaPathway::OnSlow, 1.0, -1.0}};
    } else {
      // Tuned (synthetic_retina.h): σ_g 4.5 (table 3), w_OFF 2, w_ON 5 (table 1, 1), subunit gain
      // control on both inputs.
      cell.type = "reversal";
      cell.sigmaPx = 4.5;
      cell.rHalfHz = 30.0;
      cell.inputs = {{RetinaPathway::OffFast, 2.0, 1.0, true},
                     {RetinaPathway::OnFast, 5.0, -1.0, true}};
    }
    cells.push_back(cell);
  }
  return cells;
}

SyntheticRetina::SyntheticRetina(const SyntheticRetinaConfig& c)
    : m_config(c), m_countRng(Rng(c.seed).stream(202)) {
  require(c.height > 0 && c.width > 0, "height/width", "must be > 0");
  require(c.dtS > 0, "dtS", "must be > 0");
  require(c.sigmaBipolarPx > 0, "sigmaBipolarPx", "must be > 0");
  require(c.surroundWeight >= 0 && c.surroundWeight < 1, "surroundWeight", "must be in [0, 1)");
  require(c.surroundWeight == 0 || c.surroundSigmaPx > 0, "surroundSigmaPx", "must be > 0");
  require(c.tauRecS > 0, "tauRecS", "must be > 0");
  require(c.depressionPerS >= 0, "depressionPerS", "must be ≥ 0");
  require(c.gainHz > 0, "gainHz", "must be > 0");
  require(c.tauGcS > 0, "tauGcS", "must be > 0");
  require(c.gcExponent > 0, "gcExponent", "must be > 0");
  require(c.baselineHz >= 0, "baselineHz", "must be ≥ 0");
  require(c.rosterRegionPx >= 0 && c.rosterRegionPx <= std::min(c.height, c.width),
          "rosterRegionPx", "must fit inside the window");
  m_cells = c.cells.empty() ? defaultRetinaCells(c) : c.cells;
  require(!m_cells.empty(), "cells", "no ganglion cells");
  m_centreTaps = gaussianTaps(c.sigmaBipolarPx);
  if (c.surroundWeight > 0) m_surroundTaps = gaussianTaps(c.surroundSigmaPx);
  m_gcStep = 1.0 - std::exp(-c.dtS / c.tauGcS);
  require(c.subunitGc.sigmaPx > 0 && c.subunitGc.tauS > 0 && c.subunitGc.halfSat > 0 &&
              c.subunitGc.exponent > 0,
          "subunitGc", "sigmaPx, tauS, halfSat and exponent must be > 0");
  m_subunitGcTaps = gaussianTaps(c.subunitGc.sigmaPx);
  m_subunitGcStep = 1.0 - std::exp(-c.dtS / c.subunitGc.tauS);
  m_recoveryDecay = std::exp(-c.dtS / c.tauRecS);

  // Subunit sets: one per distinct (pathway, β); pixels = union of the pools using it.
  std::map<std::tuple<int, double, bool>, int> setOf;
  std::vector<std::vector<char>> inSet;
  const int H = c.height, W = c.width;
  m_pools.resize(m_cells.size());
  struct PoolPixels {
    std::vector<int> pixels;
    std::vector<double> g;
  };
  std::vector<std::vector<PoolPixels>> poolPixels(m_cells.size());
  for (size_t ci = 0; ci < m_cells.size(); ++ci) {
    const RetinaCellSpec& cell = m_cells[ci];
    const std::string at = "cells[" + std::to_string(ci) + "]";
    require(cell.sigmaPx > 0, at + ".sigmaPx", "must be > 0");
    require(cell.rHalfHz > 0, at + ".rHalfHz", "must be > 0");
    require(!cell.inputs.empty(), at + ".inputs", "no inputs");
    // Pool pixels: centres within 3σ_g of the RF centre and inside the window.
    PoolPixels pp;
    const double r = 3.0 * cell.sigmaPx;
    for (int y = std::max(0, int(cell.yPx - r - 1)); y < std::min(H, int(cell.yPx + r + 1)); ++y)
      for (int x = std::max(0, int(cell.xPx - r - 1)); x < std::min(W, int(cell.xPx + r + 1));
           ++x) {
        const double dx = x + 0.5 - cell.xPx, dy = y + 0.5 - cell.yPx;
        const double d2 = dx * dx + dy * dy;
        if (d2 > r * r) continue;
        pp.pixels.push_back(y * W + x);
        pp.g.push_back(std::exp(-0.5 * d2 / (cell.sigmaPx * cell.sigmaPx)));
      }
    require(!pp.pixels.empty(), at + ".xPx/yPx", "pool lies outside the window");
    for (size_t k = 0; k < cell.inputs.size(); ++k) {
      const RetinaCellInput& in = cell.inputs[k];
      TemporalKernelParams kp = pathwayKernel(c, in.pathway);
      kp.order = c.offFast.order;
      kp.lengthS = c.offFast.lengthS;
      if (in.beta >= 0) kp.beta = in.beta;
      const auto key = std::make_tuple(int(in.pathway), kp.beta, in.subunitGainControl);
      auto it = setOf.find(key);
      if (it == setOf.end()) {
        Subunits s;
        s.pathway = in.pathway;
        s.kernel = kp;
        s.on = isOnPathway(in.pathway);
        s.gainControl = in.subunitGainControl;
        s.taps = discreteTemporalKernel(kp, c.dtS);
        it = setOf.emplace(key, int(m_subunits.size())).first;
        m_subunits.push_back(std::move(s));
        inSet.emplace_back(size_t(H) * W, 0);
      }
      for (int p : pp.pixels) inSet[it->second][p] = 1;
      m_pools[ci].push_back(Pool{it->second, in.weight, {}});
    }
    poolPixels[ci].push_back(pp);
  }
  for (size_t s = 0; s < m_subunits.size(); ++s) {
    Subunits& sub = m_subunits[s];
    int x0 = W, x1 = -1, y0 = H, y1 = -1;
    for (int p = 0; p < H * W; ++p) {
      if (!inSet[s][p]) continue;
      sub.pixels.push_back(p);
      x0 = std::min(x0, p % W);
      x1 = std::max(x1, p % W);
      y0 = std::min(y0, p / W);
      y1 = std::max(y1, p / W);
    }
    sub.boxX = x0;
    sub.boxY = y0;
    sub.boxW = x1 - x0 + 1;
    sub.boxH = y1 - y0 + 1;
    for (int p : sub.pixels) sub.inBox.push_back((p / W - y0) * sub.boxW + (p % W - x0));
  }
  // Pool weights over each set's pixel list, normalised to Σ g = 1.
  for (size_t ci = 0; ci < m_cells.size(); ++ci) {
    const PoolPixels& pp = poolPixels[ci][0];
    for (Pool& pool : m_pools[ci]) {
      const std::vector<int>& px = m_subunits[pool.subunits].pixels;
      pool.g = Eigen::VectorXd::Zero(Eigen::Index(px.size()));
      double sum = 0;
      for (size_t k = 0; k < pp.pixels.size(); ++k) {
        const auto pos = std::lower_bound(px.begin(), px.end(), pp.pixels[k]) - px.begin();
        pool.g[pos] = pp.g[k];
        sum += pp.g[k];
      }
      pool.g /= sum;
    }
  }
  m_historyLength = int(m_subunits.front().taps.size());
  m_state = restState();
}

SyntheticRetina::State SyntheticRetina::restState() const {
  State st;
  for (const Subunits& s : m_subunits) {
    const Eigen::Index P = Eigen::Index(s.pixels.size());
    st.history.push_back(RowMatrix::Zero(P, m_historyLength));
    st.R.push_back(Eigen::VectorXd::Ones(P));
    st.b.push_back(Eigen::VectorXd::Zero(P));
    st.a.push_back(Eigen::VectorXd::Zero(s.gainControl ? P : 0));
  }
  st.q = Eigen::VectorXd::Zero(Eigen::Index(m_cells.size()));
  const Eigen::Index n = Eigen::Index(m_config.height) * m_config.width;
  st.blur.resize(n);
  st.blurSurround.resize(n);
  Eigen::Index box = 0;
  for (const Subunits& s : m_subunits) box = std::max(box, Eigen::Index(s.boxW) * s.boxH);
  st.grid = Eigen::VectorXd::Zero(box);
  st.gridBlur.resize(box);
  st.tapsNow.resize(m_historyLength);
  return st;
}

void SyntheticRetina::reset() { m_state = restState(); }

void SyntheticRetina::step(const float* frame, State& st, double* rate, double* inputs) const {
  const SyntheticRetinaConfig& c = m_config;
  const int H = c.height, W = c.width, L = m_historyLength;
  // 1. Bipolar spatial stage s_b = G_σb ∗ s − w_s·G_σs ∗ s.
  separableBlur(frame, H, W, m_centreTaps, st.blur.data(), st.scratch);
  if (c.surroundWeight > 0) {
    separableBlur(frame, H, W, m_surroundTaps, st.blurSurround.data(), st.scratch);
    st.blur -= c.surroundWeight * st.blurSurround;
  }
  const int slotNow = int(st.frames % L);
  const double invRec = 1.0 / c.tauRecS;
  for (size_t s = 0; s < m_subunits.size(); ++s) {
    const Subunits& sub = m_subunits[s];
    RowMatrix& hist = st.history[s];  // P × L, column (t mod L) = frame t
    Eigen::VectorXd& b = st.b[s];
    // 2. d(t) = ±Σ_{m=1}^{L} h[m−1]·s_b(t − m). Frame t − m sits in column j = (t − m) mod L, so
    //    column j carries h[m − 1] with m = (t − j) mod L, and m = L for j = t mod L (the oldest).
    for (int j = 0; j < L; ++j) {
      const int m = (slotNow - j + L) % L;
      st.tapsNow[j] = sub.taps[(m == 0 ? L : m) - 1];
    }
    b.noalias() = hist * st.tapsNow;  // one contiguous dot product per subunit
    // The oldest column (t − L) has been used; frame t takes its place.
    for (size_t i = 0; i < sub.pixels.size(); ++i)
      hist(Eigen::Index(i), slotNow) = st.blur[sub.pixels[i]];
    // 3. y = max(0, ±d); b = y·R; R ← R∞ + (R − R∞)·e^(−(1/τ_rec + u·y)·dt), R∞ = (1/τ_rec)/(…).
    Eigen::VectorXd& R = st.R[s];
    for (Eigen::Index i = 0; i < b.size(); ++i) {
      const double y = std::max(0.0, sub.on ? b[i] : -b[i]);
      const double Ri = R[i];
      b[i] = y * Ri;
      if (y > 0) {
        const double k = invRec + c.depressionPerS * y;
        const double Rinf = invRec / k;
        R[i] = Rinf + (Ri - Rinf) * std::exp(-k * c.dtS);
      } else {
        R[i] = 1.0 + (Ri - 1.0) * m_recoveryDecay;
      }
    }
    if (sub.gainControl) {
      // b' = b/(1 + (a/a½)ⁿ); then a ← a + (G_σ ∗ b' − a)·(1 − e^(−dt/τ)). The pooling runs on
      // the set's bounding box: pixels outside it are not subunits of the set (zero), so this is
      // the same as pooling over the whole window.
      const SubunitGainControl& g = c.subunitGc;
      Eigen::VectorXd& a = st.a[s];
      const double inv = 1.0 / g.halfSat;
      for (Eigen::Index i = 0; i < b.size(); ++i) {
        b[i] /= 1.0 + powerOf(a[i] * inv, g.exponent);
        st.grid[sub.inBox[size_t(i)]] = b[i];
      }
      separableBlur(st.grid.data(), sub.boxH, sub.boxW, m_subunitGcTaps, st.gridBlur.data(),
                    st.scratch);
      for (Eigen::Index i = 0; i < b.size(); ++i) {
        a[i] += (st.gridBlur[sub.inBox[size_t(i)]] - a[i]) * m_subunitGcStep;
        st.grid[sub.inBox[size_t(i)]] = 0.0;
      }
    }
  }
  // 4. Ganglion cells.
  int inputIndex = 0;
  for (size_t ci = 0; ci < m_cells.size(); ++ci) {
    double v = 0;
    for (const Pool& pool : m_pools[ci]) {
      const double x = pool.weight * pool.g.dot(st.b[pool.subunits]);
      if (inputs) inputs[inputIndex++] = x;
      v += x;
    }
    const double F = c.gainHz * std::max(0.0, v - c.thresholdV);
    const double q = st.q[Eigen::Index(ci)];
    const double r = F / (1.0 + powerOf(q / m_cells[ci].rHalfHz, c.gcExponent));
    st.q[Eigen::Index(ci)] = q + (r - q) * m_gcStep;
    rate[ci] = r + c.baselineHz;
  }
  ++st.frames;
}

void SyntheticRetina::process(const FrameBlock& frames, RetinaResponse& out, bool withCounts,
                              bool withInputs) {
  const Eigen::Index npx = Eigen::Index(m_config.height) * m_config.width;
  if (frames.rows() > 0 && frames.cols() != npx)
    throw std::invalid_argument("SyntheticRetina::process: frames have " +
                                std::to_string(frames.cols()) + " columns, the window needs " +
                                std::to_string(npx) + " (H·W)");
  const int T = int(frames.rows()), N = numCells();
  int totalInputs = 0;
  for (const auto& p : m_pools) totalInputs += int(p.size());
  out.rate.resize(N, T);
  Eigen::MatrixXd in(withInputs ? totalInputs : 0, withInputs ? T : 0);
  for (int t = 0; t < T; ++t)
    step(frames.row(t).data(), m_state, out.rate.col(t).data(),
         withInputs ? in.col(t).data() : nullptr);
  if (withCounts)
    out.counts = poissonCounts(out.rate, m_config.dtS, m_countRng);
  else
    out.counts.resize(0, 0);
  out.inputs.clear();
  if (withInputs) {
    int row = 0;
    for (const auto& p : m_pools) {
      out.inputs.push_back(in.middleRows(row, Eigen::Index(p.size())));
      row += int(p.size());
    }
  }
}

RetinaResponse SyntheticRetina::process(const FrameBlock& frames, bool withCounts) {
  RetinaResponse r;
  process(frames, r, withCounts, false);
  return r;
}

RetinaResponse SyntheticRetina::respond(const ProbeStimulus& probe, bool withInputs) const {
  if (probe.height != m_config.height || probe.width != m_config.width)
    throw std::invalid_argument("SyntheticRetina::respond: probe '" + probe.name + "' is " +
                                std::to_string(probe.height) + "×" + std::to_string(probe.width) +
                                ", the retina " + std::to_string(m_config.height) + "×" +
                                std::to_string(m_config.width));
  State st = restState();
  const int T = probe.frames(), N = numCells();
  int totalInputs = 0;
  for (const auto& p : m_pools) totalInputs += int(p.size());
  RetinaResponse out;
  out.rate.resize(N, T);
  Eigen::MatrixXd in(withInputs ? totalInputs : 0, withInputs ? T : 0);
  Eigen::VectorXf frame(Eigen::Index(m_config.height) * m_config.width);
  for (int t = 0; t < T; ++t) {
    probe.renderFrame(t, frame.data());
    step(frame.data(), st, out.rate.col(t).data(), withInputs ? in.col(t).data() : nullptr);
  }
  if (withInputs) {
    int row = 0;
    for (const auto& p : m_pools) {
      out.inputs.push_back(in.middleRows(row, Eigen::Index(p.size())));
      row += int(p.size());
    }
  }
  return out;
}

Eigen::MatrixXd SyntheticRetina::respondRates(const ProbeStimulus& probe) const {
  return respond(probe, false).rate;
}

int SyntheticRetina::poisson(double mean, Rng& rng) {
  if (!(mean > 0)) return 0;
  // Knuth's product of uniforms for means ≤ 30; larger means are split into pieces of ≤ 30
  // (a sum of independent Poisson variables is Poisson).
  int total = 0;
  while (mean > 0) {
    const double part = std::min(mean, 30.0);
    mean -= part;
    const double limit = std::exp(-part);
    double p = rng.uniform();
    while (p > limit) {
      ++total;
      p *= rng.uniform();
    }
  }
  return total;
}

Eigen::MatrixXi SyntheticRetina::poissonCounts(const Eigen::MatrixXd& rateHz, double dtS,
                                               Rng& rng) {
  Eigen::MatrixXi counts(rateHz.rows(), rateHz.cols());
  for (Eigen::Index t = 0; t < rateHz.cols(); ++t)
    for (Eigen::Index n = 0; n < rateHz.rows(); ++n)
      counts(n, t) = poisson(rateHz(n, t) * dtS, rng);
  return counts;
}

}  // namespace emergence::engine

// The retina lab's §12 analysis (retina_report.h).
#include "engine/analysis/retina_report.h"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "engine/io/file_error.h"
#include "engine/io/npz.h"
#include "engine/models/retina_cnn_probe.h"
#include "engine/retina/retina_evaluation.h"

namespace emergence::engine {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<int> cellsOfType(const SyntheticRetina& r, const std::string& type) {
  std::vector<int> out;
  for (int n = 0; n < r.numCells(); ++n)
    if (r.cells()[size_t(n)].type == type) out.push_back(n);
  return out;
}

bool osrPass(double slope, double ratio) { return slope >= 0.6 && slope <= 1.3 && ratio > 1.0; }
bool latencyPass(double drop) { return drop >= 30.0; }
bool anticipationPass(double lead) { return lead >= 20.0; }
bool reversalPass(double spread) { return spread <= 50.0; }

std::string fmt(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

std::string list(const Eigen::VectorXd& v, const std::vector<int>& idx, const char* f) {
  std::string s;
  for (size_t i = 0; i < idx.size(); ++i) s += (i ? ", " : "") + fmt(f, v[idx[i]]);
  return s;
}

std::string channelList(const std::vector<int>& K, const std::vector<RetinaChannelLabel>& labels) {
  std::string s;
  for (size_t i = 0; i < K.size(); ++i)
    s += (i ? ", " : "") + std::to_string(K[i]) + " (" + labels[size_t(K[i])].name() + ")";
  return s;
}

}  // namespace

const char* retinaPhenomenonName(RetinaPhenomenon p) {
  switch (p) {
    case RetinaPhenomenon::Osr:
      return "OSR";
    case RetinaPhenomenon::Latency:
      return "latency";
    case RetinaPhenomenon::Anticipation:
      return "anticipation";
    case RetinaPhenomenon::Reversal:
      return "reversal";
  }
  return "?";
}

RetinaPhenomena measureRetinaPhenomena(const ProbeResponder& responder, const ProbeGeometry& g,
                                       const std::vector<int>& reversalCells) {
  RetinaPhenomena r;
  OsrConfig oc;
  oc.geometry = g;
  r.osr = measureOsr(responder, oc);
  LatencyConfig lc;
  lc.geometry = g;
  r.latency = measureLatency(responder, lc);
  AnticipationConfig ac;
  ac.geometry = g;
  r.anticipation = measureAnticipation(responder, ac);
  ReversalConfig rc;
  rc.geometry = g;
  r.reversal = measureReversal(responder, reversalCells, r.anticipation.rf.centrePx, rc);
  return r;
}

RetinaReport analyzeRetinaNetwork(const RetinaCnn<float>& net, const SyntheticRetina& truth,
                                  const RetinaTestEvaluation& fit, const RetinaReportConfig& cfg) {
  const auto start = std::chrono::steady_clock::now();
  RetinaReport rep;
  rep.config = cfg;
  rep.fit = fit;
  const RetinaCnnConfig& c = net.config();
  if (truth.numCells() != c.numCells)
    throw std::invalid_argument("analyzeRetinaNetwork: the CNN has " + std::to_string(c.numCells) +
                                " cells, the ground truth " + std::to_string(truth.numCells()));
  for (const auto& cell : truth.cells()) rep.cellTypes.push_back(cell.type);
  const ProbeGeometry g{c.windowPx, c.windowPx};
  rep.labels = labelRetinaChannels(net, cfg.kineticsSplitMs);
  const std::vector<int> osrCells = cellsOfType(truth, "OSR"), offCells = cellsOfType(truth, "fast-OFF"),
                         revCells = cellsOfType(truth, "reversal");
  // Ground truth.
  rep.truth = measureRetinaPhenomena([&truth](const ProbeStimulus& p) { return truth.respondRates(p); },
                                     g, revCells);
  IntegratedGradientsConfig ig;
  ig.steps = cfg.igSteps;
  ig.threads = cfg.threads;
  const ProbeResponder cnnPlain = retinaCnnResponder(net, cfg.threads);
  auto reduce = [&](RetinaPhenomenon ph, int cell, auto&& runMetric, auto&& value) {
    PhenomenonReduction red;
    red.phenomenon = ph;
    red.cell = cell;
    red.cellType = truth.cells()[size_t(cell)].type;
    AttributionCache cache(net, cell, ig);
    // Pass 1: the CNN itself (every cell), attributing `cell` on every probe shown.
    const auto cnnResult = runMetric(cache.recordingResponder(), std::vector<int>{cell}, false);
    std::vector<const ProbeAttribution*> family;
    std::vector<const AttributionCache::Entry*> entries;
    for (const auto& e : cache.entries()) {
      family.push_back(&e.attribution);
      entries.push_back(&e);
    }
    red.reduction = reduceChannels(family, cfg.coverage);
    const std::vector<int>& K = red.reduction.channels;
    red.cnnValue = value(cnnResult, cell, &red.cnnPass);
    // Pass 2: the exact-decomposition reduced model (one row), then the ablated CNN.
    const auto reduced = runMetric(cache.reducedResponder(K), std::vector<int>{cell}, true);
    red.reducedValue = value(reduced, 0, &red.reducedPass);
    const auto ablated = runMetric(retinaCnnResponder(net, cfg.threads, K), std::vector<int>{cell}, false);
    red.ablatedValue = value(ablated, cell, &red.ablatedPass);
    // CC per probe (probes whose response range is ≥ 10 % of the family's largest).
    double maxRange = 0;
    for (const auto* a : family) maxRange = std::max(maxRange, a->response.maxCoeff() - a->response.minCoeff());
    double sum = 0;
    red.minCc = 1;
    bool allFull = true;
    for (const auto& e : cache.entries()) {
      const ProbeAttribution& a = e.attribution;
      red.probes.push_back(a.probe);
      red.maxCompletenessError = std::max(red.maxCompletenessError, a.completenessError);
      red.meanSeconds += a.seconds / double(family.size());
      red.maxSeconds = std::max(red.maxSeconds, a.seconds);
      allFull = allFull && a.geometry == ProbeSymmetry::FullField;
      if (a.response.maxCoeff() - a.response.minCoeff() < 0.1 * maxRange) {
        red.cc.push_back(kNaN);
        continue;
      }
      const double cc = pearsonCorrelation(exactReducedResponse(a, K), a.response);
      red.cc.push_back(cc);
      red.minCc = std::min(red.minCc, cc);
      sum += cc;
    }
    int counted = 0;
    for (double v : red.cc) counted += std::isfinite(v);
    red.meanCc = counted ? sum / counted : kNaN;
    if (allFull) {
      red.mechanistic = fitMechanisticModel(net, family, K);
      red.ccMechanistic = red.mechanistic.cc;
      red.minCcMechanistic = 1;
      for (size_t i = 0; i < red.cc.size(); ++i)
        if (std::isfinite(red.cc[i])) red.minCcMechanistic = std::min(red.minCcMechanistic, red.ccMechanistic[i]);
    }
    red.pathways = matchPathways(truth, cell, entries, K);
    rep.igProbes += int(family.size());
    rep.igMaxCompleteness = std::max(rep.igMaxCompleteness, red.maxCompletenessError);
    rep.igMeanSeconds += red.meanSeconds * double(family.size());
    rep.igMaxSeconds = std::max(rep.igMaxSeconds, red.maxSeconds);
    return std::make_pair(red, cnnResult);
  };

  // OSR (an OSR cell).
  {
    OsrConfig oc;
    oc.geometry = g;
    auto run = [&](const ProbeResponder& r, const std::vector<int>&, bool) { return measureOsr(r, oc); };
    auto val = [](const OsrResult& o, int row, bool* pass) {
      *pass = osrPass(o.slope[row], o.osrOverInTrain[row]);
      return o.slope[row];
    };
    auto [red, res] = reduce(RetinaPhenomenon::Osr, osrCells.front(), run, val);
    rep.cnn.osr = res;
    rep.reductions.push_back(red);
  }
  // Latency coding (a fast-OFF cell).
  {
    LatencyConfig lc;
    lc.geometry = g;
    auto run = [&](const ProbeResponder& r, const std::vector<int>&, bool) { return measureLatency(r, lc); };
    auto val = [](const LatencyResult& l, int row, bool* pass) {
      *pass = latencyPass(l.dropMs[row]);
      return l.dropMs[row];
    };
    auto [red, res] = reduce(RetinaPhenomenon::Latency, offCells.front(), run, val);
    rep.cnn.latency = res;
    rep.reductions.push_back(red);
  }
  // Anticipation (a fast-OFF cell).
  {
    AnticipationConfig ac;
    ac.geometry = g;
    auto run = [&](const ProbeResponder& r, const std::vector<int>&, bool) { return measureAnticipation(r, ac); };
    auto val = [](const AnticipationResult& a, int row, bool* pass) {
      *pass = anticipationPass(a.leadUm[row]);
      return a.leadUm[row];
    };
    auto [red, res] = reduce(RetinaPhenomenon::Anticipation, offCells.front(), run, val);
    rep.cnn.anticipation = res;
    rep.reductions.push_back(red);
  }
  // Reversal (a reversal cell); the CNN's RF centres from its anticipation RF map.
  {
    ReversalConfig rc;
    rc.geometry = g;
    const Eigen::VectorXd centres = rep.cnn.anticipation.rf.centrePx;
    auto run = [&](const ProbeResponder& r, const std::vector<int>& cells, bool oneRow) {
      if (oneRow) return measureReversal(r, {0}, Eigen::VectorXd::Constant(1, centres[cells[0]]), rc);
      return measureReversal(r, cells, centres, rc);
    };
    auto val = [](const ReversalResult& v, int, bool* pass) {
      *pass = reversalPass(v.spreadMs[0]);
      return v.spreadMs[0];
    };
    auto [red, res] = reduce(RetinaPhenomenon::Reversal, revCells.front(), run, val);
    rep.reductions.push_back(red);
    rep.cnn.reversal = measureReversal(cnnPlain, revCells, centres, rc);
  }
  rep.igMeanSeconds /= std::max(1, rep.igProbes);
  // Representative attributions for plots.
  {
    IntegratedGradientsConfig ex = ig;
    OsrParams op;
    ex.cell = osrCells.front();
    rep.examples.push_back(integratedGradients(net, osrProbe(op, g), ex));
    LatencyParams lp;
    lp.intensity = -2.0;
    ex.cell = offCells.front();
    rep.examples.push_back(integratedGradients(net, latencyProbe(lp, g), ex));
    MovingBarParams mp;
    rep.examples.push_back(integratedGradients(net, movingBarProbe(mp, g), ex));
    ReversalParams rp;
    const double centre = rep.cnn.anticipation.rf.centrePx[revCells.front()];
    rp.startPx = centre - 40;
    rp.reversalPx = centre;
    rp.tailFrames = 60;
    ex.cell = revCells.front();
    rep.examples.push_back(integratedGradients(net, motionReversalProbe(rp, g), ex));
  }
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return rep;
}

std::vector<AcceptanceLine> retinaAcceptance(const RetinaReport& r) {
  std::vector<AcceptanceLine> out;
  auto add = [&](std::string name, std::string value, std::string req, bool gating, bool pass) {
    out.push_back({std::move(name), std::move(value), std::move(req), gating, pass});
  };
  const RetinaTestEvaluation& f = r.fit;
  add("fit: held-out CC with the noise-free ground-truth rate (mean over cells)",
      fmt("%.3f", f.meanCcRate) + " (min " + fmt("%.3f", f.ccRate.minCoeff()) + ")", "≥ 0.7", true,
      f.meanCcRate >= 0.7);
  add("fit: CC with the trial-averaged rate / split-half ceiling",
      fmt("%.3f", f.meanCcTrialMean) + " / " + fmt("%.3f", f.meanCeiling) + " = " +
          fmt("%.2f", f.meanCcOverCeiling),
      "reported; target ≥ 0.8", false, f.meanCcOverCeiling >= 0.8);
  add("fit: noise-corrected FEV (mean over cells)", fmt("%.3f", f.meanFev), "reported", false, true);
  std::vector<int> osr, off, rev;
  for (int n = 0; n < int(r.cellTypes.size()); ++n) {
    if (r.cellTypes[size_t(n)] == "OSR") osr.push_back(n);
    if (r.cellTypes[size_t(n)] == "fast-OFF") off.push_back(n);
    if (r.cellTypes[size_t(n)] == "reversal") rev.push_back(n);
  }
  for (int side = 0; side < 2; ++side) {
    const RetinaPhenomena& p = side == 0 ? r.cnn : r.truth;
    const std::string who = side == 0 ? "CNN" : "ground truth";
    bool ok = !osr.empty();
    for (int n : osr) ok = ok && osrPass(p.osr.slope[n], p.osr.osrOverInTrain[n]);
    add(who + ": OSR slope of latency vs period 60–150 ms; OSR/in-train at 80 ms (OSR cells)",
        list(p.osr.slope, osr, "%.2f") + "; " + list(p.osr.osrOverInTrain, osr, "%.2f"),
        "0.6–1.3; > 1", true, ok);
    ok = !off.empty();
    for (int n : off) ok = ok && latencyPass(p.latency.dropMs[n]);
    add(who + ": latency drop from I = 0.25 to 2, ms (fast-OFF cells)",
        list(p.latency.dropMs, off, "%.1f"), "≥ 30", true, ok);
    ok = !off.empty();
    for (int n : off) ok = ok && anticipationPass(p.anticipation.leadUm[n]);
    add(who + ": anticipation lead at 0.44 mm/s, µm (fast-OFF cells)",
        list(p.anticipation.leadUm, off, "%.1f"), "≥ 20", true, ok);
    ok = p.reversal.spreadMs.size() > 0;
    std::vector<int> rows;
    for (int i = 0; i < p.reversal.spreadMs.size(); ++i) {
      rows.push_back(i);
      ok = ok && reversalPass(p.reversal.spreadMs[i]);
    }
    add(who + ": reversal burst-time spread over −8…+2 px, ms (reversal cells)",
        list(p.reversal.spreadMs, rows, "%.1f"), "≤ 50", true, ok);
  }
  add("IG completeness |ΣA − (F(s) − F(0))| / max|F(s) − F(0)|, worst probe (M = " +
          std::to_string(r.config.igSteps) + ", " + std::to_string(r.igProbes) + " probes)",
      fmt("%.4f", r.igMaxCompleteness), "≤ 0.015", true, r.igMaxCompleteness <= 0.015);
  add("IG time per probe attribution (mean / max)",
      fmt("%.3f", r.igMeanSeconds) + " s / " + fmt("%.3f", r.igMaxSeconds) + " s", "< 2 s", false,
      r.igMaxSeconds < 2.0);
  for (const auto& red : r.reductions) {
    const std::string ph = retinaPhenomenonName(red.phenomenon);
    const std::string head = "reduced model, " + ph + " (cell " + std::to_string(red.cell) + ", " +
                             red.cellType + "), channels " + channelList(red.reduction.channels, r.labels);
    add(head + ": min CC(r̂, r) over " + std::to_string(red.probes.size()) + " probes",
        fmt("%.3f", red.minCc) + " (mean " + fmt("%.3f", red.meanCc) + ")", "≥ 0.9", true,
        red.minCc >= 0.9);
    if (std::isfinite(red.minCcMechanistic))
      add("reduced model, " + ph + ": mechanistic form softplus(b + Σ w·ReLU(k̄ ∗ s)), min CC",
          fmt("%.3f", red.minCcMechanistic), "reported", false, red.minCcMechanistic >= 0.9);
    add("reduced model, " + ph + ": metric CNN / reduced / channels removed",
        fmt("%.2f", red.cnnValue) + " / " + fmt("%.2f", red.reducedValue) + " / " +
            fmt("%.2f", red.ablatedValue),
        "CNN and reduced pass, removed fails", true,
        red.cnnPass && red.reducedPass && !red.ablatedPass);
  }
  // Pathway correlations: OFF-fast (latency cell), ON-slow (OSR cell), ON-fast (reversal cell).
  struct Want {
    RetinaPhenomenon ph;
    const char* pathway;
  };
  for (const Want w : {Want{RetinaPhenomenon::Latency, "OFF-fast"}, Want{RetinaPhenomenon::Osr, "ON-slow"},
                       Want{RetinaPhenomenon::Reversal, "ON-fast"}}) {
    for (const auto& red : r.reductions) {
      if (red.phenomenon != w.ph) continue;
      for (const auto& m : red.pathways) {
        if (m.pathway != w.pathway) continue;
        add(std::string("pathway ") + w.pathway + " ↔ IG channel (" + retinaPhenomenonName(w.ph) +
                " probes, cell " + std::to_string(red.cell) + ")",
            "channel " + std::to_string(m.channel) +
                (m.channel >= 0 ? " (" + r.labels[size_t(m.channel)].name() + ")" : "") + " |ρ| " +
                fmt("%.2f", std::abs(m.rho)) + "; best of all channels " +
                std::to_string(m.channelAll) + " |ρ| " + fmt("%.2f", std::abs(m.rhoAll)),
            "|ρ| > 0.6", true, std::abs(m.rho) > 0.6);
      }
    }
  }
  for (const auto& red : r.reductions)
    for (const auto& m : red.pathways)
      add(std::string("pathway ") + m.pathway + " of cell " + std::to_string(red.cell) + " (" +
              retinaPhenomenonName(red.phenomenon) + " probes)",
          "channel " + std::to_string(m.channel) + " ρ " + fmt("%.2f", m.rho), "reported", false,
          std::abs(m.rho) > 0.6);
  return out;
}

void writeRetinaAnalysis(const RetinaReport& r, const std::string& path) {
  NpzWriter w;
  const int C1 = int(r.labels.size());
  Eigen::VectorXi on(C1), fast(C1);
  Eigen::VectorXd lag(C1);
  for (int c = 0; c < C1; ++c) {
    on[c] = r.labels[size_t(c)].on;
    fast[c] = r.labels[size_t(c)].fast;
    lag[c] = r.labels[size_t(c)].peakLagMs;
  }
  w.add("channel_on", on);
  w.add("channel_fast", fast);
  w.add("channel_peak_lag_ms", lag);
  for (const auto& red : r.reductions) {
    const std::string p = std::string(retinaPhenomenonName(red.phenomenon)) + "_";
    w.add(p + "importance", red.reduction.importance);
    w.add(p + "weight", red.reduction.weight);
    w.add(p + "attribution_sum", red.reduction.attributionSum);
    Eigen::VectorXi K(int(red.reduction.channels.size()));
    for (int i = 0; i < K.size(); ++i) K[i] = red.reduction.channels[size_t(i)];
    w.add(p + "channels", K);
    w.add(p + "cc", red.cc, {int64_t(red.cc.size())});
    w.addScalar(p + "cell", int64_t(red.cell));
    w.addScalar(p + "cnn_metric", red.cnnValue);
    w.addScalar(p + "reduced_metric", red.reducedValue);
    w.addScalar(p + "ablated_metric", red.ablatedValue);
  }
  const char* names[] = {"example_osr", "example_step", "example_moving_bar", "example_reversal"};
  for (size_t i = 0; i < r.examples.size() && i < 4; ++i) {
    const ProbeAttribution& a = r.examples[i];
    const std::string p = names[i];
    w.add(p + "_channel", a.channel);  // C1 × T, Hz
    w.add(p + "_response", a.response);
    w.addScalar(p + "_baseline", a.baseline);
    if (a.channelX.size() > 0) w.add(p + "_channel_x", a.channelX);  // (C1·O1) × T
  }
  w.add("truth_osr_slope", r.truth.osr.slope);
  w.add("cnn_osr_slope", r.cnn.osr.slope);
  w.add("truth_latency_drop_ms", r.truth.latency.dropMs);
  w.add("cnn_latency_drop_ms", r.cnn.latency.dropMs);
  w.add("truth_anticipation_lead_um", r.truth.anticipation.leadUm);
  w.add("cnn_anticipation_lead_um", r.cnn.anticipation.leadUm);
  w.add("truth_reversal_spread_ms", r.truth.reversal.spreadMs);
  w.add("cnn_reversal_spread_ms", r.cnn.reversal.spreadMs);
  w.addScalar("ig_max_completeness_error", r.igMaxCompleteness);
  w.save(path);
}

RetinaTestEvaluation readRetinaEvaluation(const std::string& path) {
  const NpzReader rd = NpzReader::load(path);
  RetinaTestEvaluation e;
  e.predictedHz = rd.matrixD("predicted_hz");
  const int N = int(e.predictedHz.rows()), T = int(e.predictedHz.cols());
  e.rateHz = rd.matrixD("rate_hz", N, T);
  e.trialMeanHz = rd.matrixD("trial_mean_hz", N, T);
  e.ccRate = rd.vectorD("cc_rate", N);
  e.ccTrialMean = rd.vectorD("cc_trial_mean", N);
  e.ceiling = rd.vectorD("ceiling", N);
  e.fev = rd.vectorD("fev", N);
  e.update = (long long)rd.scalar("update");
  e.meanCcRate = e.ccRate.mean();
  e.meanCcTrialMean = e.ccTrialMean.mean();
  e.meanCeiling = e.ceiling.mean();
  e.meanFev = e.fev.mean();
  e.meanCcOverCeiling = (e.ccTrialMean.array() / e.ceiling.array()).mean();
  return e;
}

}  // namespace emergence::engine

#include "engine/analysis/hd_report.h"

#include <cmath>
#include <cstdio>

#include "engine/core/angles.h"
#include "engine/core/parallel.h"
#include "engine/core/random.h"
#include "engine/io/npz.h"

namespace emergence::engine {
namespace {

// Test-set recordings after the cue, all trials: rates N × S and the per-sample heading,
// decoded heading and ω (S = (T − cue)·B, any consistent sample order).
struct Recording {
  Eigen::MatrixXf rates;
  Eigen::VectorXd heading, decoded, omega;
  CtrnnLossSums sums;
};

Recording recordTestSet(const Ctrnn<float>& net, const HeadDirectionTrials& trials, int shards) {
  const int T = trials.batch.steps, B = trials.batch.trials, N = net.config().numUnits;
  const int cue = [&] {
    int c = 0;
    while (c < T && trials.batch.lossMask[Eigen::Index(c) * B] == 0) ++c;
    return c;
  }();
  const Eigen::Index S = Eigen::Index(T - cue) * B;
  Recording rec;
  rec.rates.resize(N, S);
  rec.heading.resize(S);
  rec.decoded.resize(S);
  rec.omega.resize(S);
  const SequenceBatch<float> batch = castBatch<float>(trials.batch);
  std::vector<CtrnnLossSums> sums(shards);
  parallelFor(shards, shards, [&](int s) {
    const int first = int((long long)s * B / shards), last = int((long long)(s + 1) * B / shards);
    const int Bs = last - first;
    const SequenceBatch<float> part = batch.slice(first, Bs);
    CtrnnTrace<float> tr;
    net.forward(part, {}, nullptr, tr);
    sums[s] = net.lossSums(part, tr);
    // Samples of this shard occupy columns [(T−cue)·first, (T−cue)·last), time-major inside.
    const Eigen::Index base = Eigen::Index(T - cue) * first;
    rec.rates.middleCols(base, Eigen::Index(T - cue) * Bs) =
        tr.r.middleCols(Eigen::Index(cue + 1) * Bs, Eigen::Index(T - cue) * Bs);
    for (int t = cue + 1; t <= T; ++t)
      for (int b = 0; b < Bs; ++b) {
        const Eigen::Index k = base + Eigen::Index(t - cue - 1) * Bs + b;
        const Eigen::Index col = Eigen::Index(t - 1) * Bs + b;
        rec.heading[k] = trials.heading(t - 1, first + b);
        rec.omega[k] = trials.omega(t - 1, first + b);
        rec.decoded[k] = decodeHeading(tr.y(0, col), tr.y(1, col));
      }
  });
  rec.sums = sums[0];
  for (int s = 1; s < shards; ++s) rec.sums.add(sums[s]);
  return rec;
}

double sideMean(const ConnectivityProfile& p, bool positive) {
  double sum = 0;
  int n = 0;
  for (Eigen::Index k = 0; k < p.deltaDeg.size(); ++k) {
    const double d = p.deltaDeg[k];
    if ((positive ? d > 0 : d < 0) && p.count[k] > 0 && std::isfinite(p.mean[k])) {
      sum += p.mean[k];
      ++n;
    }
  }
  return n ? sum / n : std::nan("");
}

}  // namespace

HdReport analyzeHdNetwork(const Ctrnn<float>& net, const CtrnnParameters<float>& initial,
                          const HeadDirectionTaskConfig& task, const HdReportConfig& config) {
  HdReport r;
  r.config = config;
  HeadDirectionTaskConfig testTask = task;
  testTask.steps = config.testSteps;
  Rng rng(config.testSeed);
  const HeadDirectionTrials trials = generateHeadDirectionTrials(testTask, config.testTrials, rng);
  {
    const Recording rec = recordTestSet(net, trials, 2);
    r.testError = net.finishLoss(rec.sums, {}, config.testTrials, config.testSteps).normalizedError;
    r.tuning = computeHdTuning(rec.rates, rec.heading, rec.decoded, rec.omega, config.tuning);
    r.activityPca = pca(rec.rates, 3, false);
    r.hdAvMaps = computeHdAvMaps(rec.rates, rec.heading, rec.omega, {}, config.tuning);
  }
  r.classes = classifyUnits(r.tuning, config.thresholds);
  r.counts = countUnitClasses(r.classes);
  r.compassGapDeg = largestCircularGapDeg(r.tuning.preferredDeg, r.classes, UnitClass::Compass);

  const Eigen::MatrixXd w = effectiveRecurrentWeights(net);
  r.localExcitation = compassLocalExcitation(w, r.tuning.preferredDeg, r.classes);
  r.profiles = groupPairProfiles(w, r.tuning.preferredDeg, r.classes);
  for (const auto& p : r.profiles) {
    if (p.post != UnitClass::Compass) continue;
    if (p.pre == UnitClass::ShifterCcw) {
      r.shifterCcwToCompassPos = sideMean(p, true);
      r.shifterCcwToCompassNeg = sideMean(p, false);
    } else if (p.pre == UnitClass::ShifterCw) {
      r.shifterCwToCompassPos = sideMean(p, true);
      r.shifterCwToCompassNeg = sideMean(p, false);
    }
  }
  r.grouped = groupedOrder(r.tuning.preferredDeg, r.classes);
  r.wRecGrouped = permuteMatrix(w, r.grouped.order);
  r.eigenvaluesTrained = eigenvaluesOf(w);
  r.eigenvaluesInitial = eigenvaluesOf(
      initial.W_rec.cast<double>().cwiseProduct(net.masks.rec.cast<double>()));

  // Attractor: settle from 64 headings with ω = 0, then slow points from a subset.
  SettleConfig settle = config.settle;
  settle.cueSteps = task.cueSteps;
  r.settled = settleFromHeadings(net, settle);
  const AutonomousCtrnn sys = autonomousCtrnn(net);
  const int K = int(r.settled.x.cols());
  const int searches = std::min(config.slowPointSearches, K);
  Eigen::MatrixXd starts(r.settled.x.rows(), searches);
  for (int k = 0; k < searches; ++k) starts.col(k) = r.settled.x.col(k * K / std::max(searches, 1));
  r.slowPoints = findSlowPoints(sys, starts);
  Eigen::MatrixXd slowR(r.settled.r.rows(), r.slowPoints.size());
  for (size_t k = 0; k < r.slowPoints.size(); ++k) slowR.col(Eigen::Index(k)) = r.slowPoints[k].r;
  r.ring = checkRing(r.settled.r, r.settled.headingRad, slowR);

  // Lesions (§12): all shifters; all compass; one shifter group at a time with ω = 0.
  const std::vector<int> ccw = unitsOfClass(r.classes, UnitClass::ShifterCcw);
  const std::vector<int> cw = unitsOfClass(r.classes, UnitClass::ShifterCw);
  std::vector<int> shifters = ccw;
  shifters.insert(shifters.end(), cw.begin(), cw.end());
  const std::vector<int> compass = unitsOfClass(r.classes, UnitClass::Compass);
  LesionProtocol lp = config.lesion;
  lp.cueSteps = task.cueSteps;
  r.shiftersSilencedPlus = silencedDrift(net, shifters, +lp.omega, lp);
  r.shiftersSilencedMinus = silencedDrift(net, shifters, -lp.omega, lp);
  r.shiftersSilencedGenerator = silencedDriftGeneratorAv(net, shifters, task, lp, config.testSeed + 1);
  r.compassSilenced = silencedError(net, compass, task, 100, 500, 150, 350, config.testSeed + 2);
  r.cwSilencedStill = silencedDrift(net, cw, 0.0, lp);
  r.ccwSilencedStill = silencedDrift(net, ccw, 0.0, lp);
  return r;
}

void writeHdAnalysis(const HdReport& r, const std::string& path) {
  NpzWriter w;
  const auto& t = r.tuning;
  w.addScalar("test_error", r.testError);
  w.add("hd_bin_centres_deg", t.hdCentresDeg);
  w.add("hd_tuning", t.curve);
  w.add("hd_tuning_ccw", t.curveCcw);
  w.add("hd_tuning_cw", t.curveCw);
  w.add("hd_tuning_decoded", t.curveDecoded);
  w.add("preferred_hd_deg", t.preferredDeg);
  w.add("preferred_hd_decoded_deg", t.preferredDecodedDeg);
  w.add("hd_strength", t.strength);
  w.add("preferred_hd_ccw_deg", t.preferredCcwDeg);
  w.add("preferred_hd_cw_deg", t.preferredCwDeg);
  w.add("cw_ccw_offset_deg", t.offsetDeg);
  w.add("av_bin_centres_deg_per_step", t.avCentresDegPerStep);
  w.add("av_tuning", t.avCurve);
  w.add("av_slope", t.avSlope);
  w.add("activity_range", t.activityRange);
  // Joint maps (§6.6): units × ω bins × HD bins, float32, NaN where a cell has no sample.
  if (!r.hdAvMaps.mean.empty()) {
    const auto& m = r.hdAvMaps;
    std::vector<float> maps, normalised;
    maps.reserve(m.mean.size() * size_t(m.avBins) * size_t(m.hdBins));
    normalised.reserve(maps.capacity());
    for (size_t u = 0; u < m.mean.size(); ++u)
      for (int a = 0; a < m.avBins; ++a)
        for (int h = 0; h < m.hdBins; ++h) {
          maps.push_back(float(m.mean[u](a, h)));
          normalised.push_back(float(m.rowNormalised[u](a, h)));
        }
    const std::vector<int64_t> shape = {int64_t(m.mean.size()), m.avBins, m.hdBins};
    w.add("hd_av_maps", maps, shape);
    w.add("hd_av_maps_row_normalised", normalised, shape);
    w.add("hd_av_counts", m.counts);
  }
  Eigen::VectorXi classes(Eigen::Index(r.classes.size()));
  for (size_t i = 0; i < r.classes.size(); ++i) classes[Eigen::Index(i)] = int(r.classes[i]);
  w.add("unit_class", classes);
  w.add("class_counts", std::vector<int32_t>(r.counts.begin(), r.counts.end()), {kNumUnitClasses});
  w.add("grouped_order", Eigen::VectorXi(Eigen::Map<const Eigen::VectorXi>(
                             r.grouped.order.data(), Eigen::Index(r.grouped.order.size()))));
  w.add("grouped_borders", Eigen::VectorXi(Eigen::Map<const Eigen::VectorXi>(
                               r.grouped.groupStart.data(), Eigen::Index(r.grouped.groupStart.size()))));
  w.add("W_rec_grouped", r.wRecGrouped);
  // Profiles: 9 × windows, in the order pre ∈ {compass, ccw, cw} × post ∈ {compass, ccw, cw}.
  if (!r.profiles.empty()) {
    const Eigen::Index n = r.profiles[0].deltaDeg.size(), P = Eigen::Index(r.profiles.size());
    Eigen::MatrixXd mean(P, n), sd(P, n);
    Eigen::VectorXi pre(P), post(P);
    for (Eigen::Index k = 0; k < P; ++k) {
      mean.row(k) = r.profiles[size_t(k)].mean.transpose();
      sd.row(k) = r.profiles[size_t(k)].sd.transpose();
      pre[k] = int(r.profiles[size_t(k)].pre);
      post[k] = int(r.profiles[size_t(k)].post);
    }
    w.add("profile_delta_deg", r.profiles[0].deltaDeg);
    w.add("profile_mean", mean);
    w.add("profile_sd", sd);
    w.add("profile_pre_class", pre);
    w.add("profile_post_class", post);
  }
  auto complexPair = [&](const std::string& name, const Eigen::VectorXcd& e) {
    Eigen::MatrixXd m(e.size(), 2);
    m.col(0) = e.real();
    m.col(1) = e.imag();
    w.add(name, m);
  };
  complexPair("eigenvalues_initial", r.eigenvaluesInitial);
  complexPair("eigenvalues_trained", r.eigenvaluesTrained);
  w.add("pca_components", r.activityPca.components);
  w.add("pca_explained_ratio", r.activityPca.explainedRatio);
  w.add("settled_heading_rad", r.settled.headingRad);
  w.add("settled_rates", r.settled.r);
  w.add("settled_pc2", r.ring.settled2d);
  if (!r.slowPoints.empty()) {
    const Eigen::Index N = r.slowPoints[0].x.size(), P = Eigen::Index(r.slowPoints.size());
    Eigen::MatrixXd x(N, P);
    Eigen::VectorXd q(P), top(P);
    for (Eigen::Index k = 0; k < P; ++k) {
      x.col(k) = r.slowPoints[size_t(k)].x;
      q[k] = r.slowPoints[size_t(k)].q;
      top[k] = r.slowPoints[size_t(k)].jacobianEigenvalues.size()
                   ? std::abs(r.slowPoints[size_t(k)].jacobianEigenvalues[0])
                   : std::nan("");
    }
    w.add("slow_points_x", x);
    w.add("slow_points_q", q);
    w.add("slow_points_top_jacobian_eigenvalue", top);
    complexPair("slow_point0_jacobian_eigenvalues", r.slowPoints[0].jacobianEigenvalues);
  }
  w.save(path);
}

std::vector<AcceptanceLine> hdAcceptance(const HdReport& r) {
  std::vector<AcceptanceLine> out;
  char buf[256];
  auto add = [&](std::string name, std::string value, std::string req, bool gating, bool pass) {
    out.push_back({std::move(name), std::move(value), std::move(req), gating, pass});
  };
  const int compass = r.counts[int(UnitClass::Compass)];
  const int ccw = r.counts[int(UnitClass::ShifterCcw)], cw = r.counts[int(UnitClass::ShifterCw)];
  std::snprintf(buf, sizeof buf, "%.3f %%", r.testError);
  add("normalised test error", buf, "< 5 %", true, r.testError < 5);
  add("compass units", std::to_string(compass), ">= 15", true, compass >= 15);
  add("shifter CCW units", std::to_string(ccw), ">= 10", true, ccw >= 10);
  add("shifter CW units", std::to_string(cw), ">= 10", true, cw >= 10);
  std::snprintf(buf, sizeof buf, "compass %d / ccw %d / cw %d / weak %d / dead %d", compass, ccw,
                cw, r.counts[int(UnitClass::WeaklyTuned)], r.counts[int(UnitClass::Dead)]);
  add("class split (paper: 33/29/26/12 inactive)", buf, "reported", false, true);
  std::snprintf(buf, sizeof buf, "%.1f deg", r.compassGapDeg);
  add("largest gap between compass preferred HDs", buf, "<= 45 deg", true, r.compassGapDeg <= 45);
  std::snprintf(buf, sizeof buf, "%.4f (|d|<30) vs %.4f (|d|>90)", r.localExcitation.nearMean,
                r.localExcitation.farMean);
  add("compass->compass local excitation", buf, "near > far", true, r.localExcitation.holds());
  std::snprintf(buf, sizeof buf, "CCW->C: %+.4f (d>0) %+.4f (d<0); CW->C: %+.4f (d>0) %+.4f (d<0)",
                r.shifterCcwToCompassPos, r.shifterCcwToCompassNeg, r.shifterCwToCompassPos,
                r.shifterCwToCompassNeg);
  add("shifter->compass profiles", buf, "reported: peak on own turning side", false,
      r.shifterCcwToCompassPos > r.shifterCcwToCompassNeg &&
          r.shifterCwToCompassNeg > r.shifterCwToCompassPos);
  for (const DriftResult* d : {&r.shiftersSilencedPlus, &r.shiftersSilencedMinus}) {
    std::snprintf(buf, sizeof buf, "mean |drift| %.2f deg (max %.2f) over %d steps; intact turns %.0f deg",
                  d->meanAbsDriftDeg, d->maxAbsDriftDeg, r.config.lesion.windowSteps, d->intactTurnDeg);
    add(std::string("silence all shifters, omega = ") + (d->omega > 0 ? "+" : "-") + "0.05",
        buf, "< 10 deg", true, d->meanAbsDriftDeg < 10);
  }
  {
    const DriftResult& d = r.shiftersSilencedPlus;
    std::snprintf(buf, sizeof buf,
                  "activity of the other units kept %.0f %%; end headings of the %d starts: "
                  "concentration %.2f around %.0f deg",
                  100.0 * d.remainingActivityRatio, r.config.lesion.trials, d.endConcentration,
                  d.endHeadingDeg);
    add("silence all shifters, omega = +0.05: where the bump goes", buf,
        "reported: 1 = pinned at one heading, 0 = held where it was", false, true);
  }
  std::snprintf(buf, sizeof buf, "mean |drift| %.2f deg vs true turn %.0f deg (intact %.0f)",
                r.shiftersSilencedGenerator.meanAbsDriftDeg, r.shiftersSilencedGenerator.trueTurnDeg,
                r.shiftersSilencedGenerator.intactTurnDeg);
  add("silence all shifters, generator AV", buf, "reported", false, true);
  std::snprintf(buf, sizeof buf, "%.1f %% during (before %.2f %%, after release %.2f %%)",
                r.compassSilenced.duringError, r.compassSilenced.beforeError,
                r.compassSilenced.afterError);
  add("silence all compass: error in window", buf, "> 50 %", true, r.compassSilenced.duringError > 50);
  std::snprintf(buf, sizeof buf, "CW silenced: %+.1f deg; CCW silenced: %+.1f deg (+ = CCW)",
                r.cwSilencedStill.meanSignedDriftDeg, r.ccwSilencedStill.meanSignedDriftDeg);
  add("one shifter group silenced, omega = 0, 200 steps", buf, "reported: CW off drifts CCW", false,
      r.cwSilencedStill.meanSignedDriftDeg > 0 && r.ccwSilencedStill.meanSignedDriftDeg < 0);
  std::snprintf(buf, sizeof buf, "PC1+2 explain %.0f %%, winding %d, radius CV %.2f, gap %.0f deg",
                100 * r.ring.top2Explained, r.ring.winding, r.ring.radiusCv, r.ring.largestGapDeg);
  add("settled states form a ring (omega = 0)", buf, "reported", false, r.ring.isRing);
  int nearOne = 0;
  double worstSecond = 0;
  for (const auto& p : r.slowPoints) {
    if (p.jacobianEigenvalues.size() < 2) continue;
    if (std::abs(std::abs(p.jacobianEigenvalues[0]) - 1.0) < 0.02) ++nearOne;
    worstSecond = std::max(worstSecond, std::abs(p.jacobianEigenvalues[1]));
  }
  std::snprintf(buf, sizeof buf, "%d of %zu slow points have |lambda_1| within 0.02 of 1; max |lambda_2| %.3f",
                nearOne, r.slowPoints.size(), worstSecond);
  add("slow-point Jacobians", buf, "reported", false, true);
  return out;
}

std::string formatAcceptance(const std::vector<AcceptanceLine>& lines) {
  std::string s;
  for (const auto& l : lines) {
    const char* tag = !l.gating ? "  info" : l.pass ? "  PASS" : "  FAIL";
    s += std::string(tag) + "  " + l.name + ": " + l.value + "   [" + l.requirement + "]\n";
  }
  return s;
}

}  // namespace emergence::engine

// Phenomenon metrics (retina.md §5, §12); definitions in phenomena.h.
// Time convention: bin t is sampled at time t·dt; frame k is shown during [k·dt, (k+1)·dt), so
// the moving bar's position at time t·dt is its centre at (fractional) frame t − ½, and a flash
// of D frames from frame f is centred at time (f + D/2)·dt.
#include "engine/retina/phenomena.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace emergence::engine {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMsPerFrame = 1000.0 * kRetinaFrameS;

Eigen::MatrixXd run(const ProbeResponder& responder, const ProbeStimulus& probe, int* cells) {
  Eigen::MatrixXd r = responder(probe);
  if (r.cols() != probe.frames())
    throw std::runtime_error("responder returned " + std::to_string(r.cols()) +
                             " bins for probe '" + probe.name + "' of " +
                             std::to_string(probe.frames()) + " frames");
  if (*cells < 0) *cells = int(r.rows());
  if (r.rows() != *cells)
    throw std::runtime_error("responder returned " + std::to_string(r.rows()) +
                             " cells for probe '" + probe.name + "', earlier " +
                             std::to_string(*cells));
  return r;
}

// Least-squares slope of y on x over the entries where both are finite; NaN if any is missing.
double slopeOf(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  if (!x.allFinite() || !y.allFinite() || x.size() < 2) return kNaN;
  const double mx = x.mean(), my = y.mean();
  const double sxx = (x.array() - mx).square().sum();
  return sxx > 0 ? ((x.array() - mx) * (y.array() - my)).sum() / sxx : kNaN;
}

// Linear interpolation of v at fractional index f (clamped to the ends; NaN stays NaN).
double interpolate(const Eigen::VectorXd& v, double f) {
  const int n = int(v.size());
  if (n == 0 || !std::isfinite(f)) return kNaN;
  f = std::clamp(f, 0.0, double(n - 1));
  const int i = std::min(int(f), n - 2 < 0 ? 0 : n - 2);
  const double a = f - i;
  return n == 1 ? v[0] : (1 - a) * v[i] + a * v[i + 1];
}

}  // namespace

TracePeak findPeak(const Eigen::Ref<const Eigen::VectorXd>& trace, int from, int to,
                   bool localOnly) {
  TracePeak p;
  const int n = int(trace.size());
  from = std::max(from, 0);
  to = std::min(to, n - 1);
  if (to < from) return p;
  int best = -1;
  if (localOnly) {
    for (int i = from + 1; i < to; ++i) {
      const double a = trace[i - 1], b = trace[i], c = trace[i + 1];
      if (b >= a && b >= c && (b > a || b > c) && (best < 0 || b > trace[best])) best = i;
    }
    if (best < 0) return p;
  } else {
    best = from;
    for (int i = from + 1; i <= to; ++i)
      if (trace[i] > trace[best]) best = i;
  }
  p.frame = best;
  p.valueHz = trace[best];
  if (best > 0 && best < n - 1) {
    // Vertex of the parabola through (−1, a), (0, b), (1, c): offset ½(a − c)/(a − 2b + c).
    const double a = trace[best - 1], b = trace[best], c = trace[best + 1];
    const double den = a - 2 * b + c;
    if (den < 0) p.frame += std::clamp(0.5 * (a - c) / den, -0.5, 0.5);
  }
  return p;
}

Eigen::VectorXd smoothTrace(const Eigen::Ref<const Eigen::VectorXd>& trace, double sd) {
  if (!(sd > 0)) return trace;
  const int n = int(trace.size()), r = int(std::ceil(3.0 * sd));
  Eigen::VectorXd out(n);
  for (int i = 0; i < n; ++i) {
    double acc = 0, wsum = 0;
    for (int j = std::max(0, i - r); j <= std::min(n - 1, i + r); ++j) {
      const double w = std::exp(-0.5 * (j - i) * (j - i) / (sd * sd));
      acc += w * trace[j];
      wsum += w;
    }
    out[i] = acc / wsum;
  }
  return out;
}

OsrResult measureOsr(const ProbeResponder& responder, const OsrConfig& c) {
  const int P = int(c.periodsFrames.size());
  if (P < 2) throw std::invalid_argument("OsrConfig.periodsFrames: need at least 2 periods");
  const auto cmp = std::find(c.periodsFrames.begin(), c.periodsFrames.end(), c.comparePeriodFrames);
  if (cmp == c.periodsFrames.end())
    throw std::invalid_argument("OsrConfig.comparePeriodFrames: must be one of periodsFrames");
  if (c.windowFrames < 2) throw std::invalid_argument("OsrConfig.windowFrames: must be ≥ 2");
  OsrResult r;
  int N = -1;
  r.periodsMs.resize(P);
  for (int k = 0; k < P; ++k) {
    OsrParams op;
    op.periodFrames = c.periodsFrames[k];
    op.flashFrames = c.flashFrames;
    op.flashes = c.flashes;
    op.intensity = c.intensity;
    op.leadFrames = c.leadFrames;
    op.tailFrames = c.windowFrames + 5;
    const ProbeStimulus probe = osrProbe(op, c.geometry);
    const Eigen::MatrixXd R = run(responder, probe, &N);
    if (k == 0) {
      r.latencyAfterLastMs.resize(N, P);
      r.latencyAfterOmittedMs.resize(N, P);
      r.osrPeakHz.resize(N, P);
      r.inTrainPeakHz.resize(N, P);
    }
    r.periodsMs[k] = op.periodFrames * kMsPerFrame;
    const int last = probe.flashOnsets.back(), omitted = probe.omittedOnset;
    for (int n = 0; n < N; ++n) {
      const Eigen::VectorXd trace = R.row(n).transpose();
      r.inTrainPeakHz(n, k) = trace.segment(last + 1, op.periodFrames).maxCoeff();
      // The burst: highest local maximum in (omitted, omitted + window].
      const TracePeak osr = findPeak(trace, omitted, omitted + c.windowFrames + 1, true);
      r.osrPeakHz(n, k) = osr.valueHz;
      r.latencyAfterLastMs(n, k) = (osr.frame - last) * kMsPerFrame;
      r.latencyAfterOmittedMs(n, k) = (osr.frame - omitted) * kMsPerFrame;
    }
  }
  const int kc = int(cmp - c.periodsFrames.begin());
  r.slope.resize(N);
  r.osrOverInTrain.resize(N);
  for (int n = 0; n < N; ++n) {
    r.slope[n] = slopeOf(r.periodsMs, r.latencyAfterLastMs.row(n).transpose());
    r.osrOverInTrain[n] = r.osrPeakHz(n, kc) / r.inTrainPeakHz(n, kc);
  }
  return r;
}

LatencyResult measureLatency(const ProbeResponder& responder, const LatencyConfig& c) {
  const int K = int(c.intensities.size());
  if (K < 1) throw std::invalid_argument("LatencyConfig.intensities: empty");
  if (c.onsetFrame + c.windowFrames >= c.totalFrames)
    throw std::invalid_argument(
        "LatencyConfig.windowFrames: onset + window must be < "
        "totalFrames");
  LatencyResult r;
  r.intensities = Eigen::Map<const Eigen::VectorXd>(c.intensities.data(), K);
  int N = -1;
  for (int k = 0; k < K; ++k) {
    LatencyParams lp;
    lp.kind = c.kind;
    lp.intensity = -c.intensities[k];
    lp.onsetFrame = c.onsetFrame;
    lp.flashFrames = c.flashFrames;
    lp.totalFrames = c.totalFrames;
    const Eigen::MatrixXd R = run(responder, latencyProbe(lp, c.geometry), &N);
    if (k == 0) {
      r.latencyMs.resize(N, K);
      r.peakHz.resize(N, K);
    }
    for (int n = 0; n < N; ++n) {
      const Eigen::VectorXd trace = R.row(n).transpose();
      const TracePeak p = findPeak(trace, c.onsetFrame + 1, c.onsetFrame + c.windowFrames, false);
      const bool ok = p.valueHz - trace[c.onsetFrame] >= c.minRiseHz;
      r.latencyMs(n, k) = ok ? (p.frame - c.onsetFrame) * kMsPerFrame : kNaN;
      r.peakHz(n, k) = p.valueHz;
    }
  }
  r.dropMs = r.latencyMs.col(0) - r.latencyMs.col(K - 1);
  return r;
}

RfMapResult mapRfCentresX(const ProbeResponder& responder, const RfMapConfig& c) {
  if (!(c.stepPx > 0)) throw std::invalid_argument("RfMapConfig.stepPx: must be > 0");
  const double range = c.halfRangePx > 0 ? c.halfRangePx : 0.5 * c.geometry.width;
  const int M = 2 * int(std::floor(range / c.stepPx + 1e-9)) + 1;
  RfMapResult r;
  r.positionsPx.resize(M);
  int N = -1;
  for (int j = 0; j < M; ++j) {
    FlashedBarParams fp = c.flash;
    fp.positionPx = (j - M / 2) * c.stepPx;
    r.positionsPx[j] = fp.positionPx;
    const Eigen::MatrixXd R = run(responder, flashedBarProbe(fp, c.geometry), &N);
    if (j == 0) r.peakHz.resize(N, M);
    r.peakHz.col(j) = R.rightCols(R.cols() - fp.onsetFrame - 1).rowwise().maxCoeff();
  }
  r.centrePx.resize(N);
  for (int n = 0; n < N; ++n) {
    const TracePeak p = findPeak(r.peakHz.row(n).transpose(), 0, M - 1, false);
    r.centrePx[n] = r.positionsPx[0] + p.frame * c.stepPx;
  }
  return r;
}

AnticipationResult measureAnticipation(const ProbeResponder& responder,
                                       const AnticipationConfig& c) {
  if (!(c.speedPxPerFrame > 0))
    throw std::invalid_argument("AnticipationConfig.speedPxPerFrame: must be > 0");
  AnticipationResult r;
  RfMapConfig rm = c.rfMap;
  rm.flash.widthPx = c.widthPx;
  rm.flash.intensity = c.intensity;
  rm.geometry = c.geometry;
  r.rf = mapRfCentresX(responder, rm);
  int N = int(r.rf.centrePx.size());
  const double v = c.speedPxPerFrame;
  // Flash latency at each cell's RF centre, from the flash's centre time (onset + D/2).
  r.flashLatencyMs.resize(N);
  for (int n = 0; n < N; ++n) {
    FlashedBarParams fp = rm.flash;
    fp.positionPx = r.rf.centrePx[n];
    const Eigen::MatrixXd R = run(responder, flashedBarProbe(fp, c.geometry), &N);
    const TracePeak p =
        findPeak(R.row(n).transpose(), fp.onsetFrame + 1, fp.totalFrames - 1, false);
    r.flashLatencyMs[n] = (p.frame - fp.onsetFrame - 0.5 * fp.flashFrames) * kMsPerFrame;
  }
  // Moving bar, both directions: bar centre at the time of the peak (frame t − ½).
  r.movingPeakPx.resize(N, 2);
  r.movingPeakHz.resize(N, 2);
  for (int d = 0; d < 2; ++d) {
    MovingBarParams mp;
    mp.widthPx = c.widthPx;
    mp.intensity = c.intensity;
    mp.speedPxPerFrame = v;
    mp.startPx = d == 0 ? -c.sweepHalfPx : c.sweepHalfPx;
    mp.endPx = -mp.startPx;
    const ProbeStimulus probe = movingBarProbe(mp, c.geometry);
    const Eigen::MatrixXd R = run(responder, probe, &N);
    for (int n = 0; n < N; ++n) {
      const Eigen::VectorXd trace = smoothTrace(R.row(n).transpose(), c.smoothSdPx / v);
      const TracePeak p = findPeak(trace, mp.leadFrames + 1, probe.frames() - 1, false);
      // Clamp to the sweep so the interpolation never reads the NaN lead/tail entries.
      const double f = std::clamp(p.frame - 0.5, double(mp.leadFrames),
                                  double(probe.frames() - mp.tailFrames - 1));
      r.movingPeakPx(n, d) = interpolate(probe.barCentrePx, f);
      r.movingPeakHz(n, d) = p.valueHz;
    }
  }
  r.expectedLagUm = v * r.flashLatencyMs / kMsPerFrame * kRetinaPixelUm;
  r.leadUm =
      r.expectedLagUm - 0.5 * (r.movingPeakPx.col(0) - r.movingPeakPx.col(1)) * kRetinaPixelUm;
  return r;
}

ReversalResult measureReversal(const ProbeResponder& responder, const std::vector<int>& cells,
                               const Eigen::VectorXd& rfCentresPx, const ReversalConfig& c) {
  const int K = int(c.reversalPointsPx.size());
  if (K < 1) throw std::invalid_argument("ReversalConfig.reversalPointsPx: empty");
  if (c.windowFrames < 2) throw std::invalid_argument("ReversalConfig.windowFrames: must be ≥ 2");
  ReversalResult r;
  r.cells = cells;
  const int C = int(cells.size());
  r.rfCentrePx.resize(C);
  r.reversalPointsPx = Eigen::Map<const Eigen::VectorXd>(c.reversalPointsPx.data(), K);
  r.burstTimeMs.resize(C, K);
  r.burstHz.resize(C, K);
  r.motionPeakHz.resize(C, K);
  r.spreadMs.resize(C);
  int N = -1;
  for (int i = 0; i < C; ++i) {
    const int cell = cells[i];
    if (cell < 0 || cell >= rfCentresPx.size())
      throw std::invalid_argument("measureReversal: cell " + std::to_string(cell) +
                                  " has no RF centre");
    const double centre = rfCentresPx[cell];
    r.rfCentrePx[i] = centre;
    for (int k = 0; k < K; ++k) {
      ReversalParams rp;
      rp.widthPx = c.widthPx;
      rp.intensity = c.intensity;
      rp.speedPxPerFrame = c.speedPxPerFrame;
      rp.startPx = centre + c.startOffsetPx;
      rp.reversalPx = centre + c.reversalPointsPx[k];
      rp.tailFrames = c.tailFrames;  // the way back is as long as the approach
      const ProbeStimulus probe = motionReversalProbe(rp, c.geometry);
      const Eigen::MatrixXd R = run(responder, probe, &N);
      if (cell >= N)
        throw std::invalid_argument("measureReversal: no cell " + std::to_string(cell));
      const Eigen::VectorXd trace = R.row(cell).transpose();
      const int tr = probe.reversalFrame;
      const TracePeak p = findPeak(trace, tr, tr + c.windowFrames + 1, true);
      r.burstTimeMs(i, k) = (p.frame - tr - 0.5) * kMsPerFrame;
      r.burstHz(i, k) = p.valueHz;
      r.motionPeakHz(i, k) = trace.head(tr + 1).maxCoeff();
    }
    const Eigen::VectorXd bt = r.burstTimeMs.row(i).transpose();
    r.spreadMs[i] = bt.allFinite() ? bt.maxCoeff() - bt.minCoeff() : kNaN;
  }
  return r;
}

}  // namespace emergence::engine

// Probe stimuli (retina.md §5); conventions in probes.h.
#include "engine/retina/probes.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/core/random.h"

namespace emergence::engine {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void require(bool ok, const std::string& where, const std::string& reason) {
  if (!ok) throw std::invalid_argument(where + ": " + reason);
}

void checkGeometry(const ProbeGeometry& g, const std::string& where) {
  require(g.height > 0 && g.width > 0, where + " geometry.height/width", "must be > 0");
}

ProbeStimulus fullField(const std::string& name, int T, const ProbeGeometry& g) {
  ProbeStimulus s;
  s.name = name;
  s.symmetry = ProbeSymmetry::FullField;
  s.height = g.height;
  s.width = g.width;
  s.fullField = Eigen::VectorXf::Zero(T);
  return s;
}

ProbeStimulus barX(const std::string& name, int T, const ProbeGeometry& g) {
  ProbeStimulus s;
  s.name = name;
  s.symmetry = ProbeSymmetry::BarX;
  s.height = g.height;
  s.width = g.width;
  s.profileX = FrameBlock::Zero(T, g.width);
  s.barCentrePx = Eigen::VectorXd::Constant(T, kNaN);
  return s;
}

// Number of frames of a sweep of length L px at v px/frame: 1 + ⌊L/v⌋ (tolerant to rounding).
int sweepFrames(double length, double v) { return 1 + int(std::floor(length / v + 1e-9)); }

}  // namespace

const char* probeSymmetryName(ProbeSymmetry s) {
  switch (s) {
    case ProbeSymmetry::FullField:
      return "full-field";
    case ProbeSymmetry::BarX:
      return "bar-x";
    case ProbeSymmetry::None:
      return "none";
  }
  return "?";
}

int ProbeStimulus::frames() const {
  switch (symmetry) {
    case ProbeSymmetry::FullField:
      return int(fullField.size());
    case ProbeSymmetry::BarX:
      return int(profileX.rows());
    case ProbeSymmetry::None:
      return int(movie.rows());
  }
  return 0;
}

void ProbeStimulus::renderFrame(int t, float* out) const {
  if (t < 0 || t >= frames())
    throw std::out_of_range("ProbeStimulus::renderFrame: frame " + std::to_string(t) +
                            " outside [0, " + std::to_string(frames()) + ")");
  const int n = height * width;
  switch (symmetry) {
    case ProbeSymmetry::FullField:
      std::fill(out, out + n, fullField[t]);
      break;
    case ProbeSymmetry::BarX:
      for (int y = 0; y < height; ++y) std::copy_n(profileX.row(t).data(), width, out + y * width);
      break;
    case ProbeSymmetry::None:
      std::copy_n(movie.row(t).data(), n, out);
      break;
  }
}

FrameBlock ProbeStimulus::render() const {
  FrameBlock out(frames(), Eigen::Index(height) * width);
  for (int t = 0; t < frames(); ++t) renderFrame(t, out.row(t).data());
  return out;
}

void addBarProfile(double centrePx, double widthPx, double intensity, int width, float* row) {
  // Column x covers [x − W/2, x + 1 − W/2) in centred coordinates; value = intensity × overlap
  // with [centre − w/2, centre + w/2].
  const double lo = centrePx - 0.5 * widthPx, hi = centrePx + 0.5 * widthPx;
  for (int x = 0; x < width; ++x) {
    const double a = x - 0.5 * width, b = a + 1.0;
    const double overlap = std::min(b, hi) - std::max(a, lo);
    if (overlap > 0) row[x] += float(intensity * overlap);
  }
}

ProbeStimulus osrProbe(const OsrParams& p, const ProbeGeometry& g) {
  const std::string w = "osrProbe";
  checkGeometry(g, w);
  require(p.periodFrames >= 1 && p.flashFrames >= 1 && p.flashFrames <= p.periodFrames,
          w + " periodFrames/flashFrames", "need 1 ≤ flashFrames ≤ periodFrames");
  require(p.flashes >= 1, w + " flashes", "must be ≥ 1");
  require(p.leadFrames >= 0 && p.tailFrames >= 0 && p.flashesAfter >= 0,
          w + " leadFrames/tailFrames/flashesAfter", "must be ≥ 0");
  const int omitted = p.leadFrames + p.flashes * p.periodFrames;
  const int T = omitted + std::max(p.tailFrames, (p.flashesAfter + 1) * p.periodFrames);
  ProbeStimulus s = fullField("osr", T, g);
  auto flashAt = [&](int onset) {
    for (int k = 0; k < p.flashFrames; ++k) s.fullField[onset + k] = float(p.intensity);
    s.flashOnsets.push_back(onset);
  };
  for (int i = 0; i < p.flashes; ++i) flashAt(p.leadFrames + i * p.periodFrames);
  for (int i = 1; i <= p.flashesAfter; ++i) flashAt(omitted + i * p.periodFrames);
  s.omittedOnset = omitted;
  s.flashFrames = p.flashFrames;
  s.periodFrames = p.periodFrames;
  s.intensity = p.intensity;
  return s;
}

ProbeStimulus latencyProbe(const LatencyParams& p, const ProbeGeometry& g) {
  const std::string w = "latencyProbe";
  checkGeometry(g, w);
  require(p.onsetFrame >= 0 && p.onsetFrame < p.totalFrames, w + " onsetFrame",
          "must be in [0, totalFrames)");
  require(p.kind == LatencyKind::Step ||
              (p.flashFrames >= 1 && p.onsetFrame + p.flashFrames <= p.totalFrames),
          w + " flashFrames", "need ≥ 1 and the flash inside the probe");
  ProbeStimulus s = fullField(p.kind == LatencyKind::Step ? "step" : "flash", p.totalFrames, g);
  const int end = p.kind == LatencyKind::Step ? p.totalFrames : p.onsetFrame + p.flashFrames;
  for (int t = p.onsetFrame; t < end; ++t) s.fullField[t] = float(p.intensity);
  if (p.kind == LatencyKind::Step) {
    s.stepOnset = p.onsetFrame;
  } else {
    s.flashOnsets.push_back(p.onsetFrame);
    s.flashFrames = p.flashFrames;
  }
  s.intensity = p.intensity;
  return s;
}

ProbeStimulus stepResponseProbe(double intensity, int durationFrames, int onsetFrame,
                                int tailFrames, const ProbeGeometry& g) {
  const std::string w = "stepResponseProbe";
  checkGeometry(g, w);
  require(durationFrames >= 1 && onsetFrame >= 0 && tailFrames >= 0,
          w + " durationFrames/onsetFrame/tailFrames", "need duration ≥ 1, others ≥ 0");
  ProbeStimulus s = fullField("step_response", onsetFrame + durationFrames + tailFrames, g);
  s.fullField.segment(onsetFrame, durationFrames).setConstant(float(intensity));
  s.stepOnset = onsetFrame;
  s.segmentOnsets = {onsetFrame, onsetFrame + durationFrames};
  s.intensity = intensity;
  return s;
}

ProbeStimulus pairedFlashProbe(int intervalFrames, int flashFrames, double intensity,
                               int delayFrames, int tailFrames, const ProbeGeometry& g) {
  const std::string w = "pairedFlashProbe";
  checkGeometry(g, w);
  require(intervalFrames >= 0 && flashFrames >= 1 && delayFrames >= 0 && tailFrames >= 0,
          w + " intervalFrames/flashFrames/delayFrames/tailFrames",
          "need flashFrames ≥ 1, others ≥ 0");
  const int second = delayFrames + flashFrames + intervalFrames;
  ProbeStimulus s = fullField("paired_flash", second + flashFrames + tailFrames, g);
  s.fullField.segment(delayFrames, flashFrames).setConstant(float(intensity));
  s.fullField.segment(second, flashFrames).setConstant(float(intensity));
  s.flashOnsets = {delayFrames, second};
  s.flashFrames = flashFrames;
  s.intensity = intensity;
  return s;
}

ProbeStimulus contrastStepsProbe(const std::vector<double>& sds, int segmentFrames,
                                 std::uint64_t seed, const ProbeGeometry& g) {
  const std::string w = "contrastStepsProbe";
  checkGeometry(g, w);
  require(!sds.empty(), w + " sds", "must not be empty");
  require(segmentFrames >= 1, w + " segmentFrames", "must be ≥ 1");
  for (double sd : sds) require(sd >= 0, w + " sds", "every SD must be ≥ 0");
  ProbeStimulus s = fullField("contrast_steps", int(sds.size()) * segmentFrames, g);
  Rng rng(seed);
  for (size_t k = 0; k < sds.size(); ++k) {
    s.segmentOnsets.push_back(int(k) * segmentFrames);
    for (int t = 0; t < segmentFrames; ++t)
      s.fullField[int(k) * segmentFrames + t] = float(sds[k] * rng.normal());
  }
  s.segmentSds = sds;
  return s;
}

ProbeStimulus movingBarProbe(const MovingBarParams& p, const ProbeGeometry& g) {
  const std::string w = "movingBarProbe";
  checkGeometry(g, w);
  require(p.widthPx > 0, w + " widthPx", "must be > 0");
  require(p.speedPxPerFrame > 0, w + " speedPxPerFrame", "must be > 0");
  require(p.endPx != p.startPx, w + " startPx/endPx", "must differ");
  require(p.leadFrames >= 0 && p.tailFrames >= 0, w + " leadFrames/tailFrames", "must be ≥ 0");
  const int n = sweepFrames(std::abs(p.endPx - p.startPx), p.speedPxPerFrame);
  const int dir = p.endPx > p.startPx ? 1 : -1;
  ProbeStimulus s = barX("moving_bar", p.leadFrames + n + p.tailFrames, g);
  for (int k = 0; k < n; ++k) {
    const int t = p.leadFrames + k;
    const double c = p.startPx + dir * k * p.speedPxPerFrame;
    addBarProfile(c, p.widthPx, p.intensity, g.width, s.profileX.row(t).data());
    s.barCentrePx[t] = c;
  }
  s.intensity = p.intensity;
  s.barWidthPx = p.widthPx;
  s.speedPxPerFrame = p.speedPxPerFrame;
  s.direction = dir;
  return s;
}

ProbeStimulus flashedBarProbe(const FlashedBarParams& p, const ProbeGeometry& g) {
  const std::string w = "flashedBarProbe";
  checkGeometry(g, w);
  require(p.widthPx > 0, w + " widthPx", "must be > 0");
  require(p.flashFrames >= 1 && p.onsetFrame >= 0 && p.onsetFrame + p.flashFrames <= p.totalFrames,
          w + " flashFrames/onsetFrame/totalFrames", "the flash must fit inside the probe");
  ProbeStimulus s = barX("flashed_bar", p.totalFrames, g);
  for (int t = p.onsetFrame; t < p.onsetFrame + p.flashFrames; ++t) {
    addBarProfile(p.positionPx, p.widthPx, p.intensity, g.width, s.profileX.row(t).data());
    s.barCentrePx[t] = p.positionPx;
  }
  s.flashOnsets.push_back(p.onsetFrame);
  s.flashFrames = p.flashFrames;
  s.flashPositionPx = p.positionPx;
  s.intensity = p.intensity;
  s.barWidthPx = p.widthPx;
  return s;
}

ProbeStimulus motionReversalProbe(const ReversalParams& p, const ProbeGeometry& g) {
  const std::string w = "motionReversalProbe";
  checkGeometry(g, w);
  require(p.widthPx > 0, w + " widthPx", "must be > 0");
  require(p.speedPxPerFrame > 0, w + " speedPxPerFrame", "must be > 0");
  require(p.reversalPx != p.startPx, w + " startPx/reversalPx", "must differ");
  require(p.tailFrames >= 0, w + " tailFrames", "must be ≥ 0");
  const double L = p.reversalPx - p.startPx;
  const int n = sweepFrames(std::abs(L), p.speedPxPerFrame);
  const int T = 2 * n - 1 + p.tailFrames;
  ProbeStimulus s = barX("motion_reversal", T, g);
  for (int t = 0; t < T; ++t) {
    // Out: k = t (0 … n − 1); back: k = 2(n − 1) − t; tail: k = 0 (the start).
    const int k = t < n ? t : std::max(0, 2 * (n - 1) - t);
    const double c = n > 1 ? p.startPx + L * k / (n - 1) : p.reversalPx;
    addBarProfile(c, p.widthPx, p.intensity, g.width, s.profileX.row(t).data());
    s.barCentrePx[t] = c;
  }
  s.reversalFrame = n - 1;
  s.reversalPointPx = p.reversalPx;
  s.intensity = p.intensity;
  s.barWidthPx = p.widthPx;
  s.speedPxPerFrame = n > 1 ? std::abs(L) / (n - 1) : 0.0;
  s.direction = L > 0 ? 1 : -1;
  return s;
}

ProbeStimulus reversingGratingProbe(int barPx, int halfPeriodFrames, double phasePx,
                                    double intensity, int cycles, int leadFrames,
                                    const ProbeGeometry& g) {
  const std::string w = "reversingGratingProbe";
  checkGeometry(g, w);
  require(barPx >= 1, w + " barPx", "must be ≥ 1");
  require(halfPeriodFrames >= 1, w + " halfPeriodFrames", "must be ≥ 1");
  require(cycles >= 1 && leadFrames >= 0, w + " cycles/leadFrames", "need cycles ≥ 1, lead ≥ 0");
  const int T = leadFrames + 2 * cycles * halfPeriodFrames;
  ProbeStimulus s = barX("reversing_grating", T, g);
  s.barCentrePx.resize(0);
  // Column sign: +1 on even bars of floor((X + phase)/barPx), X = left edge of the column.
  Eigen::VectorXf pattern(g.width);
  for (int x = 0; x < g.width; ++x) {
    const long bar = long(std::floor((x - 0.5 * g.width + phasePx) / barPx));
    pattern[x] = float(bar % 2 == 0 ? intensity : -intensity);
  }
  for (int t = leadFrames; t < T; ++t) {
    const int half = (t - leadFrames) / halfPeriodFrames;
    s.profileX.row(t) = (half % 2 == 0 ? 1.0f : -1.0f) * pattern.transpose();
    if ((t - leadFrames) % halfPeriodFrames == 0) s.segmentOnsets.push_back(t);
  }
  s.intensity = intensity;
  s.barWidthPx = barPx;
  s.periodFrames = 2 * halfPeriodFrames;
  return s;
}

}  // namespace emergence::engine

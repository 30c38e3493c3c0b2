// Natural-like movie (retina.md §8.1); the process is described in natural_movie.h.
// Every random draw comes from m_rng in frame order, so the frames do not depend on how the
// caller chunks them.
#include "engine/retina/natural_movie.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace emergence::engine {
namespace {

void require(bool ok, const std::string& field, const std::string& reason) {
  if (!ok) throw std::invalid_argument("NaturalMovieConfig." + field + ": " + reason);
}

constexpr double kTwoPi = 6.283185307179586476925286766559;

}  // namespace

NaturalMovie::NaturalMovie(const NaturalMovieConfig& c)
    : m_config(c), m_bank(c.bank), m_rng(c.seed) {
  require(c.height > 0 && c.width > 0, "height/width", "must be > 0");
  require(c.frameS > 0, "frameS", "must be > 0");
  require(c.fixationMeanS > 0 && c.fixationMinS > 0 && c.fixationMaxS >= c.fixationMinS,
          "fixationMeanS/fixationMinS/fixationMaxS", "need mean > 0 and 0 < min ≤ max");
  require(c.saccadeFramesMin >= 1 && c.saccadeFramesMax >= c.saccadeFramesMin,
          "saccadeFramesMin/saccadeFramesMax", "need 1 ≤ min ≤ max");
  require(c.newImageProbability >= 0 && c.newImageProbability <= 1, "newImageProbability",
          "must be in [0, 1]");
  require(c.saccadeBlurSamples >= 1, "saccadeBlurSamples", "must be ≥ 1");
  require(c.saccadeMinPx >= 0 && c.saccadeMaxPx >= c.saccadeMinPx, "saccadeMinPx/saccadeMaxPx",
          "need 0 ≤ min ≤ max");
  require(c.marginPx >= 0, "marginPx", "must be ≥ 0");
  require(c.bank.size - std::max(c.height, c.width) - 2 * c.marginPx >= 0, "bank.size",
          "image (" + std::to_string(c.bank.size) + " px) smaller than the window plus margins");
  require(c.jitterStepSdPx >= 0, "jitterStepSdPx", "must be ≥ 0");
  require(c.jitterRelaxS > 0, "jitterRelaxS", "must be > 0");
  require(c.objectProbability >= 0 && c.objectProbability <= 1, "objectProbability",
          "must be in [0, 1]");
  require(c.objectDiskProbability >= 0 && c.objectDiskProbability <= 1, "objectDiskProbability",
          "must be in [0, 1]");
  require(c.objectSizeMinPx > 0 && c.objectSizeMaxPx >= c.objectSizeMinPx,
          "objectSizeMinPx/objectSizeMaxPx", "need 0 < min ≤ max");
  require(c.objectSpeedMin >= 0 && c.objectSpeedMax >= c.objectSpeedMin,
          "objectSpeedMin/objectSpeedMax", "need 0 ≤ min ≤ max");
  require(c.objectContrastMin >= 0 && c.objectContrastMax >= c.objectContrastMin,
          "objectContrastMin/objectContrastMax", "need 0 ≤ min ≤ max");
  require(c.objectReversalProbability >= 0 && c.objectReversalProbability <= 1,
          "objectReversalProbability", "must be in [0, 1]");
  require(c.driftAmplitude >= 0 && c.driftAmplitude < 0.5, "driftAmplitude", "must be in [0, 0.5)");
  require(c.driftTauS > 0, "driftTauS", "must be > 0");
  require(c.contrastPerZ > 0, "contrastPerZ", "must be > 0");
  m_jitterA = std::exp(-c.frameS / c.jitterRelaxS);
  m_driftA = std::exp(-c.frameS / c.driftTauS);
  // Start in the stationary state of both OU processes.
  const double jitterSd = c.jitterStepSdPx / std::sqrt(1.0 - m_jitterA * m_jitterA);
  m_jx = jitterSd * m_rng.normal();
  m_jy = jitterSd * m_rng.normal();
  m_u = m_rng.normal();
}

void NaturalMovie::loadImage(int index) {
  if (index == m_imageIndex) return;
  m_image = m_bank.image(index);
  m_imageIndex = index;
}

void NaturalMovie::startFixation() {
  const NaturalMovieConfig& c = m_config;
  const bool first = m_imageIndex < 0;
  const double prevX = m_offX, prevY = m_offY;
  const bool newImage = first || m_rng.uniform() < c.newImageProbability;
  if (newImage) loadImage(int(m_rng.uniformInt(std::uint64_t(m_bank.count()))));
  const double spanX = c.bank.size - c.width - 2.0 * c.marginPx;
  const double spanY = c.bank.size - c.height - 2.0 * c.marginPx;
  m_offX = c.marginPx + spanX * m_rng.uniform();
  m_offY = c.marginPx + spanY * m_rng.uniform();
  // Saccade path start: the previous gaze on the same image, or a point of the new image
  // saccadeMinPx–saccadeMaxPx away from the target.
  if (newImage) {
    const double len = m_rng.uniform(c.saccadeMinPx, c.saccadeMaxPx);
    const double ang = kTwoPi * m_rng.uniform();
    m_fromX = m_offX + len * std::cos(ang);
    m_fromY = m_offY + len * std::sin(ang);
  } else {
    m_fromX = prevX;
    m_fromY = prevY;
  }
  m_saccadeFrames =
      first ? 0
            : c.saccadeFramesMin +
                  int(m_rng.uniformInt(std::uint64_t(c.saccadeFramesMax - c.saccadeFramesMin + 1)));
  m_saccadeLeft = m_saccadeFrames;
  // Fixation length ~ Exp(mean), clipped; at least one frame.
  const double d = -c.fixationMeanS * std::log(1.0 - m_rng.uniform());
  const double clipped = std::clamp(d, c.fixationMinS, c.fixationMaxS);
  m_fixationLeft = std::max(1, int(std::lround(clipped / c.frameS)));
  m_fixationFrame = 0;
  // Moving object.
  m_hasObject = m_rng.uniform() < c.objectProbability;
  if (m_hasObject) {
    Object& o = m_object;
    o.disk = m_rng.uniform() < c.objectDiskProbability;
    o.size = m_rng.uniform(c.objectSizeMinPx, c.objectSizeMaxPx);
    const double mag = m_rng.uniform(c.objectContrastMin, c.objectContrastMax);
    o.value = m_rng.uniform() < 0.5 ? -mag : mag;
    const double ang = kTwoPi * m_rng.uniform();
    o.dirX = std::cos(ang);
    o.dirY = std::sin(ang);
    o.speed = m_rng.uniform(c.objectSpeedMin, c.objectSpeedMax);
    o.reverses = m_rng.uniform() < c.objectReversalProbability;
    // Anchor: mid fixation (or the reversal frame, 30–70 % into it), within W/4 of the centre.
    o.anchorFrame = o.reverses ? int(m_fixationLeft * m_rng.uniform(0.3, 0.7)) : m_fixationLeft / 2;
    o.anchorX = c.width * (0.5 + 0.25 * (2.0 * m_rng.uniform() - 1.0));
    o.anchorY = c.height * (0.5 + 0.25 * (2.0 * m_rng.uniform() - 1.0));
  }
  ++m_status.fixations;
  m_status.image = m_imageIndex;
  m_status.object = m_hasObject;
}

void NaturalMovie::stepNoise() {
  // Jitter: j ← a·j + σ·ξ; drift: u ← a_u·u + √(1 − a_u²)·ξ (unit stationary SD).
  m_jx = m_jitterA * m_jx + m_config.jitterStepSdPx * m_rng.normal();
  m_jy = m_jitterA * m_jy + m_config.jitterStepSdPx * m_rng.normal();
  m_u = m_driftA * m_u + std::sqrt(1.0 - m_driftA * m_driftA) * m_rng.normal();
}

double NaturalMovie::sample(double u, double v) const {
  const int n = int(m_image.rows());
  u = std::clamp(u, 0.0, n - 1.0);
  v = std::clamp(v, 0.0, n - 1.0);
  const int x0 = std::min(int(u), n - 2), y0 = std::min(int(v), n - 2);
  const double fx = u - x0, fy = v - y0;
  const float* r0 = m_image.data() + size_t(y0) * n + x0;
  const float* r1 = r0 + n;
  const double top = r0[0] + fx * (r0[1] - r0[0]);
  const double bottom = r1[0] + fx * (r1[1] - r1[0]);
  return top + fy * (bottom - top);
}

void NaturalMovie::renderFrame(float* out) {
  const NaturalMovieConfig& c = m_config;
  const int H = c.height, W = c.width;
  const bool saccade = m_saccadeLeft > 0;
  if (saccade) {
    // Frame j of n covers path fractions [j/n, (j+1)/n): mean of S samples (motion blur).
    const int n = m_saccadeFrames, j = n - m_saccadeLeft, S = c.saccadeBlurSamples;
    for (int i = 0; i < H * W; ++i) out[i] = 0.0f;
    for (int s = 0; s < S; ++s) {
      const double phi = (j + (s + 0.5) / S) / n;
      const double gx = m_fromX + phi * (m_offX - m_fromX) + m_jx;
      const double gy = m_fromY + phi * (m_offY - m_fromY) + m_jy;
      for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) out[y * W + x] += float(sample(gx + x, gy + y) / S);
    }
  } else {
    const double gx = m_offX + m_jx, gy = m_offY + m_jy;
    const int n = int(m_image.rows());
    const int x0 = int(std::floor(gx)), y0 = int(std::floor(gy));
    if (x0 >= 0 && y0 >= 0 && x0 + W < n && y0 + H < n) {
      // Fast path, window inside the image: one set of bilinear weights for every pixel.
      const float fx = float(gx - x0), fy = float(gy - y0);
      const float w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy,
                  w11 = fx * fy;
      for (int y = 0; y < H; ++y) {
        const float* r0 = m_image.data() + size_t(y0 + y) * n + x0;
        const float* r1 = r0 + n;
        float* o = out + y * W;
        for (int x = 0; x < W; ++x)
          o[x] = w00 * r0[x] + w01 * r0[x + 1] + w10 * r1[x] + w11 * r1[x + 1];
      }
    } else {
      for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) out[y * W + x] = float(sample(gx + x, gy + y));
    }
    if (m_hasObject) {
      // Object position p(f) = anchor ± v·(f − f_a)·d (reversing: anchor − v·|f − f_a|·d), in
      // window coordinates without jitter; on the retina it sits at p − j.
      const Object& o = m_object;
      const int df = m_fixationFrame - o.anchorFrame;
      const double step = o.reverses ? -o.speed * std::abs(df) : o.speed * df;
      const double px = o.anchorX + step * o.dirX - m_jx, py = o.anchorY + step * o.dirY - m_jy;
      for (int y = 0; y < H; ++y) {
        for (int x = 0; x < W; ++x) {
          const double dx = x + 0.5 - px, dy = y + 0.5 - py;
          // Coverage of the pixel, a linear ramp one pixel wide across the edge.
          double cov;
          if (o.disk)
            cov = o.size + 0.5 - std::sqrt(dx * dx + dy * dy);
          else
            cov = 0.5 * o.size + 0.5 - std::abs(dx * o.dirX + dy * o.dirY);
          cov = std::clamp(cov, 0.0, 1.0);
          if (cov > 0) out[y * W + x] = float((1.0 - cov) * out[y * W + x] + cov * o.value);
        }
      }
    }
  }
  // Luminance drift: z' = ((1 + A·u)(1 + κz) − 1)/κ = z·(1 + A·u) + A·u/κ.
  const double g = 1.0 + c.driftAmplitude * m_u, add = c.driftAmplitude * m_u / c.contrastPerZ;
  for (int i = 0; i < H * W; ++i) out[i] = float(out[i] * g + add);
  m_status.gazeX = (saccade ? m_fromX : m_offX) + m_jx;
  m_status.gazeY = (saccade ? m_fromY : m_offY) + m_jy;
  m_status.jitterX = m_jx;
  m_status.jitterY = m_jy;
  m_status.drift = m_u;
  m_status.saccade = saccade;
}

void NaturalMovie::nextFrames(int k, FrameBlock& out) {
  if (k < 0) throw std::invalid_argument("NaturalMovie::nextFrames: k must be ≥ 0");
  out.resize(k, Eigen::Index(m_config.height) * m_config.width);
  for (int f = 0; f < k; ++f) {
    if (m_saccadeLeft == 0 && m_fixationLeft == 0) startFixation();
    stepNoise();
    renderFrame(out.row(f).data());
    if (m_saccadeLeft > 0) {
      --m_saccadeLeft;
    } else {
      --m_fixationLeft;
      ++m_fixationFrame;
    }
    ++m_frames;
  }
}

}  // namespace emergence::engine

// White-noise checkerboard (retina.md §8.1); see white_noise.h.
#include "engine/retina/white_noise.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace emergence::engine {

WhiteNoise::WhiteNoise(const WhiteNoiseConfig& c) : m_config(c), m_rng(c.seed) {
  auto require = [](bool ok, const std::string& field, const std::string& reason) {
    if (!ok) throw std::invalid_argument("WhiteNoiseConfig." + field + ": " + reason);
  };
  require(c.height > 0 && c.width > 0, "height/width", "must be > 0");
  require(c.checkerPx >= 1, "checkerPx", "must be ≥ 1, got " + std::to_string(c.checkerPx));
  require(c.holdFrames >= 1, "holdFrames", "must be ≥ 1, got " + std::to_string(c.holdFrames));
  require(c.sd >= 0, "sd", "must be ≥ 0");
  m_pattern.resize(1, Eigen::Index(c.height) * c.width);
}

void WhiteNoise::nextFrames(int k, FrameBlock& out) {
  if (k < 0) throw std::invalid_argument("WhiteNoise::nextFrames: k must be ≥ 0");
  const WhiteNoiseConfig& c = m_config;
  const int H = c.height, W = c.width, n = c.checkerPx;
  const int cw = (W + n - 1) / n, ch = (H + n - 1) / n;
  std::vector<float> checkers(size_t(cw) * ch);
  out.resize(k, Eigen::Index(H) * W);
  for (int f = 0; f < k; ++f, ++m_frames) {
    if (m_frames % c.holdFrames == 0) {
      // New pattern: one draw per checker, row-major over checkers.
      for (auto& v : checkers)
        v = float(c.binary ? (m_rng.uniform() < 0.5 ? -c.sd : c.sd) : c.sd * m_rng.normal());
      for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) m_pattern(0, y * W + x) = checkers[size_t(y / n) * cw + x / n];
    }
    out.row(f) = m_pattern;
  }
}

}  // namespace emergence::engine

#pragma once
// White-noise checkerboard stimulus (retina.md §8.1, optional training set): Gaussian or binary
// checkers of checkerPx × checkerPx pixels, SD `sd` z, a new pattern every holdFrames frames
// (1, or 3 as in `repeat_white`). Gaussian: N(0, sd²) per checker; binary: ±sd with equal odds.
// Checkers tile the window from its top-left corner (a partial checker at the right and bottom
// edges when the window is not a multiple of checkerPx).
#include <cstdint>

#include "engine/core/random.h"
#include "engine/retina/frames.h"

namespace emergence::engine {

struct WhiteNoiseConfig {
  int height = 50, width = 50;  // window, px
  std::uint64_t seed = 1;
  bool binary = false;
  int checkerPx = 1;   // 1 or 2 in the spec; any ≥ 1 accepted
  int holdFrames = 1;  // 1 or 3 in the spec; any ≥ 1 accepted
  double sd = 1.0;     // z
};

class WhiteNoise : public FrameSource {
 public:
  // Throws std::invalid_argument naming the field for an invalid config.
  explicit WhiteNoise(const WhiteNoiseConfig& config = {});
  int height() const override { return m_config.height; }
  int width() const override { return m_config.width; }
  using FrameSource::nextFrames;
  void nextFrames(int k, FrameBlock& out) override;
  std::int64_t framesGenerated() const override { return m_frames; }
  const WhiteNoiseConfig& config() const { return m_config; }

 private:
  WhiteNoiseConfig m_config;
  Rng m_rng;
  FrameBlock m_pattern;  // 1 × (H·W), the frame being held
  std::int64_t m_frames = 0;
};

}  // namespace emergence::engine

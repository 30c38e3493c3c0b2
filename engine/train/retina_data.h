#pragma once
// The synthetic recording a retina run trains on (retina.md §8.1): the natural-like movie (and
// optionally white noise) streamed through the ground-truth retina (synthetic_retina.h), rendered
// once from the run's seed, in independent segments (retina_run_config.h, RetinaDataConfig).
//
// Per segment: frames 0 … F−1 (warm-up first), the retina's noise-free rate in every bin and
// Poisson counts from the segment's own stream. Bin t is the response to frames ≤ t − 1, so the
// CNN sample for bin t is frames t − H … t − 1 → counts[t]; bins t < warmupFrames are not used.
// Frames are stored as int16 (z·2048, clamped to ±16 z: error ≤ 2.5e-4 z, 2 bytes/px).
//
// Seeds, all from the run seed s (Rng(s).stream(id)):
//   segment k   movie seed stream(kMovieStream + k).nextU64(), counts stream(kCountStream + k),
//               white-noise seed stream(kNoiseMovieStream + k).nextU64()
//   test clip   movie seed stream(kTestStream).nextU64() on a different image bank
//               (bank seed + 7919), repeats r: counts stream(kTestCountStream + r)
// The retina roster is data.retina.seed's (the same cells in every segment and in the test).
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "engine/core/random.h"
#include "engine/models/retina_cnn.h"
#include "engine/retina/frames.h"
#include "engine/train/retina_run_config.h"

namespace emergence::engine {

struct RetinaSegment {
  using Pixels = Eigen::Matrix<std::int16_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Pixels pixels;          // F × S², z·2048
  Eigen::MatrixXf counts;  // F × N, spikes per bin
  Eigen::MatrixXf rates;   // F × N, noise-free rate (Hz)
  bool whiteNoise = false;
  int frames() const { return int(pixels.rows()); }
};

struct RetinaTestSet {
  FrameBlock frames;                     // (warm-up + T) × S²
  int warmup = 0;                        // the first scored bin
  Eigen::MatrixXd rateHz;                // N × T, noise-free
  std::vector<Eigen::MatrixXd> repeats;  // R of N × T, spike counts
};

class RetinaDataset {
 public:
  static constexpr std::uint64_t kMovieStream = 1ull << 40, kCountStream = 2ull << 40,
                                 kNoiseMovieStream = 3ull << 40, kTestStream = 4ull << 40,
                                 kTestCountStream = 5ull << 40;
  static constexpr float kScale = 2048.0f;  // int16 units per z

  // Renders every segment and the test set (parallel over segments).
  RetinaDataset(const RetinaRunConfig& config, int threads);

  int numCells() const { return m_cells; }
  int trainSegments() const { return m_train; }
  int validationSegments() const { return int(m_segments.size()) - m_train; }
  const RetinaSegment& segment(int k) const { return m_segments[size_t(k)]; }
  int warmup() const { return m_warmup; }
  const RetinaTestSet& test() const { return m_test; }
  double renderSeconds() const { return m_renderSeconds; }
  long long trainBins() const;  // scored bins in the training segments
  Eigen::VectorXd meanTrainCounts() const;  // N: mean spikes per bin over the training bins

  // `chunks` chunks of `length` consecutive samples at random training positions (segment
  // uniform, then start uniform), drawn from rng.
  void drawBatch(Rng& rng, int chunks, int length, int historyFrames,
                 RetinaChunkBatch<float>& out) const;
  // Frames [first, first + count) of segment k as floats (z).
  FrameBlock frames(int k, int first, int count) const;

 private:
  int m_cells = 0, m_train = 0, m_warmup = 0, m_window = 0;
  std::vector<RetinaSegment> m_segments;
  RetinaTestSet m_test;
  double m_renderSeconds = 0;
};

}  // namespace emergence::engine

// Synthetic training/validation/test recordings of a retina run (retina_data.h).
#include "engine/train/retina_data.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "engine/core/parallel.h"
#include "engine/retina/natural_movie.h"
#include "engine/retina/synthetic_retina.h"
#include "engine/retina/white_noise.h"

namespace emergence::engine {
namespace {

RetinaSegment::Pixels quantise(const FrameBlock& f) {
  RetinaSegment::Pixels q(f.rows(), f.cols());
  for (Eigen::Index i = 0; i < f.size(); ++i) {
    const float v = std::clamp(f.data()[i] * RetinaDataset::kScale, -32767.0f, 32767.0f);
    q.data()[i] = std::int16_t(std::lround(v));
  }
  return q;
}

}  // namespace

RetinaDataset::RetinaDataset(const RetinaRunConfig& config, int threads) {
  const auto start = std::chrono::steady_clock::now();
  RetinaRunConfig c = config;
  c.normalise();
  const RetinaDataConfig& d = c.data;
  m_window = c.model.windowPx;
  m_warmup = d.warmupFrames;
  if (m_warmup < c.model.historyFrames)
    throw std::invalid_argument("RetinaDataConfig.warmupFrames: must be ≥ the CNN's history (" +
                                std::to_string(c.model.historyFrames) + " frames)");
  const SyntheticRetina retinaProto(d.retina);
  m_cells = retinaProto.numCells();
  const int bins = std::max(1, int(std::lround(d.segmentSeconds / kRetinaFrameS)));
  const int total = std::max(1, int(std::lround(d.trainMinutes * 60.0 / d.segmentSeconds)));
  const int validation =
      d.validationFraction > 0 ? std::max(1, int(std::ceil(d.validationFraction * total))) : 0;
  m_train = std::max(1, total - validation);
  const int segments = m_train + validation;
  m_segments.resize(size_t(segments));
  const Rng master(c.seed);
  // Segment k is white noise when it is a training segment and ⌊(k+1)f⌋ > ⌊k·f⌋ (evenly spread).
  auto isWhite = [&](int k) {
    const double f = d.whiteNoiseFraction;
    return k < m_train && f > 0 && std::floor((k + 1) * f) > std::floor(k * f);
  };
  const int F = m_warmup + bins;
  parallelFor(segments + 1, threads, [&](int k) {
    if (k == segments) {  // the test clip, on its own image bank
      NaturalMovieConfig mc = d.movie;
      mc.seed = master.stream(kTestStream).nextU64();
      mc.bank.seed = d.movie.bank.seed + 7919;
      NaturalMovie movie(mc);
      const int T = std::max(1, int(std::lround(d.testSeconds / kRetinaFrameS)));
      m_test.frames = movie.nextFrames(m_warmup + T);
      m_test.warmup = m_warmup;
      SyntheticRetina retina(d.retina);
      const RetinaResponse r = retina.process(m_test.frames, false);
      m_test.rateHz = r.rate.rightCols(T);
      for (int rep = 0; rep < d.testRepeats; ++rep) {
        Rng rng = master.stream(kTestCountStream + std::uint64_t(rep));
        m_test.repeats.push_back(
            SyntheticRetina::poissonCounts(m_test.rateHz, kRetinaFrameS, rng).cast<double>());
      }
      return;
    }
    RetinaSegment& seg = m_segments[size_t(k)];
    FrameBlock frames;
    seg.whiteNoise = isWhite(k);
    if (seg.whiteNoise) {
      WhiteNoiseConfig wc = d.whiteNoise;
      wc.seed = master.stream(kNoiseMovieStream + std::uint64_t(k)).nextU64();
      WhiteNoise noise(wc);
      frames = noise.nextFrames(F);
    } else {
      NaturalMovieConfig mc = d.movie;
      mc.seed = master.stream(kMovieStream + std::uint64_t(k)).nextU64();
      NaturalMovie movie(mc);
      frames = movie.nextFrames(F);
    }
    SyntheticRetina retina(d.retina);
    const RetinaResponse r = retina.process(frames, false);
    Rng counts = master.stream(kCountStream + std::uint64_t(k));
    seg.rates = r.rate.transpose().cast<float>();
    seg.counts = SyntheticRetina::poissonCounts(r.rate, kRetinaFrameS, counts).transpose().cast<float>();
    seg.pixels = quantise(frames);
  });
  m_renderSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long long RetinaDataset::trainBins() const {
  long long n = 0;
  for (int k = 0; k < m_train; ++k) n += m_segments[size_t(k)].frames() - m_warmup;
  return n;
}

Eigen::VectorXd RetinaDataset::meanTrainCounts() const {
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(m_cells);
  for (int k = 0; k < m_train; ++k) {
    const RetinaSegment& s = m_segments[size_t(k)];
    sum += s.counts.bottomRows(s.frames() - m_warmup).colwise().sum().transpose().cast<double>();
  }
  return sum / double(std::max(1LL, trainBins()));
}

FrameBlock RetinaDataset::frames(int k, int first, int count) const {
  const RetinaSegment& s = m_segments[size_t(k)];
  if (first < 0 || first + count > s.frames())
    throw std::out_of_range("RetinaDataset::frames: rows outside the segment");
  return s.pixels.middleRows(first, count).cast<float>() / kScale;
}

void RetinaDataset::drawBatch(Rng& rng, int chunks, int length, int H,
                              RetinaChunkBatch<float>& out) const {
  out.length = length;
  out.frames.resize(size_t(chunks));
  out.targets.resize(size_t(chunks));
  for (int i = 0; i < chunks; ++i) {
    const int k = int(rng.uniformInt(std::uint64_t(m_train)));
    const RetinaSegment& s = m_segments[size_t(k)];
    const int span = s.frames() - length - m_warmup + 1;  // starts t0 ∈ [warmup, F − L]
    if (span < 1) throw std::invalid_argument("RetinaDataset: chunk longer than a segment");
    const int t0 = m_warmup + int(rng.uniformInt(std::uint64_t(span)));
    out.frames[size_t(i)] = s.pixels.middleRows(t0 - H, length + H - 1).cast<float>() / kScale;
    out.targets[size_t(i)] = s.counts.middleRows(t0, length);
  }
}

}  // namespace emergence::engine

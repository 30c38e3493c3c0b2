// Generation speed of the retina lab's training data (retina.md §8): natural-like movie frames,
// the synthetic retina's rates and counts, and both together, in simulated seconds per wall
// second (1 frame = 10 ms), at the full 50 × 50 window and at 32 × 32. Chunks of 1000 frames,
// as a trainer would render them.
#include <benchmark/benchmark.h>

#include "engine/retina/natural_movie.h"
#include "engine/retina/synthetic_retina.h"

using namespace emergence::engine;

namespace {

constexpr int kChunk = 1000;

void setRate(benchmark::State& state) {
  state.counters["sim_s_per_s"] = benchmark::Counter(
      double(state.iterations()) * kChunk * kRetinaFrameS, benchmark::Counter::kIsRate);
}

}  // namespace

static void BM_NaturalMovie(benchmark::State& state) {
  NaturalMovieConfig c;
  c.height = c.width = int(state.range(0));
  NaturalMovie movie(c);
  FrameBlock chunk;
  for (auto _ : state) {
    movie.nextFrames(kChunk, chunk);
    benchmark::DoNotOptimize(chunk.data());
  }
  setRate(state);
}

static void BM_SyntheticRetina(benchmark::State& state) {
  const int W = int(state.range(0));
  NaturalMovieConfig mc;
  mc.height = mc.width = W;
  NaturalMovie movie(mc);
  const FrameBlock frames = movie.nextFrames(kChunk);
  SyntheticRetinaConfig rc;
  rc.height = rc.width = W;
  SyntheticRetina retina(rc);
  RetinaResponse out;
  for (auto _ : state) {
    retina.process(frames, out, true);
    benchmark::DoNotOptimize(out.rate.data());
  }
  setRate(state);
}

static void BM_MovieAndRetina(benchmark::State& state) {
  const int W = int(state.range(0));
  NaturalMovieConfig mc;
  mc.height = mc.width = W;
  NaturalMovie movie(mc);
  SyntheticRetinaConfig rc;
  rc.height = rc.width = W;
  SyntheticRetina retina(rc);
  FrameBlock chunk;
  RetinaResponse out;
  for (auto _ : state) {
    movie.nextFrames(kChunk, chunk);
    retina.process(chunk, out, true);
    benchmark::DoNotOptimize(out.counts.data());
  }
  setRate(state);
}

BENCHMARK(BM_NaturalMovie)
    ->Arg(50)
    ->Arg(32)
    ->ArgName("px")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);
BENCHMARK(BM_SyntheticRetina)
    ->Arg(50)
    ->Arg(32)
    ->ArgName("px")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);
BENCHMARK(BM_MovieAndRetina)
    ->Arg(50)
    ->Arg(32)
    ->ArgName("px")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);

BENCHMARK_MAIN();

// Training updates per second of the retina CNN (one RetinaCnn::trainStep + Adam = one update of
// RetinaTrainer, on a fixed batch drawn from a short synthetic recording), for the `default` and
// `faithful` presets, single-threaded and with 2 threads. Counters: updates/s and GFLOP/s, counting
// 2 flops per multiply-add of the convolution and dense products that one update performs:
//   conv1  full: forward and weight gradient, 2·B·C1·H·k1²·O1² MACs;
//          separable: (F·P1·k1²·C1·R spatial + B·P1·C1·R·H temporal)·chunks ×2 (+ the ∂T products)
//   conv2  forward, weight gradient and input gradient: 3·B·C2·C1·k2²·O2²
//   dense  3·B·N·C2·O2²
// (bias, batch norm, ReLU, softplus, im2col and Adam are not counted.)
// Compare with tools/bench_retina_vs_torch.sh (PyTorch CPU, same network, batch and threads).
#include <benchmark/benchmark.h>

#include "engine/core/random.h"
#include "engine/train/retina_data.h"
#include "engine/train/retina_trainer.h"

using namespace emergence::engine;

namespace {

double macsPerUpdate(const RetinaRunConfig& rc) {
  const RetinaCnnConfig& c = rc.model;
  const double B = rc.batchSamples(), chunks = rc.training.batchChunks, L = rc.training.chunkLength;
  const double H = c.historyFrames, k1 = c.conv1Kernel, P1 = c.conv1Pixels(), C1 = c.conv1Channels;
  const double k2 = c.conv2Kernel, P2 = c.conv2Pixels(), C2 = c.conv2Channels, N = c.numCells;
  double conv1;
  if (c.conv1 == RetinaConv1Kind::Full) {
    conv1 = 2 * B * C1 * H * k1 * k1 * P1;
  } else {
    const double R = c.conv1Rank, F = L + H - 1;
    conv1 = 2 * chunks * F * P1 * k1 * k1 * C1 * R + 3 * B * P1 * C1 * R * H;
  }
  return conv1 + 3 * B * C2 * C1 * k2 * k2 * P2 + 3 * B * N * C2 * P2;
}

void trainingUpdate(benchmark::State& state, const char* preset) {
  RetinaRunConfig c = retinaPreset(preset);
  c.data.trainMinutes = 0.5;  // a short recording: the bench times the update, not the data
  c.data.segmentSeconds = 15;
  c.data.testSeconds = 1;
  c.data.testRepeats = 2;
  const int threads = int(state.range(0));
  RetinaDataset data(c, 2);
  RetinaChunkBatch<float> batch;
  Rng rng(7);
  data.drawBatch(rng, c.training.batchChunks, c.training.chunkLength, c.model.historyFrames, batch);
  RetinaCnn<float> net(c.model);
  Rng init(1);
  net.initialize(init);
  RetinaCnnParameters<float> grad;
  AdamW adam(AdamWConfig{1e-3, 0.9, 0.999, 1e-8, 0.0});
  RetinaLossConfig lc{c.training.kernelL2, c.training.activityL1, 1e-8};
  const Rng noise(3);
  auto update = [&] {
    const RetinaLoss l = net.trainStep(batch, lc, &noise, threads, grad, true);
    std::vector<ParameterView> views;
    net.params.forEach([&](const char* n, float* p, Eigen::Index k) {
      views.push_back(ParameterView{n, p, nullptr, nullptr, k});
    });
    size_t i = 0;
    grad.forEach([&](const char*, float* g, Eigen::Index) { views[i++].grad = g; });
    adam.step(views);
    return l.total;
  };
  update();  // warm-up (allocations)
  for (auto _ : state) benchmark::DoNotOptimize(update());
  state.counters["updates_per_s"] =
      benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["GFLOP_per_s"] = benchmark::Counter(
      2.0 * macsPerUpdate(c) * double(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
  state.counters["batch"] = c.batchSamples();
}

void BM_RetinaTrainingDefault(benchmark::State& s) { trainingUpdate(s, "default"); }
void BM_RetinaTrainingFaithful(benchmark::State& s) { trainingUpdate(s, "faithful"); }

}  // namespace

BENCHMARK(BM_RetinaTrainingDefault)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)
    ->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_RetinaTrainingFaithful)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)
    ->UseRealTime()->MinTime(5.0);

BENCHMARK_MAIN();

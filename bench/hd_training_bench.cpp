// Training updates per second of the head-direction CTRNN at the paper size (N = 100, T = 500,
// batch 100: one HdTrainer::step = fresh trials, forward, BPTT, AdamW), single-threaded and with
// 2 threads. Counters: updates/s and GFLOP/s, counting the three N×N products per step
// (forward W_rec·r, backward W_recᵀ·G, weight gradient G·rᵀ): 6·N²·T·B flops per update.
// Compare with tools/bench_hd_vs_torch.sh (PyTorch CPU, same model and machine).
#include <benchmark/benchmark.h>

#include "engine/train/hd_trainer.h"

using namespace emergence::engine;

static void BM_HdTrainingUpdate(benchmark::State& state) {
  HdRunConfig c = hdPreset("paper");
  c.training.testEvery = 1 << 30;  // no test evaluation inside the timed loop
  HdTrainer trainer(c, int(state.range(0)));
  trainer.step();  // warm-up (allocations)
  for (auto _ : state) benchmark::DoNotOptimize(trainer.step().loss);
  const double N = c.model.numUnits, T = c.task.steps, B = c.training.batchSize;
  state.counters["updates_per_s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["GFLOP_per_s"] = benchmark::Counter(
      6.0 * N * N * T * B * double(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HdTrainingUpdate)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)
    ->UseRealTime()->MinTime(3.0);

BENCHMARK_MAIN();

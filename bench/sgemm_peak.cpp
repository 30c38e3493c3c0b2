// Single-threaded Eigen float GEMM throughput, C = A·B with A: M×K, B: K×N (column-major,
// C written with noalias), for the shapes of the head-direction RNN (head-direction.md §4.5):
//   100×100×100              one recurrent step of 100 units for 100 trials (N²·B)
//   100×100×(100·T)          the all-steps products (W_in u, weight gradients): T·B columns,
//                            e.g. 100×100×10000 (T = 100), 100×100×50000 (T = 500)
//   100×100×{1,10,25,50}      per-shard recurrent steps when the batch is split
//   256³, 512³, 1024³        reference points towards the machine's GEMM peak
// Reported counter GFLOPS = 2·M·N·K per iteration as a rate (benchmark::Counter::kIsRate), so
// the console shows GFLOP/s. Eigen is built with EIGEN_DONT_PARALLELIZE (emergence_engine), so
// every product here runs on one thread.
//   build/<dir>/bench/sgemm_peak [--benchmark_filter=...] [--benchmark_min_time=0.2]
#include <benchmark/benchmark.h>

#include <Eigen/Core>

namespace {

void BM_SgemmEigen(benchmark::State& state) {
  const Eigen::Index M = state.range(0), K = state.range(1), N = state.range(2);
  Eigen::MatrixXf A = Eigen::MatrixXf::Random(M, K);
  Eigen::MatrixXf B = Eigen::MatrixXf::Random(K, N);
  Eigen::MatrixXf C(M, N);
  for (auto _ : state) {
    C.noalias() = A * B;
    benchmark::DoNotOptimize(C.data());
    benchmark::ClobberMemory();
  }
  const double flops = 2.0 * double(M) * double(N) * double(K);
  // Rate counter: flops·iterations / seconds; scale to GFLOP/s.
  state.counters["GFLOPS"] =
      benchmark::Counter(flops * 1e-9 * double(state.iterations()), benchmark::Counter::kIsRate);
  state.SetLabel(std::to_string(M) + "x" + std::to_string(K) + "x" + std::to_string(N));
}

// Args are (M, K, N): C(M×N) = A(M×K)·B(K×N).
BENCHMARK(BM_SgemmEigen)
    ->ArgNames({"M", "K", "N"})
    ->Args({100, 100, 1})
    ->Args({100, 100, 10})
    ->Args({100, 100, 25})
    ->Args({100, 100, 50})
    ->Args({100, 100, 100})
    ->Args({100, 100, 10000})
    ->Args({100, 100, 50000})
    ->Args({256, 256, 256})
    ->Args({512, 512, 512})
    ->Args({1024, 1024, 1024})
    ->Unit(benchmark::kMicrosecond);

// The transposed products of backpropagation: W_recᵀ·G (100×100 by 100×B) and the weight
// gradient G·Rᵀ (100×(T·B) by (T·B)×100), whose inner dimension is long.
void BM_SgemmEigenTransposed(benchmark::State& state) {
  const Eigen::Index n = state.range(0), cols = state.range(1);
  Eigen::MatrixXf G = Eigen::MatrixXf::Random(n, cols);
  Eigen::MatrixXf R = Eigen::MatrixXf::Random(n, cols);
  Eigen::MatrixXf W(n, n);
  for (auto _ : state) {
    W.noalias() = G * R.transpose();
    benchmark::DoNotOptimize(W.data());
    benchmark::ClobberMemory();
  }
  const double flops = 2.0 * double(n) * double(n) * double(cols);
  state.counters["GFLOPS"] =
      benchmark::Counter(flops * 1e-9 * double(state.iterations()), benchmark::Counter::kIsRate);
  state.SetLabel("G*R^T " + std::to_string(n) + "x" + std::to_string(cols) + " by " +
                 std::to_string(cols) + "x" + std::to_string(n));
}
BENCHMARK(BM_SgemmEigenTransposed)
    ->ArgNames({"n", "TB"})
    ->Args({100, 10000})
    ->Args({100, 50000})
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

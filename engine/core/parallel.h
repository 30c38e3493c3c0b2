#pragma once
// Explicit, deterministic parallelism: parallelFor(n, threads, f) calls f(i) for i in [0, n),
// spread over up to `threads` threads (the caller's thread included). Each f(i) must write only
// its own outputs, so results do not depend on the thread count.
#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace emergence::engine {

template <typename F>
void parallelFor(int n, int threads, F&& f) {
  const int workers = std::max(1, std::min(threads, n));
  if (workers == 1) {
    for (int i = 0; i < n; ++i) f(i);
    return;
  }
  std::vector<std::exception_ptr> errors(workers);
  auto run = [&](int w) {
    try {
      for (int i = w; i < n; i += workers) f(i);
    } catch (...) {
      errors[w] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < workers; ++w) pool.emplace_back(run, w);
  run(0);
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

// As parallelFor, but f(i, w) also receives the index w ∈ [0, parallelWorkers(n, threads)) of
// the worker running it (item i runs on worker i mod workers), for per-worker scratch memory.
// Results must still depend on i only.
inline int parallelWorkers(int n, int threads) { return std::max(1, std::min(threads, n)); }

template <typename F>
void parallelForWorkers(int n, int threads, F&& f) {
  const int workers = parallelWorkers(n, threads);
  if (workers == 1) {
    for (int i = 0; i < n; ++i) f(i, 0);
    return;
  }
  std::vector<std::exception_ptr> errors(workers);
  auto run = [&](int w) {
    try {
      for (int i = w; i < n; i += workers) f(i, w);
    } catch (...) {
      errors[w] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < workers; ++w) pool.emplace_back(run, w);
  run(0);
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace emergence::engine

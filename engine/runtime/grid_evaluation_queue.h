#pragma once
// The grid-cells runtime's background evaluations: a queue of frozen networks (GridNetwork), each
// evaluated in turn in a BackgroundJob (one thread: training keeps its own) so training never
// waits for a 5000-trial evaluation. Requested evaluations (Evaluate now, arena tests) go before
// the periodic ones (development-curve checkpoints); periodic ones wait at most
// kMaxPeriodicPending deep: when evaluations fall behind training (tiny networks train faster
// than they are scored), the oldest waiting checkpoint is skipped and reported. Cancelled jobs
// are kept until their thread has finished, so nobody joins a running job. Engine thread only
// (the jobs themselves run on their own threads).
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/runtime/grid_products.h"

namespace emergence::engine {

class GridEvaluationQueue {
 public:
  static constexpr size_t kMaxPeriodicPending = 3;

  struct Request {
    std::shared_ptr<const GridNetwork> network;
    bool arenaTest = false;         // in `arena` instead of the training arena
    ArenaSpec arena;
    bool developmentPoint = false;  // a checkpoint of the development curve
    bool requested = false;         // asked for by the user: before the periodic ones
  };
  // What poll() hands back when a job ended.
  struct Outcome {
    Request request;
    std::shared_ptr<GridEvaluationProduct> product;  // null unless finished
    std::string message;                             // cancelled / failed, else empty
  };

  // `trainingTrials` are the fixed evaluation trials of the run (shared by the jobs).
  void reset(std::shared_ptr<const TrajectoryBatch> trainingTrials, int evalTrials);
  ~GridEvaluationQueue() { cancelAll(); }

  // Returns a message when a waiting checkpoint had to be skipped.
  std::string enqueue(Request r);
  void cancelAll();
  // Starts the next job when none runs; returns the outcome of a job that ended.
  std::optional<Outcome> poll();

  bool busy() const { return m_job != nullptr || !m_pending.empty(); }
  int queued() const { return int(m_pending.size()); }
  // The running job (null when none), its title and its request.
  const std::shared_ptr<BackgroundJob>& job() const { return m_job; }
  const std::string& title() const { return m_title; }
  const Request& running() const { return m_running; }

 private:
  void startNext();

  std::shared_ptr<const TrajectoryBatch> m_trials;
  int m_evalTrials = 0;
  std::deque<Request> m_pending;
  std::shared_ptr<BackgroundJob> m_job;
  Request m_running;
  std::string m_title;
  std::vector<std::shared_ptr<BackgroundJob>> m_retiring;
};

}  // namespace emergence::engine

#pragma once
// Engine thread of the grid-cells lab (architecture.md §2), on the shared LabRuntimeLoop: the
// GUI (or a test) posts commands; the thread applies them at the next step boundary and logs them
// with the update; it publishes GridSnapshot values by time (default 60 Hz) into a "latest wins"
// mailbox. No Qt here.
//
// Products and their cadence:
//   live rate maps  from GridTrainer::trainingMaps() over a sliding window of updates
//                   (SetMapWindow, default 50: the maps cover the last 25–50 updates), scored;
//                   recomputed by time so they cost training ≤ ~5 % (at most every second)
//   evaluation      GridNetwork::evaluate with tuning on config.analysis.evalTrials trials, in a
//                   BackgroundJob on a frozen copy of the network, so training goes on: at update
//                   0, every analysis.analyzeEvery updates (these points make the development
//                   curve), at the end of a fast-forward and on request (Evaluate); the running
//                   job is in the snapshot (progress, cancel)
//   arena test      the same in another arena (EvaluateInArena), for "change the arena after
//                   training and watch the maps deform"
//   weights         effective W_rec, W_in, W_out, at most once a second while training
//   live trial      GridLiveSimulator: true vs decoded position, step by step, on a frozen copy
//                   of the network refreshed ~10 times a second, run by the frame thread
// Frames: an update of this lab takes longer than a frame (80 ms for the default preset), so
// LabRuntimeLoop's frame thread publishes the frames (60 Hz): the engine thread stores a base
// snapshot after every update and command, the frame thread adds the live trial.
// Interventions act in training and in the live trial; one with a duration (AddIntervention
// with count = N live-trial steps) is released after N steps of the live trial: at once in the
// live trial, and in training at the next step boundary through a RemoveIntervention command
// the runtime posts itself (internal = true; logged like any removal).
#include <memory>
#include <string>
#include <vector>

#include "engine/runtime/grid_snapshot.h"
#include "engine/runtime/lab_runtime_loop.h"
#include "engine/train/grid_run_config.h"

namespace emergence::engine {

struct GridCommand {
  enum class Kind {
    Start,  // train continuously
    Pause,
    SingleStep,          // one update, then pause
    FastForward,         // `count` updates without live frames, then back to the previous state
    SetDelay,            // seconds of demonstration delay between updates (`value`)
    Test,                // run the live trial without training (state Testing)
    SetLiveTrialSpeed,   // live-trial steps per published frame (`count`)
    Stop,                // end the thread
    Reset,               // new network with `seed` (same config; 0 keeps the seed)
    AddIntervention,     // `intervention`; `count` > 0: released after that many live steps
    RemoveIntervention,  // `id`
    Evaluate,            // full evaluation of the current network now (background job)
    EvaluateInArena,     // the same in `arena` (an arena test)
    CancelEvaluations,   // cancel the running evaluation and drop the queued ones
    SetLiveAnchor,       // re-anchor the live trial every `count` steps (0 = never)
    SetMapWindow,        // live rate maps over the last `count` updates (≥ 2)
    Save,                // run folder `path` (+ analysis.npz of the latest evaluation)
  };
  Kind kind = Kind::Pause;
  long long count = 0;
  double value = 0;
  std::uint64_t seed = 0;
  int id = 0;
  Intervention intervention;
  ArenaSpec arena;
  std::string path;
  bool internal = false;    // posted by the runtime itself (a timed intervention's release)
  long long commandId = 0;  // assigned by post()
};

using GridCommandLogEntry = RuntimeLogEntry<GridCommand>;

class GridLabRuntime {
 public:
  explicit GridLabRuntime(const GridRunConfig& config, int threads = 2);
  // Continues an existing trainer (e.g. loaded with loadGridRun) exactly.
  explicit GridLabRuntime(GridTrainer trainer, int threads = 2);
  ~GridLabRuntime();  // stops and joins the thread; cancels background evaluations
  GridLabRuntime(const GridLabRuntime&) = delete;
  GridLabRuntime& operator=(const GridLabRuntime&) = delete;

  void start();                                        // launches the thread (paused)
  long long post(GridCommand c);                       // thread-safe; returns the command id
  std::shared_ptr<const GridSnapshot> latest() const;  // never null after start()
  std::vector<GridCommandLogEntry> commandLog() const;
  int interventionIdFor(long long commandId) const;  // 0 if not applied yet / failed
  void setPublishHz(double hz);                      // default 60
  // Periodic evaluations on or off (tests that compare weights do not need them); default on.
  void setPeriodicEvaluations(bool on);

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

}  // namespace emergence::engine

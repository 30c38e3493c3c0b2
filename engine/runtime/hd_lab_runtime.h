#pragma once
// Engine thread of the head-direction lab (architecture.md §2). The GUI (or a test) posts
// commands; the thread applies them at the next step boundary and logs them with the update;
// it publishes HdSnapshot values by time (default 60 Hz) into a "latest wins"
// mailbox (readers only copy a shared_ptr). The queue, mailbox, transport and publish loop are
// the shared LabRuntimeLoop (lab_runtime_loop.h). No Qt here.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "engine/runtime/hd_snapshot.h"
#include "engine/runtime/lab_runtime_loop.h"
#include "engine/train/hd_run_config.h"

namespace emergence::engine {

struct HdCommand {
  enum class Kind {
    Start,          // train continuously
    Pause,
    SingleStep,     // one update, then pause
    FastForward,    // `count` updates without publishing live frames, then back to previous state
    SetDelay,       // seconds of demonstration delay between updates (`value`)
    Reset,          // new network with `seed` (same config), history cleared
    AddIntervention,     // `intervention`; its id is reported back in snapshot.interventions
    RemoveIntervention,  // `id`
    SetThresholds,       // `thresholds`; re-runs the analysis
    Analyze,             // recompute the analysis product now
    Save,                // run folder `path`
    SetLiveTrialSpeed,   // live-trial steps per published frame (`count`)
    Stop,                // end the thread
    Test                 // run the live trial without training (state Testing)
  };
  Kind kind = Kind::Pause;
  long long count = 0;
  double value = 0;
  std::uint64_t seed = 0;
  int id = 0;
  Intervention intervention;
  UnitClassThresholds thresholds;
  std::string path;
  long long commandId = 0;  // assigned by post()
};

using HdCommandLogEntry = RuntimeLogEntry<HdCommand>;

class HdLabRuntime {
 public:
  explicit HdLabRuntime(const HdRunConfig& config, int threads = 2);
  // Continues an existing trainer (e.g. a run folder loaded with loadHdRun): weights, optimiser
  // state, history and interventions carry on exactly; Reset starts a fresh network from the
  // trainer's configuration.
  explicit HdLabRuntime(HdTrainer trainer);
  ~HdLabRuntime();  // stops and joins the thread
  HdLabRuntime(const HdLabRuntime&) = delete;
  HdLabRuntime& operator=(const HdLabRuntime&) = delete;

  void start();  // launches the thread (paused, or training if autostart)
  // Thread-safe from any thread; returns the command id.
  long long post(HdCommand c);
  // Latest snapshot (never null after start()); costs the reader one shared_ptr copy.
  std::shared_ptr<const HdSnapshot> latest() const;
  // Commands applied so far, with the update at which each was applied.
  std::vector<HdCommandLogEntry> commandLog() const;

  void setPublishHz(double hz);         // default 60
  void setAnalysisEveryUpdates(int n);  // default 100 (and on request)
  // Intervention id assigned by an applied AddIntervention command (0 if not applied yet/failed).
  int interventionIdFor(long long commandId) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

}  // namespace emergence::engine

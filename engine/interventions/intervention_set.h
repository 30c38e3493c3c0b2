#pragma once
// The reversible interventions active on a network: unit perturbations (inject, clamp, silence)
// and weight ablations (zeroing blocks of W_rec, W_in or W_out through their masks). Each has an
// id; removing it restores exactly what was there, because effective masks are recomputed from
// the base masks and the remaining ablations (masked weights are frozen by the optimiser, so a
// restored weight has its pre-ablation value). Every add/remove is logged with the update at
// which it was applied (log.jsonl in the run folder).
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/interventions/unit_perturbation.h"
#include "engine/models/ctrnn.h"

namespace emergence::engine {

struct WeightAblation {
  enum class Matrix { Recurrent, Input, Readout };
  Matrix matrix = Matrix::Recurrent;
  // Zeroed block: rows (postsynaptic units, or outputs for Readout) × columns (presynaptic
  // units, or inputs for Input). An empty list means "all".
  std::vector<int> rows, cols;
};

struct Intervention {
  enum class Type { Unit, Ablation };
  Type type = Type::Unit;
  UnitPerturbation unit;     // when type == Unit (steps are trial steps)
  WeightAblation ablation;   // when type == Ablation
  std::string label;         // e.g. "silence shifter_cw"
};

struct InterventionLogEntry {
  long long update = 0;  // applied before this update's gradient step
  std::string action;    // "add" or "remove"
  int id = 0;
  nlohmann::json intervention;
};

nlohmann::json toJson(const Intervention& i);
// Throws std::invalid_argument naming the bad field.
Intervention interventionFromJson(const nlohmann::json& j);

class InterventionSet {
 public:
  // Validates unit/row/col indices against the model sizes; throws std::out_of_range.
  int add(const Intervention& i, const CtrnnConfig& model, long long update);
  bool remove(int id, long long update);  // false if unknown id
  void clear(long long update);
  const std::map<int, Intervention>& active() const { return m_active; }
  const std::vector<InterventionLogEntry>& log() const { return m_log; }
  // base ⊙ (1 − every active ablation block)
  CtrnnMasks effectiveMasks(const CtrnnMasks& base) const;
  UnitPerturbations unitPerturbations() const;
  // Restore from a saved log (replays it); throws std::invalid_argument on inconsistency.
  void replay(const std::vector<InterventionLogEntry>& log, const CtrnnConfig& model);
  int nextId() const { return m_nextId; }

 private:
  std::map<int, Intervention> m_active;
  std::vector<InterventionLogEntry> m_log;
  int m_nextId = 1;
};

}  // namespace emergence::engine

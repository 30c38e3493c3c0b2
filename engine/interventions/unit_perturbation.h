#pragma once
// Per-unit perturbations applied inside a simulation, on trial steps [beginStep, endStep).
// Steps are 1-based trial steps (step 1 receives the first input); step 0 is the initial state.
#include <climits>
#include <vector>

namespace emergence::engine {

struct UnitPerturbation {
  enum class Kind {
    Inject,  // add `value` to the drive of each unit: a_i += value (current injection)
    Clamp,   // force the output r_i = value (silencing is a clamp to 0); no gradient flows through
  };
  Kind kind = Kind::Clamp;
  std::vector<int> units;  // unit indices in [0, N)
  double value = 0.0;
  int beginStep = 1;
  int endStep = INT_MAX;  // exclusive

  bool activeAt(int step) const { return step >= beginStep && step < endStep; }
  static UnitPerturbation silence(std::vector<int> units, int begin = 1, int end = INT_MAX) {
    return {Kind::Clamp, std::move(units), 0.0, begin, end};
  }
};

using UnitPerturbations = std::vector<UnitPerturbation>;

}  // namespace emergence::engine

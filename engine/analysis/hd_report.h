#pragma once
// The whole dissection of a trained head-direction network (head-direction.md §6–8, §12):
// test-set recordings, tuning, classes, sorted connectivity and profiles, spectra, PCA,
// slow points, and the lesion experiments — with the acceptance figures checked.
#include <string>
#include <vector>

#include "engine/analysis/connectivity.h"
#include "engine/analysis/fixed_points.h"
#include "engine/analysis/hd_lesions.h"
#include "engine/analysis/hd_tuning.h"
#include "engine/analysis/spectrum.h"
#include "engine/analysis/unit_classes.h"
#include "engine/models/ctrnn.h"
#include "engine/tasks/head_direction_task.h"

namespace emergence::engine {

struct HdReportConfig {
  int testTrials = 400;   // spec §6.1 uses 2000 × 1000; 400 × 1000 gives ≥ 1000 samples per 1° bin
  int testSteps = 1000;
  std::uint64_t testSeed = 20200101;
  HdTuningConfig tuning{};
  UnitClassThresholds thresholds{};
  LesionProtocol lesion{};
  SettleConfig settle{};          // 64 headings, 2000 steps, ω = 0
  int slowPointSearches = 16;     // slow-point searches started from settled states
};

struct HdReport {
  HdReportConfig config;
  double testError = 0;  // normalised error (%), noise off, test trials of testSteps
  HdTuningResult tuning;
  HdAvMaps hdAvMaps;     // joint HD × AV maps of every unit (§6.6)
  std::vector<UnitClass> classes;
  std::array<int, kNumUnitClasses> counts{};
  double compassGapDeg = 360;
  LocalExcitation localExcitation;
  std::vector<ConnectivityProfile> profiles;  // 9 group pairs
  GroupedOrder grouped;
  Eigen::MatrixXd wRecGrouped;  // W_rec permuted by `grouped.order`
  Eigen::VectorXcd eigenvaluesInitial, eigenvaluesTrained;
  PcaResult activityPca;        // top 3 PCs of the test activity
  SettledStates settled;
  RingCheck ring;
  std::vector<SlowPoint> slowPoints;
  // Lesions
  DriftResult shiftersSilencedPlus, shiftersSilencedMinus, shiftersSilencedGenerator;
  SilencingErrorResult compassSilenced;
  DriftResult cwSilencedStill, ccwSilencedStill;  // ω = 0

  // Shifter → Compass profile means on each side (Δ > 0 and Δ < 0), for the report.
  double shifterCcwToCompassPos = 0, shifterCcwToCompassNeg = 0;
  double shifterCwToCompassPos = 0, shifterCwToCompassNeg = 0;
};

HdReport analyzeHdNetwork(const Ctrnn<float>& net, const CtrnnParameters<float>& initial,
                          const HeadDirectionTaskConfig& task, const HdReportConfig& config = {});

// analysis.npz (documented in the README).
void writeHdAnalysis(const HdReport& r, const std::string& path);

struct AcceptanceLine {
  std::string name, value, requirement;
  bool gating = true;  // false: reported, not required
  bool pass = true;
};
std::vector<AcceptanceLine> hdAcceptance(const HdReport& r);
std::string formatAcceptance(const std::vector<AcceptanceLine>& lines);

}  // namespace emergence::engine

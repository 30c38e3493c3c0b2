#pragma once
// The whole dissection of a trained retina CNN (retina.md §12): fit, the four phenomena on the CNN
// and on the ground truth side by side, integrated gradients on every probe the metrics show,
// the reduced model per phenomenon with its checks, and the IG-channel ↔ ground-truth-pathway
// correlations — with the acceptance figures checked.
//
// Per phenomenon the reduction studies one cell of the type that shows it (the first of its type
// in the roster): OSR — an OSR cell, latency and anticipation — a fast-OFF cell, reversal — a
// reversal cell. The phenomenon checks on the CNN and the ground truth apply to every cell of the
// type (as the ground-truth tests do).
#include <string>
#include <vector>

#include "engine/analysis/hd_report.h"  // AcceptanceLine, formatAcceptance
#include "engine/analysis/retina_reduction.h"
#include "engine/retina/phenomena.h"
#include "engine/train/retina_trainer.h"

namespace emergence::engine {

struct RetinaReportConfig {
  int igSteps = 50;
  double coverage = 0.9;
  double kineticsSplitMs = 80.0;
  int threads = 2;
};

// The four §12 metrics of one responder.
struct RetinaPhenomena {
  OsrResult osr;
  LatencyResult latency;
  AnticipationResult anticipation;
  ReversalResult reversal;  // over `reversalCells`
};
// reversalCells: rows of the responder to evaluate; their RF centres come from the anticipation
// probe's RF map of the same responder.
RetinaPhenomena measureRetinaPhenomena(const ProbeResponder& responder, const ProbeGeometry& g,
                                       const std::vector<int>& reversalCells);

enum class RetinaPhenomenon { Osr, Latency, Anticipation, Reversal };
const char* retinaPhenomenonName(RetinaPhenomenon p);  // "OSR", "latency", …

struct PhenomenonReduction {
  RetinaPhenomenon phenomenon = RetinaPhenomenon::Osr;
  int cell = -1;
  std::string cellType;
  double cnnValue = 0, reducedValue = 0, ablatedValue = 0;  // the metric (see metricName)
  bool cnnPass = false, reducedPass = false, ablatedPass = false;
  ChannelReduction reduction;
  std::vector<std::string> probes;   // the family (probe names, in the order shown)
  std::vector<double> cc;            // CC(r̂_exact, r) per probe (probes with a response)
  double minCc = 0, meanCc = 0;
  std::vector<double> ccMechanistic; // full-field families only
  double minCcMechanistic = std::nan("");
  MechanisticFit mechanistic;
  double maxCompletenessError = 0;
  double meanSeconds = 0, maxSeconds = 0;  // IG wall time per probe
  std::vector<PathwayMatch> pathways;
};

struct RetinaReport {
  RetinaReportConfig config;
  RetinaTestEvaluation fit;
  std::vector<std::string> cellTypes;
  RetinaPhenomena cnn, truth;
  std::vector<RetinaChannelLabel> labels;
  std::vector<PhenomenonReduction> reductions;  // OSR, latency, anticipation, reversal
  double igMaxCompleteness = 0, igMeanSeconds = 0, igMaxSeconds = 0;
  int igProbes = 0;
  // A representative attribution per phenomenon (OSR at 80 ms, step I = 2, moving bar →,
  // reversal at 0 px), for plots.
  std::vector<ProbeAttribution> examples;
  double seconds = 0;
};

RetinaReport analyzeRetinaNetwork(const RetinaCnn<float>& net, const SyntheticRetina& truth,
                                  const RetinaTestEvaluation& fit,
                                  const RetinaReportConfig& config = {});

std::vector<AcceptanceLine> retinaAcceptance(const RetinaReport& r);
// analysis.npz (documented in docs/retina-experiments.md).
void writeRetinaAnalysis(const RetinaReport& r, const std::string& path);
// evaluation.npz back into a RetinaTestEvaluation (saveRetinaEvaluation's file).
RetinaTestEvaluation readRetinaEvaluation(const std::string& path);

}  // namespace emergence::engine

// emergence-cli: the headless face of the Emergence engine (train, analyse, export).
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli/cli_options.h"
#include "engine/io/file_error.h"
#include "engine/train/hd_run_config.h"

namespace {

const char* kUsage = R"(emergence-cli — train and dissect the head-direction RNN without a window

Usage:
  emergence-cli train   [--preset paper|default] [--config FILE] [--seed S] [--updates U]
                        [--minutes M] [--threads K] [--out DIR] [--resume DIR] [--quiet]
      Trains with a live progress line (updates/s, loss, normalised test error, ETA), writes
      the run folder DIR (default runs/<preset>-seed<S>) with checkpoints on the paper's
      log-spaced schedule, autosaves every 30 s and on Ctrl-C. --resume continues a saved run
      exactly (same bits as an uninterrupted run). --minutes stops at a wall-time budget.
      --config reads a config.json (any subset of fields; the rest from --preset).
  emergence-cli train --lab grid_cells [--preset default|sorscher|cueva_wei] [--config FILE]
                        [--seed S] [--updates U] [--minutes M] [--threads K] [--out DIR]
                        [--resume DIR]
      Trains the grid-cells lab (path integration in a 2-D arena); every
      analysis.analyze_every updates it scores every unit's rate map (grid 60°/90°, border,
      band) and prints the development curve; writes config.json, weights.npz, optimizer.npz,
      state.json, history.csv, development.csv, log.jsonl and analysis.npz (rate maps and
      scores) to DIR. --resume continues a saved run exactly (same bits as an uninterrupted run).
  emergence-cli train --lab retina [--preset default|faithful] [--config FILE] [--seed S]
                        [--updates U] [--minutes M] [--threads K] [--out DIR] [--resume DIR]
      Trains the retina CNN (BN-CNN of Tanaka et al. 2019) on a synthetic recording: natural-
      like movie through the ground-truth retina, Poisson counts as targets; progress line with
      updates/s, loss, validation CC and ETA; early stop on the validation CC. Writes
      config.json, weights.npz (best weights), checkpoint.npz, state.json, history.csv and
      evaluation.npz (test-set fit) to DIR; --resume continues a saved run exactly.
  emergence-cli analyze --lab retina DIR [--threads K] [--json FILE]
      Fit, the four phenomena on the CNN and the ground truth, integrated gradients and their
      completeness, the reduced model per phenomenon and the pathway correlations
      (retina.md §12), each with PASS/FAIL; writes DIR/analysis.npz.
  emergence-cli analyze DIR [--trials B] [--steps T] [--json FILE]
      Runs every analysis of head-direction.md §6–8 and the lesion experiments of §12 on the
      run's current weights, writes DIR/analysis.npz and prints the acceptance figures.
  emergence-cli export  DIR --csv OUTDIR
      Writes every array of weights.npz, analysis.npz and the history as CSV files.
  emergence-cli presets
      Lists the presets and prints their full configuration as JSON.
  emergence-cli --help | --version
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "emergence-cli " << EMERGENCE_VERSION << "\n";
    return 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
  try {
    if (command == "train") {
      // --lab grid_cells selects the grid-cells trainer; head_direction (default) the HD one.
      for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--lab") {
          const std::string lab = args[i + 1];
          args.erase(args.begin() + long(i), args.begin() + long(i) + 2);
          if (lab == "grid_cells") return emergence::cli::runGridTrain(args);
          if (lab == "retina") return emergence::cli::runRetinaTrain(args);
          if (lab != "head_direction")
            throw std::invalid_argument("option --lab: unknown lab \"" + lab +
                                        "\" (known: head_direction, grid_cells, retina)");
          break;
        }
      return emergence::cli::runTrain(args);
    }
    if (command == "analyze" || command == "analyse") {
      // --lab retina selects the retina analysis; head_direction (default) the HD one.
      for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--lab") {
          const std::string lab = args[i + 1];
          args.erase(args.begin() + long(i), args.begin() + long(i) + 2);
          if (lab == "retina") return emergence::cli::runRetinaAnalyze(args);
          if (lab != "head_direction")
            throw std::invalid_argument("option --lab: unknown lab \"" + lab +
                                        "\" for analyze (known: head_direction, retina)");
          break;
        }
      return emergence::cli::runAnalyze(args);
    }
    if (command == "export") return emergence::cli::runExport(args);
    if (command == "presets") {
      for (const auto& name : emergence::engine::hdPresetNames())
        std::cout << name << ":\n"
                  << emergence::engine::toJson(emergence::engine::hdPreset(name)).dump(2) << "\n";
      return 0;
    }
    std::cerr << "emergence-cli: unknown command \"" << command << "\" (see --help)\n";
    return 2;
  } catch (const emergence::engine::FileError& e) {
    std::cerr << "emergence-cli: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "emergence-cli: " << e.what() << "\n";
    return 2;
  }
}

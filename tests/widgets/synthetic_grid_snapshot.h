#pragma once
// A hand-built grid-cells snapshot for the widget tests (no training involved). Units, with
// n × n rate maps over a 2.2 m square (n = 20 by default):
//   u % 4 == 0  hexagonal grid, spacing 6 bins, phase shifted with u (high score60)
//   u % 4 == 1  field along the west wall (border)
//   u % 4 == 2  stripes (band)
//   u % 4 == 3  smooth random bumps (other)
// The special unit kPlanted (= 5) is replaced by a two-colour map: left half 0, right half 1.
// Scores and SACs come from the real engine scorers; classes from classifySpatialUnits with a
// fixed band threshold 0.5; direction tuning peaks at 30°·u; speed tuning is linear in speed with
// slope ±; the live maps equal the evaluation maps (versions 4 and 3).
#include <cmath>
#include <memory>
#include <numbers>

#include "engine/analysis/border_band_scores.h"
#include "engine/analysis/grid_phases.h"
#include "engine/analysis/spatial_classes.h"
#include "engine/core/random.h"
#include "engine/runtime/grid_snapshot.h"

namespace emergence::testing {

inline constexpr int kPlanted = 5;

inline Eigen::MatrixXd plantedGridMap(int u, int n) {
  constexpr double kPi = std::numbers::pi;
  Eigen::MatrixXd m(n, n);
  const int kind = u % 4;
  engine::Rng rng(100 + std::uint64_t(u));
  double cx[4], cy[4];
  for (int k = 0; k < 4; ++k) {
    cx[k] = rng.uniform(0, n);
    cy[k] = rng.uniform(0, n);
  }
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double v = 0;
      if (kind == 0) {
        const double k = 4 * kPi / (std::sqrt(3.0) * 6.0), phase = 0.37 * u;
        for (int w = 0; w < 3; ++w) {
          const double a = (10.0 + 60.0 * w) * kPi / 180;
          v += std::cos(k * (std::cos(a) * (j - phase) + std::sin(a) * (i - 0.5 * phase)));
        }
        v = std::max(0.0, v);
      } else if (kind == 1) {
        v = std::exp(-j * 0.7);
      } else if (kind == 2) {
        v = 0.5 + 0.5 * std::cos(2 * kPi * (0.8 * j + 0.6 * i) / 7.0);
      } else {
        for (int k = 0; k < 4; ++k)
          v += std::exp(-((i - cy[k]) * (i - cy[k]) + (j - cx[k]) * (j - cx[k])) / 18.0);
      }
      m(i, j) = v;
    }
  if (u == kPlanted)
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) m(i, j) = j < n / 2 ? 0.0 : 1.0;
  return m;
}

inline std::shared_ptr<engine::GridSnapshot> makeGridSnapshot(
    int units = 12, int n = 20, engine::ArenaShape shape = engine::ArenaShape::Square) {
  using namespace engine;
  auto s = std::make_shared<GridSnapshot>();
  s->sequence = 9;
  s->runId = 77;
  s->state = RunState::Training;
  s->update = 1200;
  s->plannedUpdates = 20000;
  s->updatesPerSecond = 8.5;
  s->numUnits = units;
  s->preset = "default";
  s->seed = 7;
  s->evalTrials = 5000;
  s->stepSeconds = 0.02;
  ArenaSpec spec{shape, 2.2, 2.6, 1.6, 1.1};
  const Arena arena(spec);
  auto info = std::make_shared<GridArenaInfo>();
  info->spec = spec;
  info->walls = arena.walls();
  info->box = arena.boundingBox();
  Rng rng(3);
  info->placeCellCentres.resize(2, 40);
  for (int k = 0; k < 40; ++k) info->placeCellCentres.col(k) = arena.randomPoint(rng);
  info->placeCellSigma = 0.12;
  s->arena = info;

  auto product = std::make_shared<GridEvaluationProduct>();
  product->version = 3;
  product->atUpdate = 1000;
  product->arena = spec;
  product->walls = arena.walls();
  auto& e = product->evaluation;
  e.update = 1000;
  e.decodingErrorCm = 6.5;
  e.binning = SpatialBinning::forArena(arena, n);
  for (int u = 0; u < units; ++u) e.rateMaps.push_back(plantedGridMap(u, n));
  const GridScorer grid(n);
  const BorderScorer border(arena, e.binning);
  const BandScorer band(n);
  e.scores = scoreSpatialMaps(e.rateMaps, grid, border, band, 1);
  SpatialClassThresholds th;
  th.bandFixed = 0.5;
  e.classes = classifySpatialUnits(e.scores.units, th, 0.5);
  product->thresholds = th;
  e.meanRate.resize(units);
  for (int u = 0; u < units; ++u) e.meanRate[u] = e.rateMaps[size_t(u)].mean();
  e.direction.bins = 36;
  e.direction.centresDeg.resize(36);
  e.direction.curve.resize(units, 36);
  e.direction.meanVectorLength.resize(units);
  e.direction.preferredDeg.resize(units);
  for (int k = 0; k < 36; ++k) e.direction.centresDeg[k] = 5.0 + 10.0 * k;
  for (int u = 0; u < units; ++u) {
    const double pref = std::fmod(30.0 * u, 360.0);
    for (int k = 0; k < 36; ++k)
      e.direction.curve(u, k) =
          1.0 + 0.6 * std::cos((e.direction.centresDeg[k] - pref) * std::numbers::pi / 180);
    e.direction.meanVectorLength[u] = 0.3;
    e.direction.preferredDeg[u] = pref;
  }
  e.speed.bins = 20;
  e.speed.minSpeed = 0;
  e.speed.maxSpeed = 0.05;
  e.speed.centres.resize(20);
  e.speed.curve.resize(units, 20);
  e.speed.speedScore.resize(units);
  for (int k = 0; k < 20; ++k) e.speed.centres[k] = 0.05 * (k + 0.5) / 20;
  for (int u = 0; u < units; ++u) {
    const double slope = u % 2 ? 8.0 : -4.0;
    for (int k = 0; k < 20; ++k) e.speed.curve(u, k) = 1.0 + slope * e.speed.centres[k];
    e.speed.speedScore[u] = u % 2 ? 0.6 : -0.4;
  }
  std::vector<bool> isGrid(static_cast<size_t>(units));
  for (int u = 0; u < units; ++u)
    isGrid[size_t(u)] = e.classes.classes[size_t(u)] == SpatialClass::Grid;
  product->phases = computeGridPhases(e.rateMaps, e.scores.grid, isGrid);
  s->evaluation = product;

  auto live = std::make_shared<GridLiveMapsProduct>();
  live->version = 4;
  live->atUpdate = 1200;
  live->fromUpdate = 1150;
  live->samples = 100000;
  live->binning = e.binning;
  live->rateMaps = e.rateMaps;
  live->scores = e.scores;
  live->meanRate = e.meanRate;
  s->liveMaps = live;

  auto weights = std::make_shared<GridWeightsProduct>();
  weights->version = 2;
  weights->atUpdate = 1200;
  weights->wRec.resize(units, units);
  for (int i = 0; i < units; ++i)
    for (int j = 0; j < units; ++j)
      weights->wRec(i, j) = float(0.3 * std::cos(0.7 * (i - j)) - (i == j ? 0.2 : 0));
  weights->wIn = Eigen::MatrixXf::Ones(units, 2);
  weights->wOut = Eigen::MatrixXf::Ones(40, units);
  s->weights = weights;

  auto history = std::make_shared<std::vector<GridUpdateRecord>>();
  for (int k = 1; k <= 1200; ++k) {
    GridUpdateRecord r;
    r.update = k;
    r.loss = 5.5 * std::exp(-k / 400.0) + 0.5;
    r.task = r.loss - 0.01;
    r.decodingErrorCm = 80.0 * std::exp(-k / 300.0) + 5;
    r.seconds = 0.12;
    history->push_back(r);
  }
  s->history = history;
  auto dev = std::make_shared<std::vector<DevelopmentPoint>>();
  for (int k = 0; k <= 4; ++k) {
    DevelopmentPoint p;
    p.update = 250 * k;
    p.units = units;
    p.counts.border = std::min(k + 1, 3);
    p.counts.grid = std::max(0, k - 1);
    p.counts.band = 1;
    dev->push_back(p);
  }
  s->development = dev;

  // Live trial: a circle around the centre, decoded slightly off.
  auto& l = s->live;
  l.trial = 2;
  l.step = 300;
  l.steps = 1500;
  l.anchorEvery = 20;
  l.sinceAnchor = 7;
  const int L = 300;
  l.trueTrail.resize(2, L);
  l.decodedTrail.resize(2, L);
  for (int k = 0; k < L; ++k) {
    const double a = 2 * std::numbers::pi * k / L;
    l.trueTrail.col(k) = Eigen::Vector2d(0.5 * std::cos(a), 0.4 * std::sin(a));
    l.decodedTrail.col(k) = l.trueTrail.col(k) + Eigen::Vector2d(0.05, -0.03);
    l.errorTrace.push_back(float(5.8 + std::sin(a)));
  }
  l.truePosition = l.trueTrail.col(L - 1);
  l.decodedPosition = l.decodedTrail.col(L - 1);
  l.rates = Eigen::VectorXf::Ones(units);
  return s;
}

}  // namespace emergence::testing

// The place-cell RNN and the Cartesian CTRNN as GridTrainer models (see grid_models.h).
#include "engine/train/grid_models.h"

#include <cmath>
#include <stdexcept>

#include "engine/models/ctrnn_step.h"

namespace emergence::engine {
namespace {

// Σ over columns of ‖a − b‖ for 2 × S matrices.
double sumDistances(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return (a - b).colwise().norm().sum();
}

// Shape check for setParameters.
template <typename M>
void assign(const std::vector<GridTrainer::NamedArray>& arrays, const char* name, M& target) {
  for (const auto& a : arrays) {
    if (a.name != name) continue;
    if (a.value.rows() != target.rows() || a.value.cols() != target.cols())
      throw std::invalid_argument(std::string(name) + ": shape " + std::to_string(a.value.rows()) +
                                  "×" + std::to_string(a.value.cols()) + ", the model needs " +
                                  std::to_string(target.rows()) + "×" +
                                  std::to_string(target.cols()));
    if (!a.value.allFinite())
      throw std::invalid_argument(std::string(name) + ": contains NaN or infinite values");
    target = a.value;
    return;
  }
  throw std::invalid_argument(std::string(name) + ": missing");
}

void clampRates(const UnitPerturbations& ps, Eigen::VectorXf& r) {
  for (const auto& p : ps)
    if (p.kind == UnitPerturbation::Kind::Clamp)
      for (int u : p.units)
        if (u >= 0 && u < r.size()) r[u] = float(p.value);
}

}  // namespace

// Velocity inputs of a trajectory batch in network units (float), N_in × (T·B).
Eigen::MatrixXf gridNetworkInputs(const GridRunConfig& c, const TrajectoryBatch& tb) {
  Eigen::MatrixXd v = velocityInputs(tb, c.input);
  // Only displacement components are scaled; a raw heading angle or cos/sin stays as it is.
  if (c.input == VelocityInput::Cartesian) v *= c.training.inputScale;
  else v.row(0) *= c.training.inputScale;
  return v.cast<float>();
}

Eigen::MatrixXd truePositionsOfTrials(const TrajectoryBatch& tb, int first, int count) {
  const Eigen::MatrixXd all = positionTargets(tb);  // 2 × (T·B), steps 1..T
  Eigen::MatrixXd out(2, Eigen::Index(tb.steps) * count);
  for (int t = 0; t < tb.steps; ++t)
    out.middleCols(Eigen::Index(t) * count, count) =
        all.middleCols(Eigen::Index(t) * tb.trials + first, count);
  return out;
}

namespace {

class PlaceCellModel final : public GridTrainer::Model {
 public:
  PlaceCellModel(const GridRunConfig& c, const PlaceCells& pc, Rng& init)
      : m_config(c), m_pc(pc), m_net(c.placeCellModel) {
    initializePlaceCellRnn(c.placeCellModel, init, m_net.params);
    m_loss.recurrentL2 = c.training.recurrentL2;
    m_loss.activityL2 = c.training.activityL2;
  }
  int numUnits() const override { return m_config.placeCellModel.numUnits; }

  void setBatch(const TrajectoryBatch& tb) override {
    m_trajectories = &tb;
    m_batch.steps = tb.steps;
    m_batch.trials = tb.trials;
    m_batch.inputs = gridNetworkInputs(m_config, tb);
    m_batch.initialCode = m_pc.targets(startPositions(tb)).cast<float>();
    m_batch.targets = m_pc.targets(positionTargets(tb)).cast<float>();
  }

  void prepareShards(int shards) override {
    if (int(m_traces.size()) < shards) {
      m_traces.resize(size_t(shards));
      m_grads.resize(size_t(shards));
    }
  }

  GridLossSums shardStep(int s, int first, int count, double totalSamples, double, Rng*,
                         const UnitPerturbations& ps) override {
    const PlaceCellBatch<float> part = m_batch.slice(first, count);
    m_net.forward(part, ps, m_traces[s]);
    const PlaceCellLossSums ls = m_net.lossSums(part, m_traces[s]);
    m_grads[s].resize(m_config.placeCellModel);
    m_grads[s].setZero();
    m_net.backward(part, m_traces[s], m_loss, totalSamples, m_grads[s]);
    GridLossSums out{ls.crossEntropy, ls.samples, ls.sumSquaresG, 0.0};
    out.decodeErrorSum = sumDistances(m_pc.decode(m_traces[s].logits),
                                      truePositionsOfTrials(*m_trajectories, first, count));
    return out;
  }

  Eigen::Ref<const Eigen::MatrixXf> shardRates(int s) const override {
    const auto& tr = m_traces[s];
    return tr.g.rightCols(Eigen::Index(tr.steps) * tr.trials);
  }

  void reduceGradients(int shards) override {
    auto& g = m_grads[0];
    for (int s = 1; s < shards; ++s) {
      g.W_enc += m_grads[s].W_enc;
      g.W_in += m_grads[s].W_in;
      g.W_rec += m_grads[s].W_rec;
      g.W_out += m_grads[s].W_out;
    }
    m_net.addPenaltyGradients(m_loss, g);
    m_net.maskGradients(g);
  }

  GridUpdateRecord finish(const GridLossSums& s) const override {
    PlaceCellLossSums ls{s.task, s.samples, s.sumSquares};
    const PlaceCellLoss l = m_net.finishLoss(ls, m_loss);
    GridUpdateRecord r;
    r.loss = l.total;
    r.task = l.crossEntropy;
    r.weight = l.weight;
    r.activity = l.activity;
    r.decodingErrorCm = s.samples > 0 ? 100.0 * s.decodeErrorSum / s.samples : 0.0;
    return r;
  }

  std::vector<ParameterView> views() override {
    auto& p = m_net.params;
    auto& g = m_grads[0];
    const auto& m = m_net.masks;
    return {{"W_enc", p.W_enc.data(), g.W_enc.data(), m.enc.data(), p.W_enc.size()},
            {"W_in", p.W_in.data(), g.W_in.data(), m.in.data(), p.W_in.size()},
            {"W_rec", p.W_rec.data(), g.W_rec.data(), m.rec.data(), p.W_rec.size()},
            {"W_out", p.W_out.data(), g.W_out.data(), m.out.data(), p.W_out.size()}};
  }
  std::vector<Eigen::Map<Eigen::ArrayXf>> gradientMaps() override {
    std::vector<Eigen::Map<Eigen::ArrayXf>> maps;
    m_grads[0].forEach([&](const char*, float* d, Eigen::Index n) { maps.emplace_back(d, n); });
    return maps;
  }

  void record(const TrajectoryBatch& tb, const UnitPerturbations& ps, Eigen::MatrixXf& rates,
              Eigen::MatrixXd& decoded) const override {
    PlaceCellBatch<float> b;
    b.steps = tb.steps;
    b.trials = tb.trials;
    b.inputs = gridNetworkInputs(m_config, tb);
    b.initialCode = m_pc.targets(startPositions(tb)).cast<float>();
    b.targets.resize(0, 0);
    PlaceCellRnnTrace<float> tr;
    m_net.forward(b, ps, tr);
    rates = tr.g.rightCols(Eigen::Index(tb.steps) * tb.trials);
    decoded = m_pc.decode(tr.logits);
  }

  std::vector<GridTrainer::NamedArray> parameters(bool effective) const override {
    const auto& p = m_net.params;
    const auto& m = m_net.masks;
    if (effective)
      return {{"W_enc", p.W_enc.cwiseProduct(m.enc)}, {"W_in", p.W_in.cwiseProduct(m.in)},
              {"W_rec", p.W_rec.cwiseProduct(m.rec)}, {"W_out", p.W_out.cwiseProduct(m.out)},
              {"place_cell_centres", m_pc.centres().cast<float>()}};
    return {{"W_enc", p.W_enc}, {"W_in", p.W_in}, {"W_rec", p.W_rec}, {"W_out", p.W_out},
            {"place_cell_centres", m_pc.centres().cast<float>()}};
  }
  void setParameters(const std::vector<GridTrainer::NamedArray>& a) override {
    PlaceCellRnnParameters<float> p = m_net.params;
    assign(a, "W_enc", p.W_enc);
    assign(a, "W_in", p.W_in);
    assign(a, "W_rec", p.W_rec);
    assign(a, "W_out", p.W_out);
    m_net.params = p;
  }
  std::unique_ptr<GridTrainer::Model> clone() const override {
    auto c = std::make_unique<PlaceCellModel>(*this);
    c->m_traces.clear();  // workspaces are not needed by a frozen copy
    c->m_grads.clear();
    c->m_batch = {};
    c->m_trajectories = nullptr;
    return c;
  }

  CtrnnConfig interventionShape() const override {
    CtrnnConfig c;
    c.numUnits = m_config.placeCellModel.numUnits;
    c.numInputs = m_config.placeCellModel.numInputs;
    c.numOutputs = m_config.placeCellModel.numPlaceCells;
    return c;
  }
  CtrnnMasks baseMasks() const override {
    const auto& c = m_config.placeCellModel;
    CtrnnMasks m;
    m.in = Eigen::MatrixXf::Ones(c.numUnits, c.numInputs);
    m.rec = Eigen::MatrixXf::Ones(c.numUnits, c.numUnits);
    m.out = Eigen::MatrixXf::Ones(c.numPlaceCells, c.numUnits);
    return m;
  }
  void setMasks(const CtrnnMasks& e) override {
    m_net.masks.in = e.in;
    m_net.masks.rec = e.rec;
    m_net.masks.out = e.out;
  }

  void liveStart(const Eigen::Vector2d& position, const UnitPerturbations& ps,
                 GridLiveState& st) const override {
    const Eigen::MatrixXf code = m_pc.targets(position).cast<float>();  // Np × 1
    st.x.resize(0);
    st.r = m_net.params.W_enc.cwiseProduct(m_net.masks.enc) * code.col(0);
    clampRates(ps, st.r);
    decodeLive(st);
  }
  void liveStep(const Eigen::VectorXf& input, const UnitPerturbations& ps,
                GridLiveState& st) const override {
    // z = W_rec g + W_in v (+ injected current), g = f(z), clamps (place_cell_rnn.h).
    Eigen::VectorXf z = m_net.params.W_rec.cwiseProduct(m_net.masks.rec) * st.r;
    z.noalias() += m_net.params.W_in.cwiseProduct(m_net.masks.in) * input;
    for (const auto& p : ps)
      if (p.kind == UnitPerturbation::Kind::Inject)
        for (int u : p.units)
          if (u >= 0 && u < z.size()) z[u] += float(p.value);
    st.r = m_config.placeCellModel.nonlinearity == Nonlinearity::Tanh
               ? Eigen::VectorXf(z.array().tanh().matrix())
           : m_config.placeCellModel.nonlinearity == Nonlinearity::RectifiedTanh
               ? Eigen::VectorXf(z.array().tanh().max(0.0f).matrix())
               : Eigen::VectorXf(z.array().max(0.0f).matrix());
    clampRates(ps, st.r);
    decodeLive(st);
  }

 private:
  void decodeLive(GridLiveState& st) const {
    const Eigen::MatrixXf logits = m_net.params.W_out.cwiseProduct(m_net.masks.out) * st.r;
    st.decoded = m_pc.decode(logits).col(0);
  }

  const GridRunConfig m_config;  // copies: the trainer may be moved
  const PlaceCells m_pc;
  PlaceCellRnn<float> m_net;
  PlaceCellLossConfig m_loss;
  const TrajectoryBatch* m_trajectories = nullptr;
  PlaceCellBatch<float> m_batch;
  std::vector<PlaceCellRnnTrace<float>> m_traces;
  std::vector<PlaceCellRnnParameters<float>> m_grads;
};

class CartesianModel final : public GridTrainer::Model {
 public:
  CartesianModel(const GridRunConfig& c, Rng& init) : m_config(c), m_net(c.cartesianModel) {
    initializeCtrnn(c.cartesianModel, init, m_net.params);
    m_loss.activityL2 = c.training.activityL2;
    m_loss.weightL2Rec = c.training.recurrentL2;
    m_loss.weightL2In = m_loss.weightL2Out = c.training.ioL2;
  }
  int numUnits() const override { return m_config.cartesianModel.numUnits; }

  static SequenceBatch<float> sequenceBatch(const GridRunConfig& c, const TrajectoryBatch& tb) {
    SequenceBatch<float> b;
    b.steps = tb.steps;
    b.trials = tb.trials;
    b.inputs = gridNetworkInputs(c, tb);
    b.targets = positionTargets(tb).cast<float>();
    b.lossMask = Eigen::RowVectorXf::Ones(Eigen::Index(tb.steps) * tb.trials);
    return b;
  }

  void setBatch(const TrajectoryBatch& tb) override {
    m_trajectories = &tb;
    m_batch = sequenceBatch(m_config, tb);
  }

  void prepareShards(int shards) override {
    if (int(m_traces.size()) < shards) {
      m_traces.resize(size_t(shards));
      m_grads.resize(size_t(shards));
      m_sums.resize(size_t(shards));
    }
  }

  GridLossSums shardStep(int s, int first, int count, double, double totalElements, Rng* noise,
                         const UnitPerturbations& ps) override {
    const SequenceBatch<float> part = m_batch.slice(first, count);
    m_net.forward(part, ps, noise, m_traces[s]);
    m_sums[s] = m_net.lossSums(part, m_traces[s]);
    m_grads[s].resize(m_config.cartesianModel);
    m_grads[s].setZero();
    m_net.backward(part, m_traces[s], m_loss, totalElements, m_totalTrials, m_grads[s]);
    GridLossSums out{m_sums[s].squaredError, double(part.steps) * count, m_sums[s].sumSquaresR, 0};
    out.decodeErrorSum = sumDistances(m_traces[s].y.cast<double>(), part.targets.cast<double>());
    return out;
  }

  Eigen::Ref<const Eigen::MatrixXf> shardRates(int s) const override {
    const auto& tr = m_traces[s];
    return tr.r.rightCols(Eigen::Index(tr.steps) * tr.trials);
  }

  void reduceGradients(int shards) override {
    auto& g = m_grads[0];
    for (int s = 1; s < shards; ++s) {
      g.W_in += m_grads[s].W_in;
      g.W_rec += m_grads[s].W_rec;
      g.W_out += m_grads[s].W_out;
      g.b_rec += m_grads[s].b_rec;
      g.b_out += m_grads[s].b_out;
      g.x0 += m_grads[s].x0;
    }
    m_net.addPenaltyGradients(m_loss, g);
    m_net.maskGradients(g);
  }

  GridUpdateRecord finish(const GridLossSums& s) const override {
    CtrnnLossSums ls;
    ls.squaredError = s.task;
    ls.validElements = 2.0 * s.samples;
    ls.sumSquaresR = s.sumSquares;
    ls.errorSumSq = ls.targetSum = ls.targetSumSq = Eigen::VectorXd::Zero(2);
    ls.validSamples = s.samples;
    const int T = m_config.steps();
    const CtrnnLoss l = m_net.finishLoss(ls, m_loss, int(std::lround(s.samples / T)), T);
    GridUpdateRecord r;
    r.loss = l.total;
    r.task = l.task;
    r.weight = l.weight;
    r.activity = l.activity;
    r.decodingErrorCm = s.samples > 0 ? 100.0 * s.decodeErrorSum / s.samples : 0.0;
    return r;
  }
  void setTotalTrials(int b) { m_totalTrials = b; }

  std::vector<ParameterView> views() override {
    auto& p = m_net.params;
    auto& g = m_grads[0];
    const auto& m = m_net.masks;
    return {{"W_in", p.W_in.data(), g.W_in.data(), m.in.data(), p.W_in.size()},
            {"W_rec", p.W_rec.data(), g.W_rec.data(), m.rec.data(), p.W_rec.size()},
            {"W_out", p.W_out.data(), g.W_out.data(), m.out.data(), p.W_out.size()},
            {"b_rec", p.b_rec.data(), g.b_rec.data(), nullptr, p.b_rec.size()},
            {"b_out", p.b_out.data(), g.b_out.data(), nullptr, p.b_out.size()},
            {"x0", p.x0.data(), g.x0.data(), nullptr, p.x0.size()}};
  }
  std::vector<Eigen::Map<Eigen::ArrayXf>> gradientMaps() override {
    std::vector<Eigen::Map<Eigen::ArrayXf>> maps;
    m_grads[0].forEach([&](const char*, float* d, Eigen::Index n) { maps.emplace_back(d, n); });
    return maps;
  }

  void record(const TrajectoryBatch& tb, const UnitPerturbations& ps, Eigen::MatrixXf& rates,
              Eigen::MatrixXd& decoded) const override {
    const SequenceBatch<float> b = sequenceBatch(m_config, tb);
    CtrnnTrace<float> tr;
    m_net.forward(b, ps, nullptr, tr);
    rates = tr.r.rightCols(Eigen::Index(tb.steps) * tb.trials);
    decoded = tr.y.cast<double>();
  }

  std::vector<GridTrainer::NamedArray> parameters(bool effective) const override {
    const auto& p = m_net.params;
    const auto& m = m_net.masks;
    if (effective)
      return {{"W_in", p.W_in.cwiseProduct(m.in)}, {"W_rec", p.W_rec.cwiseProduct(m.rec)},
              {"W_out", p.W_out.cwiseProduct(m.out)}, {"b_rec", p.b_rec}, {"b_out", p.b_out},
              {"x0", p.x0}};
    return {{"W_in", p.W_in}, {"W_rec", p.W_rec}, {"W_out", p.W_out},
            {"b_rec", p.b_rec}, {"b_out", p.b_out}, {"x0", p.x0}};
  }
  void setParameters(const std::vector<GridTrainer::NamedArray>& a) override {
    CtrnnParameters<float> p = m_net.params;
    assign(a, "W_in", p.W_in);
    assign(a, "W_rec", p.W_rec);
    assign(a, "W_out", p.W_out);
    assign(a, "b_rec", p.b_rec);
    assign(a, "b_out", p.b_out);
    assign(a, "x0", p.x0);
    m_net.params = p;
  }
  std::unique_ptr<GridTrainer::Model> clone() const override {
    auto c = std::make_unique<CartesianModel>(*this);
    c->m_traces.clear();
    c->m_grads.clear();
    c->m_sums.clear();
    c->m_batch = {};
    c->m_trajectories = nullptr;
    return c;
  }

  CtrnnConfig interventionShape() const override { return m_net.config(); }
  CtrnnMasks baseMasks() const override { return m_baseMasks; }
  void setMasks(const CtrnnMasks& e) override { m_net.masks = e; }

  void liveStart(const Eigen::Vector2d&, const UnitPerturbations& ps,
                 GridLiveState& st) const override {
    st.x = m_net.params.x0;
    ctrnnRates(m_net, ps, st.x, st.r);
    decodeLive(st);
  }
  void liveStep(const Eigen::VectorXf& input, const UnitPerturbations& ps,
                GridLiveState& st) const override {
    ctrnnSingleStep(m_net, m_net.params.W_rec.cwiseProduct(m_net.masks.rec),
                    m_net.params.W_in.cwiseProduct(m_net.masks.in), input, ps, st.x, st.r);
    decodeLive(st);
  }

 private:
  void decodeLive(GridLiveState& st) const {
    const Eigen::VectorXf y = m_net.params.W_out.cwiseProduct(m_net.masks.out) * st.r +
                              m_net.params.b_out;
    st.decoded = y.cast<double>().head<2>();
  }

  const GridRunConfig m_config;  // copies: the trainer may be moved
  Ctrnn<float> m_net;
  CtrnnMasks m_baseMasks = m_net.masks;  // the fixed structure (e.g. no self-connections)
  CtrnnLossConfig m_loss;
  int m_totalTrials = 1;
  const TrajectoryBatch* m_trajectories = nullptr;
  SequenceBatch<float> m_batch;
  std::vector<CtrnnTrace<float>> m_traces;
  std::vector<CtrnnParameters<float>> m_grads;
  std::vector<CtrnnLossSums> m_sums;
};

}  // namespace

std::unique_ptr<GridTrainer::Model> makeGridModel(const GridRunConfig& c, const PlaceCells& pc,
                                                  Rng& init) {
  if (c.readout == GridReadout::PlaceCells) return std::make_unique<PlaceCellModel>(c, pc, init);
  auto m = std::make_unique<CartesianModel>(c, init);
  m->setTotalTrials(c.training.batchSize);
  return m;
}

}  // namespace emergence::engine

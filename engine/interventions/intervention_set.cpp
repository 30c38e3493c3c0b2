#include "engine/interventions/intervention_set.h"

#include <climits>
#include <stdexcept>

namespace emergence::engine {
namespace {

const char* matrixName(WeightAblation::Matrix m) {
  switch (m) {
    case WeightAblation::Matrix::Recurrent: return "W_rec";
    case WeightAblation::Matrix::Input: return "W_in";
    case WeightAblation::Matrix::Readout: return "W_out";
  }
  return "?";
}

void checkIndices(const std::vector<int>& v, int limit, const std::string& what) {
  for (int i : v)
    if (i < 0 || i >= limit)
      throw std::out_of_range(what + " index " + std::to_string(i) + " outside [0, " +
                              std::to_string(limit) + ")");
}

std::vector<int> intList(const nlohmann::json& j, const char* key) {
  if (!j.contains(key)) return {};
  if (!j.at(key).is_array()) throw std::invalid_argument(std::string(key) + ": expected a list");
  std::vector<int> v;
  for (const auto& e : j.at(key)) {
    if (!e.is_number_integer())
      throw std::invalid_argument(std::string(key) + ": expected integers");
    v.push_back(e.get<int>());
  }
  return v;
}

}  // namespace

nlohmann::json toJson(const Intervention& i) {
  nlohmann::json j;
  j["label"] = i.label;
  if (i.type == Intervention::Type::Unit) {
    const auto& u = i.unit;
    j["type"] = u.kind == UnitPerturbation::Kind::Inject ? "inject" : "clamp";
    j["units"] = u.units;
    j["value"] = u.value;
    j["begin_step"] = u.beginStep;
    if (u.endStep != INT_MAX) j["end_step"] = u.endStep;
  } else {
    j["type"] = "ablate";
    j["matrix"] = matrixName(i.ablation.matrix);
    j["rows"] = i.ablation.rows;
    j["cols"] = i.ablation.cols;
  }
  return j;
}

Intervention interventionFromJson(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("intervention: expected an object");
  Intervention i;
  i.label = j.value("label", std::string());
  const std::string type = j.value("type", std::string());
  if (type == "inject" || type == "clamp") {
    i.type = Intervention::Type::Unit;
    i.unit.kind = type == "inject" ? UnitPerturbation::Kind::Inject : UnitPerturbation::Kind::Clamp;
    i.unit.units = intList(j, "units");
    i.unit.value = j.value("value", 0.0);
    i.unit.beginStep = j.value("begin_step", 1);
    i.unit.endStep = j.value("end_step", INT_MAX);
  } else if (type == "ablate") {
    i.type = Intervention::Type::Ablation;
    const std::string m = j.value("matrix", std::string());
    if (m == "W_rec") i.ablation.matrix = WeightAblation::Matrix::Recurrent;
    else if (m == "W_in") i.ablation.matrix = WeightAblation::Matrix::Input;
    else if (m == "W_out") i.ablation.matrix = WeightAblation::Matrix::Readout;
    else throw std::invalid_argument("matrix: must be W_rec, W_in or W_out, got \"" + m + "\"");
    i.ablation.rows = intList(j, "rows");
    i.ablation.cols = intList(j, "cols");
  } else {
    throw std::invalid_argument("type: must be inject, clamp or ablate, got \"" + type + "\"");
  }
  return i;
}

int InterventionSet::add(const Intervention& i, const CtrnnConfig& model, long long update) {
  if (i.type == Intervention::Type::Unit) {
    checkIndices(i.unit.units, model.numUnits, "unit");
    if (i.unit.endStep <= i.unit.beginStep)
      throw std::out_of_range("end_step must be after begin_step");
  } else {
    const auto& a = i.ablation;
    const int rows = a.matrix == WeightAblation::Matrix::Readout ? model.numOutputs : model.numUnits;
    const int cols = a.matrix == WeightAblation::Matrix::Input ? model.numInputs : model.numUnits;
    checkIndices(a.rows, rows, std::string(matrixName(a.matrix)) + " row");
    checkIndices(a.cols, cols, std::string(matrixName(a.matrix)) + " column");
  }
  const int id = m_nextId++;
  m_active[id] = i;
  m_log.push_back({update, "add", id, toJson(i)});
  return id;
}

bool InterventionSet::remove(int id, long long update) {
  auto it = m_active.find(id);
  if (it == m_active.end()) return false;
  m_log.push_back({update, "remove", id, toJson(it->second)});
  m_active.erase(it);
  return true;
}

void InterventionSet::clear(long long update) {
  while (!m_active.empty()) remove(m_active.begin()->first, update);
}

CtrnnMasks InterventionSet::effectiveMasks(const CtrnnMasks& base) const {
  CtrnnMasks m = base;
  for (const auto& [id, i] : m_active) {
    if (i.type != Intervention::Type::Ablation) continue;
    const auto& a = i.ablation;
    Eigen::MatrixXf& target = a.matrix == WeightAblation::Matrix::Recurrent ? m.rec
                              : a.matrix == WeightAblation::Matrix::Input   ? m.in
                                                                            : m.out;
    std::vector<int> rows = a.rows, cols = a.cols;
    if (rows.empty())
      for (int r = 0; r < target.rows(); ++r) rows.push_back(r);
    if (cols.empty())
      for (int c = 0; c < target.cols(); ++c) cols.push_back(c);
    for (int r : rows)
      for (int c : cols) target(r, c) = 0.0f;
  }
  return m;
}

UnitPerturbations InterventionSet::unitPerturbations() const {
  UnitPerturbations p;
  for (const auto& [id, i] : m_active)
    if (i.type == Intervention::Type::Unit) p.push_back(i.unit);
  return p;
}

void InterventionSet::replay(const std::vector<InterventionLogEntry>& log,
                             const CtrnnConfig& model) {
  m_active.clear();
  m_log.clear();
  m_nextId = 1;
  for (const auto& e : log) {
    if (e.action == "add") {
      m_nextId = e.id;
      if (add(interventionFromJson(e.intervention), model, e.update) != e.id)
        throw std::invalid_argument("intervention log: ids out of order at id " +
                                    std::to_string(e.id));
    } else if (e.action == "remove") {
      if (!remove(e.id, e.update))
        throw std::invalid_argument("intervention log: removes unknown id " + std::to_string(e.id));
    } else {
      throw std::invalid_argument("intervention log: action must be add or remove, got \"" +
                                  e.action + "\"");
    }
  }
}

}  // namespace emergence::engine

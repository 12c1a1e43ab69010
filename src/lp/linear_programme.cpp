// linear_programme (include/treem/indicators/linear_programme.hpp) on COIN-OR CLP. Kept in its own
// translation unit so that CLP's headers stay out of every header treem installs.
#include "treem/indicators/linear_programme.hpp"

#include <cmath>
#include <cstddef>

#include <ClpSimplex.hpp>
#include <CoinHelperFunctions.hpp>

namespace treem::indicators {

struct linear_programme::solver {
  ClpSimplex model;
  std::vector<std::uint32_t> last;  // the unknowns of the previous objective, reset before the next
  bool solved_once = false;
  bool grown = false;  // unknowns were added since the last solve: its work areas no longer fit
};

namespace {

double clp_bound(double v) { return std::isinf(v) ? (v > 0 ? COIN_DBL_MAX : -COIN_DBL_MAX) : v; }

}  // namespace

linear_programme::linear_programme(const linear_system& system) : solver_(std::make_unique<solver>()) {
  const auto columns = static_cast<int>(system.unknowns());
  const auto rows = static_cast<int>(system.rows());
  // Column-major (CSC) from the triplets.
  std::vector<CoinBigIndex> start(static_cast<std::size_t>(columns) + 1, 0);
  for (auto j : system.column_of) ++start[j + 1];
  for (std::size_t j = 0; j < static_cast<std::size_t>(columns); ++j) start[j + 1] += start[j];
  std::vector<int> index(system.coefficient.size());
  std::vector<double> value(system.coefficient.size());
  std::vector<CoinBigIndex> next(start.begin(), start.end() - 1);
  for (std::size_t e = 0; e < system.coefficient.size(); ++e) {
    const auto at = static_cast<std::size_t>(next[system.column_of[e]]++);
    index[at] = static_cast<int>(system.row_of[e]);
    value[at] = system.coefficient[e];
  }
  std::vector<double> column_lower(system.column_lower), column_upper(system.column_upper), row_lower(system.row_lower),
      row_upper(system.row_upper);
  for (auto* v : {&column_lower, &column_upper, &row_lower, &row_upper}) {
    for (double& b : *v) b = clp_bound(b);
  }
  const std::vector<double> objective(static_cast<std::size_t>(columns), 0.0);
  solver_->model.setLogLevel(0);
  solver_->model.loadProblem(columns, rows, start.data(), index.data(), value.data(), column_lower.data(), column_upper.data(),
                             objective.data(), row_lower.data(), row_upper.data());
}

linear_programme::~linear_programme() = default;

lp_solution linear_programme::minimise(std::span<const std::pair<std::uint32_t, double>> objective) {
  ClpSimplex& m = solver_->model;
  for (auto j : solver_->last) m.setObjectiveCoefficient(static_cast<int>(j), 0.0);
  solver_->last.clear();
  // Terms may name an unknown more than once (two counts sharing a cell): their coefficients add.
  for (const auto& [j, c] : objective) {
    m.setObjectiveCoefficient(static_cast<int>(j), 0.0);
    solver_->last.push_back(j);
  }
  for (const auto& [j, c] : objective) m.setObjectiveCoefficient(static_cast<int>(j), m.objective()[j] + c);
  m.setOptimizationDirection(1.0);
  // The first solve presolves (initialSolve: on the atom programme of a district's tables, 10,000
  // unknowns, half the time of a plain dual simplex). After it only the objective changes, or a
  // row is set free, so the basis stays primal feasible: the primal simplex goes on from it, and
  // keeps its work areas and factorization between solves (startFinishOptions 1 | 2 | 4: the
  // matrix never changes). Without them each solve set itself up again: a province's tables,
  // 13 sub-tables, took 44 s instead of 25 s. After add_unknown the matrix has grown: that one
  // solve sets itself up again, from the basis it had.
  if (solver_->solved_once) {
    m.primal(0, solver_->grown ? 0 : 1 | 2 | 4);
    solver_->grown = false;
  } else {
    m.initialSolve();
    solver_->solved_once = true;
  }
  lp_solution out;
  if (m.isProvenOptimal()) {
    out.status = lp_status::optimal;
    out.objective = m.objectiveValue();
    const double* x = m.getColSolution();
    out.x.assign(x, x + m.getNumCols());
    const double* y = m.dualRowSolution();
    out.row_dual.assign(y, y + m.getNumRows());
  } else if (m.isProvenPrimalInfeasible()) {
    out.status = lp_status::infeasible;
  } else if (m.isProvenDualInfeasible()) {
    out.status = lp_status::unbounded;
  }
  return out;
}

std::uint32_t linear_programme::add_unknown(std::span<const std::pair<std::uint32_t, double>> terms, double lower, double upper) {
  std::vector<int> rows;
  std::vector<double> elements;
  for (const auto& [r, a] : terms) rows.push_back(static_cast<int>(r)), elements.push_back(a);
  ClpSimplex& m = solver_->model;
  m.addColumn(static_cast<int>(rows.size()), rows.data(), elements.data(), clp_bound(lower), clp_bound(upper), 0.0);
  solver_->grown = true;
  return static_cast<std::uint32_t>(m.getNumCols() - 1);
}

void linear_programme::free_row(std::uint32_t r) { solver_->model.setRowBounds(static_cast<int>(r), -COIN_DBL_MAX, COIN_DBL_MAX); }

lp_solution linear_programme::maximise(std::span<const std::pair<std::uint32_t, double>> objective) {
  std::vector<std::pair<std::uint32_t, double>> negated(objective.begin(), objective.end());
  for (auto& term : negated) term.second = -term.second;
  lp_solution out = minimise(negated);
  out.objective = -out.objective;
  return out;
}

}  // namespace treem::indicators

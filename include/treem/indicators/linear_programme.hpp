// A linear programme over non-negative unknowns, for the protection stage of suppression
// (protection.hpp): how low and how high a withheld count can be, given everything published.
// The solver is COIN-OR CLP, compiled once into treem's small library treem::lp
// (src/lp/linear_programme.cpp), so that no solver header reaches a user's translation units.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace treem::indicators {

inline constexpr double lp_infinity = std::numeric_limits<double>::infinity();

/// lower_r <= sum_j a_rj x_j <= upper_r for each row r, and column_lower_j <= x_j <= column_upper_j.
struct linear_system {
  std::vector<double> column_lower, column_upper;  ///< one per unknown (0 and lp_infinity unless narrowed)
  std::vector<std::uint32_t> row_of, column_of;    ///< the non-zero coefficients, as triplets
  std::vector<double> coefficient;
  std::vector<double> row_lower, row_upper;

  std::uint32_t add_unknown(double lower = 0, double upper = lp_infinity) {
    column_lower.push_back(lower);
    column_upper.push_back(upper);
    return static_cast<std::uint32_t>(column_lower.size() - 1);
  }
  /// A row `lower <= sum of terms <= upper`, terms as (unknown, coefficient).
  void add_row(std::span<const std::pair<std::uint32_t, double>> terms, double lower, double upper) {
    const auto r = static_cast<std::uint32_t>(row_lower.size());
    for (const auto& [j, a] : terms) {
      row_of.push_back(r);
      column_of.push_back(j);
      coefficient.push_back(a);
    }
    row_lower.push_back(lower);
    row_upper.push_back(upper);
  }
  [[nodiscard]] std::size_t unknowns() const noexcept { return column_lower.size(); }
  [[nodiscard]] std::size_t rows() const noexcept { return row_lower.size(); }
};

enum class lp_status : std::uint8_t { optimal, infeasible, unbounded, failed };

struct lp_solution {
  lp_status status = lp_status::failed;
  double objective = 0;
  std::vector<double> x;  ///< the optimal point (empty unless optimal)
  /// The dual value of each row at the optimum (empty unless optimal): the rows whose dual is not 0
  /// are those that hold the objective where it is; loosening one of them can move it.
  std::vector<double> row_dual;
};

/// One system, optimised for as many objectives as asked: the solver keeps its basis between
/// objectives (a warm start), which is what makes a bound per withheld count affordable.
class linear_programme {
 public:
  explicit linear_programme(const linear_system& system);
  ~linear_programme();
  linear_programme(const linear_programme&) = delete;
  linear_programme& operator=(const linear_programme&) = delete;

  /// Minimises sum c_j x_j over the system (terms as (unknown, c_j); the others count 0).
  [[nodiscard]] lp_solution minimise(std::span<const std::pair<std::uint32_t, double>> objective);
  /// Maximises it.
  [[nodiscard]] lp_solution maximise(std::span<const std::pair<std::uint32_t, double>> objective);
  /// Drops row `r`'s bounds (a count no longer published constrains nothing); the basis is kept.
  void free_row(std::uint32_t r);
  /// Adds an unknown with `terms` (row, coefficient) in existing rows, returning its index; the
  /// basis is kept (the new unknown starts at its lower bound), so the next solve goes on from it.
  std::uint32_t add_unknown(std::span<const std::pair<std::uint32_t, double>> terms, double lower = 0, double upper = lp_infinity);

 private:
  struct solver;
  std::unique_ptr<solver> solver_;
};

}  // namespace treem::indicators

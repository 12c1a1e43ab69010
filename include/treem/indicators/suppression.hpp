// Small-cell suppression for published tables. Primary rule: a cell whose count is 1..k is
// withheld (and, for a proportion, a cell whose complement, denominator minus numerator, is 1..k:
// "98 of 100 children registered" reveals the 2 who are not). Complementary rule: a published
// table has margins (the total of a unit is the sum over sex, a district is the sum of its
// communes), so a cell withheld alone in a sum could be recovered by subtraction; more cells are
// withheld until no sum has exactly one. An audit then checks, with linear algebra over all the
// sums at once, that no withheld count is determined by the published ones, and withholds more
// where one is.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>
#include <span>
#include <vector>

#include <Eigen/Dense>

namespace treem::indicators {

/// numerator[total] = sum of numerator[parts], and both sides are published.
struct sum_constraint {
  std::size_t total = 0;
  std::vector<std::size_t> parts;
};

struct suppression_options {
  bool enabled = true;
  int threshold = 4;  ///< k: counts 1..k are withheld. Off only on explicit request.
  /// A withheld count of 1..k keeps, for every reader, an interval that holds [0, upper]: 0 for
  /// "none", at least k + 1 for "large enough to publish". 0 means k + 1; more widens further.
  int upper = 0;
  /// How the atom stage reads a table (its programme's unknowns, atom_programme.hpp): whole, up to
  /// `sub_tables_above`; beyond, first in sub-tables (each unit with the units inside it,
  /// modular_protection.hpp), faster, and then whole from what they withheld, up to
  /// `whole_table_limit`. Beyond that, its largest parts within it are read whole (whole_parts.hpp),
  /// and with `certify` then certified against a reader who combines a part with the sub-tables
  /// above it (part_certificate.hpp; protection_report::uncertified counts those it could not
  /// certify): that costs more than reading the parts did, so it is asked for.
  /// Measured on synthetic registers: a province of 172 communes (85,282 unknowns) is read whole in
  /// 256 s, in sub-tables and then whole in 77 s.
  std::size_t sub_tables_above = 20000;
  std::size_t whole_table_limit = 150000;
  bool certify = false;
};

/// The upper end of the interval every withheld count of 1..k keeps: k + 1 unless asked for more.
[[nodiscard]] constexpr int protection_upper(const suppression_options& s) noexcept { return s.upper ? s.upper : s.threshold + 1; }

/// The primary rule: a count of 1..k is withheld (0 is not: an empty cell reveals no child).
[[nodiscard]] constexpr bool is_small_count(double x, int k) noexcept { return x >= 1 && x <= k; }

/// Cells of a plain table (one count per cell) that the primary rule withholds: counts of 1..k, and
/// proportions whose complement is 1..k. treem's own tables apply the same rule per count
/// (withhold_counts.hpp).
inline void primary_suppression(std::span<const double> numerator, std::span<const double> denominator,
                                std::span<const std::uint8_t> is_proportion, int k, std::vector<std::uint8_t>& suppressed) {
  for (std::size_t i = 0; i < numerator.size(); ++i) {
    if (is_small_count(numerator[i], k)) suppressed[i] = 1;
    if (is_proportion[i] && !std::isnan(denominator[i]) && is_small_count(denominator[i] - numerator[i], k)) suppressed[i] = 1;
  }
}

namespace detail {

/// Whether cell `c` is fixed: a number readers have already (an earlier run published it), which
/// withholding cannot hide. `fixed` may be empty (none is).
[[nodiscard]] inline bool is_fixed(std::span<const std::uint8_t> fixed, std::size_t c) noexcept { return c < fixed.size() && fixed[c]; }

/// In each sum with exactly one withheld cell, withhold one more: the smallest positive part (it
/// hides least), else the total, else a zero part. A zero comes last because it hides little: a
/// reader who can bound it by another published 0 knows it, and then the sum again gives the cell.
/// Repeats until every sum has 0 or >= 2. Fixed cells are never chosen.
inline std::size_t complete_sums(const std::vector<sum_constraint>& sums, std::span<const double> numerator, std::vector<std::uint8_t>& suppressed,
                                 std::span<const std::uint8_t> fixed = {}) {
  std::size_t added = 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& s : sums) {
      std::size_t withheld = suppressed[s.total];
      for (auto p : s.parts) withheld += suppressed[p];
      if (withheld != 1) continue;
      std::optional<std::size_t> positive, zero;
      for (auto p : s.parts) {
        if (suppressed[p] || is_fixed(fixed, p)) continue;
        if (numerator[p] > 0 && (!positive || numerator[p] < numerator[*positive])) positive = p;
        if (numerator[p] == 0 && !zero) zero = p;
      }
      const bool total_open = !suppressed[s.total] && !is_fixed(fixed, s.total);
      const std::size_t best = positive ? *positive : total_open ? s.total : zero ? *zero : s.total;
      // Nothing left to hide with: the only other member is the total, already withheld, or every
      // other member is a number readers have already.
      if (suppressed[best] || is_fixed(fixed, best)) continue;
      suppressed[best] = 1;
      ++added;
      changed = true;
    }
  }
  return added;
}

}  // namespace detail

/// Withheld cells whose count the published cells determine exactly through the sums (the rank
/// test: cell i is determined iff every solution of the homogeneous system has x_i = 0). Sums are
/// grouped into connected components of withheld cells; components with more than `max_unknowns`
/// cells are not examined (they are reported in `skipped`).
struct disclosure_audit {
  std::vector<std::size_t> determined;
  std::size_t skipped = 0;
};

[[nodiscard]] inline disclosure_audit audit_disclosure(const std::vector<sum_constraint>& sums, std::span<const std::uint8_t> suppressed,
                                                       std::size_t max_unknowns = 600) {
  disclosure_audit out;
  // Union-find over withheld cells that share a sum.
  std::vector<std::size_t> parent(suppressed.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::vector<std::vector<std::size_t>> members(sums.size());
  for (std::size_t c = 0; c < sums.size(); ++c) {
    if (suppressed[sums[c].total]) members[c].push_back(sums[c].total);
    for (auto p : sums[c].parts) {
      if (suppressed[p]) members[c].push_back(p);
    }
    for (std::size_t j = 1; j < members[c].size(); ++j) parent[find(members[c][j])] = find(members[c][0]);
  }
  std::vector<std::vector<std::size_t>> component_sums(suppressed.size());
  for (std::size_t c = 0; c < sums.size(); ++c) {
    if (!members[c].empty()) component_sums[find(members[c][0])].push_back(c);
  }
  for (std::size_t root = 0; root < suppressed.size(); ++root) {
    if (component_sums[root].empty()) continue;
    std::vector<std::size_t> cells;
    for (auto c : component_sums[root]) cells.insert(cells.end(), members[c].begin(), members[c].end());
    std::sort(cells.begin(), cells.end());
    cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    if (cells.size() > max_unknowns) {
      out.skipped += cells.size();
      continue;
    }
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(component_sums[root].size()), static_cast<Eigen::Index>(cells.size()));
    auto column = [&](std::size_t cell) { return static_cast<Eigen::Index>(std::lower_bound(cells.begin(), cells.end(), cell) - cells.begin()); };
    for (std::size_t r = 0; r < component_sums[root].size(); ++r) {
      const auto& s = sums[component_sums[root][r]];
      const auto row = static_cast<Eigen::Index>(r);
      if (suppressed[s.total]) a(row, column(s.total)) -= 1;
      for (auto p : s.parts) {
        if (suppressed[p]) a(row, column(p)) += 1;
      }
    }
    Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
    const Eigen::MatrixXd kernel = lu.dimensionOfKernel() == 0 ? Eigen::MatrixXd(a.cols(), 0) : Eigen::MatrixXd(lu.kernel());
    for (std::size_t j = 0; j < cells.size(); ++j) {
      const auto col = static_cast<Eigen::Index>(j);
      if (kernel.cols() == 0 || kernel.row(col).cwiseAbs().maxCoeff() < 1e-9) out.determined.push_back(cells[j]);
    }
  }
  std::sort(out.determined.begin(), out.determined.end());
  return out;
}

/// Completes the withheld cells `suppressed` (from the primary rule) with complementary cells, then
/// repairs what the audit finds: for a determined cell, one more cell of a sum that contains it is
/// withheld, until none is determined. Cells flagged in `fixed` (known to readers already) are never
/// withheld.
inline void complete_suppression(std::span<const double> numerator, const std::vector<sum_constraint>& sums, std::vector<std::uint8_t>& suppressed,
                                 std::span<const std::uint8_t> fixed = {}) {
  detail::complete_sums(sums, numerator, suppressed, fixed);
  std::vector<std::vector<std::size_t>> sums_of(numerator.size());
  for (std::size_t c = 0; c < sums.size(); ++c) {
    sums_of[sums[c].total].push_back(c);
    for (auto p : sums[c].parts) sums_of[p].push_back(c);
  }
  for (int round = 0; round < 64; ++round) {
    const auto audit = audit_disclosure(sums, suppressed);
    if (audit.determined.empty()) break;
    bool changed = false;
    for (auto cell : audit.determined) {
      for (auto c : sums_of[cell]) {
        const auto& s = sums[c];
        // The smallest positive published part, else the total, else a zero part (as complete_sums).
        std::size_t pick = s.total;
        const auto rank = [&](std::size_t m) { return std::pair{numerator[m] <= 0 ? 2 : m == s.total ? 1 : 0, numerator[m]}; };
        const auto open = [&](std::size_t m) { return !suppressed[m] && !detail::is_fixed(fixed, m); };
        for (auto p : s.parts) {
          if (open(p) && (!open(pick) || rank(p) < rank(pick))) pick = p;
        }
        if (open(pick)) {
          suppressed[pick] = 1, changed = true;
          break;
        }
      }
    }
    if (!changed) break;
    detail::complete_sums(sums, numerator, suppressed, fixed);
  }
}

}  // namespace treem::indicators

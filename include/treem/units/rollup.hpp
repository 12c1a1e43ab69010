// Sparse matrices that move counts between levels of the hierarchy and across a merger. A vector of
// commune counts times the matrix gives district or province counts; the same for 2024 data of the
// 14 old Sơn Hà units onto the 5 new communes. Because every source unit maps to exactly one target,
// each column sums to 1 and totals are preserved.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include <Eigen/SparseCore>

#include "treem/units/unit_registry.hpp"

namespace treem {

using rollup_matrix = Eigen::SparseMatrix<double, Eigen::ColMajor, std::int64_t>;

namespace detail {
inline std::unordered_map<std::string, Eigen::Index> index_of(const std::vector<std::string>& codes, const char* what) {
  std::unordered_map<std::string, Eigen::Index> out;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (!out.emplace(codes[i], static_cast<Eigen::Index>(i)).second) {
      throw validation_error({"<arguments>"}, what, "code " + codes[i] + " is listed twice");
    }
  }
  return out;
}
}  // namespace detail

/// targets × sources matrix with a 1 where the target is the source itself or one of its
/// ancestors on `on`. Throws validation_error if a source has no target among `targets`, or
/// more than one (the targets must be one level of the hierarchy, not a mix).
[[nodiscard]] inline rollup_matrix aggregation_matrix(const unit_registry& registry, const std::vector<std::string>& sources,
                                                      const std::vector<std::string>& targets, const date& on) {
  const auto target_index = detail::index_of(targets, "targets");
  (void)detail::index_of(sources, "sources");
  std::vector<Eigen::Triplet<double, std::int64_t>> entries;
  entries.reserve(sources.size());
  for (std::size_t s = 0; s < sources.size(); ++s) {
    const admin_unit& unit = registry.get(sources[s], on);
    std::vector<const admin_unit*> chain{&unit};
    const auto up = registry.ancestors(unit.code, on);
    chain.insert(chain.end(), up.begin(), up.end());
    int hits = 0;
    for (const admin_unit* a : chain) {
      if (auto it = target_index.find(a->code); it != target_index.end()) {
        entries.emplace_back(it->second, static_cast<std::int64_t>(s), 1.0);
        ++hits;
      }
    }
    if (hits != 1) {
      throw validation_error({"<arguments>"}, "targets", "unit " + unit.code + " rolls up into " + std::to_string(hits) +
                                                             " of the targets on " + format_vn(on) + " (expected exactly 1)");
    }
  }
  rollup_matrix m(static_cast<Eigen::Index>(targets.size()), static_cast<Eigen::Index>(sources.size()));
  m.setFromTriplets(entries.begin(), entries.end());
  return m;
}

/// new × old matrix of a merger: 1 where old unit `old_codes[j]` became new unit `new_codes[i]`.
/// Throws validation_error if an old unit is not in the merger or its successor is not listed.
[[nodiscard]] inline rollup_matrix merger_matrix(const merger& m, const std::vector<std::string>& old_codes,
                                                 const std::vector<std::string>& new_codes) {
  const auto new_index = detail::index_of(new_codes, "new_codes");
  (void)detail::index_of(old_codes, "old_codes");
  std::vector<Eigen::Triplet<double, std::int64_t>> entries;
  for (std::size_t j = 0; j < old_codes.size(); ++j) {
    const auto next = m.successors(old_codes[j]);
    if (next.empty()) throw validation_error({"<arguments>"}, "old_codes", "unit " + old_codes[j] + " is not part of merger " + m.id);
    for (const auto& to : next) {
      auto it = new_index.find(to);
      if (it == new_index.end()) throw validation_error({"<arguments>"}, "new_codes", "successor " + to + " of " + old_codes[j] + " is not listed");
      // An old unit split over several new ones is shared equally: without population weights
      // that is the only neutral choice, and the column still sums to 1.
      entries.emplace_back(it->second, static_cast<std::int64_t>(j), 1.0 / static_cast<double>(next.size()));
    }
  }
  rollup_matrix out(static_cast<Eigen::Index>(new_codes.size()), static_cast<Eigen::Index>(old_codes.size()));
  out.setFromTriplets(entries.begin(), entries.end());
  return out;
}

}  // namespace treem

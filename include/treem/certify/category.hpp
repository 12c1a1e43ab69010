// Stage of certification: the unit's category (Decision 06/QĐ-TTg, Art. 2(3)) and the pass marks
// that may apply to it. A category the unit's data cannot tell leaves a range of marks.
#pragma once

#include <algorithm>
#include <optional>
#include <string>

#include "treem/certify/assessment.hpp"
#include "treem/certify/decision.hpp"
#include "treem/units/unit_registry.hpp"

namespace treem::certify {

/// The unit's category from its kind, its province and its flags, recording on `d` how it was
/// found; empty when the flags it needs are unknown.
inline std::optional<unit_category> derive_category(const unit_registry& units, const admin_unit& u, const date& on, decision& d) {
  if (u.kind == unit_kind::phuong) {
    for (const admin_unit* a : units.ancestors(u.code, on)) {
      if (a->kind == unit_kind::thanh_pho_tw) {
        d.basis = category_basis::ward_of_city;
        d.basis_detail = a->full_name();
        return unit_category::ward_of_centrally_run_city;
      }
    }
    d.basis = category_basis::ward_elsewhere;
    return unit_category::other;
  }
  if (u.kind != unit_kind::xa && u.kind != unit_kind::thi_tran) {
    d.basis = category_basis::not_a_commune_kind;
    d.basis_detail = std::string(to_string(u.kind));
    return unit_category::other;
  }
  bool unknown = false;
  for (const auto& [basis, flag] : {std::pair{category_basis::mountainous, &u.mountainous}, std::pair{category_basis::island, &u.island},
                                    std::pair{category_basis::extremely_disadvantaged, &u.extremely_disadvantaged}}) {
    if (!flag->known()) {
      unknown = true;
    } else if (*flag->value) {
      d.basis = basis;
      d.basis_evidence = flag->evidence;
      return unit_category::mountainous_island_or_disadvantaged;
    }
  }
  d.basis = unknown ? category_basis::flags_unknown : category_basis::none_of_the_flags;
  if (unknown) return std::nullopt;
  return unit_category::other;
}

/// Sets the category (the sheet's override, else derived) and the pass marks that may apply: one
/// when the category is known, the range over the categories a commune may be in when not.
inline void settle_category(const unit_assessment& a, const rule_set& rules, const unit_registry& units, const admin_unit& u, const date& on,
                            decision& d) {
  if (a.category) {
    d.category = a.category;
    d.basis = category_basis::override_given;
    d.basis_detail = a.category_reason;
  } else {
    d.category = derive_category(units, u, on, d);
  }
  auto widen = [&](unit_category c) {
    if (const pass_mark* pm = rules.find_pass_mark(c)) {
      d.lowest_pass_mark = d.lowest_pass_mark ? std::min(*d.lowest_pass_mark, pm->min_total) : pm->min_total;
      d.highest_pass_mark = d.highest_pass_mark ? std::max(*d.highest_pass_mark, pm->min_total) : pm->min_total;
    }
  };
  if (d.category) {
    widen(*d.category);
  } else {
    widen(unit_category::mountainous_island_or_disadvantaged);
    widen(unit_category::other);
  }
  if (d.lowest_pass_mark && *d.lowest_pass_mark == *d.highest_pass_mark) d.pass_mark = d.lowest_pass_mark;
}

}  // namespace treem::certify

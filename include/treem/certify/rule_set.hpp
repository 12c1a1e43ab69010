// A certification rule set: the criteria of a standard (Decision 06/QĐ-TTg has 13), how points are
// scored where that is known, the recognition gates, the pass marks by kind of unit, the
// assessment calendar, and local disqualifiers. Every number carries its evidence and source;
// maxima that no source confirms stay unknown. Overlays extend a base rule set.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "treem/core/evidence.hpp"
#include "treem/registers/vocabulary.hpp"

namespace treem::certify {

// Certification speaks of the incidents of the registers; their vocabulary is defined there.
using registers::covers;
using registers::incident_kind;
using registers::incident_kind_from_string;
using registers::incident_kind_names;
using registers::is_abuse;
using registers::is_sexual_abuse;
using registers::label_vi;
using registers::to_string;

/// A points band of a rate: at least `min_percent` gives `points`.
struct band {
  double min_percent = 0;
  double points = 0;
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;

  friend bool operator==(const band&, const band&) = default;
};

/// What a scored item is computed from.
enum class fact_kind {
  boolean,  ///< points if true, 0 if false
  percent,  ///< a rate in percent, scored by bands; below the lowest known band: unknown
};

/// A part of a criterion that treem can score from a fact of the commune.
struct scored_item {
  std::string id;    ///< e.g. "1.1"
  std::string name_vi;
  std::string fact;  ///< the fact it reads, e.g. "cp_worker_assigned"
  fact_kind kind = fact_kind::boolean;
  std::optional<double> points;  ///< for boolean facts; empty when not confirmed
  std::vector<band> bands;       ///< for percent facts, highest first
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;

  friend bool operator==(const scored_item&, const scored_item&) = default;
};

struct criterion {
  int id = 0;
  std::string name_vi;
  std::string name_en;
  sourced<double> max_points;  ///< empty value: the maximum is not known
  std::vector<scored_item> items;
  /// True when the items are all the criterion's parts, so that treem can total them.
  bool items_complete = false;
  std::string source;

  friend bool operator==(const criterion&, const criterion&) = default;
};

/// Categories of unit with their own pass marks.
enum class unit_category {
  ward_of_centrally_run_city,  ///< phường of a quận, thị xã or thành phố of a centrally-run city
  mountainous_island_or_disadvantaged,  ///< xã, thị trấn in mountainous or island areas, or extremely disadvantaged
  other,
};

inline constexpr std::string_view unit_category_names[] = {"ward_of_centrally_run_city", "mountainous_island_or_disadvantaged", "other"};

[[nodiscard]] constexpr std::string_view to_string(unit_category c) noexcept { return unit_category_names[static_cast<int>(c)]; }
[[nodiscard]] constexpr std::optional<unit_category> unit_category_from_string(std::string_view s) noexcept {
  for (int i = 0; i < 3; ++i) {
    if (unit_category_names[i] == s) return static_cast<unit_category>(i);
  }
  return std::nullopt;
}

struct pass_mark {
  unit_category category = unit_category::other;
  double min_total = 0;
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;
  std::string rule_set;  ///< the rule set that set it (an overlay may raise it)

  friend bool operator==(const pass_mark&, const pass_mark&) = default;
};

enum class gate_kind {
  all_criteria_assessed,  ///< every criterion has points
  no_criterion_zero,      ///< no criterion scored 0
  total_at_least_pass_mark,
  criterion_at_least,     ///< criterion `criterion` has at least `min_points`
  fact_true,              ///< fact `fact` is true
};

inline constexpr std::string_view gate_kind_names[] = {"all_criteria_assessed", "no_criterion_zero", "total_at_least_pass_mark",
                                                       "criterion_at_least", "fact_true"};

[[nodiscard]] constexpr std::string_view to_string(gate_kind k) noexcept { return gate_kind_names[static_cast<int>(k)]; }
[[nodiscard]] constexpr std::optional<gate_kind> gate_kind_from_string(std::string_view s) noexcept {
  for (int i = 0; i < 5; ++i) {
    if (gate_kind_names[i] == s) return static_cast<gate_kind>(i);
  }
  return std::nullopt;
}

struct gate {
  std::string id;
  gate_kind kind = gate_kind::all_criteria_assessed;
  int criterion = 0;      ///< criterion_at_least
  double min_points = 0;  ///< criterion_at_least
  std::string fact;       ///< fact_true
  std::string text_vi;
  std::string text_en;
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;
  std::string rule_set;

  friend bool operator==(const gate&, const gate&) = default;
};

/// A local rule that refuses recognition whatever the score, e.g. Sơn Hà's "a commune where a child
/// suffers drowning, violence or abuse is not recognised" (Kế hoạch 2024, IV.1.d).
struct disqualifier {
  std::string id;
  std::vector<incident_kind> kinds;
  bool fatal_only = false;
  std::string text_vi;
  std::string text_en;
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;
  std::string rule_set;

  friend bool operator==(const disqualifier&, const disqualifier&) = default;
};

/// When assessments take place: in `month` of the listed years of each `plan_length`-year
/// socio-economic development plan counted from `plan_start` (06/QĐ-TTg: November of years 2 and 4).
struct assessment_cycle {
  int plan_start = 2021;
  int plan_length = 5;
  std::vector<int> plan_years{2, 4};
  int month = 11;
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;

  friend bool operator==(const assessment_cycle&, const assessment_cycle&) = default;
};

/// Facts an assessment may give: their kind, for checking input.
struct fact_definition {
  std::string id;
  fact_kind kind = fact_kind::boolean;
  std::string name_vi;

  friend bool operator==(const fact_definition&, const fact_definition&) = default;
};

struct rule_set {
  std::string source_name;  ///< the file it was read from, for error messages
  std::string id;
  std::string version;
  std::string title;
  std::string instrument;
  std::optional<std::string> extends;  ///< for an overlay: the id of the rule set it extends
  std::vector<criterion> criteria;
  std::vector<gate> gates;
  std::vector<pass_mark> pass_marks;
  std::vector<disqualifier> disqualifiers;
  std::optional<assessment_cycle> cycle;
  std::vector<fact_definition> facts;

  /// Field by field, `source_name` included (a rule set read from another file is another reading).
  friend bool operator==(const rule_set&, const rule_set&) = default;

  [[nodiscard]] const criterion* find_criterion(int criterion_id) const {
    for (const auto& c : criteria) {
      if (c.id == criterion_id) return &c;
    }
    return nullptr;
  }
  [[nodiscard]] const fact_definition* find_fact(std::string_view fact_id) const {
    for (const auto& f : facts) {
      if (f.id == fact_id) return &f;
    }
    return nullptr;
  }
  /// The criterion whose items score `fact_id` (0 when none does).
  [[nodiscard]] int criterion_of_fact(std::string_view fact_id) const {
    for (const auto& c : criteria) {
      for (const auto& item : c.items) {
        if (item.fact == fact_id) return c.id;
      }
    }
    return 0;
  }
  [[nodiscard]] const pass_mark* find_pass_mark(unit_category c) const {
    for (const auto& p : pass_marks) {
      if (p.category == c) return &p;
    }
    return nullptr;
  }
};

/// A base rule set with its overlays applied, in order: what evaluation uses.
struct composed_rules {
  rule_set rules;                    ///< criteria, gates, pass marks and disqualifiers in force
  std::vector<std::pair<std::string, std::string>> layers;  ///< (id, version), base first
};

}  // namespace treem::certify

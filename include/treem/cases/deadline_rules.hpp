// The time limits of handling a case, as data (schema treem.case_deadlines/1): from which step,
// to which step, how long, for which cases, and how sure the reading is. A limit the sources give
// differently is kept with every reading ("5 or 7 working days") until the user chooses one;
// treem never picks one silently.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "treem/core/evidence.hpp"
#include "treem/registers/case_register.hpp"

namespace treem::cases {

enum class limit_unit : std::uint8_t { hours, working_days };

/// Which cases a limit applies to, by the serious-harm flag of Decree 56/2017 Arts. 31-32.
enum class case_scope : std::uint8_t { all, serious_harm, not_serious_harm };

struct case_deadline {
  std::string id;
  std::string name_vi;
  std::string name_en;
  registers::case_step from = registers::case_step::received;
  registers::case_step to = registers::case_step::plan_drafted;
  case_scope scope = case_scope::all;
  limit_unit unit = limit_unit::working_days;
  std::vector<int> readings;  ///< one limit when settled; several when the sources conflict
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;  ///< the instrument and article, as a user reads it
  std::string note;    ///< how treem reads the rule where the text leaves room (e.g. where the clock starts)

  [[nodiscard]] bool disputed() const noexcept { return readings.size() > 1; }
  [[nodiscard]] bool applies_to(bool serious_harm) const noexcept {
    return scope == case_scope::all || (scope == case_scope::serious_harm) == serious_harm;
  }
};

struct case_deadline_rules {
  std::string id;
  std::string version;
  std::string title;
  std::string instrument;
  std::vector<case_deadline> deadlines;

  [[nodiscard]] const case_deadline* find(std::string_view id_) const noexcept {
    for (const auto& d : deadlines) {
      if (d.id == id_) return &d;
    }
    return nullptr;
  }
};

}  // namespace treem::cases

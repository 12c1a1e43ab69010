// The incident register, column by column: one row per incident (an injury or a case of abuse),
// with the child's sex and age but nothing that identifies the child.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "treem/registers/vocabulary.hpp"

namespace treem::registers {

struct incident_register {
  std::vector<std::string> units;  ///< dictionary of commune codes

  std::vector<std::uint32_t> unit;
  std::vector<std::int32_t> day;  ///< days since 1970-01-01
  std::vector<incident_kind> kind;
  std::vector<std::uint8_t> fatal;
  std::vector<sex> child_sex;
  std::vector<std::uint8_t> child_age;  ///< completed years on the day; 255 when not known
  std::vector<environment> where;
  std::vector<std::int8_t> plan_in_time;  ///< 1 yes, 0 no, -1 unknown / not applicable
  /// The case of the case register each incident is handled as ("" for none): through it the
  /// case's computed timeliness replaces plan_in_time. Empty when the register has no such column.
  std::vector<std::string> case_id;

  friend bool operator==(const incident_register&, const incident_register&) = default;
  [[nodiscard]] std::size_t size() const noexcept { return day.size(); }
  [[nodiscard]] const std::string& unit_code(std::size_t row) const { return units[unit[row]]; }
};

}  // namespace treem::registers

// Read-only views of register columns. The indicator engine reads registers through these, so it
// works the same on treem's own registers and on columns owned by someone else (numpy arrays from
// Python, a host system's buffers) without copying them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "treem/registers/child_register.hpp"
#include "treem/registers/incident_register.hpp"

namespace treem::indicators {

struct child_columns {
  std::span<const std::string> units;        ///< commune codes; `unit` indexes it
  std::span<const std::string> ethnicities;  ///< `ethnicity` indexes it
  std::span<const std::uint32_t> unit;
  std::span<const registers::sex> child_sex;
  std::span<const std::int32_t> birth;  ///< days since 1970-01-01
  std::span<const std::uint16_t> ethnicity;
  std::span<const std::uint16_t> special_groups;
  std::span<const std::uint8_t> flags;
  std::string source = "children";  ///< names the register in error messages
  std::size_t first_line = 1;       ///< row i is reported as line first_line + i (2 for a CSV with a header)

  [[nodiscard]] std::size_t size() const noexcept { return unit.size(); }
};

struct incident_columns {
  std::span<const std::string> units;
  std::span<const std::uint32_t> unit;
  std::span<const std::int32_t> day;
  std::span<const registers::incident_kind> kind;
  std::span<const std::uint8_t> fatal;
  std::span<const registers::sex> child_sex;
  std::span<const std::uint8_t> child_age;  ///< 255 when not known
  std::span<const registers::environment> where;
  std::span<const std::int8_t> plan_in_time;
  std::string source = "incidents";
  std::size_t first_line = 1;

  [[nodiscard]] std::size_t size() const noexcept { return unit.size(); }
};

[[nodiscard]] inline child_columns view(const registers::child_register& c, std::string source = "children") {
  return {c.units, c.ethnicities, c.unit, c.child_sex, c.birth, c.ethnicity, c.special_groups, c.flags, std::move(source), 1};
}

[[nodiscard]] inline incident_columns view(const registers::incident_register& r, std::string source = "incidents") {
  return {r.units, r.unit, r.day, r.kind, r.fatal, r.child_sex, r.child_age, r.where, r.plan_in_time, std::move(source), 1};
}

}  // namespace treem::indicators

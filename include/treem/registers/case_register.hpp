// The case register (Decree 56/2017/NĐ-CP, Chapter III), column by column: one row per case of
// abuse or risk of abuse that a commune handles, with the dated steps of its handling. Nothing in
// it names the child; the case id is pseudonymised when a key is given, and is never printed.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "treem/registers/vocabulary.hpp"

namespace treem::registers {

/// The steps of a case, in the order the Decree sets them out (Arts. 25-30).
enum class case_step : std::uint8_t {
  received,             ///< the report was received (Form 01)
  initial_assessment,   ///< initial assessment of risk and harm (Art. 26, Form 02)
  emergency_measure,    ///< emergency intervention or temporary separation (Arts. 31-32)
  specific_assessment,  ///< specific assessment and the needs meeting (Art. 27, Form 03)
  plan_drafted,         ///< support/intervention plan drafted and submitted (Art. 28(1), Form 04)
  plan_approved,        ///< the plan approved by the commune chairman (Form 05)
  reviewed,             ///< the latest review of the plan (Art. 30)
  closed,               ///< the plan closed
};

inline constexpr std::string_view case_step_names[] = {"received",     "initial_assessment", "emergency_measure", "specific_assessment",
                                                       "plan_drafted", "plan_approved",      "reviewed",          "closed"};
inline constexpr std::string_view case_step_names_vi[] = {"tiếp nhận",          "đánh giá ban đầu", "can thiệp khẩn cấp", "đánh giá cụ thể",
                                                          "xây dựng kế hoạch", "phê duyệt kế hoạch", "rà soát",          "kết thúc"};
inline constexpr std::size_t case_step_count = std::size(case_step_names);

[[nodiscard]] constexpr std::string_view to_string(case_step s) noexcept { return case_step_names[static_cast<int>(s)]; }
[[nodiscard]] constexpr std::string_view label_vi(case_step s) noexcept { return case_step_names_vi[static_cast<int>(s)]; }

[[nodiscard]] constexpr std::optional<case_step> case_step_from_string(std::string_view s) noexcept {
  for (std::size_t i = 0; i < case_step_count; ++i) {
    if (case_step_names[i] == s) return static_cast<case_step>(i);
  }
  return std::nullopt;
}

/// When a step happened: a day, and the minute of the day when the register records it.
struct case_time {
  static constexpr std::int32_t no_day = INT32_MIN;
  std::int32_t day = no_day;  ///< days since 1970-01-01; no_day: the step has not happened
  std::int16_t minute = -1;   ///< 0-1439; -1: the time of day is not recorded

  [[nodiscard]] bool happened() const noexcept { return day != no_day; }
  [[nodiscard]] bool timed() const noexcept { return minute >= 0; }
  /// The first and the last minute (since 1970-01-01 00:00) the step may have happened at.
  [[nodiscard]] std::int64_t earliest() const noexcept { return std::int64_t{day} * 1440 + (timed() ? minute : 0); }
  [[nodiscard]] std::int64_t latest() const noexcept { return std::int64_t{day} * 1440 + (timed() ? minute : 1439); }
  friend bool operator==(const case_time&, const case_time&) = default;
};

struct case_register {
  std::vector<std::string> units;  ///< dictionary of commune codes
  std::vector<std::string> ids;    ///< case ids (pseudonyms with a key): for matching, never printed

  std::vector<std::uint32_t> unit;
  std::vector<incident_kind> kind;
  std::vector<std::uint8_t> serious_harm;  ///< 1: serious harm to life, health or dignity flagged
  std::array<std::vector<case_time>, case_step_count> steps;
  std::vector<std::uint64_t> line;  ///< the case's line in its source: how outputs refer to it

  friend bool operator==(const case_register&, const case_register&) = default;
  [[nodiscard]] std::size_t size() const noexcept { return unit.size(); }
  [[nodiscard]] const std::string& unit_code(std::size_t row) const { return units[unit[row]]; }
  [[nodiscard]] const case_time& at(std::size_t row, case_step s) const { return steps[static_cast<int>(s)][row]; }
};

}  // namespace treem::registers

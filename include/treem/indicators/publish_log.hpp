// The publish log: what earlier runs over the same registers published and withheld, so that a
// later run (another level, other indicators) keeps the promise of suppression across runs. One
// table run alone is protected against everything its own numbers imply; a district table
// published after the commune table could give back, by subtraction, a commune count the commune
// table withheld. This is the a-priori information of tau-Argus (Hundepool et al., Statistical
// Disclosure Control, Wiley 2012, on linked tables): an earlier published count is a number every
// reader has, an earlier withheld count stays withheld, and an earlier protected count (one of
// 1..k, or the complement of a proportion) is protected again.
//
// One line per count: the period, reference date and merger of the run, the communes of its unit (codes),
// what it counts (count_set_text.hpp), its state and, only when published, its value. A withheld
// count's value is never written. The log still says which withheld counts are of 1..k: it is kept
// like the registers, never published.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "treem/core/source_location.hpp"
#include "treem/io/csv_writer.hpp"

namespace treem::indicators {

enum class log_state : std::uint8_t { published, withheld, protected_count };
inline constexpr std::string_view log_state_names[] = {"published", "withheld", "protected"};

struct log_entry {
  std::string period;          ///< as the table writes it: 2024, 2024S1, 2024Q3
  std::string reference_date;  ///< dd/mm/yyyy
  std::string merger;          ///< the merger whose new units the communes are (empty: none)
  std::vector<std::string> communes;  ///< commune codes of the unit, sorted
  std::string count;  ///< count_set_text of what it counts
  std::string minus;  ///< a protected complement: the numerator's count (the count is its denominator); else empty
  log_state state = log_state::published;
  double value = std::numeric_limits<double>::quiet_NaN();  ///< published counts only
  source_location where;  ///< the line it was read from (empty for a run's own entries)

  /// What the entry says, without where it was read: two equal keys are one entry.
  [[nodiscard]] std::string key() const {
    std::string k = period + '\x1f' + reference_date + '\x1f' + merger + '\x1f' + count + '\x1f' + minus + '\x1f' + std::string(1, static_cast<char>('0' + static_cast<int>(state)));
    for (const auto& c : communes) k += '\x1f' + c;
    return k;
  }
};

struct publish_log {
  std::vector<log_entry> entries;
};

/// The log as CSV (the columns of publish_log_schema, cells safe to open in a spreadsheet).
[[nodiscard]] inline std::string publish_log_csv(const publish_log& log) {
  std::string out = "period,reference_date,merger,communes,count,minus,state,value\n";
  for (const auto& e : log.entries) {
    std::string communes;
    for (const auto& c : e.communes) communes += (communes.empty() ? "" : " ") + c;
    char value[32] = "";
    if (e.state == log_state::published) *std::to_chars(value, value + sizeof value - 1, e.value, std::chars_format::fixed, 0).ptr = '\0';
    out += io::csv_text(e.period) + ',' + io::csv_text(e.reference_date) + ',' + io::csv_text(e.merger) + ',' + io::csv_text(communes) + ',' + io::csv_text(e.count) + ',' +
           io::csv_text(e.minus) + ',' + std::string(log_state_names[static_cast<int>(e.state)]) + ',' + value + '\n';
  }
  return out;
}

/// The earlier log with a run's entries added (an entry already there is not repeated). Earlier
/// entries are kept whatever their period: one log serves every period of an office's tables.
[[nodiscard]] inline publish_log merge_logs(const publish_log& earlier, const publish_log& run) {
  publish_log out = earlier;
  std::set<std::string> seen;
  for (const auto& e : out.entries) seen.insert(e.key());
  for (const auto& e : run.entries) {
    if (seen.insert(e.key()).second) out.entries.push_back(e);
  }
  return out;
}

}  // namespace treem::indicators

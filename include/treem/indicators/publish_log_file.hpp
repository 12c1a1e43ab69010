// The publish log's file (publish_log.hpp): read out of any table source through the one reader
// (the columns of registers::publish_log_schema, each line checked and located), and written back
// whole with a run's entries added, never half-written.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/core/error.hpp"
#include "treem/indicators/publish_log.hpp"
#include "treem/io/read_blocks.hpp"
#include "treem/io/write_file.hpp"
#include "treem/registers/register_reader.hpp"

namespace treem::indicators {

namespace detail {

inline std::vector<std::string> split_codes(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t j = std::min(text.find(' ', i), text.size());
    if (j > i) out.emplace_back(text.substr(i, j - i));
    i = j + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// The fields of a log line, in the order of registers::publish_log_schema.
enum log_field : std::size_t { f_period, f_reference_date, f_merger, f_communes, f_count, f_minus, f_state, f_value };

inline log_entry log_row(const io::string_table& t, std::size_t r, const std::vector<int>& col) {
  const auto cell = [&](log_field f) -> const std::string& {
    static const std::string none;
    return col[f] < 0 ? none : t.rows[r][static_cast<std::size_t>(col[f])];
  };
  const auto at = [&](log_field f) { return t.where(r, col[f]); };
  log_entry e;
  e.where = t.where(r);
  e.period = cell(f_period), e.reference_date = cell(f_reference_date), e.merger = cell(f_merger);
  e.communes = split_codes(cell(f_communes)), e.count = cell(f_count), e.minus = cell(f_minus);
  for (const auto& [f, name] : {std::pair{f_period, "period"}, {f_reference_date, "reference_date"}, {f_communes, "communes"}, {f_count, "count"}}) {
    if (cell(f).empty()) throw validation_error(at(f), name, "is empty");
  }
  const auto state = std::find(std::begin(log_state_names), std::end(log_state_names), cell(f_state));
  if (state == std::end(log_state_names)) throw validation_error(at(f_state), "state", "not one of published, withheld, protected");
  e.state = static_cast<log_state>(state - std::begin(log_state_names));
  if (!e.minus.empty() && e.state != log_state::protected_count) throw validation_error(at(f_minus), "minus", "only a protected count has a minus");
  const std::string& v = cell(f_value);
  if (e.state != log_state::published) {
    if (!v.empty()) throw validation_error(at(f_value), "value", "a count that is not published has no value in the log");
    return e;
  }
  double x = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || !(x >= 0) || std::isinf(x) || x != std::floor(x)) {
    throw validation_error(at(f_value), "value", "a published count is a whole number of at least 0");
  }
  e.value = x;
  return e;
}

}  // namespace detail

/// Reads a publish log from any table source (in practice the CSV treem wrote). Throws
/// validation_error (or parse_error) at the first problem, naming line and field.
[[nodiscard]] TREEM_FUNC publish_log read_publish_log(io::table_source& source);

#if TREEM_DEFINITIONS
TREEM_FUNC publish_log read_publish_log(io::table_source& source) {
  const io::string_table t = io::read_table(source);
  const std::vector<int> col = registers::detail::map_columns(t.header, registers::publish_log_schema(), t.source,
                                                              [](const source_location& where, const std::string& field, const std::string& why) {
                                                                throw validation_error(where, field, why);
                                                              });
  publish_log log;
  log.entries.reserve(t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) log.entries.push_back(detail::log_row(t, r, col));
  return log;
}
#endif

/// The publish log in file `path`; a file that does not exist yet is an empty log (the first run).
[[nodiscard]] inline publish_log read_publish_log_file(const std::string& path) {
  if (!std::filesystem::exists(path)) return {};
  auto source = io::csv_source::open(path);
  return read_publish_log(*source);
}

/// Writes to `path` the log `earlier` (read from it before the run) with the run's entries added.
inline void update_publish_log_file(const std::string& path, const publish_log& earlier, const publish_log& run) {
  io::write_file_atomically(path, publish_log_csv(merge_logs(earlier, run)));
}

}  // namespace treem::indicators

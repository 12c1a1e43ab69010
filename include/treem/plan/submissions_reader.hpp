// Lists of submitted reports out of any table source: submitter (an agency id or a commune code),
// report (a report id of the plan) and date (dd/mm/yyyy, d/m/yyyy or ISO); other columns are ignored.
#pragma once

#include <string>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/io/read_blocks.hpp"
#include "treem/plan/submissions.hpp"
#include "treem/registers/register_reader.hpp"

namespace treem::plan {

/// Reads submissions. Throws validation_error (or parse_error) at the first problem.
[[nodiscard]] TREEM_FUNC std::vector<submission> read_submissions(io::table_source& source);

#if TREEM_DEFINITIONS
TREEM_FUNC std::vector<submission> read_submissions(io::table_source& source) {
  const io::string_table t = io::read_table(source);
  const std::vector<int> col = registers::detail::map_columns(t.header, registers::submissions_schema(), t.source,
                                                              [](const source_location&, const std::string&, const std::string&) {});
  std::vector<submission> out;
  out.reserve(t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const std::string& who = row[static_cast<std::size_t>(col[0])];
    const std::string& report = row[static_cast<std::size_t>(col[1])];
    if (who.empty()) throw validation_error(t.where(r, col[0]), "submitter", "is empty");
    if (report.empty()) throw validation_error(t.where(r, col[1]), "report", "is empty");
    const auto day = parse_epoch_days(row[static_cast<std::size_t>(col[2])]);
    if (!day) throw validation_error(t.where(r, col[2]), "date", "not a calendar date in the form dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd");
    out.push_back({who, report, from_epoch_days(*day), t.where(r)});
  }
  return out;
}
#endif

/// Submissions from CSV text in memory.
[[nodiscard]] inline std::vector<submission> read_submissions_csv(std::string_view text, const std::string& name) {
  auto source = io::csv_source::from_text(text, name);
  return read_submissions(*source);
}

}  // namespace treem::plan

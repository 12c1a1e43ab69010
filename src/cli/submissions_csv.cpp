// Submissions from CSV: columns submitter, report, date (others are ignored).
#include "cli/submissions_csv.hpp"

#include "cli/csv_table.hpp"

namespace treem::cli {

std::vector<plan::submission> read_submissions_csv(const std::string& text, const std::string& file_name) {
  const csv_table t = read_csv(text, file_name);
  const int submitter = t.require("submitter");
  const int report = t.require("report");
  const int day = t.require("date");
  std::vector<plan::submission> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    if (row[submitter].empty()) throw validation_error(t.where(r, submitter), "submitter", "is empty");
    if (row[report].empty()) throw validation_error(t.where(r, report), "report", "is empty");
    out.push_back({row[submitter], row[report], t.cell_date(r, day, "date"), t.where(r)});
  }
  return out;
}

}  // namespace treem::cli

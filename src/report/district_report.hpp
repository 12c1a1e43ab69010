// The report a district sends on its child-work plan (the Sơn Hà plan's section V asks for a
// six-month report before 31/5, an annual one before 30/11 and the report on the plan before
// 10/12): indicators by commune and district with intervals and targets, certification results
// with reasons, the plan's report submissions, the incidents by kind, and charts, as one workbook.
// `treem report` and `treem.report()` both call build_report() then write_xlsx().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/workbook.hpp"
#include "treem/core/language.hpp"
#include "treem/time/date.hpp"

namespace treem::report {

struct report_request {
  std::string plan;         ///< plan file (TOML); empty: the bundled Sơn Hà 2024 plan
  std::string units;        ///< units file (TOML); empty: the bundled units
  std::string children;     ///< child register (CSV), required
  std::string incidents;    ///< incident register (CSV); empty: no incident indicators or summary
  std::string assessments;  ///< assessment sheet (CSV); empty: no certification sheet
  std::string submissions;  ///< submissions (CSV); empty: every report due is listed as missing
  std::vector<std::string> rules;  ///< rule sets: bundled ids or files; default the national standard
  std::string period = "2024";     ///< e.g. 2024S1 (six months), 2024
  std::optional<date> as_of;       ///< the date of the submission status; default the period's end
  date made_on;                    ///< the date the report is made (the cover says it)
  language lang = language::vi;
  int threshold = 4;               ///< small-cell threshold: counts 1..k are withheld
  int protection_upper = 0;        ///< withheld counts of 1..k keep an interval holding [0, this]; 0: k + 1
};

/// Reads every input through the library's readers and lays out the workbook. Throws the located
/// error of the first bad input; nothing is written.
[[nodiscard]] workbook build_report(const report_request& request);

}  // namespace treem::report

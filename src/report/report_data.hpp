// What the district report shows, computed by the engines from the request's files: the stage
// between reading and laying out the workbook.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/district_report.hpp"
#include "treem/certify/decision.hpp"
#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/targets.hpp"
#include "treem/plan/plan.hpp"
#include "treem/plan/submissions.hpp"
#include "treem/time/period.hpp"

namespace treem::report {

/// An input file as the cover cites it: its name (never its rows) and what it held.
struct source_line {
  std::string file;
  std::size_t rows = 0;
  std::string what_vi, what_en;
  std::size_t left_out = 0;  ///< rows outside the period (born after its end, incidents outside it)
};

struct report_data {
  treem::period period{period_type::year, 2024};
  std::string unit_code, unit_name;
  plan::plan plan;
  indicators::catalogue catalogue;
  std::string targets_id, targets_version;
  indicators::indicator_table table;
  indicators::target_progress progress;
  std::optional<certify::decision_set> decisions;
  std::vector<plan::submission_status> statuses;
  date as_of;
  std::vector<source_line> sources;
};

/// Reads the request's files with the library's readers and runs the engines.
[[nodiscard]] report_data gather(const report_request& request);

}  // namespace treem::report

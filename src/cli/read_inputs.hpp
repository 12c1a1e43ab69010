// The program's way into the library's one reader: registers, assessment sheets and submissions
// read from files, with progress on a terminal and the rows left out said on stderr.
#pragma once

#include <string>
#include <vector>

#include "treem/cases/timeliness.hpp"
#include "treem/certify/assessment.hpp"
#include "treem/certify/rule_set.hpp"
#include "treem/plan/submissions.hpp"
#include "treem/registers/case_register_reader.hpp"
#include "treem/registers/child_register_reader.hpp"
#include "treem/registers/incident_register_reader.hpp"

namespace treem::cli {

/// A child register file; the progress shows on stderr when it is a terminal.
registers::child_register_result read_children(const std::string& path, const unit_registry& units, const date& reference,
                                               registers::read_options options);
registers::incident_register_result read_incidents(const std::string& path, const unit_registry& units, const date& reference,
                                                   const registers::read_options& options);
registers::case_register_result read_cases(const std::string& path, const unit_registry& units, const date& as_of,
                                           const registers::read_options& options);
std::vector<certify::unit_assessment> read_assessments(const std::string& path, const certify::rule_set& rules);
std::vector<plan::submission> read_submissions(const std::string& path);

/// A case register and, per case, whether its plan was approved in time as of the end of `as_of`
/// (see cases::approved_in_time), with the limits' disputed readings chosen by `readings`.
struct case_timeliness {
  registers::case_register cases;
  std::vector<std::int8_t> in_time;
};
case_timeliness read_case_timeliness(const std::string& path, const unit_registry& units, const date& as_of, const std::vector<std::string>& readings);

/// --reading plan_approved=7 ...: the chosen readings of disputed time limits.
cases::check_options parse_readings(const std::vector<std::string>& specs);

/// "file: 12 rows left out: birth_date: born after the reference date 31/12/2024" on stderr.
void note_exclusions(const std::string& path, const std::vector<registers::row_exclusion>& excluded);

}  // namespace treem::cli

#include "cli/read_inputs.hpp"

#include <iostream>

#include <unistd.h>

#include "treem/certify/assessment_reader.hpp"
#include "treem/data/bundled.hpp"
#include "treem/plan/submissions_reader.hpp"

namespace treem::cli {

registers::child_register_result read_children(const std::string& path, const unit_registry& units, const date& reference,
                                               registers::read_options options) {
  const bool terminal = isatty(STDERR_FILENO) != 0;
  int shown = -1;
  if (terminal) {
    options.progress = [&](std::size_t done, std::size_t total) {
      const int percent = total ? static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)) : 100;
      if (percent != shown) std::cerr << "\rreading " << path << ": " << (shown = percent) << "%" << std::flush;
      return true;
    };
  }
  auto source = io::csv_source::open(path);
  auto result = registers::read_child_register(*source, units, reference, options);
  if (terminal) std::cerr << "\r\033[K" << std::flush;
  note_exclusions(path, result.excluded);
  return result;
}

registers::incident_register_result read_incidents(const std::string& path, const unit_registry& units, const date& reference,
                                                   const registers::read_options& options) {
  auto source = io::csv_source::open(path);
  auto result = registers::read_incident_register(*source, units, reference, options);
  note_exclusions(path, result.excluded);
  return result;
}

registers::case_register_result read_cases(const std::string& path, const unit_registry& units, const date& as_of,
                                           const registers::read_options& options) {
  auto source = io::csv_source::open(path);
  auto result = registers::read_case_register(*source, units, as_of, options);
  note_exclusions(path, result.excluded);
  return result;
}

std::vector<certify::unit_assessment> read_assessments(const std::string& path, const certify::rule_set& rules) {
  auto source = io::csv_source::open(path);
  return certify::read_assessments(*source, rules);
}

std::vector<plan::submission> read_submissions(const std::string& path) {
  auto source = io::csv_source::open(path);
  return plan::read_submissions(*source);
}

case_timeliness read_case_timeliness(const std::string& path, const unit_registry& units, const date& as_of, const std::vector<std::string>& readings) {
  case_timeliness out;
  out.cases = read_cases(path, units, as_of, {}).cases;
  const auto& rules = data::case_deadlines();
  const std::int64_t end_of_day = to_epoch_days(as_of) * 1440 + 1439;
  const auto checks = cases::check_cases(out.cases, rules, data::vietnam_holidays(), end_of_day, parse_readings(readings));
  out.in_time = cases::approved_in_time(out.cases, rules, checks);
  return out;
}

cases::check_options parse_readings(const std::vector<std::string>& specs) {
  cases::check_options o;
  for (const auto& s : specs) {
    const auto eq = s.find('=');
    const std::string value = eq == std::string::npos ? "" : s.substr(eq + 1);
    const bool digits = !value.empty() && value.size() <= 3 && value.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) throw validation_error({"<argument --reading>"}, "--reading", "expected deadline=number, e.g. plan_approved=7");
    o.readings[s.substr(0, eq)] = std::stoi(value);
  }
  return o;
}

void note_exclusions(const std::string& path, const std::vector<registers::row_exclusion>& excluded) {
  for (const auto& e : excluded) {
    std::cerr << path << ": " << e.rows << (e.rows == 1 ? " row" : " rows") << " left out: " << e.field << ": " << e.rule << '\n';
  }
}

}  // namespace treem::cli

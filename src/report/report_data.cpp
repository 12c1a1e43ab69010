#include "report/report_data.hpp"

#include <filesystem>

#include "treem/certify/assessment_reader.hpp"
#include "treem/certify/evaluate.hpp"
#include "treem/data/bundled.hpp"
#include "treem/data/rule_sets.hpp"
#include "treem/io/read_file.hpp"
#include "treem/indicators/compute.hpp"
#include "treem/io/csv_reader.hpp"
#include "treem/plan/plan_toml.hpp"
#include "treem/plan/submissions_reader.hpp"
#include "treem/registers/child_register_reader.hpp"
#include "treem/registers/incident_register_reader.hpp"
#include "treem/units/units_toml.hpp"

namespace treem::report {

namespace {

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::size_t rows_left_out(const std::vector<registers::row_exclusion>& excluded) {
  std::size_t n = 0;
  for (const auto& e : excluded) n += e.rows;
  return n;
}

registers::incident_register_result read_incidents(const std::string& path, const unit_registry& units, const treem::period& p) {
  registers::read_options options;
  options.period_start = p.start();
  auto source = io::csv_source::open(path);
  return registers::read_incident_register(*source, units, p.end(), options);
}

/// Indicators at commune and district level, totals and breakdowns, suppressed as `treem
/// indicators` does, and their progress against the national targets.
void compute_statistics(const report_request& r, const unit_registry& units, report_data& out) {
  auto child_source = io::csv_source::open(r.children);
  const auto read = registers::read_child_register(*child_source, units, out.period.end(), {});
  const auto& children = read.children;
  out.sources.push_back({file_name(r.children), children.size(), "trẻ em", "children", rows_left_out(read.excluded)});
  registers::incident_register incidents;
  if (!r.incidents.empty()) {
    auto result = read_incidents(r.incidents, units, out.period);
    incidents = std::move(result.incidents);
    out.sources.push_back({file_name(r.incidents), incidents.size(), "vụ việc trong kỳ", "incidents in the period", rows_left_out(result.excluded)});
  }
  indicators::indicator_request req;
  req.period = out.period;
  req.levels = {indicators::level::commune, indicators::level::district};
  req.suppression.threshold = r.threshold;
  req.suppression.upper = r.protection_upper;
  const auto c = indicators::view(children, r.children);
  const auto i = indicators::view(incidents, r.incidents);
  out.table = indicators::compute_indicators(out.catalogue, units, &c, r.incidents.empty() ? nullptr : &i, req);
  out.progress = indicators::evaluate_targets(out.table, data::national_targets());
  out.targets_id = data::national_targets().id;
  out.targets_version = data::national_targets().version;
}

/// Certification of the period's year: assessments are made for a year, whatever the report's period.
void certify_units(const report_request& r, const unit_registry& units, report_data& out) {
  const certify::composed_rules rules = data::compose_rules(r.rules);
  auto sheet = io::csv_source::open(r.assessments);
  const auto assessments = certify::read_assessments(*sheet, rules.rules);
  out.sources.push_back({file_name(r.assessments), assessments.size(), "bản tự đánh giá", "assessments"});
  const treem::period year(period_type::year, out.period.start().year());
  const auto incidents = r.incidents.empty() ? registers::incident_register{} : read_incidents(r.incidents, units, year).incidents;
  out.decisions = certify::evaluate_all(assessments, incidents, rules, units, year.iso());
}

void submission_status(const report_request& r, const unit_registry& units, report_data& out) {
  std::vector<plan::submission> records;
  if (!r.submissions.empty()) {
    auto source = io::csv_source::open(r.submissions);
    records = plan::read_submissions(*source);
    out.sources.push_back({file_name(r.submissions), records.size(), "báo cáo đã nhận", "reports received"});
  }
  out.as_of = r.as_of.value_or(out.period.end());
  out.statuses = plan::submission_statuses(out.plan, units, records, out.as_of);
}

}  // namespace

report_data gather(const report_request& r) {
  if (r.children.empty()) throw validation_error({"<arguments>"}, "children", "the report needs the child register");
  report_data out;
  out.period = treem::period::parse(r.period, {"<argument period>", 1, 1});
  out.plan = r.plan.empty() ? data::son_ha_2024_plan() : plan::load_plan(io::read_file(r.plan), r.plan);
  const unit_registry units = r.units.empty() ? data::quang_ngai_son_ha_units() : treem::load_units(io::read_file(r.units), r.units);
  out.unit_code = out.plan.document.unit;
  const admin_unit* unit = units.find(out.unit_code, out.period.end());
  if (!unit) unit = units.find(out.unit_code, out.period.start());
  out.unit_name = unit ? unit->full_name() : out.unit_code;
  out.catalogue = data::child_statistics_catalogue();
  compute_statistics(r, units, out);
  if (!r.assessments.empty()) certify_units(r, units, out);
  submission_status(r, units, out);
  return out;
}

}  // namespace treem::report

// treem demo: what treem knows about Sơn Hà out of the box. Grows with each capability.
#include <map>
#include <random>
#include <cmath>
#include <ostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/read_inputs.hpp"
#include "treem/plan/submissions_reader.hpp"
#include "cli/units_table.hpp"
#include "treem/certify/evaluate.hpp"
#include "treem/registers/incident_register_reader.hpp"
#include "treem/indicators/compute.hpp"
#include "treem/data/bundled.hpp"
#include "treem/plan/plan_calendar.hpp"
#include "treem/plan/responsibilities.hpp"
#include "treem/plan/submissions.hpp"
#include "treem/time/lunar_calendar.hpp"
#include "treem/time/period.hpp"

namespace treem::cli {

namespace {

void heading(std::ostream& out, const std::string& text) { out << "\n== " << text << " ==\n"; }

void print_calendar_facts_2024(std::ostream& out) {
  const auto& holidays = data::vietnam_holidays();
  std::vector<std::vector<std::string>> rows{{"day", "solar date", "weekday", "lunar date"}};
  auto add = [&](const std::string& name, const date& d) {
    rows.push_back({name, format_vn(d), weekday_vi(d), lunar::to_lunar(d).to_string()});
  };
  add("Tết Nguyên đán (1/1 âm lịch)", lunar::tet(2024));
  add("Giỗ Tổ Hùng Vương (10/3 âm lịch)", lunar::from_lunar({10, 3, 2024, false}));
  add("Tết Trung thu (15/8 âm lịch)", lunar::trung_thu(2024));
  print_table(out, rows);
  const period action_month(period_type::month, 2024, 6);
  out << "Tháng hành động vì trẻ em: " << format_vn(action_month.start()) << " – " << format_vn(action_month.end()) << ", "
      << holidays.working_days_between(action_month.start() - date_duration(1), action_month.end()) << " working days\n";
  for (const period& p : {period::statistical_six_month(2024), period::statistical_year(2024)}) {
    out << "Kỳ báo cáo thống kê " << p.iso() << " (" << p.vietnamese_label() << "): " << format_vn(p.start()) << " – "
        << format_vn(p.end()) << ", " << holidays.working_days_between(p.start() - date_duration(1), p.end()) << " working days\n";
  }
  out << holidays.days_off(2024).size() << " days off in 2024 besides weekends (treem holidays 2024 lists them).\n";
}

void print_plan_agencies(std::ostream& out, const plan::plan& p) {
  std::map<std::string, std::map<plan::task_role, int>> counts;
  for (const auto& r : plan::responsibility_matrix(p)) counts[r.agency][r.role]++;
  std::vector<std::vector<std::string>> rows{{"agency", "relation", "lead", "coordinating", "requested"}};
  for (const auto& a : p.agencies) {
    const auto& c = counts[a.id];
    if (c.empty()) continue;
    rows.push_back({a.short_name, std::string(to_string(a.relation)), std::to_string(c.count(plan::task_role::lead) ? c.at(plan::task_role::lead) : 0),
                    std::to_string(c.count(plan::task_role::coordinating) ? c.at(plan::task_role::coordinating) : 0),
                    std::to_string(c.count(plan::task_role::requested) ? c.at(plan::task_role::requested) : 0)});
  }
  print_table(out, rows);
  out << p.tasks().size() << " tasks; without a lead:";
  for (const auto& t : plan::tasks_without_lead(p)) out << " " << t.path;
  out << "\n";
}

void print_plan_calendar(std::ostream& out, const plan::plan& p) {
  const auto cal = plan::make_calendar(p);
  std::vector<std::vector<std::string>> rows{{"date", "until", "what", "plan"}};
  for (const auto& e : cal.entries) {
    rows.push_back({format_vn(e.start), e.end == e.start ? "" : format_vn(e.end),
                    (e.kind == plan::entry_kind::deadline ? "Hạn: " : "") + e.name + (e.lunar ? " (âm lịch)" : ""), e.source});
  }
  print_table(out, rows);
  out << "Named without a date:";
  for (const auto& e : cal.undated) out << " " << e.name << ";";
  out << "\n";
}

void print_status(std::ostream& out, const plan::plan& p) {
  const date as_of = make_date(2024, 6, 15);
  const auto records = plan::read_submissions_csv(data::embedded::demo_submissions_son_ha_2024,
                                            std::string(data::embedded::demo_submissions_son_ha_2024_name));
  const auto statuses = plan::submission_statuses(p, data::quang_ngai_son_ha_units(), records, as_of);
  out << "As of " << format_vn(as_of) << ", with " << records.size() << " illustrative submissions ("
      << data::embedded::demo_submissions_son_ha_2024_name << "):\n";
  std::vector<std::vector<std::string>> rows{{"report", "submitter", "state", "submitted", "days late"}};
  int shown = 0, missing = 0;
  for (const auto& s : statuses) {
    if (s.report != "bao_cao_6_thang") continue;
    if (s.state == plan::submission_state::missing) ++missing;
    if (s.state == plan::submission_state::missing && shown++ >= 5) continue;  // the rest are summed up below
    rows.push_back({s.report, s.submitter_name, std::string(to_string(s.state)), s.submitted ? format_vn(*s.submitted) : "",
                    s.days_late ? std::to_string(s.days_late) : ""});
  }
  print_table(out, rows);
  out << missing << " six-month reports missing in all (treem plan status --overdue lists them); "
      << "the annual reports and the district's report are not yet due.\n";
}

// Synthetic self-assessments for Sơn Hà's 14 units in 2024 (seeded: every run prints the same).
// Each commune claims points for all 13 criteria and states the facts behind criteria 1, 6 and 7,
// which treem scores itself where the confirmed rules allow, and audits. A few incidents exercise
// the district's rule.
std::pair<std::vector<certify::unit_assessment>, registers::incident_register> generated_assessments(const std::vector<const admin_unit*>& communes) {
  std::mt19937 rng(2024);
  std::uniform_real_distribution<double> points(54, 70);
  std::uniform_real_distribution<double> supported(93, 100);
  std::uniform_real_distribution<double> immunised(97, 100);
  std::bernoulli_distribution collaborators(0.85);
  std::vector<certify::unit_assessment> out;
  for (const admin_unit* u : communes) {
    certify::unit_assessment a;
    a.unit = u->code;
    a.period = "2024";
    a.where = {"<generated>", out.size() + 2, 0};
    const bool has_collaborators = collaborators(rng);
    const double supported_pct = std::round(supported(rng) * 10) / 10;
    const double immunised_pct = std::round(immunised(rng) * 10) / 10;
    a.facts = {{"cp_worker_assigned", 1}, {"village_collaborators", has_collaborators ? 1.0 : 0.0}, {"board_meets_regularly", 1},
               {"child_protection_budget", 0}, {"special_circumstances_supported_percent", supported_pct},
               {"intervention_plan_in_time_percent", 100}, {"under1_fully_immunised_percent", immunised_pct}};
    a.points[1] = 80;  // as if collaborators were always there: the audit catches it where they are not
    a.points[6] = supported_pct >= 95 ? 125 : 110;
    a.points[7] = immunised_pct >= 98 ? 50 : 45;
    for (int c : {2, 3, 4, 5, 8, 9, 10, 11, 12, 13}) a.points[c] = std::round(points(rng));
    out.push_back(std::move(a));
  }
  out[3].points[5] = 0;     // a commune that scored itself 0 on accidents and injuries
  out[9].points.erase(12);  // and one whose play and recreation criterion was not assessed
  // The incidents enter as any register does: through the one reader.
  const auto source = io::csv_source::from_text(
      "unit,date,kind,fatal,plan_approved_in_time\n21304,14/07/2024,drowning,0,\n21316,02/03/2024,traffic_injury,0,\n"
      "21322,05/10/2024,sexual_abuse,0,1\n", "<generated incidents>");
  auto incidents = registers::read_incident_register(*source, data::quang_ngai_son_ha_units(), make_date(2024, 12, 31));
  return {out, std::move(incidents.incidents)};
}

void print_certification(std::ostream& out) {
  const auto& units = data::quang_ngai_son_ha_units();
  const auto communes = units.descendants("529", make_date(2024, 12, 31));
  const auto [assessments, incidents] = generated_assessments(communes);
  const auto rules = certify::compose({data::national_cfc_rules(), data::son_ha_2024_cfc_overlay()});
  const auto decisions = certify::evaluate_all(assessments, incidents, rules, units, "2024");
  out << "Generated assessments (synthetic, seeded) and 3 incidents; rules "
      << rules.layers[0].first << " + " << rules.layers[1].first << ":\n";
  print_decisions(out, decisions, language::en);
  std::size_t findings = 0;
  for (const auto& d : decisions.decisions) findings += d.audit.size();
  out << "Audit: " << findings << " findings (claims that differ from the facts, incidents not reported); "
      << "treem certify --json gives them with the full trace.\n";
}

// District totals from synthetic registers, with intervals and the national 2025 targets.
void print_statistics(std::ostream& out) {
  const auto g = registers::generate_registers(data::generator_units("sonha"), data::synthetic_generator_parameters(), 1, make_date(2024, 12, 31));
  const auto c = indicators::view(g.children);
  const auto r = indicators::view(g.incidents);
  indicators::indicator_request req;
  req.levels = {indicators::level::district};
  const auto& cat = data::child_statistics_catalogue();
  const auto t = indicators::compute_indicators(cat, data::quang_ngai_son_ha_units(), &c, &r, req);
  const auto goals = indicators::evaluate_targets(t, data::national_targets(), 2025);
  out << "Synthetic registers (seed 1): " << g.children.size() << " children, " << g.incidents.size()
      << " incidents; huyện Sơn Hà, period " << t.period << ", counts 1-" << t.suppression_threshold << " withheld:\n";
  std::vector<std::vector<std::string>> rows{{"indicator", "numerator", "denominator", "value", "95% CI", "target 2025", ""}};
  auto fixed = [](double v, int decimals) {
    if (std::isnan(v)) return std::string("x");
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(decimals);
    s << v;
    return s.str();
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.breakdown_label(i) != "total") continue;
    const auto& def = cat.get(t.indicator_keys[t.indicator[i]]);
    const int decimals = def.factor == 1 ? 0 : def.factor == 100 ? 2 : 1;
    std::string target, meets;
    for (std::size_t k = 0; k < goals.size(); ++k) {
      if (goals.indicator[k] != def.key) continue;
      target = goals.comparator_text[k] + " " + (std::isnan(goals.target_value[k]) ? "(baseline)" : fixed(goals.target_value[k], 1));
      meets = goals.meets[k] < 0 ? "?" : goals.meets[k] ? "met" : "not met";
    }
    rows.push_back({def.key, fixed(t.numerator[i], 0), std::isnan(t.denominator[i]) ? "" : fixed(t.denominator[i], 0),
                    fixed(t.value[i], decimals) + (def.factor == 1 || std::isnan(t.value[i]) ? "" : " " + def.unit),
                    std::isnan(t.lower[i]) ? "" : fixed(t.lower[i], decimals) + "-" + fixed(t.upper[i], decimals), target, meets});
  }
  print_table(out, rows);
  out << "Every breakdown, commune and level: treem indicators --children F --incidents F --level commune,district --csv\n";
}

}  // namespace

void register_demo_command(CLI::App& app, std::ostream& out) {
  auto* demo = app.add_subcommand("demo", "Show treem on the bundled Sơn Hà (Quảng Ngãi) data");
  demo->callback([&out] {
    const auto& registry = data::quang_ngai_son_ha_units();
    const auto& plan = data::son_ha_2024_plan();
    const date before = make_date(2024, 12, 31);
    out << "treem demo: huyện Sơn Hà, tỉnh Quảng Ngãi\n";
    heading(out, "Administrative units");
    print_units(out, registry, registry.descendants("529", before), before);
    out << '\n';
    print_merger(out, registry, "nq-1677-2025-son-ha");
    heading(out, "Calendar facts 2024 (lunar dates at UTC+7)");
    print_calendar_facts_2024(out);
    heading(out, plan.document.title + " " + plan.document.subtitle + ": agencies and their tasks");
    print_plan_agencies(out, plan);
    heading(out, "The plan's 2024 calendar");
    print_plan_calendar(out, plan);
    heading(out, "Report submissions");
    print_status(out, plan);
    heading(out, "Child-friendly commune certification 2024 (Decision 06/QĐ-TTg + Sơn Hà's rule IV.1.d)");
    print_certification(out);
    heading(out, "Child statistics 2024 (Circular 13/2021/TT-BLĐTBXH; targets of Decisions 23/QĐ-TTg and 1248/QĐ-TTg)");
    print_statistics(out);
  });
}

}  // namespace treem::cli

// treem certify: child-friendly commune decisions for pipelines.
// Exit 0 when every unit is recognised, 1 when any is not recognised or inconclusive, 2 on invalid
// input or usage (with the located error on stderr and nothing on stdout).
#include <memory>
#include <ostream>
#include <string>

#include "cli/read_inputs.hpp"
#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/io.hpp"
#include "treem/cases/timeliness.hpp"
#include "treem/certify/decision_json.hpp"
#include "treem/certify/evaluate.hpp"
#include "treem/certify/explain.hpp"
#include "treem/data/bundled.hpp"
#include "treem/data/rule_sets.hpp"

namespace treem::cli {

namespace {

using namespace treem::certify;

std::string fmt(const std::optional<double>& v) { return v ? certify::detail::num(*v) : ""; }

}  // namespace

void print_decisions(std::ostream& out, const decision_set& decisions, language lang) {
  // One language at a time: the headers and outcomes follow the reasons.
  const bool vi = lang == language::vi;
  std::vector<std::vector<std::string>> rows{vi ? std::vector<std::string>{"xã", "", "kết quả", "tổng điểm", "điểm đạt", "lý do"}
                                                : std::vector<std::string>{"unit", "", "outcome", "total", "pass mark", "reason"}};
  int counts[3] = {0, 0, 0};
  for (const auto& d : decisions.decisions) {
    const auto why = reasons(d, lang);
    rows.push_back({d.unit, d.unit_name, std::string(outcome_label(d.result, lang)), fmt(d.total), fmt(d.pass_mark), why.empty() ? "" : why.front()});
    for (std::size_t i = 1; i < why.size(); ++i) rows.push_back({"", "", "", "", "", why[i]});
    counts[static_cast<int>(d.result)]++;
  }
  print_table(out, rows);
  const std::size_t n = decisions.decisions.size();
  if (vi) {
    out << n << " xã: " << counts[0] << " công nhận, " << counts[1] << " không công nhận, " << counts[2] << " chưa kết luận\n";
    return;
  }
  out << n << " units: " << counts[0] << " recognized, " << counts[1] << " not recognized, " << counts[2] << " inconclusive\n";
}

namespace {

struct certify_options {
  std::string assessments, incidents, children, cases, period, units, lang = "en";
  std::vector<std::string> rules, readings;
  bool as_json = false, as_csv = false;
};

/// The facts the child and case registers give, commune by commune, as of the period's end.
register_facts facts_from_registers(const certify_options& o, const unit_registry& units, const treem::period& p) {
  register_facts facts;
  if (!o.children.empty()) {
    registers::read_options options;
    add_child_facts(facts, read_children(o.children, units, p.end(), options).children);
  }
  if (!o.cases.empty()) {
    const auto c = read_case_timeliness(o.cases, units, p.end(), o.readings);
    add_case_facts(facts, c.cases, c.in_time, p);
  }
  return facts;
}

}  // namespace

void register_certify_command(CLI::App& app, std::ostream& out) {
  auto o = std::make_shared<certify_options>();
  auto* cmd = app.add_subcommand("certify", "Decide child-friendly recognition of communes (exit 0: all recognized, 1: not all, 2: bad input)");
  cmd->add_option("--assessments", o->assessments, "CSV: unit, period, c1-c13, facts, category, category_reason")->required();
  cmd->add_option("--incidents", o->incidents, "incident register (CSV, as for `treem register check --incidents`)")->required();
  cmd->add_option("--children", o->children, "child register (CSV): criterion 6.1's share computed from it where the sheet is silent, audited where not");
  cmd->add_option("--cases", o->cases, "case register (CSV): criterion 6.2's share computed from the cases' time limits (Decree 56/2017)");
  cmd->add_option("--reading", o->readings, "with --cases: the reading of a disputed time limit, e.g. plan_approved=7");
  cmd->add_option("--rules", o->rules, "rule set files or bundled ids (vn-06-qd-ttg-2019, son-ha-2024-overlay); default: the national standard");
  cmd->add_option("--period", o->period, "the period certified, e.g. 2024")->required();
  cmd->add_option("--units", o->units, "administrative units file (TOML); default: the bundled units");
  cmd->add_option("--lang", o->lang, "language of the reasons: en or vi")->check(CLI::IsMember({"en", "vi"}));
  auto* j = cmd->add_flag("--json", o->as_json, "machine-readable output");
  cmd->add_flag("--csv", o->as_csv, "CSV output")->excludes(j);
  cmd->callback([&out, o] {
    const composed_rules rules = data::compose_rules(o->rules);
    const unit_registry units = o->units.empty() ? data::quang_ngai_son_ha_units() : treem::load_units(read_file(o->units), o->units);
    const auto assessments = read_assessments(o->assessments, rules.rules);
    // The incident register as the indicators read it; incidents outside the period are left out
    // (and said on stderr), whatever day the register was exported.
    const treem::period certified = treem::period::parse(o->period, {"<argument --period>", 1, 1});
    registers::read_options options;
    options.period_start = certified.start();
    const auto incidents = read_incidents(o->incidents, units, certified.end(), options);
    const auto decisions = evaluate_all(assessments, incidents.incidents, rules, units, o->period, facts_from_registers(*o, units, certified));
    const language lang = o->lang == "vi" ? language::vi : language::en;
    if (o->as_json) {
      out << to_json(decisions, lang);
    } else if (o->as_csv) {
      out << "unit,unit_name,period,outcome,total,pass_mark,category";
      for (const auto& c : rules.rules.criteria) out << ",c" << c.id;
      out << ",disqualified,points_missing,reasons\n";
      for (const auto& d : decisions.decisions) {
        out << csv_text(d.unit) << "," << csv_text(d.unit_name) << "," << d.period << "," << to_string(d.result) << "," << fmt(d.total) << ","
            << fmt(d.pass_mark) << "," << (d.category ? std::string(to_string(*d.category)) : "");
        for (const auto& c : d.criteria) out << "," << fmt(c.used);
        std::string joined;
        for (const auto& r : reasons(d, lang)) joined += (joined.empty() ? "" : " | ") + r;
        out << "," << (d.gap.disqualified ? "true" : "false") << "," << fmt(d.gap.points_missing) << "," << csv_text(joined) << "\n";
      }
    } else {
      print_decisions(out, decisions, lang);
    }
    const bool all_recognized = std::all_of(decisions.decisions.begin(), decisions.decisions.end(), [](const decision& d) { return d.result == outcome::recognized; });
    command_status = all_recognized ? 0 : 1;
  });
}

}  // namespace treem::cli

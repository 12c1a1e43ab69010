// treem certify: child-friendly commune decisions for pipelines.
// Exit 0 when every unit is recognised, 1 when any is not recognised or inconclusive, 2 on invalid
// input or usage (with the located error on stderr and nothing on stdout).
#include <memory>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/read_inputs.hpp"
#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/io.hpp"
#include "treem/cases/timeliness.hpp"
#include "treem/certify/evaluate.hpp"
#include "treem/data/bundled.hpp"

namespace treem::cli {

namespace {

using nlohmann::json;
using namespace treem::certify;

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json decision_json(const decision& d) {
  json criteria = json::array();
  for (const auto& c : d.criteria) {
    criteria.push_back({{"id", c.id}, {"claimed", optional_number(c.claimed)}, {"computed", optional_number(c.computed)},
                        {"used", optional_number(c.used)}, {"max_points", optional_number(c.max_points)}});
  }
  json gates = json::array();
  for (const auto& g : d.gates) {
    gates.push_back({{"id", g.id}, {"kind", to_string(g.kind)}, {"state", to_string(g.state)}, {"rule_set", g.rule_set}, {"source", g.source}});
  }
  json dq = json::array();
  for (const auto& x : d.disqualifications) {
    json incidents = json::array();
    for (const auto& i : x.incidents) incidents.push_back({{"kind", to_string(i.kind)}, {"date", format_iso(i.day)}, {"fatal", i.fatal}});
    dq.push_back({{"id", x.id}, {"rule_set", x.rule_set}, {"source", x.source}, {"incidents", incidents}});
  }
  json audit = json::array();
  for (const auto& f : d.audit) audit.push_back({{"kind", f.kind}, {"criterion", f.criterion}, {"detail_vi", f.detail_vi}, {"detail_en", f.detail_en}});
  json layers = json::array();
  for (const auto& [id, version] : d.rule_sets) layers.push_back({{"id", id}, {"version", version}});
  json facts = json::array();
  for (const auto& f : d.facts) {
    facts.push_back({{"id", f.id}, {"value", f.value}, {"origin", to_string(f.origin)}, {"register_value", optional_number(f.register_value)},
                     {"numerator", f.register_value ? json(f.numerator) : json(nullptr)}, {"denominator", f.register_value ? json(f.denominator) : json(nullptr)}});
  }
  return {{"unit", d.unit}, {"unit_name", d.unit_name}, {"period", d.period}, {"outcome", to_string(d.result)},
          {"total", optional_number(d.total)}, {"pass_mark", optional_number(d.pass_mark)},
          {"category", d.category ? json(std::string(to_string(*d.category))) : json(nullptr)}, {"category_reason", d.category_reason},
          {"criteria", criteria}, {"gates", gates}, {"disqualifications", dq}, {"rule_sets", layers},
          {"gap", {{"points_missing", optional_number(d.gap.points_missing)}, {"criteria_at_zero", d.gap.criteria_at_zero},
                   {"criteria_not_assessed", d.gap.criteria_not_assessed}, {"failed_gates", d.gap.failed_gates},
                   {"disqualified", d.gap.disqualified}}},
          {"audit", audit}, {"facts", facts}, {"reasons_vi", d.reasons_vi}, {"reasons_en", d.reasons_en}};
}

std::string fmt(const std::optional<double>& v) {
  if (!v) return "";
  std::ostringstream s;
  s << *v;
  return s.str();
}

}  // namespace

/// Rule sets by bundled id or file name; the bundled national standard when none is a base.
composed_rules load_rules(const std::vector<std::string>& specs) {
  std::vector<rule_set> sets;
  for (const auto& spec : specs) {
    if (spec == data::national_cfc_rules().id) sets.push_back(data::national_cfc_rules());
    else if (spec == data::son_ha_2024_cfc_overlay().id) sets.push_back(data::son_ha_2024_cfc_overlay());
    else sets.push_back(load_rule_set(read_file(spec), spec));
  }
  if (std::none_of(sets.begin(), sets.end(), [](const rule_set& r) { return !r.extends; })) sets.insert(sets.begin(), data::national_cfc_rules());
  return compose(sets);
}

void print_decisions(std::ostream& out, const std::vector<decision>& decisions, bool vietnamese) {
  // One language at a time: the headers and outcomes follow the reasons.
  static constexpr const char* outcome_vi[] = {"công nhận", "không công nhận", "chưa kết luận"};
  std::vector<std::vector<std::string>> rows{vietnamese ? std::vector<std::string>{"xã", "", "kết quả", "tổng điểm", "điểm đạt", "lý do"}
                                                        : std::vector<std::string>{"unit", "", "outcome", "total", "pass mark", "reason"}};
  for (const auto& d : decisions) {
    const auto& reasons = vietnamese ? d.reasons_vi : d.reasons_en;
    const std::string result = vietnamese ? outcome_vi[static_cast<int>(d.result)] : std::string(to_string(d.result));
    rows.push_back({d.unit, d.unit_name, result, fmt(d.total), fmt(d.pass_mark), reasons.empty() ? "" : reasons.front()});
    for (std::size_t i = 1; i < reasons.size(); ++i) rows.push_back({"", "", "", "", "", reasons[i]});
  }
  print_table(out, rows);
  int counts[3] = {0, 0, 0};
  for (const auto& d : decisions) counts[static_cast<int>(d.result)]++;
  if (vietnamese) {
    out << decisions.size() << " xã: " << counts[0] << " công nhận, " << counts[1] << " không công nhận, " << counts[2] << " chưa kết luận\n";
    return;
  }
  out << decisions.size() << " units: " << counts[0] << " recognized, " << counts[1] << " not recognized, " << counts[2] << " inconclusive\n";
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
    const composed_rules rules = load_rules(o->rules);
    const unit_registry units = o->units.empty() ? data::quang_ngai_son_ha_units() : treem::load_units(read_file(o->units), o->units);
    const auto assessments = read_assessments(o->assessments, rules.rules);
    // The incident register as the indicators read it; incidents outside the period are left out
    // (and said on stderr), whatever day the register was exported.
    const treem::period certified = treem::period::parse(o->period, {"<argument --period>", 1, 1});
    registers::read_options options;
    options.period_start = certified.start();
    const auto incidents = read_incidents(o->incidents, units, certified.end(), options);
    const auto decisions = evaluate_all(assessments, incidents.incidents, rules, units, o->period, facts_from_registers(*o, units, certified));
    if (o->as_json) {
      json all = json::array();
      for (const auto& d : decisions) all.push_back(decision_json(d));
      out << json{{"period", o->period}, {"decisions", all}}.dump(2) << '\n';
    } else if (o->as_csv) {
      out << "unit,unit_name,period,outcome,total,pass_mark,category";
      for (const auto& c : rules.rules.criteria) out << ",c" << c.id;
      out << ",disqualified,points_missing,reasons\n";
      for (const auto& d : decisions) {
        out << csv_text(d.unit) << "," << csv_text(d.unit_name) << "," << d.period << "," << to_string(d.result) << "," << fmt(d.total) << ","
            << fmt(d.pass_mark) << "," << (d.category ? std::string(to_string(*d.category)) : "");
        for (const auto& c : d.criteria) out << "," << fmt(c.used);
        std::string reasons;
        for (const auto& r : (o->lang == "vi" ? d.reasons_vi : d.reasons_en)) reasons += (reasons.empty() ? "" : " | ") + r;
        out << "," << (d.gap.disqualified ? "true" : "false") << "," << fmt(d.gap.points_missing) << "," << csv_text(reasons) << "\n";
      }
    } else {
      print_decisions(out, decisions, o->lang == "vi");
    }
    const bool all_recognized = std::all_of(decisions.begin(), decisions.end(), [](const decision& d) { return d.result == outcome::recognized; });
    command_status = all_recognized ? 0 : 1;
  });
}

}  // namespace treem::cli

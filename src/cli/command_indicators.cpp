// treem indicators: child statistics from a child register and an incident register, per unit at
// one or more levels, with intervals, targets and small-cell suppression (on unless refused).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "cli/read_inputs.hpp"
#include "cli/format.hpp"
#include "cli/io.hpp"
#include "treem/cases/link.hpp"
#include "treem/data/bundled.hpp"
#include "treem/indicators/compute.hpp"
#include "treem/indicators/protection_warnings.hpp"
#include "treem/indicators/publish_log_file.hpp"
#include "treem/indicators/table_json.hpp"
#include "treem/registers/child_register_reader.hpp"
#include "treem/registers/incident_register_reader.hpp"

namespace treem::cli {

namespace {

std::string number(double v, int decimals) {
  if (std::isnan(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// The shortest text that reads back as exactly `v`: a CSV for machines keeps every bit, so that
// the same table read from the CSV and computed in Python are equal, not close.
std::string exact_number(double v) {
  if (std::isnan(v)) return "";
  char buf[64];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

// Counts print without decimals, values with enough to compare against targets.
std::string value_text(double v, double factor) { return number(v, factor == 1 ? 0 : factor >= 1000 ? 1 : 2); }

std::string category_text(const indicators::indicator_table& t, std::size_t d, std::size_t row) {
  const int c = t.category[d][row];
  return c < 0 ? "" : t.labels[d][static_cast<std::size_t>(c)];
}

void write_csv(std::ostream& out, const indicators::indicator_table& t, const indicators::catalogue& cat) {
  out << "level,unit,unit_name,period,indicator,sex,age_group,ethnicity,kind,environment,numerator,denominator,value,lower,upper,suppressed,unit_of_value\n";
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto& def = cat.get(t.indicator_keys[t.indicator[i]]);
    out << t.levels[t.level[i]] << ',' << t.unit_codes[t.unit[i]] << ',' << csv_text(t.unit_names[t.unit[i]]) << ',' << t.period << ','
        << def.key;
    for (std::size_t d = 0; d < indicators::dimension_count; ++d) out << ',' << csv_text(category_text(t, d, i));
    out << ',' << number(t.numerator[i], 0) << ',' << number(t.denominator[i], 0) << ',' << exact_number(t.value[i]) << ','
        << exact_number(t.lower[i]) << ',' << exact_number(t.upper[i]) << ',' << (t.suppressed[i] ? 1 : 0) << ',' << csv_text(def.unit) << '\n';
  }
}

}  // namespace

void register_indicators_command(CLI::App& app, std::ostream& out) {
  struct options {
    std::string children, incidents, cases, units, period = "2024", reference, catalogue_file, age_groups, merger, zero = "nan", out_file, log_file;
    std::vector<std::string> levels{"commune"}, keys, readings;
    int threshold = 4, protection_upper = 0;
    bool no_suppression = false, as_json = false, as_csv = false, breakdowns = false, targets = false, certify = false;
    double confidence = 0.95;
    std::size_t threads = 0;
    std::int64_t sub_tables_above = indicators::request_text{}.sub_tables_above, whole_table_limit = indicators::request_text{}.whole_table_limit;
  };
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand("indicators", "Child statistics (Circular 13/2021 and national targets) from child and incident registers");
  cmd->add_option("--children", o->children, "child register (CSV, as for `treem register check`)")->required();
  cmd->add_option("--incidents", o->incidents, "incident register (CSV); without it, only child-register indicators are computed");
  cmd->add_option("--cases", o->cases, "case register (CSV): incidents naming a case take its computed timeliness (Decree 56/2017)");
  cmd->add_option("--reading", o->readings, "with --cases: the reading of a disputed time limit, e.g. plan_approved=7");
  cmd->add_option("--units", o->units, "administrative units file (TOML); default: the bundled units");
  cmd->add_option("--period", o->period, "period: 2024, 2024S1 (Decree 60/2018 six months), 2024Q3, ...")->capture_default_str();
  cmd->add_option("--reference-date", o->reference, "ages are completed years on this date (default: the period's last day)");
  cmd->add_option("--level", o->levels, "commune, district, province or nation; repeat or separate by commas")->delimiter(',')->capture_default_str();
  cmd->add_option("--indicator", o->keys, "only these indicators (keys; repeat or separate by commas)")->delimiter(',');
  cmd->add_option("--catalogue", o->catalogue_file, "a catalogue of your own (TOML, treem.indicators/1) added to the bundled one");
  cmd->add_option("--age-groups", o->age_groups, "age groups, e.g. 0-4,5-9,10-15 (default: the catalogue's)");
  cmd->add_option("--merger", o->merger, "report old units on the new ones of this merger, e.g. nq-1677-2025-son-ha");
  cmd->add_option("--k", o->threshold, "small-cell threshold: counts 1..k are withheld")->capture_default_str();
  cmd->add_option("--protection-upper", o->protection_upper,
                  "every withheld count of 1..k keeps, for any reader, an interval holding [0, N]; default and least: k + 1");
  cmd->add_option("--sub-tables-above", o->sub_tables_above,
                  "suppression reads a table whose programme has more unknowns first in sub-tables (each unit with the units inside it)")
      ->capture_default_str();
  cmd->add_option("--whole-table-limit", o->whole_table_limit,
                  "and then whole, up to this many unknowns; beyond, its largest parts within it (each unit with every unit inside it) "
                  "whole (a reader who combines a part with the sub-tables above it may narrow a withheld count further: see --certify)")
      ->capture_default_str();
  cmd->add_flag("--certify", o->certify,
                "a table read in parts: certify every small count against a reader of the whole table (two tables of every commune "
                "publishing the same numbers put it at 0 and at the interval's upper end), withholding more where it can; "
                "costs more than reading the parts");
  cmd->add_flag("--no-suppression", o->no_suppression, "publish small counts (only for internal use: they can identify children)");
  cmd->add_option("--zero-denominator", o->zero, "nan (value left empty) or error")->check(CLI::IsMember({"nan", "error"}))->capture_default_str();
  cmd->add_option("--confidence", o->confidence, "confidence level of the intervals")->capture_default_str();
  cmd->add_option("--threads", o->threads, "threads for reading the registers, the pass over them and the sub-tables of suppression (0: all cores)")
      ->capture_default_str();
  cmd->add_flag("--breakdowns", o->breakdowns, "text output: show every breakdown, not only totals");
  cmd->add_flag("--targets", o->targets, "compare totals with the national 2025 and 2030 targets");
  auto* json = cmd->add_flag("--json", o->as_json, "machine-readable output (every row)");
  auto* csv = cmd->add_flag("--csv", o->as_csv, "CSV output, one row per unit, indicator and category");
  json->excludes(csv);
  cmd->add_option("--out", o->out_file, "write the output to this file (replaced whole, never half-written)");
  cmd->add_option("--publish-log", o->log_file,
                  "a log of what earlier runs over these registers published and withheld (CSV, kept private): read if it exists, "
                  "taken into account by suppression, and this run's counts added to it");
  cmd->callback([&out, o] {
    indicators::request_text asked;
    asked.command_line = true;
    asked.period = o->period;
    if (!o->reference.empty()) asked.reference_date = parse_date(o->reference, {"<argument --reference-date>", 1, 1});
    asked.levels = o->levels;
    asked.indicators = o->keys;
    if (!o->age_groups.empty()) asked.age_groups = o->age_groups;
    asked.merger = o->merger;
    asked.suppress = !o->no_suppression;
    asked.k = o->threshold;
    asked.protection_upper = o->protection_upper;
    asked.sub_tables_above = o->sub_tables_above;
    asked.whole_table_limit = o->whole_table_limit;
    asked.certify = o->certify;
    asked.zero_denominator = o->zero;
    asked.confidence = o->confidence;
    asked.threads = o->threads;
    indicators::indicator_request req = indicators::parse_request(asked);
    if (!o->log_file.empty()) {
      if (o->no_suppression) throw validation_error({"<argument --publish-log>", 1, 1}, "publish-log", "records what suppression publishes: not with --no-suppression");
      req.earlier_log = std::make_shared<const indicators::publish_log>(indicators::read_publish_log_file(o->log_file));
      req.record_publish_log = true;
    }
    const treem::period period = req.period;
    const date reference = req.reference_date.value_or(period.end());

    const unit_registry units = o->units.empty() ? data::quang_ngai_son_ha_units() : treem::load_units(read_file(o->units), o->units);
    const indicators::catalogue cat = o->catalogue_file.empty()
                                          ? data::child_statistics_catalogue()
                                          : indicators::extend(data::child_statistics_catalogue(), indicators::load_catalogue(read_file(o->catalogue_file), o->catalogue_file));

    // Registers are read strictly: statistics from a register with bad rows would be wrong, so the
    // first problem stops the command (`treem register check --lenient` lists them all).
    // Rows outside the period (children born after the reference date, incidents before the
    // period or after it) are left out and said on stderr: a register of any date serves.
    registers::read_options options;
    options.threads = static_cast<unsigned>(o->threads);
    const auto children = read_children(o->children, units, reference, options);
    std::optional<registers::incident_register_result> incidents;
    if (!o->incidents.empty()) {
      options.period_start = period.start();
      incidents = read_incidents(o->incidents, units, reference, options);
      if (!o->cases.empty()) {
        const auto c = read_case_timeliness(o->cases, units, period.end(), o->readings);
        const auto linked = cases::link_case_timeliness(incidents->incidents, c.cases, c.in_time);
        std::cerr << o->incidents << ": " << linked.linked << " incidents take their case's computed timeliness (" << linked.changed
                  << " differ from the recorded value)";
        if (linked.not_found) std::cerr << "; " << linked.not_found << " name a case that " << o->cases << " does not hold";
        std::cerr << '\n';
      }
    }
    const auto c = indicators::view(children.children, o->children);
    const auto r = incidents ? indicators::view(incidents->incidents, o->incidents) : indicators::incident_columns{};
    const auto t = indicators::compute_indicators(cat, units, &c, incidents ? &r : nullptr, req);
    const auto progress = o->targets ? indicators::evaluate_targets(t, data::national_targets()) : indicators::target_progress{};
    // The promise of suppression is stated, not assumed: a count of 1..k left narrower than
    // [0, k + 1] (or the upper end asked for) is said on stderr (counts only) with whatever the output is.
    for (const auto& w : indicators::protection_warnings(t.protection, t.protection_upper, t.any_withheld())) {
      std::cerr << "warning: " << w << "; see \"protection\" in --json\n";
    }

    std::ostringstream text;
    if (o->as_csv) {
      write_csv(text, t, cat);
    } else if (o->as_json) {
      text << indicators::to_json(t, cat, o->targets ? &progress : nullptr);
    } else {
      text << "Child statistics, period " << t.period << " (ages on " << t.reference_date << "), "
           << (t.suppression_threshold ? "counts 1-" + std::to_string(t.suppression_threshold) + " withheld with their complements"
                                       : std::string("NO small-cell suppression"))
           << (t.protection_upper > t.suppression_threshold + 1 ? ", each left to any reader in an interval holding 0-" + std::to_string(t.protection_upper)
                                                                : std::string())
           << '\n';
      std::vector<std::vector<std::string>> rows{{"level", "unit", "indicator", "breakdown", "numerator", "denominator", "value", "CI " + number(100 * req.confidence_level, 0) + "%", ""}};
      for (std::size_t i = 0; i < t.size(); ++i) {
        const std::string breakdown = t.breakdown_label(i);
        if (!o->breakdowns && breakdown != "total") continue;
        const auto& def = cat.get(t.indicator_keys[t.indicator[i]]);
        const std::string ci = std::isnan(t.lower[i]) ? "" : value_text(t.lower[i], def.factor) + "-" + value_text(t.upper[i], def.factor);
        rows.push_back({t.levels[t.level[i]], t.unit_codes[t.unit[i]] + " " + t.unit_names[t.unit[i]], def.key, breakdown,
                        std::isnan(t.numerator[i]) && t.suppressed[i] ? "x" : number(t.numerator[i], 0), number(t.denominator[i], 0),
                        t.suppressed[i] ? "x" : value_text(t.value[i], def.factor) + (def.factor == 1 || std::isnan(t.value[i]) ? "" : " " + def.unit), ci,
                        def.evidence == evidence::confirmed ? "" : std::string(to_string(def.evidence))});
      }
      print_table(text, rows);
      text << "x: withheld (a small count, its complement, or a count that would narrow one). Unconfirmed definitions are marked; see the catalogue's sources.\n";
      if (o->targets) {
        text << "\nNational targets (Decisions 23/QĐ-TTg and 1248/QĐ-TTg):\n";
        std::vector<std::vector<std::string>> goals{{"level", "unit", "indicator", "year", "target", "value", "meets", "gap", ""}};
        for (std::size_t i = 0; i < progress.size(); ++i) {
          goals.push_back({progress.level[i], progress.unit_code[i], progress.indicator[i], std::to_string(progress.year[i]),
                           progress.comparator_text[i] + " " + (std::isnan(progress.target_value[i]) ? "(baseline needed)" : number(progress.target_value[i], 2)),
                           number(progress.value[i], 2), progress.meets[i] < 0 ? "?" : progress.meets[i] ? "yes" : "no", number(progress.gap[i], 2),
                           progress.status[i] == "confirmed" ? "" : progress.status[i]});
        }
        print_table(text, goals);
      }
    }
    if (!o->out_file.empty()) {
      write_file_atomically(o->out_file, text.str());
    } else {
      out << text.str();
    }
    // The log records what was published: written once the output is.
    if (!o->log_file.empty()) {
      indicators::update_publish_log_file(o->log_file, *req.earlier_log, t.published_log);
      std::cerr << o->log_file << ": " << t.protection.logged << " counts of earlier runs taken into account";
      if (t.protection.logged_outside) std::cerr << " (" << t.protection.logged_outside << " over communes these registers do not have left out)";
      std::cerr << ", " << t.published_log.entries.size() << " of this run recorded\n";
    }
  });
}

}  // namespace treem::cli

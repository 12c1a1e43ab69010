// treem register check: read and clean a child register (CSV), report every problem by place and
// rule, never by a child's name, id or value; optionally write the cleaned, pseudonymised register.
#include <fstream>
#include <memory>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/read_inputs.hpp"
#include "cli/io.hpp"
#include "treem/data/bundled.hpp"
#include "treem/registers/child_register_reader.hpp"
#include "treem/registers/incident_register_reader.hpp"

namespace treem::cli {

void register_register_commands(CLI::App& app, std::ostream& out) {
  auto* group = app.add_subcommand("register", "Child registers: check and clean exports");
  group->require_subcommand(1);
  struct options {
    std::string children, incidents, reference = "31/12/2024", units, key_file, out_file;
    bool lenient = false, as_json = false;
    unsigned threads = 0;
  };
  auto o = std::make_shared<options>();
  auto* check = group->add_subcommand("check", "Read a child register CSV, clean it and list its problems");
  auto* children_opt = check->add_option("--children", o->children, "child register (CSV; comma or semicolon; Vietnamese or English column names)");
  auto* incidents_opt = check->add_option("--incidents", o->incidents, "incident register (CSV): unit, date, kind, fatal, sex, age, environment, plan_approved_in_time");
  children_opt->excludes(incidents_opt);
  incidents_opt->excludes(children_opt);
  check->add_option("--reference-date", o->reference, "ages are taken on this date (children are under 16)")->capture_default_str();
  check->add_option("--units", o->units, "administrative units file (TOML); default: the bundled units");
  check->add_option("--key-file", o->key_file, "file holding the secret key for HMAC-SHA-256 pseudonyms of the ids")->excludes(incidents_opt);
  check->add_option("--out", o->out_file, "write the cleaned child register (CSV) here")->excludes(incidents_opt);
  check->add_flag("--lenient", o->lenient, "keep the clean rows and list every problem (default: stop at the first)");
  check->add_flag("--json", o->as_json, "machine-readable output");
  check->add_option("--threads", o->threads, "threads that read and clean the file (0: all cores; the result is the same)")->capture_default_str();
  check->callback([&out, o] {
    const date reference = parse_date(o->reference, {"<argument --reference-date>", 1, 1});
    const unit_registry units = o->units.empty() ? data::quang_ngai_son_ha_units() : treem::load_units(read_file(o->units), o->units);
    if (o->children.empty() && o->incidents.empty()) throw validation_error({"<arguments>"}, "--children", "give --children or --incidents");
    // The same report for both registers: counts, then every problem by place and rule.
    auto report = [&](std::size_t read, std::size_t accepted, std::size_t rejected, const std::vector<registers::register_problem>& problems,
                      const std::vector<registers::row_exclusion>& excluded) {
      std::size_t left_out = 0;
      for (const auto& e : excluded) left_out += e.rows;
      if (o->as_json) {
        nlohmann::json notes = nlohmann::json::array();
        for (const auto& e : excluded) notes.push_back({{"field", e.field}, {"rule", e.rule}, {"rows", e.rows}});
        nlohmann::json list = nlohmann::json::array();
        for (const auto& p : problems) {
          list.push_back({{"source", p.where.source}, {"line", p.where.line}, {"column", p.where.column}, {"field", p.field}, {"rule", p.rule}});
        }
        out << nlohmann::json{{"rows_read", read}, {"rows_accepted", accepted}, {"rows_rejected", rejected}, {"rows_left_out", left_out},
                              {"left_out", notes}, {"problems", list}}.dump(2) << '\n';
      } else {
        out << read << " rows read, " << accepted << " accepted, " << rejected << " rejected, " << left_out << " left out\n";
        for (const auto& p : problems) out << "  " << p.to_string() << '\n';
      }
      command_status = problems.empty() ? 0 : 1;
    };
    if (!o->incidents.empty()) {
      registers::read_options options;
      options.mode = o->lenient ? registers::read_mode::lenient : registers::read_mode::strict;
      const auto r = read_incidents(o->incidents, units, reference, options);
      report(r.rows_read, r.incidents.size(), r.rows_rejected, r.problems, r.excluded);
      return;
    }
    std::unique_ptr<registers::pseudonymiser> key;
    if (!o->key_file.empty()) {
      std::string k = read_file(o->key_file);
      while (!k.empty() && (k.back() == '\n' || k.back() == '\r')) k.pop_back();
      key = std::make_unique<registers::pseudonymiser>(std::move(k));
    }
    registers::read_options options;
    options.mode = o->lenient ? registers::read_mode::lenient : registers::read_mode::strict;
    options.key = key.get();
    options.threads = o->threads;
    const auto result = read_children(o->children, units, reference, options);
    if (!o->out_file.empty()) {
      const auto& c = result.children;
      std::string text = "id,unit,sex,birth_date,ethnicity,special_groups,receiving_support,birth_registered,health_insurance,disability,enrolled\n";
      for (std::size_t i = 0; i < c.size(); ++i) {
        std::string groups;
        for (std::size_t g = 0; g < 14; ++g) {
          if (c.special_groups[i] & (1u << g)) groups += (groups.empty() ? "" : ";") + std::string(registers::special_group_letters[g]);
        }
        text += csv_text(c.id[i]) + "," + csv_text(c.units[c.unit[i]]) + "," + (c.child_sex[i] == registers::sex::male ? "M" : "F") + "," +
                format_iso(from_epoch_days(c.birth[i])) + "," + csv_text(c.ethnicities[c.ethnicity[i]]) + "," + groups;
        for (auto flag : {registers::receiving_support, registers::birth_registered, registers::health_insurance, registers::disability,
                          registers::enrolled}) {
          text += (c.flags[i] & flag) ? ",1" : ",0";
        }
        text += "\n";
      }
      write_file_atomically(o->out_file, text);
    }
    report(result.rows_read, result.children.size(), result.rows_rejected, result.problems, result.excluded);
  });
}

}  // namespace treem::cli

// treem rules: the rule-set template for provinces, and a check of rule-set files.
//   treem rules template [--out FILE] [--lang vi|en]   the national standard with empty slots to fill
//   treem rules check FILE...                          load and compose; say what is still unknown
// Exit 0 on success, 2 with one located error (file:line:column: field: rule) on a bad file.
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "treem/data/rule_sets.hpp"
#include "cli/io.hpp"
#include "treem/certify/rules_template.hpp"
#include "treem/data/bundled.hpp"

namespace treem::cli {

namespace {

using namespace treem::certify;

std::string join(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : ", ") + p;
  return s.empty() ? "none" : s;
}

/// What a province still has to fill in: maxima, item points, and band tables that stop above 0%.
void print_unknowns(std::ostream& out, const rule_set& r) {
  std::vector<std::string> with_max, without_max, items_without_points, open_bands;
  for (const auto& c : r.criteria) {
    (c.max_points.known() ? with_max : without_max).push_back(std::to_string(c.id));
    for (const auto& it : c.items) {
      if (it.kind == fact_kind::boolean && !it.points) items_without_points.push_back(it.id);
      if (it.kind == fact_kind::percent && (it.bands.empty() || it.bands.back().min_percent > 0)) {
        std::ostringstream s;
        s << it.id;
        if (!it.bands.empty()) s << " (below " << it.bands.back().min_percent << "%)";
        open_bands.push_back(s.str());
      }
    }
  }
  out << r.criteria.size() << " criteria; with a known maximum: " << join(with_max) << "; without: " << join(without_max) << "\n";
  out << "items without points: " << join(items_without_points) << "\n";
  out << "rates that cannot be scored: " << join(open_bands) << "\n";
}

}  // namespace

void register_rules_commands(CLI::App& app, std::ostream& out) {
  auto* rules = app.add_subcommand("rules", "Rule sets for certification: a template for provinces, and checks");
  rules->require_subcommand(1);

  struct template_args {
    std::string out_file, lang = "vi";
  };
  auto t = std::make_shared<template_args>();
  auto* tpl = rules->add_subcommand("template", "Write Decision 06/QĐ-TTg as a rule-set file with empty slots for the unconfirmed points");
  tpl->add_option("--out", t->out_file, "write the template to this file (replaced whole, never half-written); default: standard output");
  tpl->add_option("--lang", t->lang, "language of the comments: vi or en")->check(CLI::IsMember({"vi", "en"}))->capture_default_str();
  tpl->callback([&out, t] {
    template_options options;
    options.language = t->lang == "en" ? template_language::english : template_language::vietnamese;
    const std::string text = rules_template(data::national_cfc_rules(), options);
    if (!t->out_file.empty()) write_file_atomically(t->out_file, text);
    else out << text;
  });

  auto files = std::make_shared<std::vector<std::string>>();
  auto* check = rules->add_subcommand("check", "Load rule-set files (and bundled ids), compose them, and list what is still unknown");
  check->add_option("files", *files, "rule-set files or bundled ids; the national standard is the base unless one of them is")->required();
  check->callback([&out, files] {
    const composed_rules c = data::compose_rules(*files);
    std::string layers;
    for (const auto& [id, version] : c.layers) layers += (layers.empty() ? "" : " + ") + id + " " + version;
    out << "rules: " << layers << "\n";
    print_unknowns(out, c.rules);
  });
}

}  // namespace treem::cli

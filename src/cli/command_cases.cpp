// treem cases check: each case's time limits under Decree 56/2017/NĐ-CP as of a moment, and the
// list of what is still open, commune by commune, soonest first: what a commune worker reads each
// morning. Exit status 1 when a limit has passed with its step not done.
#include <map>
#include <memory>
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/io.hpp"
#include "cli/read_inputs.hpp"
#include "treem/cases/check_rows.hpp"
#include "treem/data/bundled.hpp"

namespace treem::cli {

namespace {

struct cases_options {
  std::string cases, as_of, units;
  std::vector<std::string> readings;
  std::string lang = "vi";
  bool all = false, lenient = false, as_json = false, as_csv = false;
};

std::int64_t parse_as_of(const std::string& text) {
  const auto t = registers::parse_case_time(text);
  if (!t) throw validation_error({"<argument --as-of>"}, "--as-of", "not a date (dd/mm/yyyy or yyyy-mm-dd) with an optional time hh:mm");
  return std::int64_t{t->day} * 1440 + (t->timed() ? t->minute : 0);
}

std::string shown_moment(const std::string& iso) {
  std::string out = format_vn(parse_date(iso.substr(0, 10)));
  return iso.size() > 10 ? out + " " + iso.substr(11) : out;
}

/// "xây dựng kế hoạch (5 ngày làm việc)": the step and the limit, short enough for a table.
std::string step_text(const cases::case_deadline& d, bool vi) {
  std::string limit;
  for (const int n : d.readings) limit += (limit.empty() ? "" : (vi ? " hoặc " : " or ")) + std::to_string(n);
  const bool hours = d.unit == cases::limit_unit::hours;
  limit += hours ? (vi ? " giờ" : " hours") : (vi ? " ngày làm việc" : " working days");
  const auto step = d.to;
  return (vi ? std::string(registers::label_vi(step)) : std::string(registers::to_string(step))) + " (" + limit + ")";
}

std::string left_text(const cases::check_row& r, bool vi) {
  const bool hours = r.deadline->unit == cases::limit_unit::hours;
  const std::string n = std::to_string(r.left < 0 ? -r.left : r.left);
  const std::string what = hours ? (vi ? " giờ" : " h") : (vi ? " ngày làm việc" : " working days");
  if (r.left < 0) return (vi ? "quá " : "") + n + what + (vi ? "" : " past");
  if (r.left == 0) return vi ? (hours ? "dưới 1 giờ" : "hạn hôm nay") : (hours ? "under 1 h" : "due today");
  return (vi ? "còn " : "") + n + what + (vi ? "" : " left");
}

void print_open(std::ostream& out, const std::vector<cases::check_row>& rows, const unit_registry& units, const date& on, bool vi) {
  std::vector<std::vector<std::string>> table{vi ? std::vector<std::string>{"xã", "dòng", "loại vụ việc", "việc phải làm", "hạn", "còn lại", "tình trạng"}
                                                 : std::vector<std::string>{"commune", "line", "kind", "step due", "due", "left", "state"}};
  bool doubtful = false;
  for (const auto& r : rows) {
    const admin_unit* u = units.find(r.unit, on);
    const std::string mark = r.unconfirmed_days.empty() ? "" : " *";
    doubtful |= !mark.empty();
    table.push_back({r.unit + (u ? " " + u->name : ""), std::to_string(r.line), std::string(vi ? registers::label_vi(r.kind) : to_string(r.kind)),
                     step_text(*r.deadline, vi),
                     shown_moment(r.due) + (r.due_latest.empty() ? "" : (vi ? " hoặc " : " or ") + shown_moment(r.due_latest)) + mark, left_text(r, vi),
                     std::string(vi ? cases::label_vi(r.state) : to_string(r.state))});
  }
  print_table(out, table);
  if (doubtful) {
    out << (vi ? "  * hạn tính qua ngày nghỉ chưa được văn bản xác nhận: " : "  * the due date runs over days off that no instrument confirms: ");
    std::map<std::string, int> days;
    for (const auto& r : rows) for (const auto& d : r.unconfirmed_days) days[d];
    std::string list;
    for (const auto& [d, _] : days) list += (list.empty() ? "" : ", ") + format_vn(parse_date(d));
    out << list << '\n';
  }
}

void print_summary(std::ostream& out, const std::vector<cases::check_row>& all, const cases::case_deadline_rules& rules, bool vi) {
  std::map<std::string, std::array<int, 6>> counts;
  for (const auto& r : all) counts[r.deadline->id][static_cast<int>(r.state)]++;
  std::vector<std::vector<std::string>> table{{vi ? "thời hạn" : "limit"}};
  for (std::size_t s = 0; s < 5; ++s) table[0].push_back(std::string(vi ? cases::deadline_state_names_vi[s] : cases::deadline_state_names[s]));
  for (const auto& d : rules.deadlines) {
    std::vector<std::string> row{step_text(d, vi)};
    for (std::size_t s = 0; s < 5; ++s) row.push_back(std::to_string(counts[d.id][s]));
    table.push_back(std::move(row));
  }
  print_table(out, table);
  for (const auto& d : rules.deadlines) {
    if (!d.disputed() || counts[d.id][static_cast<int>(cases::deadline_state::undetermined)] == 0) continue;
    std::string list;
    for (const int n : d.readings) list += (list.empty() ? "" : (vi ? " hoặc " : " or ")) + std::to_string(n);
    out << (vi ? "  " + d.name_vi + ": các nguồn cho " + list + " ngày làm việc; chọn bằng --reading " + d.id + "=N (" + d.source + ")\n"
               : "  " + d.name_en + ": the sources give " + list + " working days; choose with --reading " + d.id + "=N (" + d.source + ")\n");
  }
}

}  // namespace

void register_cases_command(CLI::App& app, std::ostream& out) {
  auto* group = app.add_subcommand("cases", "Cases of child abuse: time limits of Decree 56/2017/NĐ-CP");
  group->require_subcommand(1);
  auto o = std::make_shared<cases_options>();
  auto* check = group->add_subcommand("check", "Each case's time limits as of a moment; what is still open, soonest first");
  check->add_option("--cases", o->cases, "case register (CSV): case_id, unit, kind, serious_harm, received, ... closed")->required();
  check->add_option("--as-of", o->as_of, "the moment of the check: dd/mm/yyyy or yyyy-mm-dd, optionally hh:mm")->required();
  check->add_option("--units", o->units, "administrative units file (TOML); default: the bundled units");
  check->add_option("--reading", o->readings, "the reading of a limit the sources give differently, e.g. plan_approved=7");
  check->add_flag("--all", o->all, "every limit of every case, not only those still open");
  check->add_flag("--lenient", o->lenient, "leave out the rows with problems and list them (default: stop at the first)");
  auto* json_flag = check->add_flag("--json", o->as_json, "machine-readable output");
  check->add_flag("--csv", o->as_csv, "CSV output")->excludes(json_flag);
  check->add_option("--lang", o->lang, "language of the text output: vi or en")->check(CLI::IsMember({"vi", "en"}))->capture_default_str();
  check->callback([&out, o] {
    const std::int64_t as_of = parse_as_of(o->as_of);
    const date as_of_day = from_epoch_days(as_of / 1440);
    const unit_registry units = o->units.empty() ? data::quang_ngai_son_ha_units() : treem::load_units(read_file(o->units), o->units);
    registers::read_options ro;
    ro.mode = o->lenient ? registers::read_mode::lenient : registers::read_mode::strict;
    const auto read = read_cases(o->cases, units, as_of_day, ro);
    for (const auto& p : read.problems) std::cerr << p.to_string() << '\n';
    const auto& rules = data::case_deadlines();
    const auto& calendar = data::vietnam_holidays();
    const cases::case_checks checks = cases::check_cases(read.cases, rules, calendar, as_of, parse_readings(o->readings));
    const auto all = cases::check_rows(read.cases, rules, calendar, checks, false);
    const auto open = cases::check_rows(read.cases, rules, calendar, checks, true);
    for (const auto& c : checks.checks) {
      if (c.state == cases::deadline_state::overdue) command_status = 1;
    }
    if (o->as_json) {
      out << cases::to_json(o->all ? all : open, rules, as_of);
      return;
    }
    if (o->as_csv) {
      out << cases::to_csv(o->all ? all : open);
      return;
    }
    const bool vi = o->lang == "vi";
    const std::string when = shown_moment(cases::detail::iso_moment(as_of, as_of % 1440 != 0));
    out << (vi ? "Vụ việc tính đến " + when + ", thời hạn theo " : "Cases as of " + when + ", time limits of ") << "Nghị định 56/2017/NĐ-CP ("
        << read.cases.size() << (vi ? " vụ việc):\n" : " cases):\n");
    print_summary(out, all, rules, vi);
    out << '\n' << (vi ? "Việc còn mở, theo xã, hạn sớm trước:\n" : "Still open, by commune, soonest first:\n");
    print_open(out, open, units, as_of_day, vi);
  });
}

}  // namespace treem::cli

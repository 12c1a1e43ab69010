// treem plan show | calendar | status: the child-work plan from the command line.
#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/io.hpp"
#include "cli/read_inputs.hpp"
#include "treem/plan/submissions_reader.hpp"
#include "treem/data/bundled.hpp"
#include "treem/plan/icalendar.hpp"
#include "treem/plan/plan_calendar.hpp"
#include "treem/plan/responsibilities.hpp"
#include "treem/plan/submissions.hpp"

namespace treem::cli {

namespace {

using nlohmann::json;
using namespace treem::plan;

struct plan_source {
  std::string plan_file;
  std::string units_file;

  [[nodiscard]] treem::plan::plan load_plan() const {
    return plan_file.empty() ? data::son_ha_2024_plan() : treem::plan::load_plan(read_file(plan_file), plan_file);
  }
  [[nodiscard]] unit_registry load_units() const {
    return units_file.empty() ? data::quang_ngai_son_ha_units() : treem::load_units(read_file(units_file), units_file);
  }
};

void add_plan_option(CLI::App* cmd, plan_source& src) {
  cmd->add_option("--plan", src.plan_file, "plan file (TOML, schema treem.plan/1); default: the bundled Sơn Hà 2024 plan");
}

std::string agency_label(const treem::plan::plan& p, const std::string& id) {
  const agency* a = p.find_agency(id);
  return a ? a->short_name : id;
}

json links_json(const std::vector<task_link>& links) {
  json out = json::array();
  for (const auto& l : links) out.push_back({{"agency", l.agency}, {"role", to_string(l.role)}});
  return out;
}

json plan_json(const treem::plan::plan& p) {
  const auto& d = p.document;
  json doc = {{"kind", d.kind}, {"issuer", d.issuer}, {"unit", d.unit}, {"number_text", d.number_text}, {"number", d.number},
              {"symbol", d.symbol}, {"place", d.place}, {"date_text", d.date_text}, {"date", d.date.to_iso()}, {"year", d.year},
              {"title", d.title}, {"subtitle", d.subtitle}, {"recipients", d.recipients},
              {"signer", {{"authority", d.signer.authority}, {"position", d.signer.position}, {"name", d.signer.name}}}};
  json bases = json::array();
  for (const auto& b : p.bases) {
    bases.push_back({{"id", b.id}, {"kind", b.kind}, {"number", b.number}, {"date", format_iso(b.issued)}, {"issuer", b.issuer},
                     {"relation", b.relation}, {"cited_in", b.cited_in}});
  }
  std::map<std::string, std::map<std::string, int>> counts;
  for (const auto& r : responsibility_matrix(p)) counts[r.agency][std::string(to_string(r.role))]++;
  json agencies = json::array();
  for (const auto& a : p.agencies) {
    agencies.push_back({{"id", a.id}, {"name", a.name}, {"short_name", a.short_name}, {"kind", a.kind},
                        {"relation", to_string(a.relation)}, {"lead", counts[a.id]["lead"]},
                        {"coordinating", counts[a.id]["coordinating"]}, {"requested", counts[a.id]["requested"]}});
  }
  json tasks = json::array();
  for (const auto& t : p.tasks()) tasks.push_back({{"path", t.path}, {"text", t.text}, {"links", links_json(t.links)}});
  json without = json::array();
  for (const auto& t : tasks_without_lead(p)) without.push_back(t.path);
  json reports = json::array();
  for (const auto& r : p.reports) {
    reports.push_back({{"id", r.id}, {"name", r.name}, {"due", format_iso(r.due)}, {"bound", to_string(r.bound)},
                       {"last_on_time_day", format_iso(r.last_on_time_day())}, {"from_agencies", r.from_agencies},
                       {"from_communes", r.from_communes}, {"to", r.to}, {"source", r.source}});
  }
  json rules = json::array();
  for (const auto& r : p.local_rules) rules.push_back({{"id", r.id}, {"text", r.text}, {"source", r.source}});
  return {{"id", p.id}, {"version", p.version}, {"document", doc}, {"bases", bases}, {"agencies", agencies},
          {"tasks", tasks}, {"tasks_without_lead", without}, {"reports", reports}, {"local_rules", rules}};
}

void print_plan(std::ostream& out, const treem::plan::plan& p) {
  const auto& d = p.document;
  out << d.title << ": " << d.subtitle << "\n";
  out << d.number_text << " · " << d.place << ", " << d.date_text << " · " << d.signer.authority << " " << d.signer.position
      << " " << d.signer.name << "\n";
  out << "Căn cứ: ";
  for (std::size_t i = 0; i < p.bases.size() && i < 2; ++i) out << (i ? "; " : "") << p.bases[i].kind << " " << p.bases[i].number << " ngày " << format_vn(p.bases[i].issued);
  out << " (+" << (p.bases.size() > 2 ? p.bases.size() - 2 : 0) << " instruments cited in the text)\n\n";

  std::map<std::string, std::map<task_role, int>> counts;
  for (const auto& r : responsibility_matrix(p)) counts[r.agency][r.role]++;
  out << p.agencies.size() << " agencies:\n";
  std::vector<std::vector<std::string>> rows{{"agency", "relation", "lead", "coordinating", "requested"}};
  for (const auto& a : p.agencies) {
    rows.push_back({a.short_name, std::string(to_string(a.relation)), std::to_string(counts[a.id][task_role::lead]),
                    std::to_string(counts[a.id][task_role::coordinating]), std::to_string(counts[a.id][task_role::requested])});
  }
  print_table(out, rows);
  const auto tasks = p.tasks();
  const auto without = tasks_without_lead(p);
  out << "\n" << tasks.size() << " tasks; " << without.size() << " without a lead:";
  for (const auto& t : without) out << " " << t.path;
  out << "\n\nReports:\n";
  rows = {{"report", "due", "from", "to", "plan"}};
  for (const auto& r : p.reports) {
    std::string to;
    for (const auto& a : r.to) to += (to.empty() ? "" : ", ") + agency_label(p, a);
    rows.push_back({r.name, std::string(r.bound == deadline_bound::before ? "trước " : "chậm nhất ") + format_vn(r.due),
                    std::to_string(r.from_agencies.size()) + " agencies" + (r.from_communes ? " + communes" : ""), to, r.source});
  }
  print_table(out, rows);
  for (const auto& rule : p.local_rules) out << "\nLocal rule (" << rule.source << "): " << rule.text << "\n";
}

void print_tasks_of(std::ostream& out, const treem::plan::plan& p, const std::string& agency_id) {
  const agency& a = p.get_agency(agency_id);
  const auto tasks = tasks_of(p, agency_id);
  out << a.name << ": " << tasks.size() << " tasks\n";
  for (const auto& t : tasks) {
    for (const auto& l : t.links) {
      if (l.agency == agency_id) out << "  " << t.path << "  [" << to_string(l.role) << "]  " << t.text << "\n";
    }
  }
}

json calendar_json(const treem::plan::plan& p, const plan_calendar& cal) {
  json entries = json::array();
  for (const auto& e : cal.entries) {
    entries.push_back({{"start", format_iso(e.start)}, {"end", format_iso(e.end)}, {"kind", to_string(e.kind)}, {"id", e.id},
                       {"name", e.name}, {"detail", e.detail}, {"agencies", e.agencies}, {"lunar", e.lunar}, {"source", e.source}});
  }
  json undated = json::array();
  for (const auto& e : cal.undated) undated.push_back({{"id", e.id}, {"name", e.name}, {"source", e.source}});
  return {{"plan", p.id}, {"year", p.document.year}, {"entries", entries}, {"undated", undated}};
}

std::string calendar_csv(const plan_calendar& cal) {
  std::string out = "start,end,kind,id,name,detail,agencies,lunar,source\n";
  for (const auto& e : cal.entries) {
    std::string agencies;
    for (const auto& a : e.agencies) agencies += (agencies.empty() ? "" : ";") + a;
    out += format_iso(e.start) + "," + format_iso(e.end) + "," + std::string(to_string(e.kind)) + "," + csv_text(e.id) + "," +
           csv_text(e.name) + "," + csv_text(e.detail) + "," + csv_text(agencies) + "," + (e.lunar ? "true" : "false") + "," +
           csv_text(e.source) + "\n";
  }
  return out;
}

std::string utc_stamp() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

json status_json(const std::vector<submission_status>& st, const date& as_of) {
  json rows = json::array();
  for (const auto& s : st) {
    rows.push_back({{"report", s.report}, {"submitter", s.submitter}, {"submitter_name", s.submitter_name}, {"commune", s.commune},
                    {"due", format_iso(s.due)}, {"last_on_time_day", format_iso(s.last_on_time_day)}, {"state", to_string(s.state)},
                    {"submitted", s.submitted ? json(format_iso(*s.submitted)) : json(nullptr)}, {"days_late", s.days_late}});
  }
  return {{"as_of", format_iso(as_of)}, {"statuses", rows}};
}

}  // namespace

void register_plan_commands(CLI::App& app, std::ostream& out) {
  auto* plan_cmd = app.add_subcommand("plan", "The child-work plan: contents, calendar, report status");
  plan_cmd->require_subcommand(1);

  struct show_options : plan_source {
    bool as_json = false;
    std::string agency;
  };
  auto show = std::make_shared<show_options>();
  auto* show_cmd = plan_cmd->add_subcommand("show", "The plan's facts, agencies and their tasks, reports");
  add_plan_option(show_cmd, *show);
  show_cmd->add_option("--agency", show->agency, "only the tasks of one agency (its id, e.g. phong_ldtbxh)");
  show_cmd->add_flag("--json", show->as_json, "machine-readable output");
  show_cmd->callback([&out, show] {
    const treem::plan::plan p = show->load_plan();
    if (show->as_json) {
      json j = plan_json(p);
      if (!show->agency.empty()) {
        json tasks = json::array();
        for (const auto& t : tasks_of(p, show->agency)) tasks.push_back({{"path", t.path}, {"text", t.text}, {"links", links_json(t.links)}});
        j = {{"agency", show->agency}, {"tasks", tasks}};
      }
      out << j.dump(2) << '\n';
    } else if (!show->agency.empty()) {
      print_tasks_of(out, p, show->agency);
    } else {
      print_plan(out, p);
    }
  });

  struct calendar_options : plan_source {
    std::string agency, from, to, ics;
    bool as_json = false, as_csv = false;
  };
  auto cal = std::make_shared<calendar_options>();
  auto* cal_cmd = plan_cmd->add_subcommand("calendar", "Deadlines and events of the plan year, lunar dates resolved");
  add_plan_option(cal_cmd, *cal);
  cal_cmd->add_option("--agency", cal->agency, "only entries that involve this agency");
  cal_cmd->add_option("--from", cal->from, "only entries ending on or after this date");
  cal_cmd->add_option("--to", cal->to, "only entries starting on or before this date");
  cal_cmd->add_option("--ics", cal->ics, "also write the calendar as iCalendar (RFC 5545) to this file");
  auto* json_flag = cal_cmd->add_flag("--json", cal->as_json, "machine-readable output");
  cal_cmd->add_flag("--csv", cal->as_csv, "CSV output")->excludes(json_flag);
  cal_cmd->callback([&out, cal] {
    const treem::plan::plan p = cal->load_plan();
    calendar_filter f;
    if (!cal->agency.empty()) f.agency = cal->agency;
    if (!cal->from.empty()) f.from = parse_date(cal->from, {"<argument --from>", 1, 1});
    if (!cal->to.empty()) f.to = parse_date(cal->to, {"<argument --to>", 1, 1});
    const plan_calendar c = make_calendar(p, f);
    if (!cal->ics.empty()) write_file_atomically(cal->ics, to_icalendar(p, c, utc_stamp()));
    if (cal->as_json) {
      out << calendar_json(p, c).dump(2) << '\n';
    } else if (cal->as_csv) {
      out << calendar_csv(c);
    } else {
      std::vector<std::vector<std::string>> rows{{"date", "until", "kind", "what", "plan"}};
      for (const auto& e : c.entries) {
        rows.push_back({format_vn(e.start), e.end == e.start ? "" : format_vn(e.end), std::string(to_string(e.kind)),
                        e.name + (e.lunar ? " (âm lịch)" : "") + (e.detail.empty() ? "" : ": " + e.detail), e.source});
      }
      out << "Lịch " << p.document.year << " (" << p.id << "):\n";
      print_table(out, rows);
      if (!c.undated.empty()) {
        out << "Named without a date:";
        for (const auto& e : c.undated) out << " " << e.name << " (" << e.source << ");";
        out << '\n';
      }
    }
  });

  struct status_options : plan_source {
    std::string as_of, submissions;
    bool as_json = false, as_csv = false, overdue_only = false;
  };
  auto st = std::make_shared<status_options>();
  auto* st_cmd = plan_cmd->add_subcommand("status", "Status of every due report as of a date, from recorded submissions");
  add_plan_option(st_cmd, *st);
  st_cmd->add_option("--units", st->units_file, "administrative units file (TOML); default: the bundled units");
  st_cmd->add_option("--as-of", st->as_of, "the date of the status (dd/mm/yyyy or ISO)")->required();
  st_cmd->add_option("--submissions", st->submissions, "CSV with columns submitter, report, date")->required();
  st_cmd->add_flag("--overdue", st->overdue_only, "only reports past their deadline and not received");
  auto* st_json = st_cmd->add_flag("--json", st->as_json, "machine-readable output");
  st_cmd->add_flag("--csv", st->as_csv, "CSV output")->excludes(st_json);
  st_cmd->callback([&out, st] {
    const treem::plan::plan p = st->load_plan();
    const unit_registry units = st->load_units();
    const date as_of = parse_date(st->as_of, {"<argument --as-of>", 1, 1});
    const auto records = read_submissions(st->submissions);
    auto statuses = submission_statuses(p, units, records, as_of);
    if (st->overdue_only) statuses = overdue(std::move(statuses));
    if (st->as_json) {
      out << status_json(statuses, as_of).dump(2) << '\n';
      return;
    }
    if (st->as_csv) {
      out << "report,submitter,submitter_name,commune,due,last_on_time_day,state,submitted,days_late\n";
      for (const auto& s : statuses) {
        out << csv_text(s.report) << "," << csv_text(s.submitter) << "," << csv_text(s.submitter_name) << ","
            << (s.commune ? "true" : "false") << "," << format_iso(s.due) << "," << format_iso(s.last_on_time_day) << ","
            << to_string(s.state) << "," << (s.submitted ? format_iso(*s.submitted) : "") << "," << s.days_late << "\n";
      }
      return;
    }
    std::map<std::string, std::map<submission_state, int>> summary;
    for (const auto& s : statuses) summary[s.report][s.state]++;
    out << "Report status as of " << format_vn(as_of) << " (" << p.id << "):\n";
    std::vector<std::vector<std::string>> rows{{"report", "on time", "late", "missing", "not yet due"}};
    for (const auto& r : p.reports) {
      auto& c = summary[r.id];
      rows.push_back({r.id, std::to_string(c[submission_state::on_time]), std::to_string(c[submission_state::late]),
                      std::to_string(c[submission_state::missing]), std::to_string(c[submission_state::not_yet_due])});
    }
    print_table(out, rows);
    out << '\n';
    rows = {{"report", "submitter", "state", "submitted", "days late"}};
    for (const auto& s : statuses) {
      if (s.state == submission_state::not_yet_due) continue;
      rows.push_back({s.report, s.submitter_name, std::string(to_string(s.state)), s.submitted ? format_vn(*s.submitted) : "",
                      s.days_late ? std::to_string(s.days_late) : ""});
    }
    print_table(out, rows);
  });
}

}  // namespace treem::cli

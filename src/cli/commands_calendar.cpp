// treem lunar | solar | holidays | workdays: the calendar core types from the command line.
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "treem/data/bundled.hpp"
#include "treem/time/date.hpp"
#include "treem/time/lunar_calendar.hpp"

namespace treem::cli {

namespace {

source_location argument(const char* name) { return {std::string("<argument ") + name + ">", 1, 1}; }

void print_holidays(std::ostream& out, int year) {
  const auto& calendar = data::vietnam_holidays();
  out << "Ngày nghỉ năm " << year << " (" << calendar.rules().id << " " << calendar.rules().version << ")\n";
  std::vector<std::vector<std::string>> rows{{"date", "weekday", "holiday", "kind", "status"}};
  for (const auto& d : calendar.days_off(year)) {
    std::string name = "(hoán đổi / swapped working day)";
    for (const auto& h : calendar.rules().holidays) {
      if (h.id == d.holiday_id) name = h.name_vi;
    }
    rows.push_back({format_vn(d.day), weekday_vi(d.day), name, std::string(to_string(d.kind)), std::string(to_string(d.evidence))});
  }
  print_table(out, rows);
}

}  // namespace

void register_calendar_commands(CLI::App& app, std::ostream& out) {
  auto* lunar_cmd = app.add_subcommand("lunar", "Convert a solar date to the Vietnamese lunar calendar");
  auto lunar_date_text = std::make_shared<std::string>();
  auto lunar_tz = std::make_shared<double>(lunar::vietnam_time_zone);
  lunar_cmd->add_option("date", *lunar_date_text, "dd/mm/yyyy or yyyy-mm-dd")->required();
  lunar_cmd->add_option("--time-zone", *lunar_tz, "hours east of UTC (7 = Vietnam, 8 = China)")->capture_default_str();
  lunar_cmd->callback([&out, lunar_date_text, lunar_tz] {
    const date d = parse_date(*lunar_date_text, argument("date"));
    const auto l = lunar::to_lunar(d, *lunar_tz);
    out << format_vn(d) << " (" << weekday_vi(d) << ") = " << l.to_string() << " âm lịch\n";
  });

  auto* solar_cmd = app.add_subcommand("solar", "Convert a lunar date (day month year) to the solar calendar");
  auto parts = std::make_shared<std::vector<int>>();
  auto leap = std::make_shared<bool>(false);
  auto solar_tz = std::make_shared<double>(lunar::vietnam_time_zone);
  solar_cmd->add_option("day month year", *parts, "the lunar day, month and year")->required()->expected(3);
  solar_cmd->add_flag("--leap", *leap, "the month is a leap (nhuận) month");
  solar_cmd->add_option("--time-zone", *solar_tz, "hours east of UTC")->capture_default_str();
  solar_cmd->callback([&out, parts, leap, solar_tz] {
    const lunar::lunar_date l{(*parts)[0], (*parts)[1], (*parts)[2], *leap};
    const date d = lunar::from_lunar(l, *solar_tz);
    out << l.to_string() << " âm lịch = " << format_vn(d) << " (" << weekday_vi(d) << ")\n";
  });

  auto* holidays_cmd = app.add_subcommand("holidays", "List the public holidays and days off of a year");
  auto year = std::make_shared<int>(0);
  holidays_cmd->add_option("year", *year, "solar year")->required();
  holidays_cmd->callback([&out, year] { print_holidays(out, *year); });

  auto* workdays = app.add_subcommand("workdays", "Working-day arithmetic (Saturdays, Sundays and holidays excluded)");
  workdays->require_subcommand(1);
  auto* add = workdays->add_subcommand("add", "The date N working days after DATE (e.g. a 05-working-day deadline)");
  auto start_text = std::make_shared<std::string>();
  auto n = std::make_shared<std::int64_t>(0);
  add->add_option("date", *start_text, "start date")->required();
  add->add_option("n", *n, "number of working days (negative: before)")->required();
  add->callback([&out, start_text, n] {
    const date start = parse_date(*start_text, argument("date"));
    const date due = data::vietnam_holidays().add_working_days(start, *n);
    out << format_vn(start) << " + " << *n << " ngày làm việc = " << format_vn(due) << " (" << weekday_vi(due) << ")\n";
  });
  auto* between = workdays->add_subcommand("between", "Working days after FROM up to and including TO");
  auto from_text = std::make_shared<std::string>();
  auto to_text = std::make_shared<std::string>();
  between->add_option("from", *from_text, "first date (not counted)")->required();
  between->add_option("to", *to_text, "last date (counted)")->required();
  between->callback([&out, from_text, to_text] {
    const date from = parse_date(*from_text, argument("from"));
    const date to = parse_date(*to_text, argument("to"));
    out << data::vietnam_holidays().working_days_between(from, to) << '\n';
  });
}

}  // namespace treem::cli

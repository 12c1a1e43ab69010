// treem demo: what treem knows about Sơn Hà out of the box. Grows with each capability.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/units_table.hpp"
#include "treem/data/bundled.hpp"
#include "treem/time/lunar_calendar.hpp"
#include "treem/time/period.hpp"

namespace treem::cli {

namespace {

void print_calendar_2024(std::ostream& out) {
  const auto& holidays = data::vietnam_holidays();
  out << "\nLịch 2024 (calendar facts, lunar dates at UTC+7):\n";
  std::vector<std::vector<std::string>> rows{{"event", "solar date", "weekday", "lunar date"}};
  auto add = [&](const std::string& name, const date& d) {
    rows.push_back({name, format_vn(d), weekday_vi(d), lunar::to_lunar(d).to_string()});
  };
  add("Tết Nguyên đán (1/1 âm lịch)", lunar::tet(2024));
  add("Giỗ Tổ Hùng Vương (10/3 âm lịch)", lunar::from_lunar({10, 3, 2024, false}));
  add("Ngày Quốc tế thiếu nhi", make_date(2024, 6, 1));
  add("Ngày Gia đình Việt Nam", make_date(2024, 6, 28));
  add("Tết Trung thu (15/8 âm lịch)", lunar::trung_thu(2024));
  print_table(out, rows);

  const period action_month(period_type::month, 2024, 6);
  out << "\nTháng hành động vì trẻ em: " << format_vn(action_month.start()) << " – " << format_vn(action_month.end()) << ", "
      << holidays.working_days_between(action_month.start() - date_duration(1), action_month.end()) << " working days\n";
  for (const period& p : {period::statistical_six_month(2024), period::statistical_year(2024)}) {
    out << "Kỳ báo cáo thống kê " << p.iso() << " (" << p.vietnamese_label() << "): " << format_vn(p.start()) << " – "
        << format_vn(p.end()) << ", " << holidays.working_days_between(p.start() - date_duration(1), p.end()) << " working days\n";
  }
  out << '\n';
  const auto& days = holidays.days_off(2024);
  out << days.size() << " days off in 2024 besides weekends (treem holidays 2024 lists them).\n";
}

}  // namespace

void register_demo_command(CLI::App& app, std::ostream& out) {
  auto* demo = app.add_subcommand("demo", "Show treem on the bundled Sơn Hà (Quảng Ngãi) data");
  demo->callback([&out] {
    const auto& registry = data::quang_ngai_son_ha_units();
    const date before = make_date(2024, 12, 31);
    out << "treem demo: huyện Sơn Hà, tỉnh Quảng Ngãi\n\n";
    print_units(out, registry, registry.descendants("529", before), before);
    out << '\n';
    print_merger(out, registry, "nq-1677-2025-son-ha");
    print_calendar_2024(out);
  });
}

}  // namespace treem::cli

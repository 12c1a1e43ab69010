// Example: when is a support/intervention plan due? The limit is data (Decree 56/2017/NĐ-CP,
// Art. 28(1): the commune child-protection worker drafts the plan within 05 working days), read
// from the bundled case deadlines rather than written here. Reports that arrive just before Tết
// show why working days, not calendar days, must be counted.
#include <iostream>

#include <treem/treem.hpp>

int main() {
  const auto& calendar = treem::data::vietnam_holidays();
  const treem::cases::case_deadline& plan = *treem::data::case_deadlines().find("plan_drafted");
  std::cout << plan.name_en << " (" << plan.source.substr(0, plan.source.find(':')) << ")\n";
  for (const char* received : {"05/02/2024", "07/02/2024", "24/04/2024", "30/08/2024"}) {
    const treem::date day = treem::parse_date(received);
    const treem::date due = calendar.add_working_days(day, plan.readings.front());
    std::cout << "report received " << treem::format_vn(day) << " -> plan due " << treem::format_vn(due) << " ("
              << (due - day).days() << " calendar days)\n";
  }
}

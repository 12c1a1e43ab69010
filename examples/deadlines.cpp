// Example: when is a support/intervention plan due? Decree 56/2017/NĐ-CP, Art. 28(1): the commune
// child-protection worker drafts it within 05 working days (DOMAIN.md §4.1). Reports that arrive
// just before Tết show why working days, not calendar days, must be counted.
#include <iostream>

#include <treem/treem.hpp>

int main() {
  const auto& calendar = treem::data::vietnam_holidays();
  for (const char* received : {"05/02/2024", "07/02/2024", "24/04/2024", "30/08/2024"}) {
    const treem::date day = treem::parse_date(received);
    const treem::date due = calendar.add_working_days(day, 5);
    std::cout << "report received " << treem::format_vn(day) << " -> plan due " << treem::format_vn(due) << " ("
              << (due - day).days() << " calendar days)\n";
  }
}

// A program that uses treem as any other project would. It exits non-zero if a fact is wrong.
#include <iostream>

#include <treem/treem.hpp>

int main() {
  const treem::date tet = treem::lunar::tet(2024);
  const auto& units = treem::data::quang_ngai_son_ha_units();
  const auto communes = units.descendants("529", treem::make_date(2024, 12, 31), treem::unit_tier::commune);
  const treem::date due = treem::data::vietnam_holidays().add_working_days(treem::make_date(2024, 2, 7), 1);
  std::cout << "treem " << treem::version_string << ": Tết 2024 " << treem::format_vn(tet) << ", " << communes.size()
            << " units in Sơn Hà, first working day after 07/02/2024 " << treem::format_vn(due) << '\n';
  const bool ok = tet == treem::make_date(2024, 2, 10) && communes.size() == 14 && due == treem::make_date(2024, 2, 15);
  return ok ? 0 : 1;
}

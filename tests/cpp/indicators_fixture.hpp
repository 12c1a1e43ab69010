// A small pair of registers whose every indicator value is worked out by hand in the comments of
// indicators_test.cpp: six children and six incidents in two units of Sơn Hà (Di Lăng 21289 and
// Sơn Bao 21301, both merged into the new xã Sơn Hà 21289 on 01/07/2025).
#pragma once

#include "treem/registers/child_register.hpp"
#include "treem/registers/incident_register.hpp"
#include "treem/time/date.hpp"

namespace treem::fixture {

inline std::int32_t day(int y, int m, int d) { return static_cast<std::int32_t>(to_epoch_days(make_date(y, m, d))); }

inline registers::child_register small_children() {
  using registers::sex;
  namespace f = registers;
  registers::child_register c;
  c.units = {"21289", "21301"};
  c.ethnicities = {"Kinh", "H're"};
  auto add = [&](std::uint32_t unit, sex s, std::int32_t born, std::uint16_t eth, std::uint16_t groups, std::uint8_t flags) {
    c.id.push_back("x" + std::to_string(c.id.size()));
    c.unit.push_back(unit), c.child_sex.push_back(s), c.birth.push_back(born), c.ethnicity.push_back(eth);
    c.special_groups.push_back(groups), c.flags.push_back(flags);
  };
  add(0, sex::male, day(2024, 6, 1), 0, 0, f::birth_registered | f::health_insurance);                        // age 0
  add(0, sex::female, day(2020, 1, 1), 1, 1u << 3, f::disability | f::receiving_support | f::birth_registered);  // age 4, group d
  add(0, sex::female, day(2019, 12, 31), 0, 0, f::enrolled | f::birth_registered | f::health_insurance);       // age 5 exactly
  add(0, sex::male, day(2010, 3, 15), 1, 1u << 0, f::enrolled | f::birth_registered);                          // age 14, group a
  add(1, sex::male, day(2021, 7, 7), 1, 0, f::enrolled | f::health_insurance);                                 // age 3, not registered
  add(1, sex::female, day(2009, 1, 1), 0, 0, f::enrolled | f::birth_registered);                               // age 15
  return c;
}

inline registers::incident_register small_incidents() {
  using registers::incident_kind;
  using registers::environment;
  using registers::sex;
  registers::incident_register r;
  r.units = {"21301", "21289"};  // a different order from the children's on purpose
  auto add = [&](std::uint32_t unit, std::int32_t d, incident_kind k, bool fatal, sex s, std::uint8_t age, environment e, std::int8_t plan) {
    r.unit.push_back(unit), r.day.push_back(d), r.kind.push_back(k), r.fatal.push_back(fatal ? 1 : 0);
    r.child_sex.push_back(s), r.child_age.push_back(age), r.where.push_back(e), r.plan_in_time.push_back(plan);
  };
  add(1, day(2024, 7, 10), incident_kind::drowning, true, sex::male, 7, environment::unknown, -1);
  add(1, day(2024, 3, 2), incident_kind::violence, false, sex::female, 12, environment::family, -1);
  add(1, day(2024, 9, 9), incident_kind::sexual_abuse, false, sex::female, 14, environment::school, 1);
  add(0, day(2024, 11, 1), incident_kind::traffic_injury, false, sex::unknown, 255, environment::unknown, -1);
  add(0, day(2024, 12, 31), incident_kind::abandonment, false, sex::female, 0, environment::family, 0);
  add(1, day(2023, 12, 31), incident_kind::violence, false, sex::male, 10, environment::family, -1);  // outside 2024
  return r;
}

// Two communes of Sơn Hà district (529) where the five-year-olds of the first are few: Di Lăng
// (21289) has 20 children aged 2, 3 aged 5 and 30 aged 12 on 31/12/2024; Sơn Bao (21301) 26, 10
// and 40. Every child is birth-registered, insured and enrolled.
inline registers::child_register few_five_year_olds() {
  registers::child_register c;
  c.units = {"21289", "21301"};
  c.ethnicities = {"Kinh"};
  auto add = [&](std::uint32_t unit, int count, int born_year) {
    for (int i = 0; i < count; ++i) {
      c.id.push_back("c" + std::to_string(c.id.size()));
      c.unit.push_back(unit), c.child_sex.push_back(i % 2 ? registers::sex::female : registers::sex::male);
      c.birth.push_back(day(born_year, 6, 1)), c.ethnicity.push_back(0), c.special_groups.push_back(0);
      c.flags.push_back(registers::birth_registered | registers::health_insurance | registers::enrolled);
    }
  };
  add(0, 20, 2022), add(0, 3, 2019), add(0, 30, 2012);  // ages 2, 5 and 12 on 31/12/2024
  add(1, 26, 2022), add(1, 10, 2019), add(1, 40, 2012);
  return c;
}

}  // namespace treem::fixture

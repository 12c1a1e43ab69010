// Expectations are taken from the Government's notices for 2024-2026 (see
// data/calendar/vn-public-holidays.toml) and counted by hand on 2024 and 2026 wall calendars.
#include <gtest/gtest.h>

#include <algorithm>

#include "treem/data/bundled.hpp"

namespace {

using treem::day_off_kind;
using treem::make_date;

const treem::holiday_calendar& vn() { return treem::data::vietnam_holidays(); }

std::vector<treem::date> days(int year) {
  std::vector<treem::date> out;
  for (const auto& d : vn().days_off(year)) out.push_back(d.day);
  return out;
}

TEST(HolidayCalendar, Year2024AsDecided) {
  // 01/01; Tết 08/02-14/02 (Thông báo 5015/TB-LĐTBXH); Giỗ Tổ 18/04; 29/04 swapped for Saturday
  // 04/05; 30/04; 01/05; Quốc khánh 02/09 and 03/09.
  const std::vector<treem::date> expected{
      make_date(2024, 1, 1),  make_date(2024, 2, 8),  make_date(2024, 2, 9),  make_date(2024, 2, 10),
      make_date(2024, 2, 11), make_date(2024, 2, 12), make_date(2024, 2, 13), make_date(2024, 2, 14),
      make_date(2024, 4, 18), make_date(2024, 4, 29), make_date(2024, 4, 30), make_date(2024, 5, 1),
      make_date(2024, 9, 2),  make_date(2024, 9, 3)};
  EXPECT_EQ(days(2024), expected);
  EXPECT_TRUE(vn().is_working_day(make_date(2024, 5, 4)));  // the made-up Saturday
  EXPECT_FALSE(vn().is_working_day(make_date(2024, 4, 29)));
  EXPECT_EQ(vn().day_off_on(make_date(2024, 4, 29))->kind, day_off_kind::swapped);
  EXPECT_EQ(vn().day_off_on(make_date(2024, 2, 12))->holiday_id, "tet_nguyen_dan");
  EXPECT_EQ(vn().day_off_on(make_date(2024, 2, 12))->kind, day_off_kind::decided);
  EXPECT_EQ(vn().day_off_on(make_date(2024, 4, 18))->kind, day_off_kind::holiday);
  EXPECT_EQ(vn().day_off_on(make_date(2024, 6, 3)), nullptr);
}

TEST(HolidayCalendar, WorkingDaysIn2024) {
  // 2024: 366 days from a Monday = 52 weeks + Mon, Tue -> 262 weekdays. Days off on weekdays: 01/01,
  // 08, 09, 12, 13, 14/02, 18/04, 29/04, 30/04, 01/05, 02/09, 03/09 = 12. Plus Saturday 04/05.
  EXPECT_EQ(vn().working_days_between(make_date(2023, 12, 31), make_date(2024, 12, 31)), 262 - 12 + 1);
  // Action Month 01/06-30/06/2024: 30 days minus 5 Saturdays and 5 Sundays.
  EXPECT_EQ(vn().working_days_between(make_date(2024, 5, 31), make_date(2024, 6, 30)), 20);
}

TEST(HolidayCalendar, AddWorkingDaysAcrossTet) {
  // Decree 56/2017: a plan within 05 working days. Received Monday 05/02/2024: Tue 06 (1), Wed 07
  // (2), Tết 08-14, Thu 15 (3), Fri 16 (4), Mon 19 (5).
  EXPECT_EQ(vn().add_working_days(make_date(2024, 2, 5), 5), make_date(2024, 2, 19));
  EXPECT_EQ(vn().add_working_days(make_date(2024, 2, 7), 1), make_date(2024, 2, 15));
  EXPECT_EQ(vn().add_working_days(make_date(2024, 2, 15), -1), make_date(2024, 2, 7));
  EXPECT_EQ(vn().add_working_days(make_date(2024, 2, 10), 0), make_date(2024, 2, 15));
  EXPECT_EQ(vn().add_working_days(make_date(2024, 2, 15), 0), make_date(2024, 2, 15));
  // Across the 27/04-01/05 break: Friday 26/04 + 1 = Thursday 02/05.
  EXPECT_EQ(vn().add_working_days(make_date(2024, 4, 26), 1), make_date(2024, 5, 2));
  // The made-up Saturday 04/05 counts: Friday 03/05 + 1 = Saturday 04/05.
  EXPECT_EQ(vn().add_working_days(make_date(2024, 5, 3), 1), make_date(2024, 5, 4));
  // Across the year end: Tuesday 31/12/2024 + 1 = Thursday 02/01/2025 (01/01 is a holiday).
  EXPECT_EQ(vn().add_working_days(make_date(2024, 12, 31), 1), make_date(2025, 1, 2));
}

TEST(HolidayCalendar, AddAndCountAreInverse) {
  // Property: for every start in 2024-2026 and n in 0..40, counting back gives n.
  for (treem::date d = make_date(2024, 1, 1); d <= make_date(2026, 12, 1); d += treem::date_duration(3)) {
    for (long n = 1; n <= 40; n += 7) {
      const treem::date end = vn().add_working_days(d, n);
      ASSERT_EQ(vn().working_days_between(d, end), n) << treem::format_iso(d);
      ASSERT_EQ(vn().working_days_between(end, d), -n);
      ASSERT_TRUE(vn().is_working_day(end));
    }
  }
}

TEST(HolidayCalendar, Year2025AsDecided) {
  const std::vector<treem::date> expected{
      make_date(2025, 1, 1),  make_date(2025, 1, 27), make_date(2025, 1, 28), make_date(2025, 1, 29),
      make_date(2025, 1, 30), make_date(2025, 1, 31), make_date(2025, 4, 7),  make_date(2025, 4, 30),
      make_date(2025, 5, 1),  make_date(2025, 5, 2),  make_date(2025, 9, 1),  make_date(2025, 9, 2)};
  EXPECT_EQ(days(2025), expected);
  EXPECT_TRUE(vn().is_working_day(make_date(2025, 4, 26)));
}

TEST(HolidayCalendar, DaysInLieuFollowArticle111) {
  // 2026: Giỗ Tổ (10/3 lunar) is Sunday 26/04/2026, so Monday 27/04 is a day in lieu, as the
  // press reported for 2026.
  const auto* in_lieu = vn().day_off_on(make_date(2026, 4, 27));
  ASSERT_NE(in_lieu, nullptr);
  EXPECT_EQ(in_lieu->kind, day_off_kind::in_lieu);
  EXPECT_EQ(in_lieu->holiday_id, "gio_to_hung_vuong");
  // 2027 has no decision yet: Tết (Saturday 06/02/2027) by the default rule is Fri 05 to Tue 09/02,
  // and its Saturday and Sunday give Wed 10 and Thu 11/02 in lieu. 01/05/2027 is a Saturday:
  // Monday 03/05 in lieu.
  for (int day : {5, 6, 7, 8, 9}) EXPECT_EQ(vn().day_off_on(make_date(2027, 2, day))->kind, day_off_kind::holiday);
  EXPECT_EQ(vn().day_off_on(make_date(2027, 2, 10))->kind, day_off_kind::in_lieu);
  EXPECT_EQ(vn().day_off_on(make_date(2027, 2, 11))->kind, day_off_kind::in_lieu);
  EXPECT_TRUE(vn().is_working_day(make_date(2027, 2, 12)));
  EXPECT_EQ(vn().day_off_on(make_date(2027, 5, 3))->holiday_id, "quoc_te_lao_dong");
  // Defaults for Tết are marked unconfirmed; decided days carry the decision's status.
  EXPECT_EQ(vn().day_off_on(make_date(2027, 2, 5))->evidence, treem::evidence::unconfirmed);
  EXPECT_EQ(vn().day_off_on(make_date(2026, 2, 16))->evidence, treem::evidence::confirmed);
}

TEST(HolidayCalendar, Year2026AsDecided) {
  // 01/01 and 02/01 swapped for Saturday 10/01 (Công văn 12729/VPCP-KGVX); Tết 16/02-20/02 and
  // Quốc khánh 01/09-02/09 with 31/08 swapped for Saturday 22/08 (Thông báo 9441/TB-BNV); Giỗ Tổ on
  // Sunday 26/04 and Monday 27/04 in lieu; 30/04; 01/05; Ngày Văn hóa Việt Nam 24/11.
  const std::vector<treem::date> expected{
      make_date(2026, 1, 1),  make_date(2026, 1, 2),  make_date(2026, 2, 16), make_date(2026, 2, 17),
      make_date(2026, 2, 18), make_date(2026, 2, 19), make_date(2026, 2, 20), make_date(2026, 4, 26),
      make_date(2026, 4, 27), make_date(2026, 4, 30), make_date(2026, 5, 1),  make_date(2026, 8, 31),
      make_date(2026, 9, 1),  make_date(2026, 9, 2),  make_date(2026, 11, 24)};
  EXPECT_EQ(days(2026), expected);
  EXPECT_EQ(vn().day_off_on(make_date(2026, 8, 31))->kind, day_off_kind::swapped);
  EXPECT_EQ(vn().day_off_on(make_date(2026, 9, 1))->kind, day_off_kind::decided);
  EXPECT_TRUE(vn().is_working_day(make_date(2026, 8, 22)));  // the made-up Saturday
  EXPECT_TRUE(vn().is_working_day(make_date(2026, 9, 3)));   // no longer the default's second day
  // 2026 starts on a Thursday: 261 weekdays, 14 of them days off, plus Saturdays 10/01 and 22/08.
  EXPECT_EQ(vn().working_days_between(make_date(2025, 12, 31), make_date(2026, 12, 31)), 261 - 14 + 2);
}

TEST(HolidayCalendar, CultureDayFromJuly2026) {
  // Nghị quyết 28/2026/QH16: 24/11 each year from 01/07/2026.
  const auto* culture_day = vn().day_off_on(make_date(2026, 11, 24));
  ASSERT_NE(culture_day, nullptr);
  EXPECT_EQ(culture_day->holiday_id, "ngay_van_hoa_viet_nam");
  EXPECT_EQ(culture_day->evidence, treem::evidence::confirmed);
  EXPECT_TRUE(vn().is_working_day(make_date(2025, 11, 24)));  // before the resolution took effect
  // 24/11/2029 is a Saturday: Monday 26/11 in lieu.
  EXPECT_EQ(vn().day_off_on(make_date(2029, 11, 26))->kind, day_off_kind::in_lieu);
  // Art. 111(3) names the holidays of Art. 112(1); whether a day made by a resolution has a day in
  // lieu is not confirmed, and the day says so.
  EXPECT_EQ(vn().day_off_on(make_date(2029, 11, 26))->evidence, treem::evidence::unconfirmed);
  EXPECT_EQ(vn().day_off_on(make_date(2029, 11, 24))->evidence, treem::evidence::confirmed);
  const auto without = vn().with_enabled("ngay_van_hoa_viet_nam", false);
  EXPECT_TRUE(without.is_working_day(make_date(2026, 11, 24)));
  EXPECT_THROW((void)vn().with_enabled("no_such_day", true), treem::not_found_error);
}

TEST(HolidayCalendar, YearsOutsideTheDataAreErrors) {
  EXPECT_THROW((void)vn().days_off(2020), treem::validation_error);
  EXPECT_THROW((void)vn().is_working_day(make_date(2020, 5, 5)), treem::validation_error);
}

}  // namespace

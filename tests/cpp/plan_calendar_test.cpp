// The plan's calendar and its iCalendar export. Dates are from the seed and DOMAIN.md §9.3.
#include <gtest/gtest.h>

#include "treem/data/bundled.hpp"
#include "treem/plan/icalendar.hpp"

namespace {

using namespace treem::plan;
using treem::make_date;

const plan& son_ha() { return treem::data::son_ha_2024_plan(); }

TEST(PlanCalendar, DeadlinesAndEventsOf2024InOrder) {
  const auto cal = make_calendar(son_ha());
  std::vector<std::pair<treem::date, std::string>> got;
  for (const auto& e : cal.entries) got.emplace_back(e.start, e.id);
  const std::vector<std::pair<treem::date, std::string>> expected{
      {make_date(2024, 2, 10), "tet_nguyen_dan"},          // 1/1 lunar (DOMAIN.md §9.3)
      {make_date(2024, 5, 30), "bao_cao_6_thang"},         // V.1: trước ngày 31/5/2024: the last day on time is 30/05
      {make_date(2024, 6, 1), "ngay_quoc_te_thieu_nhi"},   // II.2.c (01/6)
      {make_date(2024, 6, 1), "thang_hanh_dong"},          // II.4: 01/6-30/6
      {make_date(2024, 6, 28), "ngay_gia_dinh_viet_nam"},
      {make_date(2024, 9, 17), "tet_trung_thu"},           // 15/8 lunar (DOMAIN.md §9.3)
      {make_date(2024, 11, 29), "bao_cao_ca_nam"},         // V.1: trước ngày 30/11/2024
      {make_date(2024, 12, 9), "bao_cao_huyen_gui_tinh"},  // V.2: trước ngày 10/12/2024
  };
  EXPECT_EQ(got, expected);
  const auto& month = cal.entries[3];
  EXPECT_EQ(month.end, make_date(2024, 6, 30));
  EXPECT_EQ(month.detail, "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em");
  EXPECT_TRUE(cal.entries[0].lunar);
  EXPECT_EQ(cal.entries[1].detail, "trước ngày 31/05/2024");  // the plan's wording is kept
  EXPECT_THROW((void)make_calendar(son_ha(), {.from = make_date(2024, 7, 1), .to = make_date(2024, 6, 1)}), treem::validation_error);
  // The Children's Forum and "Ngày toàn dân đưa trẻ đến trường" have no date in the plan.
  ASSERT_EQ(cal.undated.size(), 2u);
  EXPECT_EQ(cal.undated[0].id, "dien_dan_tre_em");
}

TEST(PlanCalendar, FiltersByAgencyAndRange) {
  const auto for_province = make_calendar(son_ha(), {.agency = "ubnd_tinh"});
  ASSERT_EQ(for_province.entries.size(), 1u);
  EXPECT_EQ(for_province.entries[0].id, "bao_cao_huyen_gui_tinh");
  const auto communes = make_calendar(son_ha(), {.agency = "ubnd_xa"});
  // Both yearly deadlines, the Action Month and Trung thu involve the communes.
  EXPECT_EQ(communes.entries.size(), 4u);
  const auto june = make_calendar(son_ha(), {.from = make_date(2024, 6, 15), .to = make_date(2024, 6, 30)});
  ASSERT_EQ(june.entries.size(), 2u);  // the Action Month (still running) and 28/6
  EXPECT_EQ(june.entries[0].id, "thang_hanh_dong");
  EXPECT_THROW((void)make_calendar(son_ha(), {.agency = "nobody"}), treem::not_found_error);
}

TEST(PlanCalendar, IcalendarIsWellFormed) {
  const auto cal = make_calendar(son_ha());
  const std::string ics = to_icalendar(son_ha(), cal, "20241201T000000Z");
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_NE(ics.find("BEGIN:VEVENT\r\nUID:thang_hanh_dong.2024@son-ha-2024.treem\r\n"), std::string::npos);
  // All-day: DTEND is the day after the last day.
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20240601\r\nDTEND;VALUE=DATE:20240701\r\n"), std::string::npos);
  std::size_t events = 0, from = 0;
  while ((from = ics.find("BEGIN:VEVENT", from)) != std::string::npos) ++events, ++from;
  EXPECT_EQ(events, cal.entries.size());
  // Every physical line is at most 75 octets and ends with CRLF.
  std::size_t start = 0;
  while (start < ics.size()) {
    const auto end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    start = end + 2;
  }
}

TEST(PlanCalendar, IcalendarEscapesText) {
  EXPECT_EQ(detail::ical_escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
  std::string out;
  detail::ical_line(out, std::string(80, 'x'));
  EXPECT_EQ(out, std::string(75, 'x') + "\r\n " + std::string(5, 'x') + "\r\n");
  out.clear();
  detail::ical_line(out, std::string(74, 'x') + "ạ");  // a 3-byte letter straddling the fold
  EXPECT_EQ(out, std::string(74, 'x') + "\r\n ạ\r\n");
}

}  // namespace

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "treem/time/period.hpp"

namespace {

using treem::make_date;
using treem::period;
using treem::period_type;

TEST(Period, ParsesEveryDhis2Form) {
  const period y = period::parse("2024");
  EXPECT_EQ(y.type(), period_type::year);
  EXPECT_EQ(y.start(), make_date(2024, 1, 1));
  EXPECT_EQ(y.end(), make_date(2024, 12, 31));

  const period s1 = period::parse("2024S1");
  EXPECT_EQ(s1.start(), make_date(2024, 1, 1));
  EXPECT_EQ(s1.end(), make_date(2024, 6, 30));
  EXPECT_EQ(period::parse("2024S2").start(), make_date(2024, 7, 1));

  const period q3 = period::parse("2024Q3");
  EXPECT_EQ(q3.start(), make_date(2024, 7, 1));
  EXPECT_EQ(q3.end(), make_date(2024, 9, 30));

  const period feb = period::parse("202402");
  EXPECT_EQ(feb.type(), period_type::month);
  EXPECT_EQ(feb.end(), make_date(2024, 2, 29));

  const period day = period::parse("20240601");
  EXPECT_EQ(day.type(), period_type::day);
  EXPECT_EQ(day.start(), make_date(2024, 6, 1));
  EXPECT_EQ(day.end(), make_date(2024, 6, 1));
}

TEST(Period, IsoRoundTrips) {
  for (const char* s : {"2024", "2024S1", "2024S2", "2024Q1", "2024Q4", "202401", "202412", "20240229", "20241231"}) {
    EXPECT_EQ(period::parse(s).iso(), s);
  }
}

TEST(Period, VietnameseStatisticalPeriodsOfDecree60) {
  // 6-month report: 01/01-30/06; annual report: 01/01-31/12 (DOMAIN.md §9.1).
  EXPECT_EQ(period::statistical_six_month(2024), period::parse("2024S1"));
  EXPECT_EQ(period::statistical_year(2024), period::parse("2024"));
  EXPECT_EQ(period::statistical_six_month(2024).vietnamese_label(), "6 tháng đầu năm 2024");
  EXPECT_EQ(period::parse("2024S2").vietnamese_label(), "6 tháng cuối năm 2024");
  EXPECT_EQ(period::parse("2024Q3").vietnamese_label(), "Quý III năm 2024");
  EXPECT_EQ(period::parse("202406").vietnamese_label(), "Tháng 6 năm 2024");
  EXPECT_EQ(period::parse("2024").vietnamese_label(), "Năm 2024");
  EXPECT_EQ(period::parse("20240601").vietnamese_label(), "Ngày 01/06/2024");
}

TEST(Period, NextAndPreviousCrossYears) {
  EXPECT_EQ(period::parse("2024Q4").next(), period::parse("2025Q1"));
  EXPECT_EQ(period::parse("2024S1").previous(), period::parse("2023S2"));
  EXPECT_EQ(period::parse("202401").previous(), period::parse("202312"));
  EXPECT_EQ(period::parse("202412").next(), period::parse("202501"));
  EXPECT_EQ(period::parse("20241231").next(), period::parse("20250101"));
  EXPECT_EQ(period::parse("20240301").previous(), period::parse("20240229"));
  EXPECT_EQ(period::parse("2024").next(), period::parse("2025"));
}

TEST(Period, ContainsDatesAndPeriods) {
  const period s1 = period::parse("2024S1");
  EXPECT_TRUE(s1.contains(make_date(2024, 6, 30)));
  EXPECT_FALSE(s1.contains(make_date(2024, 7, 1)));
  EXPECT_TRUE(s1.contains(period::parse("2024Q2")));
  EXPECT_FALSE(s1.contains(period::parse("2024Q3")));
  EXPECT_TRUE(period::parse("2024").contains(s1));
  EXPECT_EQ(period::containing(period_type::quarter, make_date(2024, 8, 15)), period::parse("2024Q3"));
  EXPECT_EQ(period::containing(period_type::six_month, make_date(2024, 7, 1)), period::parse("2024S2"));
}

TEST(Period, IteratesItsDays) {
  // 2024S1 = 31 + 29 + 31 + 30 + 31 + 30 days.
  const period s1 = period::parse("2024S1");
  EXPECT_EQ(s1.length_in_days(), 182u);
  std::vector<treem::date> days(s1.days().begin(), s1.days().end());
  ASSERT_EQ(days.size(), 182u);
  EXPECT_EQ(days.front(), make_date(2024, 1, 1));
  EXPECT_EQ(days.back(), make_date(2024, 6, 30));
  EXPECT_EQ(period::parse("2023").length_in_days(), 365u);
  EXPECT_EQ(period::parse("2024").length_in_days(), 366u);
}

TEST(Period, OrdersByStartThenLength) {
  std::vector<period> v{period::parse("2024Q2"), period::parse("2024"), period::parse("202401"), period::parse("2024S1")};
  std::sort(v.begin(), v.end());
  EXPECT_EQ(v[0], period::parse("202401"));
  EXPECT_EQ(v[1], period::parse("2024S1"));
  EXPECT_EQ(v[2], period::parse("2024"));
  EXPECT_EQ(v[3], period::parse("2024Q2"));
}

TEST(Period, BadStringsAreParseErrors) {
  for (const char* s : {"", "24", "2024S3", "2024S0", "2024Q5", "2024Q", "2024-06", "202413", "20230229", "2024W1", "S12024", "2024q1"}) {
    EXPECT_THROW((void)period::parse(s), treem::parse_error) << s;
  }
  try {
    (void)period::parse("2024Q5", {"periods.csv", 3, 5});
    FAIL();
  } catch (const treem::parse_error& e) {
    EXPECT_EQ(e.where().column, 10u);  // the quarter digit
    EXPECT_NE(std::string(e.what()).find("a quarter is Q1 to Q4"), std::string::npos);
  }
}

}  // namespace

namespace {

TEST(Period, BoundariesAreValidationErrorsNotBoostExceptions) {
  EXPECT_THROW((void)period::parse("99991231").next(), treem::validation_error);
  EXPECT_THROW((void)period::parse("14000101").previous(), treem::validation_error);
  EXPECT_THROW((void)period::parse("9999Q4").next(), treem::validation_error);
  EXPECT_EQ(period::parse("9999Q3").next(), period::parse("9999Q4"));
}

TEST(Period, ConstructorChecksTheIndex) {
  EXPECT_THROW(period(period_type::day, 2024, 0), treem::validation_error);
  EXPECT_THROW(period(period_type::day, 2023, 366), treem::validation_error);
  EXPECT_EQ(period(period_type::day, 2024, 366), period::parse("20241231"));
  EXPECT_EQ(period(period_type::year, 2024, 7), period::parse("2024"));  // a year has no index
}

TEST(Period, LeadingBlanksDoNotShiftColumns) {
  try {
    (void)period::parse(" 2024Q5", {"f", 1, 1});
    FAIL();
  } catch (const treem::parse_error& e) {
    EXPECT_EQ(e.where().column, 7u);  // the '5'
  }
}

}  // namespace

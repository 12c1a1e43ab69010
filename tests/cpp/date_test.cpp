#include <gtest/gtest.h>

#include "treem/time/date.hpp"

namespace {

using treem::make_date;
using treem::parse_date;

TEST(Date, ParsesVietnameseAndIsoForms) {
  EXPECT_EQ(parse_date("17/09/2024"), make_date(2024, 9, 17));
  EXPECT_EQ(parse_date("1/6/2024"), make_date(2024, 6, 1));
  EXPECT_EQ(parse_date("2024-09-17"), make_date(2024, 9, 17));
  EXPECT_EQ(parse_date("  29/02/2024 "), make_date(2024, 2, 29));
}

TEST(Date, FormatsBothWays) {
  EXPECT_EQ(treem::format_vn(make_date(2024, 6, 1)), "01/06/2024");
  EXPECT_EQ(treem::format_iso(make_date(2024, 6, 1)), "2024-06-01");
}

// Each bad string gives a parse_error whose column points at the offending field.
struct BadDate {
  const char* text;
  std::size_t column;
  const char* message_part;
};

class BadDates : public ::testing::TestWithParam<BadDate> {};

TEST_P(BadDates, AreRejectedWithColumn) {
  const BadDate& c = GetParam();
  try {
    (void)parse_date(c.text, {"f.csv", 7, 10});
    FAIL() << "accepted " << c.text;
  } catch (const treem::parse_error& e) {
    EXPECT_EQ(e.where().source, "f.csv");
    EXPECT_EQ(e.where().line, 7u);
    EXPECT_EQ(e.where().column, c.column) << e.what();
    EXPECT_NE(std::string(e.what()).find(c.message_part), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Date, BadDates,
    ::testing::Values(BadDate{"31/02/2024", 10, "day 31 does not exist in February 2024 (it has 29 days)"},
                      BadDate{"29/02/2023", 10, "day 29 does not exist in February 2023 (it has 28 days)"},
                      BadDate{"15/13/2024", 13, "month 13 is not 1-12"},
                      BadDate{"2024-13-01", 15, "month 13 is not 1-12"},
                      BadDate{"2024-02-30", 18, "day 30 does not exist"},
                      BadDate{"17-09-2024", 12, "expected '/' after the day"},
                      BadDate{"17/09/24", 16, "four-digit year"},
                      BadDate{"17/09/2024x", 20, "four-digit year at the end"},
                      BadDate{"", 10, "empty date"},
                      BadDate{"ngày 5", 10, "expected a date"},
                      BadDate{"01/01/0999", 16, "year 999 is outside 1400-9999"}));

TEST(Date, MakeDateRejectsImpossibleDays) {
  EXPECT_THROW((void)make_date(2023, 2, 29), treem::validation_error);
  EXPECT_NO_THROW((void)make_date(2000, 2, 29));  // divisible by 400: leap
  EXPECT_THROW((void)make_date(1900, 2, 29), treem::validation_error);  // divisible by 100 only
}

TEST(Date, EpochDaysMatchNumpyConvention) {
  EXPECT_EQ(treem::to_epoch_days(make_date(1970, 1, 1)), 0);
  EXPECT_EQ(treem::to_epoch_days(make_date(2024, 1, 1)), 19723);  // 54 years, 13 of them leap: 54*365+13
  EXPECT_EQ(treem::from_epoch_days(19723), make_date(2024, 1, 1));
  EXPECT_EQ(treem::from_epoch_days(-1), make_date(1969, 12, 31));
  EXPECT_THROW((void)treem::from_epoch_days(100'000'000), treem::validation_error);
}

}  // namespace

namespace {

TEST(Date, AllBlanksBeforeTheTextAreCounted) {
  try {
    (void)parse_date("\n 31/02/2024", {"f", 1, 1});
    FAIL();
  } catch (const treem::parse_error& e) {
    EXPECT_EQ(e.where().column, 3u);
  }
}

TEST(Date, AddDaysStaysInRange) {
  EXPECT_EQ(treem::add_days(make_date(2024, 2, 28), 2), make_date(2024, 3, 1));
  EXPECT_THROW((void)treem::add_days(make_date(9999, 12, 31), 1), treem::validation_error);
  EXPECT_THROW((void)treem::add_days(make_date(1400, 1, 1), -1), treem::validation_error);
}

}  // namespace

// Malformed holiday files: each gives one validation or parse error at the right line and field.
#include <gtest/gtest.h>

#include <cctype>

#include <string>

#include "treem/time/holidays_toml.hpp"

namespace {

const std::string header = R"(schema = "treem.holidays/1"
id = "test"
version = "1"
first_year = 2030
last_year = 2031
[weekly_rest]
days = ["saturday", "sunday"]
status = "confirmed"
source = "test"
[in_lieu]
rule = "next_working_day"
status = "confirmed"
source = "test"
)";

// Two holidays on Saturday 04/05/2030 and Sunday 05/05/2030: days in lieu Monday and Tuesday.
const std::string weekend_pair = R"([[holiday]]
id = "a"
name_vi = "A"
calendar = "solar"
month = 5
day = 4
status = "confirmed"
source = "test"
[[holiday]]
id = "b"
name_vi = "B"
calendar = "solar"
month = 5
day = 5
status = "confirmed"
source = "test"
)";

TEST(HolidaysToml, DaysInLieuDoNotCollide) {
  const auto cal = treem::load_holiday_calendar(header + weekend_pair, "t.toml");
  const auto& days = cal.days_off(2030);
  ASSERT_EQ(days.size(), 4u);
  EXPECT_EQ(days[2].day, treem::make_date(2030, 5, 6));
  EXPECT_EQ(days[2].holiday_id, "a");
  EXPECT_EQ(days[3].day, treem::make_date(2030, 5, 7));
  EXPECT_EQ(days[3].holiday_id, "b");
}

TEST(HolidaysToml, ADecisionReplacesTheRuleAndItsDaysInLieu) {
  const std::string text = header + weekend_pair + R"([[year]]
year = 2030
[[year.set]]
holiday = "a"
days_off = [2030-05-03]
status = "confirmed"
source = "test"
)";
  const auto cal = treem::load_holiday_calendar(text, "t.toml");
  const auto& days = cal.days_off(2030);
  ASSERT_EQ(days.size(), 3u);  // 03/05 (decided), 05/05 (rule b), 06/05 (b in lieu)
  EXPECT_EQ(days[0].day, treem::make_date(2030, 5, 3));
  EXPECT_EQ(days[0].kind, treem::day_off_kind::decided);
  EXPECT_EQ(days[2].day, treem::make_date(2030, 5, 6));
  EXPECT_EQ(days[2].holiday_id, "b");
}

struct BadFile {
  const char* name;
  std::string body;  // appended to the header
  std::size_t line;
  const char* message_part;
};

class BadHolidayFiles : public ::testing::TestWithParam<BadFile> {};

TEST_P(BadHolidayFiles, GiveOneLocatedError) {
  const BadFile& c = GetParam();
  try {
    (void)treem::load_holiday_calendar(header + c.body, "bad.toml");
    FAIL() << c.name << " was accepted";
  } catch (const treem::error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("bad.toml:" + std::to_string(c.line) + ":", 0), 0u) << what;
    EXPECT_NE(what.find(c.message_part), std::string::npos) << what;
  }
}

INSTANTIATE_TEST_SUITE_P(
    HolidaysToml, BadHolidayFiles,
    ::testing::Values(
        BadFile{"unknown key", "[[holiday]]\nid = \"a\"\nname_vi = \"A\"\ncalendar = \"solar\"\nmonth = 5\nday = 4\nstatus = \"confirmed\"\nsource = \"s\"\ncolour = \"red\"\n", 22, "holiday[0].colour: unknown key"},
        BadFile{"bad calendar", "[[holiday]]\nid = \"a\"\nname_vi = \"A\"\ncalendar = \"julian\"\nmonth = 5\nday = 4\nstatus = \"confirmed\"\nsource = \"s\"\n", 17, "holiday[0].calendar: 'julian' is not 'solar' or 'lunar'"},
        BadFile{"month 13", "[[holiday]]\nid = \"a\"\nname_vi = \"A\"\ncalendar = \"solar\"\nmonth = 13\nday = 4\nstatus = \"confirmed\"\nsource = \"s\"\n", 18, "holiday[0].month: 13 is outside 1..12"},
        BadFile{"31 April", "[[holiday]]\nid = \"a\"\nname_vi = \"A\"\ncalendar = \"solar\"\nmonth = 4\nday = 31\nstatus = \"confirmed\"\nsource = \"s\"\n", 19, "day 31 does not exist in month 4"},
        BadFile{"bad status", "[[holiday]]\nid = \"a\"\nname_vi = \"A\"\ncalendar = \"solar\"\nmonth = 5\nday = 4\nstatus = \"sure\"\nsource = \"s\"\n", 20, "'sure' is not one of confirmed, unconfirmed, inferred"},
        BadFile{"missing source", "[[holiday]]\nid = \"a\"\nname_vi = \"A\"\ncalendar = \"solar\"\nmonth = 5\nday = 4\nstatus = \"confirmed\"\n", 14, "holiday[0].source: required key is missing"},
        BadFile{"duplicate id", weekend_pair + "[[holiday]]\nid = \"a\"\nname_vi = \"A\"\ncalendar = \"solar\"\nmonth = 6\nday = 4\nstatus = \"confirmed\"\nsource = \"s\"\n", 31, "duplicate holiday id 'a'"},
        BadFile{"unknown holiday in a decision", weekend_pair + "[[year]]\nyear = 2030\n[[year.set]]\nholiday = \"c\"\ndays_off = [2030-05-03]\nstatus = \"confirmed\"\nsource = \"s\"\n", 33, "unknown holiday 'c'"},
        BadFile{"decided day in another year", weekend_pair + "[[year]]\nyear = 2030\n[[year.set]]\nholiday = \"a\"\ndays_off = [2031-05-03]\nstatus = \"confirmed\"\nsource = \"s\"\n", 34, "2031-05-03 is not in the year 2030"},
        BadFile{"impossible date", weekend_pair + "[[year]]\nyear = 2030\n[[year.set]]\nholiday = \"a\"\ndays_off = [\"31/02/2030\"]\nstatus = \"confirmed\"\nsource = \"s\"\n", 34, "day 31 does not exist in February 2030"},
        BadFile{"swap from a Saturday", weekend_pair + "[[year]]\nyear = 2030\n[[year.swap]]\nday_off = 2030-05-04\nwork_day = 2030-05-11\nstatus = \"confirmed\"\nsource = \"s\"\n", 33, "is already a weekly rest day"},
        BadFile{"year outside the data", "[[year]]\nyear = 2040\n", 15, "year[0].year: 2040 is outside 2030..2031"},
        BadFile{"TOML syntax", "[[holiday]\nid = 1\n", 14, "TOML syntax"}),
    [](const auto& param_info) {
      std::string n = param_info.param.name;
      for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return n;
    });

TEST(HolidaysToml, WrongSchemaAndBadWeekday) {
  try {
    (void)treem::load_holiday_calendar("schema = \"treem.units/1\"\n", "x.toml");
    FAIL();
  } catch (const treem::validation_error& e) {
    EXPECT_STREQ(e.what(), "x.toml:1:10: schema: 'treem.units/1' is not supported (expected 'treem.holidays/1')");
  }
  std::string text = header;
  text.replace(text.find("\"saturday\""), 10, "\"samedi\"");
  EXPECT_THROW((void)treem::load_holiday_calendar(text, "x.toml"), treem::validation_error);
}

}  // namespace

namespace {

std::string rule(const std::string& id, const std::string& calendar, int month, int day) {
  return "[[holiday]]\nid = \"" + id + "\"\nname_vi = \"X\"\ncalendar = \"" + calendar + "\"\nmonth = " + std::to_string(month) +
         "\nday = " + std::to_string(day) + "\nstatus = \"confirmed\"\nsource = \"s\"\n";
}

TEST(HolidaysToml, RulesMustGiveADayInEveryYear) {
  EXPECT_THROW((void)treem::load_holiday_calendar(header + rule("leap", "solar", 2, 29), "t.toml"), treem::validation_error);
  EXPECT_THROW((void)treem::load_holiday_calendar(header + rule("l30", "lunar", 8, 30), "t.toml"), treem::validation_error);
  std::string all_week = header;
  all_week.replace(all_week.find("[\"saturday\", \"sunday\"]"), 22,
                   "[\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\", \"saturday\", \"sunday\"]");
  EXPECT_THROW((void)treem::load_holiday_calendar(all_week, "t.toml"), treem::validation_error);
}

TEST(HolidaysToml, DecisionsMayNotOverlap) {
  const std::string base = header + weekend_pair + "[[year]]\nyear = 2030\n";
  const std::string set_a = "[[year.set]]\nholiday = \"a\"\ndays_off = [2030-05-03, 2030-05-03]\nstatus = \"confirmed\"\nsource = \"s\"\n";
  EXPECT_THROW((void)treem::load_holiday_calendar(base + set_a, "t.toml"), treem::validation_error);
  const std::string swaps = "[[year.swap]]\nday_off = 2030-05-06\nwork_day = 2030-05-11\nstatus = \"confirmed\"\nsource = \"s\"\n"
                            "[[year.swap]]\nday_off = 2030-05-07\nwork_day = 2030-05-11\nstatus = \"confirmed\"\nsource = \"s\"\n";
  EXPECT_THROW((void)treem::load_holiday_calendar(base + swaps, "t.toml"), treem::validation_error);
}

TEST(HolidaysToml, StringDatesKeepTheirField) {
  try {
    (void)treem::load_holiday_calendar(header + "[[holiday]]\nid = \"a\"\nname_vi = \"A\"\ncalendar = \"solar\"\nmonth = 5\nday = 4\n"
                                                 "valid_from = \"31/02/2030\"\nstatus = \"confirmed\"\nsource = \"s\"\n", "t.toml");
    FAIL();
  } catch (const treem::validation_error& e) {
    EXPECT_EQ(e.field(), "holiday[0].valid_from");
    EXPECT_EQ(e.where().line, 20u);
    EXPECT_EQ(e.where().column, 15u);
  }
}

TEST(HolidaysToml, DaysThatFallInTheNextYearAreFoundThere) {
  // 23/12 of each lunar year falls in January or February of the next solar year.
  std::string text = header + rule("ong_tao", "lunar", 12, 23);
  text.replace(text.find("last_year = 2031"), 16, "last_year = 2032");
  const auto cal = treem::load_holiday_calendar(text, "t.toml");
  const treem::date day = treem::lunar::from_lunar({23, 12, 2030, false});
  ASSERT_EQ(day.year(), 2031);
  EXPECT_FALSE(cal.is_working_day(day));
  ASSERT_NE(cal.day_off_on(day), nullptr);
  EXPECT_EQ(cal.day_off_on(day)->holiday_id, "ong_tao");
}

TEST(HolidaysToml, HugeWorkingDayCountsAreRejected) {
  const auto cal = treem::load_holiday_calendar(header, "t.toml");
  EXPECT_THROW((void)cal.add_working_days(treem::make_date(2030, 1, 1), 1'000'000), treem::validation_error);
  EXPECT_THROW((void)cal.add_working_days(treem::make_date(2030, 1, 1), 1'000), treem::validation_error);  // leaves 2030-2031
}

}  // namespace

#include <gtest/gtest.h>

#include "treem/time/partial_date.hpp"

namespace {

using treem::make_date;
using treem::partial_date;

TEST(PartialDate, TheSeedPlansBlankDay) {
  // The seed plan is dated "ngày   tháng 4 năm 2024": the day was left blank.
  const auto d = partial_date::parse("ngày   tháng 4 năm 2024");
  EXPECT_EQ(d.year(), 2024);
  EXPECT_EQ(d.month(), 4);
  EXPECT_FALSE(d.day().has_value());
  EXPECT_EQ(d.precision(), treem::date_precision::month);
  EXPECT_FALSE(d.is_complete());
  EXPECT_EQ(d.first_day(), make_date(2024, 4, 1));
  EXPECT_EQ(d.last_day(), make_date(2024, 4, 30));
  EXPECT_TRUE(d.contains(make_date(2024, 4, 9)));
  EXPECT_FALSE(d.contains(make_date(2024, 5, 1)));
  EXPECT_EQ(d.to_string(), "04/2024");
  EXPECT_EQ(d.to_iso(), "2024-04");
  EXPECT_EQ(d.to_vietnamese(), "tháng 4 năm 2024");
  EXPECT_THROW((void)d.to_date(), treem::validation_error);
}

TEST(PartialDate, WrittenFormsInAnyCaseAndEncoding) {
  EXPECT_EQ(partial_date::parse("Ngày 09 tháng 04 năm 2024"), partial_date(2024, 4, 9));
  EXPECT_EQ(partial_date::parse("NGÀY 9 THÁNG 4 NĂM 2024"), partial_date(2024, 4, 9));
  // "tháng" and "năm" with decomposed accents (a + U+0301, a + U+0306).
  EXPECT_EQ(partial_date::parse("tha\xCC\x81ng 4 na\xCC\x86m 2024"), partial_date(2024, 4));
  // "nằm" (to lie down) is not "năm" (year): a tone mark changes the word.
  EXPECT_THROW((void)partial_date::parse("tháng 4 nằm 2024"), treem::parse_error);
  EXPECT_EQ(partial_date::parse("năm 2024"), partial_date(2024));
  EXPECT_EQ(partial_date::parse("ngày  tháng  năm 2024"), partial_date(2024));
}

TEST(PartialDate, NumericForms) {
  EXPECT_EQ(partial_date::parse("09/04/2024"), partial_date(2024, 4, 9));
  EXPECT_EQ(partial_date::parse("2024-04-09"), partial_date(2024, 4, 9));
  EXPECT_EQ(partial_date::parse("04/2024"), partial_date(2024, 4));
  EXPECT_EQ(partial_date::parse("4/2024"), partial_date(2024, 4));
  EXPECT_EQ(partial_date::parse("2024-04"), partial_date(2024, 4));
  EXPECT_EQ(partial_date::parse("2024"), partial_date(2024));
  const auto y = partial_date::parse("2024");
  EXPECT_EQ(y.first_day(), make_date(2024, 1, 1));
  EXPECT_EQ(y.last_day(), make_date(2024, 12, 31));
  EXPECT_EQ(partial_date::parse("02/2024").last_day(), make_date(2024, 2, 29));
}

TEST(PartialDate, FullDateConvertsImplicitly) {
  const partial_date d = make_date(2024, 6, 1);
  EXPECT_TRUE(d.is_complete());
  EXPECT_EQ(d.to_date(), make_date(2024, 6, 1));
  EXPECT_EQ(d.to_vietnamese(), "ngày 01 tháng 6 năm 2024");
}

TEST(PartialDate, RejectsWhatIsNotADate) {
  EXPECT_THROW((void)partial_date::parse("ngày 5 năm 2024"), treem::parse_error);     // a day but no month
  EXPECT_THROW((void)partial_date::parse("tháng 13 năm 2024"), treem::parse_error);   // no 13th month
  EXPECT_THROW((void)partial_date::parse("tháng 4"), treem::parse_error);             // no year
  EXPECT_THROW((void)partial_date::parse("ngày 31 tháng 4 năm 2024"), treem::parse_error);
  EXPECT_THROW((void)partial_date::parse("13/2024"), treem::parse_error);
  EXPECT_THROW((void)partial_date::parse("2024-4"), treem::parse_error);
  EXPECT_THROW((void)partial_date::parse("quý 2 năm 2024"), treem::parse_error);
  EXPECT_THROW((void)partial_date::parse(""), treem::parse_error);
  EXPECT_THROW(partial_date(2024, std::nullopt, 5), treem::validation_error);
}

}  // namespace

TEST(PartialDate, StrayBytesAreLocatedInTheCallersInputAndQuotedAsText) {
  // Found by fuzz_dates: the error named "<text>" (ICU's caller) instead of the input, and quoted
  // the bytes as they were, so that the message itself was not UTF-8 (and was cut at the NUL).
  const std::string text("C/20\0\0\0\x95" "1011F", 13);
  try {
    (void)treem::partial_date::parse(text, {"plan.toml", 7, 12});
    FAIL() << "accepted";
  } catch (const treem::parse_error& e) {
    EXPECT_EQ(e.where(), (treem::source_location{"plan.toml", 7, 19}));
    EXPECT_EQ(treem::first_invalid_utf8(e.what()), std::string_view::npos) << e.what();
    EXPECT_EQ(std::string(e.what()), "plan.toml:7:19: 'C/20\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "1011F': not UTF-8 text")
        << "NULs and the stray byte shown as U+FFFD, the message whole";
  }
}

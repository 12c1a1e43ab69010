// The publish log: counts as canonical text, the log's file (read through the one reader, located
// errors, written back with a run's entries), and two runs over the same registers that stay
// linked through it (a commune table after a district table).
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "indicators_fixture.hpp"
#include "treem/data/bundled.hpp"
#include "treem/indicators/compute.hpp"
#include "treem/indicators/count_set_text.hpp"
#include "treem/indicators/publish_log_file.hpp"

namespace {

using namespace treem;
using namespace treem::indicators;

TEST(CountSetText, ChildSetsRoundTripWithTheirEthnicitiesByName) {
  const std::vector<std::string> names{"Kinh", "H're;1", "Ca|Dong", "50%"};
  const count_set all = whole_register(register_kind::children, names.size());
  EXPECT_EQ(count_set_text(all, names), "children;ages=ffff;sexes=3;flags=ffffffff;groups=0;kinds=1;fatal=1;env=1;plans=1;eth=*");
  EXPECT_EQ(parse_count_set(count_set_text(all, names), names), all);
  row_filter f;
  f.source = register_kind::children;
  f.age_min = 0, f.age_max = 4;
  f.ethnicities = {"H're;1", "50%"};
  const count_set some = restrict_to(all, f, names);
  const std::string text = count_set_text(some, names);
  EXPECT_EQ(text, "children;ages=1f;sexes=3;flags=ffffffff;groups=0;kinds=1;fatal=1;env=1;plans=1;eth=H're%3B1|50%25");
  EXPECT_EQ(parse_count_set(text, names), some);
  // The same rows reached another way have the same text: one count.
  count_set by_group = restrict_to(all, dimension::age_group, 0, age_groups::parse("0-4,5-9,10-15"));
  EXPECT_EQ(count_set_text(by_group, names), "children;ages=1f;sexes=3;flags=ffffffff;groups=0;kinds=1;fatal=1;env=1;plans=1;eth=*");
}

TEST(CountSetText, AnEthnicityLeftBlankIsANameToo) {
  const std::vector<std::string> names{"Kinh", ""};
  const count_set all = whole_register(register_kind::children, names.size());
  for (std::size_t e = 0; e < names.size(); ++e) {
    const count_set one = restrict_to(all, dimension::ethnicity, e, age_groups::parse("0-15"));
    EXPECT_EQ(parse_count_set(count_set_text(one, names), names), one) << e;
  }
  EXPECT_NE(count_set_text(restrict_to(all, dimension::ethnicity, 1, age_groups::parse("0-15")), names), count_set_text(all, names));
  row_filter f;
  f.ethnicities = {"Kinh", ""};
  EXPECT_EQ(count_set_text(restrict_to(all, f, names), names), count_set_text(all, names));
  count_set empty = all;
  empty.ages = 0;
  empty.canonicalise();
  EXPECT_EQ(parse_count_set(count_set_text(empty, names), {}), empty);  // no names needed
}

TEST(CountSetText, IncidentSetsAndTheEmptySetRoundTrip) {
  const std::vector<std::string> none;
  const count_set all = whole_register(register_kind::incidents, 0);
  EXPECT_EQ(parse_count_set(count_set_text(all, none), none), all);
  count_set empty = all;
  empty.kinds = 0;
  empty.canonicalise();
  EXPECT_EQ(parse_count_set(count_set_text(empty, none), none), empty);
}

TEST(CountSetText, TextThatIsNotCanonicalIsRefused) {
  const std::vector<std::string> names{"Kinh"};
  for (const std::string bad : {"", "adults;ages=1", "children;ages=1f;sexes=3", "children;ages=1g;sexes=3;flags=1;groups=0;kinds=1;fatal=1;env=1;plans=1;eth=*",
                                "children;sexes=3;ages=1f;flags=1;groups=0;kinds=1;fatal=1;env=1;plans=1;eth=*",
                                "children;ages=1f;sexes=3;flags=1;groups=0;kinds=1;fatal=1;env=1;plans=1;eth=Tay",
                                "children;ages=1f;sexes=3;flags=1;groups=0;kinds=1;fatal=1;env=1;plans=1;eth=Kinh%2",
                                "incidents;ages=1f;sexes=3;flags=1;groups=0;kinds=1;fatal=1;env=1;plans=1;eth=*"}) {
    EXPECT_THROW((void)parse_count_set(bad, names), count_set_text_error) << bad;
  }
}

const std::string header = "period,reference_date,merger,communes,count,minus,state,value\n";
const std::string a_count = "\"children;ages=20;sexes=3;flags=ffffffff;groups=0;kinds=1;fatal=1;env=1;plans=1;eth=*\"";

publish_log read_text(const std::string& text) {
  auto source = io::csv_source::from_text(text, "log.csv");
  return read_publish_log(*source);
}

std::string error_of(const std::string& text) {
  try {
    (void)read_text(text);
  } catch (const validation_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(PublishLogFile, BadLinesAreLocatedByLineAndField) {
  EXPECT_NE(error_of(header + "2024,31/12/2024,,21289," + a_count + ",,hidden,\n").find("log.csv:2:7"), std::string::npos)
      << error_of(header + "2024,31/12/2024,,21289," + a_count + ",,hidden,\n");
  const std::string withheld_value = error_of(header + "2024,31/12/2024,,21289," + a_count + ",,published,3\n2024,31/12/2024,,21289," + a_count + ",,withheld,3\n");
  EXPECT_NE(withheld_value.find("log.csv:3:8"), std::string::npos) << withheld_value;
  EXPECT_NE(withheld_value.find("value"), std::string::npos) << withheld_value;
  EXPECT_NE(error_of(header + "2024,31/12/2024,,21289," + a_count + ",,published,\n").find("whole number"), std::string::npos);
  EXPECT_NE(error_of(header + "2024,31/12/2024,,21289," + a_count + ",,published,2.5\n").find("whole number"), std::string::npos);
  EXPECT_NE(error_of(header + "2024,31/12/2024,,," + a_count + ",,published,2\n").find("communes"), std::string::npos);
  EXPECT_NE(error_of("period,reference_date,merger,communes,count,state,value,extra\n").find("log.csv:1:8: header: column 8 is not a field of the publish log"),
            std::string::npos);
  EXPECT_NE(error_of("period,reference_date,merger,communes,count,minus,value\n").find("state"), std::string::npos);
}

TEST(PublishLogFile, WrittenBackWithTheRunsEntriesOnceEach) {
  const publish_log earlier = read_text(header + "2024,31/12/2024,,21301 21289," + a_count + ",,published,13\n");
  ASSERT_EQ(earlier.entries.size(), 1u);
  EXPECT_EQ(earlier.entries[0].communes, (std::vector<std::string>{"21289", "21301"}));
  publish_log run;
  run.entries.push_back(earlier.entries[0]);
  log_entry w = earlier.entries[0];
  w.communes = {"21289"}, w.state = log_state::withheld, w.value = std::nan("");
  run.entries.push_back(w);
  const auto path = std::filesystem::temp_directory_path() / "treem_publish_log_test.csv";
  std::filesystem::remove(path);
  EXPECT_TRUE(read_publish_log_file(path.string()).entries.empty());  // no file yet: the first run
  update_publish_log_file(path.string(), earlier, run);
  const publish_log back = read_publish_log_file(path.string());
  ASSERT_EQ(back.entries.size(), 2u);
  EXPECT_EQ(back.entries[0].key(), earlier.entries[0].key());
  EXPECT_EQ(back.entries[0].value, 13);
  EXPECT_EQ(back.entries[1].key(), w.key());
  EXPECT_TRUE(std::isnan(back.entries[1].value));
  std::filesystem::remove(path);
}

// Two communes of Sơn Hà district (529): Di Lăng has 3 five-year-olds, Sơn Bao 10. A district table
// published first gives the district's 13; a commune table published later withholds Di Lăng's 3
// and, alone, publishes Sơn Bao's 10: 13 - 10 = 3.
indicator_table run(level lv, std::shared_ptr<const publish_log> earlier) {
  static const registers::child_register children = fixture::few_five_year_olds();
  const auto c = view(children);
  indicator_request req;
  req.levels = {lv};
  req.indicators = {"kindergarten_age5"};
  req.earlier_log = std::move(earlier);
  req.record_publish_log = true;
  return compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, nullptr, req);
}

double total_denominator(const indicator_table& t, const std::string& unit) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    bool total = true;
    for (const auto& col : t.category) total = total && col[i] < 0;
    if (total && t.unit_codes[t.unit[i]] == unit) return t.denominator[i];
  }
  ADD_FAILURE() << unit;
  return 0;
}

TEST(PublishLog, ALaterRunWithholdsWhatWouldGiveBackAnEarlierRunsWithheldCount) {
  const indicator_table district = run(level::district, nullptr);
  EXPECT_EQ(total_denominator(district, "529"), 13);
  const auto log = std::make_shared<const publish_log>(district.published_log);
  // The district's five-year-olds are in the log, published with their number.
  const auto published = std::count_if(log->entries.begin(), log->entries.end(), [](const log_entry& e) {
    return e.state == log_state::published && e.communes == std::vector<std::string>{"21289", "21301"} && e.value == 13;
  });
  EXPECT_GE(published, 1);

  const indicator_table alone = run(level::commune, nullptr);
  EXPECT_TRUE(std::isnan(total_denominator(alone, "21289")));
  EXPECT_EQ(total_denominator(alone, "21301"), 10);  // without the log, 13 - 10 gives Di Lăng's 3

  const indicator_table linked = run(level::commune, log);
  EXPECT_TRUE(std::isnan(total_denominator(linked, "21289")));
  EXPECT_TRUE(std::isnan(total_denominator(linked, "21301")));
  EXPECT_GT(linked.protection.logged, 0u);
  EXPECT_EQ(linked.protection.logged_outside, 0u);
  EXPECT_EQ(linked.protection.unprotected, 0u);
  // Di Lăng's 3 is recorded as protected, Sơn Bao's 10 as withheld, and neither number is written.
  bool protected_3 = false, withheld_10 = false;
  for (const auto& e : linked.published_log.entries) {
    EXPECT_TRUE(e.state == log_state::published || std::isnan(e.value));
    if (e.count.rfind("children;ages=20;", 0) != 0) continue;
    protected_3 |= e.state == log_state::protected_count && e.communes == std::vector<std::string>{"21289"};
    withheld_10 |= e.state == log_state::withheld && e.communes == std::vector<std::string>{"21301"};
  }
  EXPECT_TRUE(protected_3);
  EXPECT_TRUE(withheld_10);
}

TEST(PublishLog, AnEarlierWithheldCountStaysWithheldAndAPublishedOneIsNeverWithheld) {
  const indicator_table communes = run(level::commune, nullptr);
  const auto log = std::make_shared<const publish_log>(communes.published_log);
  const indicator_table district = run(level::district, log);
  // 13 - 10 would give Di Lăng's 3 again: the district's five-year-olds are withheld.
  EXPECT_TRUE(std::isnan(total_denominator(district, "529")));
  // The log says Sơn Bao's 10 was published; a run that withheld it would hide nothing.
  const indicator_table again = run(level::commune, log);
  EXPECT_EQ(total_denominator(again, "21301"), 10);
}

TEST(PublishLog, TheLogOfOtherRegistersIsRefusedAtItsLine) {
  const indicator_table district = run(level::district, nullptr);
  publish_log other = district.published_log;
  for (auto& e : other.entries) {
    if (e.state == log_state::published && e.value == 13) e.value = 14, e.where = {"log.csv", 7, 0};
  }
  try {
    (void)run(level::district, std::make_shared<const publish_log>(other));
    FAIL() << "no error";
  } catch (const validation_error& e) {
    EXPECT_NE(std::string(e.what()).find("log.csv:7"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("other registers"), std::string::npos) << e.what();
  }
}

TEST(PublishLog, OnlyTheRunsPeriodMergerAndCommunesAreTakenIn) {
  publish_log log = run(level::district, nullptr).published_log;
  const std::size_t n = log.entries.size();
  for (std::size_t i = 0; i < n; ++i) {
    log_entry other_period = log.entries[i], elsewhere = log.entries[i], merged = log.entries[i];
    other_period.period = "2023";
    elsewhere.communes.push_back("99999");
    merged.merger = "nq-1677-2025-son-ha";  // the new xã Sơn Hà took Di Lăng's code 21289: other rows
    log.entries.push_back(other_period), log.entries.push_back(elsewhere), log.entries.push_back(merged);
  }
  const indicator_table t = run(level::commune, std::make_shared<const publish_log>(log));
  EXPECT_EQ(t.protection.logged, n);
  EXPECT_EQ(t.protection.logged_outside, n);
}

}  // namespace

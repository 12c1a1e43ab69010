// The one reader: CSV syntax (quotes, line ends, separators), located errors that never repeat a
// cell, blocks cut anywhere and cleaned on any number of threads giving one result, and CSV
// output that spreadsheets cannot run as formulas.
#include <gtest/gtest.h>

#include "error_of.hpp"

#include <filesystem>
#include <fstream>
#include <random>

#include "treem/data/bundled.hpp"
#include "treem/io/csv_writer.hpp"
#include "treem/io/read_blocks.hpp"
#include "treem/registers/child_register_reader.hpp"

namespace {

using treem::io::csv_source;
namespace reg = treem::registers;

const treem::date reference = treem::make_date(2024, 12, 31);

using treem::testing::error_of;

treem::io::string_table table(std::string_view text, std::size_t block = 4u << 20) {
  treem::io::csv_options o;
  o.block_bytes = block;
  auto s = csv_source::from_text(text, "t.csv", o);
  return treem::io::read_table(*s);
}

TEST(CsvReader, QuotesSeparatorsAndEveryLineEnd) {
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    const std::string text = "\xEF\xBB\xBF" "a;b;c" + eol + "1;\"x;y\";\"say \"\"hi\"\"\"" + eol + eol + "2;\"two" + eol + "lines\";z" + eol + "3;;" + eol;
    const auto t = table(text);
    ASSERT_EQ(t.header, (std::vector<std::string>{"a", "b", "c"}));
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0], (std::vector<std::string>{"1", "x;y", "say \"hi\""}));
    EXPECT_EQ(t.rows[1][1], "two" + eol + "lines");
    EXPECT_EQ(t.lines, (std::vector<std::size_t>{2, 4, 6})) << "line end " << (eol == "\r" ? "CR" : eol == "\n" ? "LF" : "CRLF");
  }
}

TEST(CsvReader, BlocksCutAnywhereGiveTheSameTable) {
  const std::string text = "id,note\n1,\"a\r\nb\"\n2,\"c,\"\"d\"\"\"\r3,e\r\n4,\"\"\n";
  const auto whole = table(text);
  for (std::size_t block = 16; block < text.size() + 2; ++block) {
    const auto t = table(text, block);
    EXPECT_EQ(t.rows, whole.rows) << "block of " << block << " bytes";
    EXPECT_EQ(t.lines, whole.lines) << "block of " << block << " bytes";
  }
  EXPECT_EQ(whole.lines, (std::vector<std::size_t>{2, 4, 5, 6}));
}

TEST(CsvReader, AnUnclosedQuoteIsReportedWhereItOpens) {
  EXPECT_EQ(error_of([] { (void)table("a,b\n1,2\n3,\"open\n4,5\n6,7\n"); }),
            "t.csv:3:2: CSV: a quoted field opened here is not closed before the end of the file");
  EXPECT_EQ(error_of([] { (void)table("a,b\n1,x\"y\n"); }),
            "t.csv:2:2: CSV: a quote inside an unquoted field (quote the whole field and double the quotes in it)");
  EXPECT_EQ(error_of([] { (void)table("a,b\n1,\"x\"y\n"); }), "t.csv:2:2: CSV: text after the closing quote of a quoted field");
  EXPECT_EQ(error_of([] { (void)table("a,b\r1,2\r3\r"); }), "t.csv:3: CSV: the row has 1 fields, the header has 2");
}

TEST(CsvReader, AHeaderlessRegisterNeverShowsItsFirstChild) {
  // The first row is a child, read as the header: the error names columns by number only.
  const std::string text = "TE-0042,Nguyễn Văn An,21292,Nam,05/03/2015,Nam\nTE-0043,Trần Thị Bình,21292,Nữ,06/03/2015,Nữ\n";
  const std::string message = error_of([&] {
    auto s = csv_source::from_text(text, "ds.csv");
    (void)reg::read_child_register(*s, treem::data::quang_ngai_son_ha_units(), reference);
  });
  EXPECT_EQ(message, "ds.csv:1:6: CSV header: columns 4 and 6 have the same name (is the first row a header?)");
  const std::string missing = error_of([&] {
    auto s = csv_source::from_text("TE-0042,21292,Nam\n", "ds.csv");
    (void)reg::read_child_register(*s, treem::data::quang_ngai_son_ha_units(), reference);
  });
  EXPECT_EQ(missing.find("TE-0042"), std::string::npos);
  EXPECT_NE(missing.find("does the file have a header row?"), std::string::npos) << missing;
}

TEST(CsvReader, AHugeHeaderIsCheckedInOnePassAndRefusedPastTheLimits) {
  std::string header;
  for (int i = 0; i < 100000; ++i) header += (i ? "," : "") + std::string("c") + std::to_string(i);
  header += ",c5\n";
  treem::io::csv_options wide;
  wide.max_columns = 200000;
  wide.max_header_bytes = 4u << 20;
  EXPECT_EQ(error_of([&] { auto s = csv_source::from_text(header, "t.csv", wide); }),
            "t.csv:1:100001: CSV header: columns 6 and 100001 have the same name (is the first row a header?)");
  // With the default limits: too many columns, then too many bytes before the header's end.
  EXPECT_EQ(error_of([&] { (void)table(header); }), "t.csv:1: CSV header: more than 10000 columns (is this a table?)");
  const std::string endless(3u << 20, 'x');
  EXPECT_EQ(error_of([&] { (void)table(endless); }), "t.csv:1: CSV: the header row is longer than 1024 KiB (is this a table?)");
  EXPECT_EQ(error_of([&] { (void)table("\"" + endless + "\"\n"); }), "t.csv:1: CSV: the header row is longer than 1024 KiB (is this a table?)");
}

TEST(CsvReader, ABlankFirstLineIsOneAnswerAtAnyBlockSize) {
  // Found by fuzz_tables: the answer depended on how much of the file the first block held.
  const std::string late_header = std::string(70, '\n') + " c ";
  const std::string blank = std::string(70, '\n') + "  \r\n";
  for (std::size_t block : {7u, 64u, 4u << 20}) {
    EXPECT_EQ(error_of([&] { (void)table(late_header, block); }), "t.csv:1: CSV: the first line is blank (the header row must be the first line)") << block;
    EXPECT_EQ(error_of([&] { (void)table(blank, block); }), "t.csv:1: CSV: the file is empty (a header row is needed)") << block;
  }
}

TEST(CsvReader, NotAFileAndNotText) {
  const auto dir = std::filesystem::path(::testing::TempDir());
  EXPECT_EQ(error_of([&] { (void)csv_source::open(dir.string()); }), dir.string() + ": is a directory, not a file");
  EXPECT_EQ(error_of([] { (void)csv_source::open("/nonexistent/x.csv"); }), "/nonexistent/x.csv: cannot open the file for reading");
  EXPECT_EQ(error_of([] { (void)table(""); }), "t.csv:1: CSV: the file is empty (a header row is needed)");
  EXPECT_EQ(error_of([] { (void)table("a,b\n1,2\n3,\xC3\x28\n"); }), "t.csv:3: CSV: the text is not valid UTF-8 (save the file as UTF-8)");
}

TEST(CsvReader, AnyThreadsAndBlocksGiveOneRegister) {
  // A register with problems spread through it, read leniently at 1-3 threads and blocks of 200
  // bytes to 4 MiB: the same children, problems and lines every time.
  std::mt19937 rng(11);
  std::string text = "id,unit,sex,birth_date,ethnicity,enrolled\n";
  const char* sexes[] = {"Nam", "Nữ", "M", "F", "?"};
  for (int i = 0; i < 3000; ++i) {
    const int dup = rng() % 50 == 0 ? i / 2 : i;
    text += "TE" + std::to_string(dup) + "," + (rng() % 97 == 0 ? "99999" : "21292") + "," + sexes[rng() % 5 == 4 && rng() % 3 == 0 ? 4 : rng() % 4] +
            "," + std::to_string(1 + rng() % 28) + "/" + std::to_string(1 + rng() % 12) + "/" + std::to_string(2009 + rng() % 17) + "," +
            (rng() % 3 ? "Kinh" : "\"H're\"") + "," + (rng() % 2 ? "1" : "") + (i % 7 == 0 ? "\r\n" : "\n");
  }
  auto read = [&](unsigned threads, std::size_t block) {
    treem::io::csv_options o;
    o.block_bytes = block;
    auto s = csv_source::from_text(text, "ds.csv", o);
    reg::read_options opt;
    opt.mode = reg::read_mode::lenient;
    opt.threads = threads;
    return reg::read_child_register(*s, treem::data::quang_ngai_son_ha_units(), reference, opt);
  };
  const auto one = read(1, 4u << 20);
  EXPECT_GT(one.children.size(), 1000u);
  EXPECT_GT(one.problems.size(), 10u);
  for (unsigned threads : {1u, 2u, 3u}) {
    for (std::size_t block : {200u, 4096u}) {
      const auto r = read(threads, block);
      EXPECT_EQ(r.children.id, one.children.id);
      EXPECT_EQ(r.children.unit, one.children.unit);
      EXPECT_EQ(r.children.birth, one.children.birth);
      EXPECT_EQ(r.children.ethnicities, one.children.ethnicities);
      EXPECT_EQ(r.children.ethnicity, one.children.ethnicity);
      EXPECT_EQ(r.children.flags, one.children.flags);
      ASSERT_EQ(r.problems.size(), one.problems.size());
      for (std::size_t i = 0; i < r.problems.size(); ++i) EXPECT_EQ(r.problems[i].to_string(), one.problems[i].to_string());
      EXPECT_EQ(r.rows_rejected, one.rows_rejected);
      EXPECT_EQ(r.excluded.size(), one.excluded.size());
    }
  }
  // Strict: the first problem in the file, whatever the threads.
  auto first = [&](unsigned threads) {
    return error_of([&] {
      treem::io::csv_options o;
      o.block_bytes = 300;
      auto s = csv_source::from_text(text, "ds.csv", o);
      reg::read_options opt;
      opt.threads = threads;
      (void)reg::read_child_register(*s, treem::data::quang_ngai_son_ha_units(), reference, opt);
    });
  };
  EXPECT_EQ(first(2), first(1));
  EXPECT_EQ(first(1), one.problems.front().where.to_string() + ": " + one.problems.front().field + ": " + one.problems.front().rule);
}

TEST(CsvReader, RepeatedIdsAcrossBlocksNameTheFirstLine) {
  treem::io::csv_options o;
  o.block_bytes = 40;
  auto s = csv_source::from_text("id,unit,sex,birth_date\nA,21292,Nam,05/03/2015\nB,21292,Nam,05/03/2015\nC,21292,Nam,05/03/2015\nA,21292,Nam,05/03/2015\n",
                                 "ds.csv", o);
  reg::read_options opt;
  opt.mode = reg::read_mode::lenient;
  const auto r = reg::read_child_register(*s, treem::data::quang_ngai_son_ha_units(), reference, opt);
  EXPECT_EQ(r.children.size(), 3u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].to_string(), "ds.csv:5:1: id: the same id as line 2");
}

TEST(CsvReader, ReadsCanBeCancelled) {
  auto s = csv_source::from_text("id,unit,sex,birth_date\nA,21292,Nam,05/03/2015\n", "ds.csv");
  reg::read_options opt;
  opt.progress = [](std::size_t, std::size_t) { return false; };
  EXPECT_EQ(error_of([&] { (void)reg::read_child_register(*s, treem::data::quang_ngai_son_ha_units(), reference, opt); }), "ds.csv: reading cancelled");
}

TEST(CsvWriter, CellsThatLookLikeFormulasAreNeutralised) {
  EXPECT_EQ(treem::io::csv_text("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(treem::io::csv_text("+84 912"), "'+84 912");
  EXPECT_EQ(treem::io::csv_text("-1"), "'-1");
  EXPECT_EQ(treem::io::csv_text("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(treem::io::csv_text("\tx"), "'\tx");
  EXPECT_EQ(treem::io::csv_text("Xã Sơn Hà, Sơn Hà"), "\"Xã Sơn Hà, Sơn Hà\"");
  EXPECT_EQ(treem::io::csv_text("21292"), "21292");
}

TEST(Dates, TheFastParserAgreesWithParseDate) {
  std::mt19937 rng(3);
  const std::string alphabet = "0123456789/- x";
  std::vector<std::string> cases{"05/03/2015", "5/3/2015", "2015-03-05", " 29/02/2024 ", "29/02/2023", "31/04/2024", "00/01/2024",
                                 "1/13/2024", "2024-3-05", "05/03/15", "05/03/20155", "1399-12-31", "1400-01-01", "31/12/9999", "", "//"};
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    for (int k = 0, n = 1 + static_cast<int>(rng() % 12); k < n; ++k) s += alphabet[rng() % alphabet.size()];
    cases.push_back(s);
  }
  for (const auto& s : cases) {
    std::optional<treem::date> slow;
    try {
      slow = treem::parse_date(s);
    } catch (const treem::error&) {
    }
    const auto fast = treem::parse_epoch_days(s);
    ASSERT_EQ(fast.has_value(), slow.has_value()) << "'" << s << "'";
    if (fast) {
      EXPECT_EQ(*fast, treem::to_epoch_days(*slow)) << s;
    }
  }
}

}  // namespace

namespace {

TEST(CsvReader, ARepeatInsideACleanBlockKeepsTheRowsAroundIt) {
  // One block with no other problem: the rows before the repeat are taken in bulk, the rest row by row.
  auto s = csv_source::from_text("id,unit,sex,birth_date\nA,21292,Nam,05/03/2015\nB,21292,Nữ,05/03/2016\nA,21292,Nam,05/03/2017\nC,21292,Nữ,05/03/2018\n",
                                 "ds.csv");
  reg::read_options opt;
  opt.mode = reg::read_mode::lenient;
  const auto r = reg::read_child_register(*s, treem::data::quang_ngai_son_ha_units(), reference, opt);
  ASSERT_EQ(r.children.size(), 3u);
  EXPECT_EQ(r.children.id[0], "A");
  EXPECT_EQ(r.children.id[1], "B");
  EXPECT_EQ(r.children.id[2], "C");
  EXPECT_EQ(r.children.birth[2], treem::days_from_civil(2018, 3, 5));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].to_string(), "ds.csv:4:1: id: the same id as line 2");
  EXPECT_EQ(r.rows_rejected, 1u);
}

}  // namespace

#include "treem/core/ordered_pipeline.hpp"

namespace {

TEST(CsvReader, QuotedHeadersWithAccentsAreText) {
  // Unescaping moves a quoted name within the buffer: the UTF-8 check comes before it.
  const auto t = table("\"Đơn vị\",\"Mã trẻ\"\r\n1,2\r\n");
  EXPECT_EQ(t.header, (std::vector<std::string>{"Đơn vị", "Mã trẻ"}));
}

TEST(CsvReader, BadUtf8OnTheSecondLineOfARowIsLocatedThere) {
  const std::string text = "id,unit,sex,birth_date\n\"A1\n\xFF\",21292,Nam,01/01/2020\n";
  for (unsigned threads : {1u, 2u}) {
    EXPECT_EQ(error_of([&] {
                auto s = csv_source::from_text(text, "ds.csv");
                reg::read_options opt;
                opt.threads = threads;
                (void)reg::read_child_register(*s, treem::data::quang_ngai_son_ha_units(), reference, opt);
              }),
              "ds.csv:3: CSV: the text is not valid UTF-8 (save the file as UTF-8)");
  }
}

TEST(OrderedPipeline, TheFirstFailureInInputOrderWinsAtAnyThreadCount) {
  // Job 5's work fails and job 2's result is refused: one thread meets job 2 first, and so must four.
  for (unsigned threads : {1u, 2u, 4u}) {
    int next = 0;
    std::vector<int> seen;
    const std::string message = error_of([&] {
      treem::run_ordered<int>(
          threads, [&]() -> std::optional<int> { return next < 10 ? std::optional<int>(next++) : std::nullopt; },
          [](int&& job) {
            if (job == 5) throw treem::error("work 5");
            return job;
          },
          [&](int&& r) {
            if (r == 2) throw treem::error("consume 2");
            seen.push_back(r);
          });
    });
    EXPECT_EQ(message, "consume 2") << threads << " threads";
    EXPECT_EQ(seen, (std::vector<int>{0, 1})) << threads << " threads";
  }
}

}  // namespace

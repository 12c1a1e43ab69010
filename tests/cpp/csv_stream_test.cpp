// CSV in chunks: rows keep their lines across chunks, the builder sees duplicates across chunks,
// and a read can be cancelled.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "io/csv_stream.hpp"
#include "treem/data/bundled.hpp"
#include "treem/registers/child_register_reader.hpp"

namespace {

// Each test writes its own file: CTest runs tests in parallel.
std::string write_temp(const std::string& content) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string path = ::testing::TempDir() + "/treem_csv_stream_" + info->name() + ".csv";
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(CsvStream, ChunksKeepTheirLines) {
  const std::string path = write_temp("id;unit;sex;birth_date\nA;21292;Nam;05/03/2015\n\nB;21292;Nữ;06/03/2015\n\"C\nD\";21292;M;07/03/2015\nE;21292;F;08/03/2015\n");
  std::vector<std::size_t> sizes, lines;
  treem::io::read_csv_file(path, 2, [&](const treem::io::string_table& t) {
    sizes.push_back(t.rows.size());
    lines.insert(lines.end(), t.lines.begin(), t.lines.end());
    EXPECT_EQ(t.header.size(), 4u);  // semicolons detected from the header line
  });
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 2}));
  // Line 3 is blank; the quoted id spans lines 5 and 6.
  EXPECT_EQ(lines, (std::vector<std::size_t>{2, 4, 6, 7}));
}

TEST(CsvStream, DuplicatesAcrossChunksAreFound) {
  const std::string path = write_temp("id,unit,sex,birth_date\nA,21292,Nam,05/03/2015\nB,21292,Nam,05/03/2015\nC,21292,Nam,05/03/2015\nA,21292,Nam,05/03/2015\n");
  treem::registers::child_register_builder b(treem::data::quang_ngai_son_ha_units(), treem::make_date(2024, 12, 31),
                                             treem::registers::read_mode::lenient);
  treem::io::read_csv_file(path, 1, [&](const treem::io::string_table& t) { b.add(t); });
  const auto r = b.finish();
  EXPECT_EQ(r.children.size(), 3u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].to_string(), path + ":5:1: id: the same id as line 2");
}

TEST(CsvStream, ReadsCanBeCancelled) {
  const std::string path = write_temp("id,unit\nA,21292\n");
  EXPECT_THROW(treem::io::read_csv_file(path, 10, [](const treem::io::string_table&) {}, [](std::size_t, std::size_t) { return false; }),
               treem::error);
}

TEST(CsvStream, AFileThatDoesNotExist) {
  EXPECT_THROW(treem::io::read_csv_file("/nonexistent/x.csv", 10, [](const treem::io::string_table&) {}), treem::error);
}

}  // namespace

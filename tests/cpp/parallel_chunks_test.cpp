// Work split into chunks on threads: every index once, and the first chunk's failure reported
// whatever the number of threads.
#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "treem/core/parallel_chunks.hpp"

namespace {

TEST(ParallelChunks, EveryIndexIsVisitedOnceInContiguousChunks) {
  for (const std::size_t chunks : {1u, 2u, 3u, 7u}) {
    std::vector<std::atomic<int>> seen(100);
    std::vector<std::pair<std::size_t, std::size_t>> ranges(chunks);
    treem::parallel_chunks(chunks, seen.size(), [&](std::size_t k, std::size_t begin, std::size_t end) {
      ranges[k] = {begin, end};
      for (std::size_t i = begin; i < end; ++i) ++seen[i];
    });
    for (const auto& s : seen) EXPECT_EQ(s.load(), 1);
    EXPECT_EQ(ranges.front().first, 0u);
    EXPECT_EQ(ranges.back().second, 100u);
    for (std::size_t k = 1; k < chunks; ++k) EXPECT_EQ(ranges[k].first, ranges[k - 1].second);
  }
}

TEST(ParallelChunks, TheFirstChunksFailureIsRethrownAfterAllHaveRun) {
  std::atomic<int> finished = 0;
  try {
    treem::parallel_chunks(4, 40, [&](std::size_t k, std::size_t, std::size_t) {
      if (k == 1 || k == 3) throw std::runtime_error("chunk " + std::to_string(k));
      ++finished;
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "chunk 1");
  }
  EXPECT_EQ(finished.load(), 2);  // chunks 0 and 2 ran to the end
}

}  // namespace

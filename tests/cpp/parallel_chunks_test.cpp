// Work split into chunks on threads, or handed out task by task: every index once, and the first
// failure (in chunk or task order) reported whatever the number of threads.
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

TEST(ParallelTasks, EveryTaskRunsOnceOnAWorkerOfItsOwn) {
  for (const std::size_t workers : {1u, 2u, 5u}) {
    std::vector<std::atomic<int>> seen(57);
    std::vector<std::atomic<int>> busy(workers);  // a worker runs one task at a time
    std::atomic<bool> overlap = false;
    treem::parallel_tasks(workers, seen.size(), [&](std::size_t w, std::size_t i) {
      if (++busy[w] != 1) overlap = true;
      ++seen[i];
      --busy[w];
    });
    for (const auto& s : seen) EXPECT_EQ(s.load(), 1);
    EXPECT_FALSE(overlap.load());
  }
  treem::parallel_tasks(3, 0, [](std::size_t, std::size_t) { FAIL() << "no task to run"; });
}

TEST(ParallelTasks, TheFirstFailingTaskIsRethrownWhateverTheWorkers) {
  for (const std::size_t workers : {1u, 2u, 4u}) {
    std::atomic<int> finished = 0;
    try {
      treem::parallel_tasks(workers, 30, [&](std::size_t, std::size_t i) {
        if (i == 29 || i == 7 || i == 12) throw std::runtime_error("task " + std::to_string(i));
        ++finished;
      });
      FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "task 7");
    }
    EXPECT_EQ(finished.load(), 27);  // a failure stops no other task
  }
}

}  // namespace

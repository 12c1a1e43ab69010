// A column of strings kept as one buffer of bytes and the offsets where each string ends (the
// layout of Arrow's string arrays): 25 million short ids take their bytes plus 8 per id, not a
// std::string object and an allocation each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace treem {

class string_column {
 public:
  string_column() : offsets_{0} {}

  [[nodiscard]] std::size_t size() const noexcept { return offsets_.size() - 1; }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept {
    return {bytes_.data() + offsets_[i], static_cast<std::size_t>(offsets_[i + 1] - offsets_[i])};
  }
  void push_back(std::string_view s) {
    bytes_.append(s);
    offsets_.push_back(bytes_.size());
  }
  /// Appends every string of `other`.
  void append(const string_column& other) {
    const std::uint64_t base = bytes_.size();
    bytes_.append(other.bytes_);
    offsets_.reserve(offsets_.size() + other.size());
    for (std::size_t i = 1; i < other.offsets_.size(); ++i) offsets_.push_back(base + other.offsets_[i]);
  }
  void reserve(std::size_t strings, std::size_t bytes = 0) {
    offsets_.reserve(strings + 1);
    if (bytes) bytes_.reserve(bytes);
  }
  void clear() {
    bytes_.clear();
    offsets_.assign(1, 0);
  }
  /// The bytes of every string, one after another, and the offsets (size() + 1 of them, the first 0).
  [[nodiscard]] const std::string& bytes() const noexcept { return bytes_; }
  [[nodiscard]] const std::vector<std::uint64_t>& offsets() const noexcept { return offsets_; }

  friend bool operator==(const string_column& a, const string_column& b) { return a.bytes_ == b.bytes_ && a.offsets_ == b.offsets_; }

 private:
  std::string bytes_;
  std::vector<std::uint64_t> offsets_;
};

}  // namespace treem

// A dated reorganisation of units: old units merged into new ones on an effective date. New units
// may reuse an old code (new xã Sơn Hà has 21289, the code of the former thị trấn Di Lăng) and
// that code need not be the one of the same-named old unit, so links are always explicit.
#pragma once

#include <string>
#include <vector>

#include "treem/core/evidence.hpp"
#include "treem/time/date.hpp"

namespace treem {

struct merger_link {
  std::string from;  ///< old code, valid the day before `effective`
  std::string to;    ///< new code, valid on `effective`
  friend bool operator==(const merger_link&, const merger_link&) = default;
};

struct merger {
  std::string id;
  std::string instrument;  ///< e.g. "Nghị quyết 1677/NQ-UBTVQH15"
  std::optional<date> adopted;
  date effective;
  std::vector<merger_link> links;
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;

  /// The last day the old units exist.
  [[nodiscard]] date last_day_before() const { return add_days(effective, -1); }

  [[nodiscard]] std::vector<std::string> successors(const std::string& old_code) const {
    std::vector<std::string> out;
    for (const auto& l : links) {
      if (l.from == old_code) out.push_back(l.to);
    }
    return out;
  }
  [[nodiscard]] std::vector<std::string> predecessors(const std::string& new_code) const {
    std::vector<std::string> out;
    for (const auto& l : links) {
      if (l.to == new_code) out.push_back(l.from);
    }
    return out;
  }
};

}  // namespace treem

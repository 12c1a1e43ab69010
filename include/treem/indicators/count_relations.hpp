// Which published counts add up to another: the linear relations a reader of an indicator table
// can form from what it publishes. Within a unit, a count splits along one attribute into counts
// that partition its values (children by sex; aged 0-5 = aged 0-4 + aged 5, whichever indicators
// publish the parts). Across units, a unit's count is the sum of the same count in the units that
// make it up. Suppression ties a withheld count to every relation it is in (suppression.hpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "treem/indicators/count_set.hpp"

namespace treem::indicators {

/// counts[total] = sum of counts[parts] for any one unit (indices into a list of count sets).
struct set_relation {
  std::uint32_t total = 0;
  std::vector<std::uint32_t> parts;
  friend bool operator==(const set_relation&, const set_relation&) = default;
};

namespace detail {

using word_bits = std::vector<std::uint64_t>;

inline bool is_subset(const word_bits& a, const word_bits& b) {
  for (std::size_t w = 0; w < a.size(); ++w) {
    if (a[w] & ~b[w]) return false;
  }
  return true;
}
inline bool is_disjoint(const word_bits& a, const word_bits& b) {
  for (std::size_t w = 0; w < a.size(); ++w) {
    if (a[w] & b[w]) return false;
  }
  return true;
}
inline bool is_zero(const word_bits& a) {
  return std::all_of(a.begin(), a.end(), [](std::uint64_t w) { return w == 0; });
}

/// Collects the ways (up to `limit`) of writing `target` as a union of pairwise disjoint members of
/// `candidates` (each a strict subset of it): an exact cover, found by always covering the lowest
/// value not yet covered, so each cover is found once.
class exact_covers {
 public:
  exact_covers(const std::vector<word_bits>& candidates, std::size_t limit) : candidates_(candidates), limit_(limit) {}

  std::vector<std::vector<std::uint32_t>> of(const word_bits& target) {
    found_.clear();
    chosen_.clear();
    steps_ = 0;
    search(target);
    return found_;
  }

 private:
  void search(const word_bits& left) {
    if (found_.size() >= limit_ || ++steps_ > step_limit) return;
    std::size_t w = 0;
    while (w < left.size() && left[w] == 0) ++w;
    if (w == left.size()) return found_.push_back(chosen_);
    const std::uint64_t lowest = left[w] & (~left[w] + 1);
    for (std::uint32_t c = 0; c < candidates_.size(); ++c) {
      const word_bits& cand = candidates_[c];
      if (!(cand[w] & lowest) || !is_subset(cand, left)) continue;
      word_bits rest = left;
      for (std::size_t k = 0; k < rest.size(); ++k) rest[k] &= ~cand[k];
      chosen_.push_back(c);
      search(rest);
      chosen_.pop_back();
    }
  }

  static constexpr std::size_t step_limit = 100000;  // per total: a bound on pathological catalogues; real ones need a few dozen
  const std::vector<word_bits>& candidates_;
  std::size_t limit_, steps_ = 0;
  std::vector<std::uint32_t> chosen_;
  std::vector<std::vector<std::uint32_t>> found_;
};

/// The set with attribute `a` cleared: sets equal but for `f` share this key.
inline count_set without(count_set s, attribute a) {
  switch (a) {
    case attribute::age: s.ages = 0; break;
    case attribute::sex: s.sexes = 0; break;
    case attribute::flag_states: s.flag_states = 0; break;
    case attribute::groups_any: s.groups_any = 0; break;
    case attribute::ethnicity: std::fill(s.ethnicities.begin(), s.ethnicities.end(), 0); break;
    case attribute::kind: s.kinds = 0; break;
    case attribute::fatal: s.fatal = 0; break;
    case attribute::environment: s.environments = 0; break;
    case attribute::plan: s.plans = 0; break;
  }
  return s;
}

struct count_set_less {
  bool operator()(const count_set& a, const count_set& b) const {
    const auto key = [](const count_set& s) {
      return std::tie(s.source, s.ages, s.sexes, s.flag_states, s.groups_any, s.kinds, s.fatal, s.environments, s.plans, s.ethnicities);
    };
    return key(a) < key(b);
  }
};

}  // namespace detail

/// Every relation "sets[total] = sum of sets[parts]" in which the parts differ from the total in one
/// attribute only and partition its values there (all of them non-empty and in `sets`). Up to
/// `covers_per_total` partitions are listed for each total and attribute (a catalogue whose age
/// ranges overlap can split one age range several ways).
[[nodiscard]] inline std::vector<set_relation> derive_relations(const std::vector<count_set>& sets, std::size_t covers_per_total = 16) {
  std::vector<set_relation> out;
  for (std::size_t fi = 0; fi < attribute_count; ++fi) {
    const auto f = static_cast<attribute>(fi);
    if (!count_set::additive(f)) continue;
    std::map<count_set, std::vector<std::uint32_t>, detail::count_set_less> alike;
    for (std::uint32_t i = 0; i < sets.size(); ++i) {
      if (!sets[i].empty()) alike[detail::without(sets[i], f)].push_back(i);
    }
    for (const auto& [key, members] : alike) {
      if (members.size() < 2) continue;
      std::vector<detail::word_bits> values;
      for (auto m : members) values.push_back(sets[m].bits(f));
      for (std::size_t t = 0; t < members.size(); ++t) {
        std::vector<detail::word_bits> candidates;
        std::vector<std::uint32_t> candidate_set;
        for (std::size_t p = 0; p < members.size(); ++p) {
          if (p != t && values[p] != values[t] && detail::is_subset(values[p], values[t])) {
            candidates.push_back(values[p]);
            candidate_set.push_back(members[p]);
          }
        }
        if (candidates.empty()) continue;
        detail::exact_covers covers(candidates, covers_per_total);
        for (const auto& cover : covers.of(values[t])) {
          set_relation r{members[t], {}};
          for (auto c : cover) r.parts.push_back(candidate_set[c]);
          out.push_back(std::move(r));
        }
      }
    }
  }
  return out;
}

}  // namespace treem::indicators

// Reading a child register out of any table source (a CSV file, a spreadsheet, a DataFrame) and
// cleaning it: Vietnamese or English column names, NFC text, dates in dd/mm/yyyy, d/m/yyyy or ISO,
// sex as Nam/Nữ/M/F, communes by code or exact name, repeated ids. Rows of children born after the
// reference date or aged 16 or more on it are left out and counted: a register exported on any day
// serves any past period. Blocks are cleaned on several threads and taken in file order, so that
// the result and the first problem are the same at any number of threads. Every problem names the
// source, line, column and rule, never a child's name, id or value.
#pragma once

#include <charconv>
#include <cstdlib>
#include <memory>
#include <new>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "treem/core/linkage.hpp"
#include "treem/registers/child_register.hpp"
#include "treem/registers/pseudonym.hpp"
#include "treem/registers/register_reader.hpp"

namespace treem::registers {

struct child_register_result {
  child_register children;
  std::vector<register_problem> problems;
  std::vector<row_exclusion> excluded;  ///< rows left out without being wrong
  std::size_t rows_read = 0;
  std::size_t rows_rejected = 0;
};

namespace detail {

/// Ids seen so far, for repeated ids across a whole register: open addressing over 32-bit tags of
/// the id's hash, with the id itself compared on a tag match.
class id_index {
 public:
  /// Room for `n` ids without growing (growing re-hashes every id seen).
  template <class Text>
  void reserve(std::size_t n, const Text& text) {
    std::size_t size = 1024;
    while (size * 4 < n * 5) size *= 2;  // at most 80% full: 25 million ids fit 2^25 slots (400 MB), not 2^26
    if (size > size_) rehash(size, text);
  }

  /// Fetches the slot where `hash` starts probing into the cache ahead of its insert.
  void prefetch(std::uint64_t hash) const noexcept {
    if (size_ != 0) __builtin_prefetch(&slots_[hash & mask_]);
  }

  /// The line of an earlier row with the same id, or 0 after recording this one. `text(ref)` gives
  /// back the id a reference stands for; `hash` is std::hash of the id.
  template <class Text>
  std::uint32_t insert(std::string_view id, std::uint64_t hash, std::uint32_t ref, std::uint32_t line, const Text& text) {
    if ((used_ + 1) * 5 > size_ * 4) rehash(size_ == 0 ? 1024 : size_ * 2, text);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      slot& s = slots_[i];
      if (s.ref == empty) {
        s = {tag, ref, line};
        ++used_;
        return 0;
      }
      if (s.tag == tag && text(s.ref) == id) return s.line;
    }
  }

 private:
  struct slot {
    std::uint32_t tag = 0, ref = empty, line = 0;
  };
  static constexpr std::uint32_t empty = UINT32_MAX;

  struct release {
    void operator()(slot* p) const noexcept { std::free(p); }
  };

  // The table is hundreds of megabytes probed at random: on 4 KiB pages nearly every probe also
  // misses the TLB. Huge pages (where the kernel offers them on request) keep the probes to one miss.
  static std::unique_ptr<slot[], release> allocate(std::size_t n) {
    constexpr std::size_t huge = std::size_t{2} << 20;
    const std::size_t bytes = (n * sizeof(slot) + huge - 1) / huge * huge;
    auto* p = static_cast<slot*>(std::aligned_alloc(huge, bytes));
    if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__)
    (void)::madvise(p, bytes, MADV_HUGEPAGE);
#endif
    std::uninitialized_fill_n(p, n, slot{});
    return std::unique_ptr<slot[], release>(p);
  }

  template <class Text>
  void rehash(std::size_t size, const Text& text) {
    auto old = std::move(slots_);
    const std::size_t old_size = size_;
    slots_ = allocate(size);
    size_ = size;
    mask_ = size - 1;
    for (std::size_t k = 0; k < old_size; ++k) {
      const slot& s = old[k];
      if (s.ref == empty) continue;
      std::size_t i = std::hash<std::string_view>{}(text(s.ref)) & mask_;
      while (slots_[i].ref != empty) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::unique_ptr<slot[], release> slots_;
  std::size_t size_ = 0, used_ = 0, mask_ = 0;
};

/// What one block of a child register gives, before it is joined to the others.
struct child_block {
  child_register part;                      ///< accepted rows; `units`, `ethnicities`: this block's dictionaries
  std::vector<std::uint32_t> accepted_row;  ///< the block row of each accepted child
  string_column ids;                        ///< every well-formed id of the block (pseudonymised with a key)
  std::vector<std::uint64_t> id_hash;       ///< std::hash of each (computed here, on the worker threads)
  std::vector<std::uint32_t> id_row;        ///< the block row of each
  std::vector<row_problem> problems;        ///< in (row, rank) order
  std::vector<std::pair<std::uint32_t, std::uint8_t>> excluded;  ///< (row, reason): 0 born after, 1 aged 16+
  std::size_t rows = 0;
};

enum child_field : std::uint8_t { f_id, f_unit, f_sex, f_birth, f_ethnicity, f_groups, f_support, f_birth_registered, f_insurance, f_disability, f_enrolled };

/// Cleans the rows of one block. Safe to run on several blocks at once: it shares nothing mutable.
class child_block_cleaner {
 public:
  child_block_cleaner(const unit_registry& units, const date& reference, const std::vector<int>& columns, const read_options& options)
      : units_(units), reference_(reference), col_(columns), options_(options) {
    reference_day_ = static_cast<std::int32_t>(to_epoch_days(reference));
    const int y = static_cast<int>(reference.year()) - 16, m = reference.month();
    const int d = std::min<int>(reference.day(), treem::detail::days_in_month(y, m));
    sixteen_years_ago_ = static_cast<std::int32_t>(days_from_civil(y, m, d));  // born on or before: 16 or more
  }

  child_block operator()(const io::cell_block& b) {
    child_block out;
    out.part.reserve(b.rows());
    out.accepted_row.reserve(b.rows());
    return clean_rows(b, options_.mode, std::move(out), [&](std::uint32_t r, child_block& o) { return row(b, r, o); });
  }

 private:
  std::string_view cell(const io::cell_block& b, std::uint32_t r, child_field f) const { return field_cell(b, r, col_, f); }

  // Cleans row r; false when it has a problem.
  bool row(const io::cell_block& b, std::uint32_t r, child_block& out) {
    const std::size_t before = out.problems.size();
    auto problem = [&](child_field f, const char* field, std::string rule) {
      out.problems.push_back({r, static_cast<std::uint8_t>(f), col_[f], field, std::move(rule)});
    };
    const std::string_view id = nfc_(cell(b, r, f_id));
    if (id.empty()) problem(f_id, "id", "is empty");
    else if (id.size() > 128) problem(f_id, "id", "longer than 128 characters");
    else {
      out.ids.push_back(options_.key ? std::string_view((*options_.key)(id)) : id);
      out.id_hash.push_back(std::hash<std::string_view>{}(out.ids[out.ids.size() - 1]));
      out.id_row.push_back(r);
    }
    const auto unit = find_unit(cell(b, r, f_unit), out.part);
    if (!unit) problem(f_unit, "unit", why_);
    const auto s = sex_from_key(key_(cell(b, r, f_sex)));
    if (!s) problem(f_sex, "sex", "not one of Nam, Nữ, M, F");
    const auto born = parse_epoch_days(cell(b, r, f_birth));
    if (!born) problem(f_birth, "birth_date", "not a calendar date in the form dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd");
    const auto groups = special_groups(cell(b, r, f_groups));
    if (!groups) problem(f_groups, "special_groups", "not a group letter of the Law on Children, Art. 10 (a-o, no f, j)");
    std::uint8_t flags = 0;
    static constexpr std::pair<child_field, const char*> flag_fields[] = {
        {f_support, "receiving_support"}, {f_birth_registered, "birth_registered"}, {f_insurance, "health_insurance"},
        {f_disability, "disability"}, {f_enrolled, "enrolled"}};
    static constexpr child_flag bits[] = {receiving_support, birth_registered, health_insurance, disability, enrolled};
    std::optional<bool> disability_stated;
    for (std::size_t i = 0; i < std::size(flag_fields); ++i) {
      const std::string_view text = cell(b, r, flag_fields[i].first);
      if (treem::detail::trim(text).empty()) continue;
      const auto v = yes_no_from_key(key_(text));
      if (!v) problem(flag_fields[i].first, flag_fields[i].second, "not yes or no (1/0, true/false, có/không)");
      else if (*v) flags |= bits[i];
      if (v && bits[i] == disability) disability_stated = *v;
    }
    // The Law on Children, Art. 10(1)(d), makes children with disabilities a group of special
    // circumstances: the flag and the group letter d say one thing, and a row where they differ
    // cannot be counted both ways (the catalogue's disability indicator reads group d).
    if (groups && disability_stated && *disability_stated != (((*groups >> 3) & 1u) != 0)) {
      problem(f_disability, "disability", *disability_stated ? "says yes, but special_groups has no d (children with disabilities, Law on Children Art. 10(1)(d))"
                                                             : "says no, but special_groups has d (children with disabilities, Law on Children Art. 10(1)(d))");
    }
    if (out.problems.size() != before) return false;
    if (*born > reference_day_ || *born <= sixteen_years_ago_) {
      out.excluded.emplace_back(r, *born > reference_day_ ? 0 : 1);
      return true;
    }
    const auto eth = ethnicity(cell(b, r, f_ethnicity), out.part);
    if (!eth) {
      problem(f_ethnicity, "ethnicity", "more than 65,536 different values (is this the ethnicity column?)");
      return false;
    }
    auto& c = out.part;
    c.id.push_back(out.ids[out.ids.size() - 1]);
    c.unit.push_back(*unit);
    c.child_sex.push_back(*s);
    c.birth.push_back(*born);
    c.ethnicity.push_back(*eth);
    c.special_groups.push_back(*groups);
    c.flags.push_back(flags);
    out.accepted_row.push_back(r);
    return true;
  }

  // A commune by code or exact name on the reference date, as an index of the block's dictionary.
  std::optional<std::uint32_t> find_unit(std::string_view raw, child_register& c) {
    const std::string_view text = nfc_(raw);
    if (has_last_unit_ && text == last_unit_text_) return last_unit_;
    auto it = unit_cache_.find(std::string(text));
    if (it == unit_cache_.end()) {
      std::optional<std::uint32_t> index;
      if (const auto code = commune_code(units_, text, reference_, why_)) {
        const auto pos = std::find(c.units.begin(), c.units.end(), *code);
        index = static_cast<std::uint32_t>(pos - c.units.begin());
        if (pos == c.units.end()) c.units.push_back(*code);
      }
      it = unit_cache_.emplace(std::string(text), index).first;
      if (!index) unit_why_[std::string(text)] = why_;
    }
    if (!it->second) {
      why_ = unit_why_[it->first];
      return std::nullopt;
    }
    has_last_unit_ = true;
    last_unit_text_ = it->first;
    last_unit_ = *it->second;
    return last_unit_;
  }

  // The block's code of an ethnic group (free text: its codes are 16-bit, so 65,536 at most).
  std::optional<std::uint16_t> ethnicity(std::string_view raw, child_register& c) {
    const std::string_view text = nfc_(raw);
    if (!c.ethnicities.empty() && text == c.ethnicities[last_ethnicity_]) return last_ethnicity_;
    auto it = ethnicity_index_.find(std::string(text));
    if (it == ethnicity_index_.end()) {
      if (c.ethnicities.size() > UINT16_MAX) return std::nullopt;
      it = ethnicity_index_.emplace(std::string(text), static_cast<std::uint16_t>(c.ethnicities.size())).first;
      c.ethnicities.emplace_back(text);
    }
    last_ethnicity_ = it->second;
    return last_ethnicity_;
  }

  // The letters of Law on Children Art. 10(1) separated by ';', ',' or blanks, as a bit set; or the
  // bit set itself as a number (bit i: letter i), as treem's own registers hold it.
  std::optional<std::uint16_t> special_groups(std::string_view raw) {
    std::uint16_t bits = 0;
    std::string_view rest = key_(raw);
    if (!rest.empty() && std::all_of(rest.begin(), rest.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      unsigned v = 0;
      const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), v);
      if (ec != std::errc() || end != rest.data() + rest.size() || v >= (1u << special_group_letters.size())) return std::nullopt;
      return static_cast<std::uint16_t>(v);
    }
    while (!rest.empty()) {
      const std::size_t end = rest.find_first_of(",; \t");
      const std::string_view letter = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      if (letter.empty()) continue;
      const auto it = std::find(special_group_letters.begin(), special_group_letters.end(), letter);
      if (it == special_group_letters.end()) return std::nullopt;
      bits |= static_cast<std::uint16_t>(1u << (it - special_group_letters.begin()));
    }
    return bits;
  }

  const unit_registry& units_;
  date reference_;
  const std::vector<int>& col_;
  const read_options& options_;
  std::int32_t reference_day_ = 0, sixteen_years_ago_ = 0;
  cell_key key_;
  nfc_cell nfc_;
  std::string why_;
  std::unordered_map<std::string, std::optional<std::uint32_t>> unit_cache_;
  std::unordered_map<std::string, std::string> unit_why_;
  std::string last_unit_text_;
  std::uint32_t last_unit_ = 0;
  bool has_last_unit_ = false;
  std::uint16_t last_ethnicity_ = 0;
  std::unordered_map<std::string, std::uint16_t> ethnicity_index_;
};

/// Joins cleaned blocks in file order: one dictionary of communes and of ethnic groups, repeated
/// ids across the whole register, problems located and (strict) the first one thrown.
class child_register_joiner {
 public:
  child_register_joiner(const io::table_source& source, const read_options& options, const date& reference)
      : source_(source), name_(source.name()), options_(options),
        born_after_("born after the reference date " + format_vn(reference)),
        too_old_("aged 16 or more on the reference date " + format_vn(reference) + ": not a child (Law on Children, Art. 1)") {}

  void take(child_block&& blk, const io::cell_block& b, std::size_t first_line) {
    const bool strict = options_.mode == read_mode::strict;
    out_.rows_read += blk.rows;
    auto& c = out_.children;
    std::vector<std::uint32_t> unit_map(blk.part.units.size()), ethnicity_map(blk.part.ethnicities.size());
    for (std::size_t i = 0; i < unit_map.size(); ++i) unit_map[i] = intern(unit_index_, c.units, blk.part.units[i]);
    for (std::size_t i = 0; i < ethnicity_map.size(); ++i) ethnicity_map[i] = intern(ethnicity_index_, c.ethnicities, blk.part.ethnicities[i]);
    if (c.ethnicities.size() > std::size_t{UINT16_MAX} + 1) {
      throw validation_error({name_, 1, static_cast<std::size_t>(column_of_ethnicity_ + 1)}, "ethnicity",
                             "more than 65,536 different values (is this the ethnicity column?)");
    }
    auto text = [&](std::uint32_t ref) { return ref & side ? rejected_ids_[ref & ~side] : c.id[ref]; };
    if (first_block_) {
      // Room for the whole register at once (growing would copy the columns and re-hash every id).
      first_block_ = false;
      if (const std::size_t rows = source_.expected_rows(b)) {
        ids_.reserve(rows, text);
        c.reserve(rows);
      }
    }
    // A block without problems or rows left out (nearly every block): its ids are checked in one
    // loop and its columns appended whole; the row-by-row loop below takes over at a repeated id.
    const std::uint32_t clean = clean_prefix(blk, b, first_line, unit_map, ethnicity_map);
    std::vector<row_problem> repeats;
    std::size_t k = clean, a = clean, p = 0, e = 0;
    for (std::uint32_t r = clean; r < blk.rows; ++r) {
      const bool accepted = a < blk.accepted_row.size() && blk.accepted_row[a] == r;  // accepted: no problem of its own
      bool repeated = false;
      if (k + 8 < blk.id_hash.size()) ids_.prefetch(blk.id_hash[k + 8]);
      if (k < blk.id_row.size() && blk.id_row[k] == r) {
        const auto line = static_cast<std::uint32_t>(first_line + b.line[r]);
        const std::uint32_t ref = accepted ? static_cast<std::uint32_t>(c.id.size()) : static_cast<std::uint32_t>(rejected_ids_.size()) | side;
        if (!accepted) rejected_ids_.push_back(blk.ids[k]);  // still an id of the file: a later repeat of it is found
        if (const std::uint32_t earlier = ids_.insert(blk.ids[k], blk.id_hash[k], ref, line, text)) {
          repeated = true;
          row_problem dup{r, f_id, column_of_id_, "id", "the same id as line " + std::to_string(earlier)};
          if (strict) throw validation_error(locate(dup, b, first_line, name_).where, dup.field, dup.rule);
          repeats.push_back(std::move(dup));
        }
        ++k;
      }
      if (p < blk.problems.size() && blk.problems[p].row == r) {
        if (strict) {
          const auto& q = blk.problems[p];
          throw validation_error(locate(q, b, first_line, name_).where, q.field, q.rule);
        }
        while (p < blk.problems.size() && blk.problems[p].row == r) ++p;
      }
      if (e < blk.excluded.size() && blk.excluded[e].first == r) {
        if (!repeated) exclude(blk.excluded[e].second);
        ++e;
      }
      if (accepted) {
        if (!repeated) append(blk, a, unit_map, ethnicity_map);
        ++a;
      }
    }
    // Lenient: every problem in row order; a row with any problem is rejected once.
    repeats.insert(repeats.end(), blk.problems.begin(), blk.problems.end());
    std::stable_sort(repeats.begin(), repeats.end());
    std::uint32_t last_row = UINT32_MAX;
    for (const auto& q : repeats) {
      if (q.row != last_row) ++out_.rows_rejected;
      last_row = q.row;
      out_.problems.push_back(locate(q, b, first_line, name_));
    }
  }

  void set_id_column(int column) { column_of_id_ = column; }
  void set_ethnicity_column(int column) { column_of_ethnicity_ = column; }

  [[nodiscard]] child_register_result finish() { return std::move(out_); }

 private:
  static constexpr std::uint32_t side = 1u << 31;

  template <class Index, class T>
  static std::uint32_t intern(Index& index, std::vector<T>& dictionary, const T& value) {
    auto [it, inserted] = index.try_emplace(value, static_cast<std::uint32_t>(dictionary.size()));
    if (inserted) dictionary.push_back(value);
    return it->second;
  }

  // The rows of a clean block up to its first repeated id (all of them when there is none), taken:
  // ids recorded and columns appended in bulk. Returns how many.
  std::uint32_t clean_prefix(const child_block& blk, const io::cell_block& b, std::size_t first_line, const std::vector<std::uint32_t>& unit_map,
                             const std::vector<std::uint32_t>& ethnicity_map) {
    const std::size_t n = blk.rows;
    if (!blk.problems.empty() || !blk.excluded.empty() || blk.accepted_row.size() != n || blk.ids.size() != n) return 0;
    auto& c = out_.children;
    const std::size_t base = c.id.size();
    // References past `base` are rows of this block, not yet appended.
    auto text = [&](std::uint32_t ref) { return ref & side ? rejected_ids_[ref & ~side] : ref < base ? c.id[ref] : blk.part.id[ref - base]; };
    std::size_t k = 0;
    for (; k < n; ++k) {
      if (k + 8 < n) ids_.prefetch(blk.id_hash[k + 8]);
      const auto line = static_cast<std::uint32_t>(first_line + b.line[k]);
      if (ids_.insert(blk.ids[k], blk.id_hash[k], static_cast<std::uint32_t>(base + k), line, text) != 0) break;  // the loop below reports it
    }
    const auto& s = blk.part;
    for (std::size_t j = 0; j < k; ++j) c.id.push_back(s.id[j]);
    for (std::size_t j = 0; j < k; ++j) c.unit.push_back(unit_map[s.unit[j]]);
    for (std::size_t j = 0; j < k; ++j) c.ethnicity.push_back(static_cast<std::uint16_t>(ethnicity_map[s.ethnicity[j]]));
    const auto upto = [k](const auto& v) { return v.begin() + static_cast<std::ptrdiff_t>(k); };
    c.child_sex.insert(c.child_sex.end(), s.child_sex.begin(), upto(s.child_sex));
    c.birth.insert(c.birth.end(), s.birth.begin(), upto(s.birth));
    c.special_groups.insert(c.special_groups.end(), s.special_groups.begin(), upto(s.special_groups));
    c.flags.insert(c.flags.end(), s.flags.begin(), upto(s.flags));
    return static_cast<std::uint32_t>(k);
  }

  void exclude(std::uint8_t reason) {
    count_exclusion(out_.excluded, "birth_date", reason == 0 ? born_after_ : too_old_);
  }

  void append(const child_block& blk, std::size_t j, const std::vector<std::uint32_t>& unit_map, const std::vector<std::uint32_t>& ethnicity_map) {
    auto& c = out_.children;
    const auto& s = blk.part;
    c.id.push_back(s.id[j]);
    c.unit.push_back(unit_map[s.unit[j]]);
    c.child_sex.push_back(s.child_sex[j]);
    c.birth.push_back(s.birth[j]);
    c.ethnicity.push_back(static_cast<std::uint16_t>(ethnicity_map[s.ethnicity[j]]));
    c.special_groups.push_back(s.special_groups[j]);
    c.flags.push_back(s.flags[j]);
  }

  const io::table_source& source_;
  std::string name_;
  const read_options& options_;
  std::string born_after_, too_old_;
  child_register_result out_;
  id_index ids_;
  string_column rejected_ids_;
  std::unordered_map<std::string, std::uint32_t> unit_index_, ethnicity_index_;
  int column_of_id_ = -1, column_of_ethnicity_ = -1;
  bool first_block_ = true;
};

}  // namespace detail

/// Reads and cleans a child register from any table source. Communes are looked up on
/// `reference` by code or exact name; ages are taken on it.
[[nodiscard]] TREEM_FUNC child_register_result read_child_register(io::table_source& source, const unit_registry& units, const date& reference,
                                                                   const read_options& options = {});

#if TREEM_DEFINITIONS
TREEM_FUNC child_register_result read_child_register(io::table_source& source, const unit_registry& units, const date& reference,
                                                     const read_options& options) {
  std::vector<register_problem> header_problems;
  const std::vector<int> columns =
      detail::map_columns(source.header(), child_register_schema(), source.name(), detail::header_problems(options.mode, header_problems));
  detail::child_register_joiner joiner(source, options, reference);
  joiner.set_id_column(columns[detail::f_id]);
  joiner.set_ethnicity_column(columns[detail::f_ethnicity]);
  io::read_blocks(
      source, options.threads,
      [&](const io::cell_block& b) { return detail::child_block_cleaner(units, reference, columns, options)(b); },
      [&](detail::child_block&& blk, const io::cell_block& b, std::size_t first_line) { joiner.take(std::move(blk), b, first_line); },
      options.progress);
  child_register_result out = joiner.finish();
  out.problems.insert(out.problems.begin(), header_problems.begin(), header_problems.end());
  return out;
}
#endif

/// Reads and cleans a child register held in one table (a spreadsheet read into memory).
[[nodiscard]] inline child_register_result read_child_register(const io::string_table& t, const unit_registry& units, const date& reference,
                                                               read_mode mode, const pseudonymiser* key = nullptr) {
  io::string_table_source source(t);
  return read_child_register(source, units, reference, read_options{.mode = mode, .threads = 1, .key = key});
}

}  // namespace treem::registers

// Reading a child register out of a table (CSV export, spreadsheet, DataFrame) and cleaning it:
// Vietnamese or English column names, NFC text, dates in dd/mm/yyyy, d/m/yyyy or ISO, sex as
// Nam/Nữ/M/F, communes by code or exact name, duplicates, births in the future, persons aged 16 or
// more. Every problem names the source, line, column and rule, never a child's name, id or value.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "treem/core/unicode.hpp"
#include "treem/io/string_table.hpp"
#include "treem/registers/child_register.hpp"
#include "treem/registers/pseudonym.hpp"
#include "treem/units/unit_registry.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace treem::registers {

struct register_problem {
  source_location where;
  std::string field;
  std::string rule;
  [[nodiscard]] std::string to_string() const { return where.to_string() + ": " + field + ": " + rule; }
};

enum class read_mode {
  strict,   ///< the first problem is a validation_error; nothing is returned
  lenient,  ///< rows with problems are left out and every problem is listed
};

struct child_register_result {
  child_register children;
  std::vector<register_problem> problems;
  std::size_t rows_read = 0;
  std::size_t rows_rejected = 0;
};

/// Column names accepted for each field (compared after NFC and lower case). Columns that hold
/// personal data (names, addresses, phones) are recognised so that they can be dropped unread.
struct column_names {
  std::string field;
  std::vector<std::string> accepted;
};

inline const std::vector<column_names>& child_register_columns() {
  static const std::vector<column_names> columns{
      {"id", {"id", "ma_tre", "mã trẻ", "ma_dinh_danh", "mã định danh"}},
      {"unit", {"unit", "commune", "ma_xa", "mã xã", "xa", "xã"}},
      {"sex", {"sex", "gioi_tinh", "giới tính"}},
      {"birth_date", {"birth_date", "ngay_sinh", "ngày sinh"}},
      {"ethnicity", {"ethnicity", "dan_toc", "dân tộc"}},
      {"special_groups", {"special_groups", "nhom_hcdb", "nhóm hcđb", "nhóm hoàn cảnh đặc biệt"}},
      {"receiving_support", {"receiving_support", "duoc_tro_giup", "được trợ giúp"}},
      {"birth_registered", {"birth_registered", "dang_ky_khai_sinh", "đăng ký khai sinh"}},
      {"health_insurance", {"health_insurance", "the_bhyt", "thẻ bhyt"}},
      {"disability", {"disability", "khuyet_tat", "khuyết tật"}},
      {"enrolled", {"enrolled", "di_hoc", "đi học"}},
  };
  return columns;
}

inline const std::set<std::string>& personal_data_columns() {
  static const std::set<std::string> columns{"name", "full_name", "ho_ten", "họ tên", "họ và tên", "ten", "tên", "address",
                                             "dia_chi", "địa chỉ", "phone", "so_dien_thoai", "số điện thoại", "note"};
  return columns;
}

namespace detail {

inline std::string key(std::string_view s) { return unicode::to_lower(unicode::nfc(treem::detail::trim(s))); }

inline std::optional<sex> read_sex(const std::string& cell) {
  const std::string v = key(cell);
  if (v == "nam" || v == "m" || v == "male" || v == "trai") return sex::male;
  if (v == "nữ" || v == "f" || v == "female" || v == "gái") return sex::female;
  return std::nullopt;
}

inline std::optional<bool> read_yes_no(const std::string& cell) {
  const std::string v = key(cell);
  if (v == "1" || v == "true" || v == "yes" || v == "có" || v == "x") return true;
  if (v == "0" || v == "false" || v == "no" || v == "không") return false;
  return std::nullopt;
}

/// Maps the table's columns to fields by their accepted names; drops personal-data columns unread;
/// reports unknown columns through `problem`; requires `needed`. A field given twice is an error.
template <class Problem>
std::map<std::string, int> map_columns(const io::string_table& t, const std::vector<column_names>& fields,
                                       std::initializer_list<const char*> needed, const char* what, Problem&& problem) {
  std::map<std::string, int> col;
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    const std::string name = key(t.header[c]);
    if (personal_data_columns().contains(name)) continue;  // dropped unread
    bool matched = false;
    for (const auto& field : fields) {
      if (std::find(field.accepted.begin(), field.accepted.end(), name) == field.accepted.end()) continue;
      if (col.contains(field.field)) throw validation_error({t.source, 1, c + 1}, field.field, "a second column for the same field");
      col[field.field] = static_cast<int>(c);
      matched = true;
    }
    if (!matched) problem(source_location{t.source, 1, c + 1}, "header", "column " + std::to_string(c + 1) + " is not a field of the " + what);
  }
  for (const char* field : needed) {
    if (!col.contains(field)) throw validation_error({t.source, 1, 0}, field, "the column is missing");
  }
  return col;
}

/// A commune by code, or by its exact (NFC) name among the communes on `on`.
inline std::optional<std::string> commune_code(const unit_registry& units, const std::string& text, const date& on, std::string& why) {
  if (const admin_unit* u = units.find(text, on); u && u->tier() == unit_tier::commune) return u->code;
  std::vector<const admin_unit*> named;
  for (const admin_unit* c : units.find_by_name(text, on)) {
    if (c->tier() == unit_tier::commune) named.push_back(c);
  }
  if (named.size() == 1) return named[0]->code;
  why = named.empty() ? "not a commune code or commune name on " + format_vn(on)
                      : "the name matches " + std::to_string(named.size()) + " communes: give the code";
  return std::nullopt;
}

}  // namespace detail

/// Builds a clean child register from tables given one after another (chunks of a large file):
/// the header's columns are read once, ids are checked for duplicates across all chunks.
class child_register_builder {
 public:
  /// Communes are looked up in `units` on `reference`, by code or by exact name; ages are taken on
  /// `reference`. With `key`, ids are replaced by their HMAC-SHA-256 pseudonyms; without it they are
  /// kept as given (they must already be pseudonymous).
  child_register_builder(const unit_registry& units, const date& reference, read_mode mode, const pseudonymiser* key = nullptr)
      : units_(units), reference_(reference), sixteen_years_ago_(reference - boost::gregorian::years(16)), mode_(mode), key_(key) {}

  /// Adds the rows of one table (its header must be the same for every chunk).
  void add(const io::string_table& t) {
    if (!columns_read_) read_columns(t);
    out_.children.reserve(out_.children.size() + t.rows.size());
    for (std::size_t r = 0; r < t.rows.size(); ++r) add_row(t, r);
  }

  /// The register and its problems; the builder is empty afterwards.
  [[nodiscard]] child_register_result finish() { return std::move(out_); }

 private:
  void problem(const source_location& where, const std::string& field, const std::string& rule) {
    if (mode_ == read_mode::strict) throw validation_error(where, field, rule);
    out_.problems.push_back({where, field, rule});
  }

  // The fields a row is read by, in the order of field_index_.
  static constexpr std::string_view fields_[] = {"id", "unit", "sex", "birth_date", "special_groups", "ethnicity", "receiving_support",
                                            "birth_registered", "health_insurance", "disability", "enrolled"};

  static constexpr std::size_t field_of(std::string_view name) {
    for (std::size_t f = 0; f < std::size(fields_); ++f) {
      if (fields_[f] == name) return f;
    }
    return std::size(fields_);  // not a field: a compile error where used in a constant expression
  }

  void read_columns(const io::string_table& t) {
    columns_read_ = true;
    col_ = detail::map_columns(t, child_register_columns(), {"id", "unit", "sex", "birth_date"}, "child register",
                               [&](const source_location& w, const std::string& f, const std::string& r) { problem(w, f, r); });
    // Column positions resolved once: a map lookup per cell was a fifth of the reading time.
    for (std::size_t f = 0; f < std::size(fields_); ++f) {
      const auto it = col_.find(std::string(fields_[f]));
      field_index_[f] = it == col_.end() ? -1 : it->second;
    }
  }

  // A commune by code, or by its exact (NFC) name among the communes on the reference date.
  std::optional<std::uint32_t> find_unit(const std::string& text, std::string& why) {
    if (auto it = unit_cache_.find(text); it != unit_cache_.end()) return it->second;
    const std::optional<std::string> code = detail::commune_code(units_, text, reference_, why);
    if (!code) return std::nullopt;
    auto [it, inserted] = unit_index_.try_emplace(*code, static_cast<std::uint32_t>(out_.children.units.size()));
    if (inserted) out_.children.units.push_back(*code);
    unit_cache_[text] = it->second;
    return it->second;
  }

  void add_row(const io::string_table& t, std::size_t r) {
    ++out_.rows_read;
    const auto& row = t.rows[r];
    const std::size_t before = out_.problems.size();
    auto cell = [&](std::size_t f) -> const std::string& {
      static const std::string empty;
      return field_index_[f] < 0 ? empty : row[static_cast<std::size_t>(field_index_[f])];
    };
    auto at = [&](const char* field) { return t.where(r, col_.count(field) ? col_.at(field) : -1); };

    const std::string id(treem::detail::trim(cell(field_of("id"))));
    if (id.empty()) problem(at("id"), "id", "is empty");
    else if (id.size() > 128) problem(at("id"), "id", "longer than 128 characters");
    else if (auto [it, inserted] = seen_ids_.try_emplace(id, t.where(r).line); !inserted) {
      problem(at("id"), "id", "the same id as line " + std::to_string(it->second));
    }

    std::string why;
    const auto unit = find_unit(unicode::nfc(treem::detail::trim(cell(field_of("unit")))), why);
    if (!unit) problem(at("unit"), "unit", why);

    const auto s = detail::read_sex(cell(field_of("sex")));
    if (!s) problem(at("sex"), "sex", "not one of Nam, Nữ, M, F");

    std::optional<date> born;
    try {
      static const source_location nowhere{"<birth_date>", 0, 0};  // not copied per row: the error is rethrown located
      born = parse_date(cell(field_of("birth_date")), nowhere);
    } catch (const parse_error&) {
      problem(at("birth_date"), "birth_date", "not a calendar date in the form dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd");
    }
    if (born && reference_ < *born) problem(at("birth_date"), "birth_date", "after the reference date " + format_vn(reference_));
    if (born && *born <= sixteen_years_ago_) {
      problem(at("birth_date"), "birth_date", "aged 16 or more on " + format_vn(reference_) + ": not a child (Law on Children, Art. 1)");
    }

    std::uint16_t groups = 0;
    std::string letters = detail::key(cell(field_of("special_groups")));
    for (char& ch : letters) {
      if (ch == ',' || ch == ';') ch = ' ';
    }
    std::size_t pos = 0;
    while (pos < letters.size()) {
      const auto end = letters.find(' ', pos);
      const std::string letter = letters.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      pos = end == std::string::npos ? letters.size() : end + 1;
      if (letter.empty()) continue;
      const auto it = std::find(special_group_letters.begin(), special_group_letters.end(), letter);
      if (it == special_group_letters.end()) {
        problem(at("special_groups"), "special_groups", "not a group letter of the Law on Children, Art. 10 (a-o, no f, j)");
      } else {
        groups |= static_cast<std::uint16_t>(1u << (it - special_group_letters.begin()));
      }
    }

    std::uint8_t flags = 0;
    for (const auto& [field, bit] : {std::pair<const char*, child_flag>{"receiving_support", receiving_support},
                                     {"birth_registered", birth_registered}, {"health_insurance", health_insurance},
                                     {"disability", disability}, {"enrolled", enrolled}}) {
      const std::string& text = cell(field_of(field));
      if (treem::detail::trim(text).empty()) continue;
      const auto v = detail::read_yes_no(text);
      if (!v) problem(at(field), field, "not yes or no (1/0, true/false, có/không)");
      else if (*v) flags |= bit;
    }

    if (out_.problems.size() != before) {
      ++out_.rows_rejected;
      return;
    }
    auto& c = out_.children;
    c.id.push_back(key_ ? (*key_)(id) : id);
    c.unit.push_back(*unit);
    c.child_sex.push_back(*s);
    c.birth.push_back(static_cast<std::int32_t>(to_epoch_days(*born)));
    const std::string eth = unicode::nfc(treem::detail::trim(cell(field_of("ethnicity"))));
    auto [eit, inserted] = ethnicity_index_.try_emplace(eth, static_cast<std::uint16_t>(c.ethnicities.size()));
    if (inserted) c.ethnicities.push_back(eth);
    c.ethnicity.push_back(eit->second);
    c.special_groups.push_back(groups);
    c.flags.push_back(flags);
  }

  const unit_registry& units_;
  date reference_;
  date sixteen_years_ago_;
  read_mode mode_;
  const pseudonymiser* key_;
  bool columns_read_ = false;
  std::map<std::string, int> col_;
  int field_index_[std::size(fields_)]{};
  std::unordered_map<std::string, std::uint32_t> unit_index_;
  std::unordered_map<std::string, std::uint32_t> unit_cache_;
  std::unordered_map<std::string, std::uint16_t> ethnicity_index_;
  std::unordered_map<std::string, std::size_t> seen_ids_;  // id -> first line
  child_register_result out_;
};

/// Reads and cleans a child register held in one table.
[[nodiscard]] inline child_register_result read_child_register(const io::string_table& t, const unit_registry& units, const date& reference,
                                                               read_mode mode, const pseudonymiser* key = nullptr) {
  child_register_builder b(units, reference, mode, key);
  b.add(t);
  return b.finish();
}

}  // namespace treem::registers

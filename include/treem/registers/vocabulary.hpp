// The vocabulary of the tables treem reads, defined once: the column names each table accepts (in
// English and Vietnamese), the spellings of sex and of yes / no, the kinds of incident (injuries and
// the forms of abuse of the Law on Children, Art. 4) and where abuse happened. The readers of every
// table, the rule and catalogue loaders, and the Python package all take them from here.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace treem::registers {

// ---------------------------------------------------------------------------------------------
// Incidents
// ---------------------------------------------------------------------------------------------

enum class incident_kind : std::uint8_t {
  drowning,        ///< đuối nước
  traffic_injury,  ///< tai nạn giao thông
  other_injury,    ///< other accidents and injuries
  violence,        ///< bạo lực
  sexual_abuse,    ///< xâm hại tình dục, its form not recorded
  exploitation,    ///< bóc lột
  trafficking,     ///< mua bán
  abandonment,     ///< bỏ rơi
  neglect,         ///< bỏ mặc
  other_abuse,     ///< other forms of xâm hại
  // The five cases counted as child sexual abuse by Decree 56/2017/NĐ-CP: forms of sexual_abuse.
  // Wherever a rule or a filter names sexual_abuse, these are included.
  rape,                           ///< hiếp dâm
  coerced_sex,                    ///< cưỡng dâm
  sexual_intercourse_with_child,  ///< giao cấu với trẻ em
  molestation,                    ///< dâm ô
  prostitution_or_pornography,    ///< sử dụng trẻ em vào mục đích mại dâm, khiêu dâm
};

inline constexpr std::string_view incident_kind_names[] = {"drowning", "traffic_injury", "other_injury", "violence", "sexual_abuse",
                                                           "exploitation", "trafficking", "abandonment", "neglect", "other_abuse",
                                                           "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation",
                                                           "prostitution_or_pornography"};
inline constexpr std::size_t incident_kind_count = std::size(incident_kind_names);

/// Vietnamese names of the kinds, in the order of incident_kind; accepted in registers too.
inline constexpr std::string_view incident_kind_names_vi[] = {
    "đuối nước", "tai nạn giao thông", "tai nạn, thương tích khác", "bạo lực", "xâm hại tình dục", "bóc lột", "mua bán", "bỏ rơi",
    "bỏ mặc", "xâm hại khác", "hiếp dâm", "cưỡng dâm", "giao cấu với trẻ em", "dâm ô",
    "sử dụng trẻ em vào mục đích mại dâm, khiêu dâm"};

[[nodiscard]] constexpr std::string_view to_string(incident_kind k) noexcept { return incident_kind_names[static_cast<int>(k)]; }
[[nodiscard]] constexpr std::string_view label_vi(incident_kind k) noexcept { return incident_kind_names_vi[static_cast<int>(k)]; }

/// A kind by its English name (as in rules and catalogues) or, in registers, its Vietnamese name
/// (compared after NFC and lower case by the caller).
[[nodiscard]] constexpr std::optional<incident_kind> incident_kind_from_string(std::string_view s) noexcept {
  for (std::size_t i = 0; i < incident_kind_count; ++i) {
    if (incident_kind_names[i] == s || incident_kind_names_vi[i] == s) return static_cast<incident_kind>(i);
  }
  return std::nullopt;
}

/// "drowning, traffic_injury, ...": the accepted names, for error messages.
[[nodiscard]] inline std::string incident_kind_list() {
  std::string out;
  for (auto n : incident_kind_names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

/// Sexual abuse, whether its form is recorded or not.
[[nodiscard]] constexpr bool is_sexual_abuse(incident_kind k) noexcept { return k == incident_kind::sexual_abuse || k >= incident_kind::rape; }

/// Whether a rule or filter naming `general` applies to an incident of kind `k`: the kind itself,
/// and for sexual_abuse each of its forms.
[[nodiscard]] constexpr bool covers(incident_kind general, incident_kind k) noexcept {
  return k == general || (general == incident_kind::sexual_abuse && is_sexual_abuse(k));
}

/// "Xâm hại" in the Law on Children covers violence, exploitation, sexual abuse, trafficking,
/// abandonment and neglect.
[[nodiscard]] constexpr bool is_abuse(incident_kind k) noexcept {
  return k == incident_kind::violence || is_sexual_abuse(k) || k == incident_kind::exploitation || k == incident_kind::trafficking ||
         k == incident_kind::abandonment || k == incident_kind::neglect || k == incident_kind::other_abuse;
}

/// The cases whose support / intervention plan criterion 6 of Decision 06/QĐ-TTg times: sexual
/// abuse (every form), abandonment and trafficking.
[[nodiscard]] constexpr bool needs_intervention_plan(incident_kind k) noexcept {
  return is_sexual_abuse(k) || k == incident_kind::abandonment || k == incident_kind::trafficking;
}

/// Where abuse happened (môi trường xâm hại), a disaggregation of Circular 13/2021 indicator 0101.
enum class environment : std::uint8_t { unknown = 0, family, school, community, online };

inline constexpr std::string_view environment_names[] = {"unknown", "family", "school", "community", "online"};
inline constexpr std::string_view environment_names_vi[] = {"không rõ", "gia đình", "trường học", "cộng đồng", "trực tuyến"};
inline constexpr std::size_t environment_count = std::size(environment_names);

[[nodiscard]] constexpr std::optional<environment> environment_from_string(std::string_view s) noexcept {
  for (std::size_t i = 0; i < environment_count; ++i) {
    if (environment_names[i] == s || environment_names_vi[i] == s) return static_cast<environment>(i);
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Cell values: sex and yes / no, compared after NFC and lower case
// ---------------------------------------------------------------------------------------------

enum class sex : std::uint8_t { male = 0, female = 1, unknown = 2 };  ///< unknown: only in incident registers

inline constexpr std::string_view male_spellings[] = {"nam", "m", "male", "trai"};
inline constexpr std::string_view female_spellings[] = {"nữ", "f", "female", "gái"};
inline constexpr std::string_view yes_spellings[] = {"1", "true", "yes", "có", "x"};
inline constexpr std::string_view no_spellings[] = {"0", "false", "no", "không"};

namespace detail {
/// Equality that looks at the length and the first byte before comparing the rest: these words are
/// compared millions of times, mostly against words of another length or initial.
[[nodiscard]] constexpr bool same_word(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && a.substr(1) == b.substr(1)));
}
}  // namespace detail

[[nodiscard]] constexpr std::optional<sex> sex_from_key(std::string_view key) noexcept {
  for (auto s : male_spellings) {
    if (detail::same_word(s, key)) return sex::male;
  }
  for (auto s : female_spellings) {
    if (detail::same_word(s, key)) return sex::female;
  }
  return std::nullopt;
}

[[nodiscard]] constexpr std::optional<bool> yes_no_from_key(std::string_view key) noexcept {
  if (key.size() == 1 && (key[0] == '1' || key[0] == '0')) return key[0] == '1';  // nearly every cell of a register
  for (auto s : yes_spellings) {
    if (detail::same_word(s, key)) return true;
  }
  for (auto s : no_spellings) {
    if (detail::same_word(s, key)) return false;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

/// A field of a table and the column names accepted for it (compared after NFC and lower case).
struct column_names {
  std::string_view field;
  std::vector<std::string_view> accepted;
  bool required = false;
};

/// The columns of a table, and the names of its kind for messages ("child register").
struct table_schema {
  std::string_view what;
  std::vector<column_names> columns;
  /// Whether columns that are neither fields nor personal data are refused (true) or ignored.
  bool refuse_unknown = true;

  [[nodiscard]] const column_names* find(std::string_view field) const noexcept {
    for (const auto& c : columns) {
      if (c.field == field) return &c;
    }
    return nullptr;
  }
};

inline const std::vector<std::string_view> unit_column_names{"unit", "commune", "ma_xa", "mã xã", "xa", "xã"};
inline const std::vector<std::string_view> sex_column_names{"sex", "gioi_tinh", "giới tính"};

inline const table_schema& child_register_schema() {
  static const table_schema s{
      "child register",
      {{"id", {"id", "ma_tre", "mã trẻ", "ma_dinh_danh", "mã định danh"}, true},
       {"unit", unit_column_names, true},
       {"sex", sex_column_names, true},
       {"birth_date", {"birth_date", "ngay_sinh", "ngày sinh"}, true},
       {"ethnicity", {"ethnicity", "dan_toc", "dân tộc"}},
       {"special_groups", {"special_groups", "nhom_hcdb", "nhóm hcđb", "nhóm hoàn cảnh đặc biệt"}},
       {"receiving_support", {"receiving_support", "duoc_tro_giup", "được trợ giúp"}},
       {"birth_registered", {"birth_registered", "dang_ky_khai_sinh", "đăng ký khai sinh"}},
       {"health_insurance", {"health_insurance", "the_bhyt", "thẻ bhyt"}},
       {"disability", {"disability", "khuyet_tat", "khuyết tật"}},
       {"enrolled", {"enrolled", "di_hoc", "đi học"}}},
      true};
  return s;
}

inline const table_schema& incident_register_schema() {
  static const table_schema s{
      "incident register",
      {{"unit", unit_column_names, true},
       {"date", {"date", "ngay", "ngày", "ngay_xay_ra", "ngày xảy ra"}, true},
       {"kind", {"kind", "loai", "loại", "loai_vu_viec", "loại vụ việc"}, true},
       {"fatal", {"fatal", "tu_vong", "tử vong"}},
       {"sex", sex_column_names},
       {"age", {"age", "tuoi", "tuổi"}},
       {"environment", {"environment", "moi_truong", "môi trường"}},
       {"plan_approved_in_time", {"plan_approved_in_time", "ke_hoach_kip_thoi", "kế hoạch kịp thời"}},
       {"case_id", {"case_id", "ma_vu_viec", "mã vụ việc"}}},
      true};
  return s;
}

/// Submissions of reports: who sent which report of the plan, when.
inline const table_schema& submissions_schema() {
  static const table_schema s{"submissions",
                              {{"submitter", {"submitter", "don_vi_gui", "đơn vị gửi"}, true},
                               {"report", {"report", "bao_cao", "báo cáo"}, true},
                               {"date", {"date", "ngay", "ngày", "ngay_gui", "ngày gửi"}, true}},
                              false};
  return s;
}

/// The case register (Decree 56/2017/NĐ-CP, Chapter III): one row per case, the dated steps of its
/// handling. Steps may carry a time of day ("dd/mm/yyyy hh:mm"); the 12-hour limit needs it.
inline const table_schema& case_register_schema() {
  static const table_schema s{
      "case register",
      {{"case_id", {"case_id", "ma_vu_viec", "mã vụ việc"}, true},
       {"unit", unit_column_names, true},
       {"kind", {"kind", "loai", "loại", "loai_vu_viec", "loại vụ việc"}, true},
       {"serious_harm", {"serious_harm", "ton_hai_nghiem_trong", "tổn hại nghiêm trọng"}},
       {"received", {"received", "tiep_nhan", "tiếp nhận", "ngay_tiep_nhan", "ngày tiếp nhận"}, true},
       {"initial_assessment", {"initial_assessment", "danh_gia_ban_dau", "đánh giá ban đầu"}},
       {"emergency_measure", {"emergency_measure", "can_thiep_khan_cap", "can thiệp khẩn cấp"}},
       {"specific_assessment", {"specific_assessment", "danh_gia_cu_the", "đánh giá cụ thể"}},
       {"plan_drafted", {"plan_drafted", "xay_dung_ke_hoach", "xây dựng kế hoạch"}},
       {"plan_approved", {"plan_approved", "phe_duyet_ke_hoach", "phê duyệt kế hoạch"}},
       {"reviewed", {"reviewed", "ra_soat", "rà soát"}},
       {"closed", {"closed", "ket_thuc", "kết thúc"}}},
      true};
  return s;
}

/// The fixed columns of an assessment sheet; criteria (c1 ... c13) and the facts of the rule sets
/// are columns too, by their ids.
inline const table_schema& assessment_schema() {
  static const table_schema s{"assessment sheet",
                              {{"unit", unit_column_names, true},
                               {"period", {"period", "ky", "kỳ"}, true},
                               {"category", {"category", "loai_don_vi", "loại đơn vị"}},
                               {"category_reason", {"category_reason", "ly_do_loai", "lý do loại"}},
                               {"abuse_cases_reported", {"abuse_cases_reported", "so_vu_xam_hai", "số vụ xâm hại"}},
                               {"injury_cases_reported", {"injury_cases_reported", "so_vu_tai_nan", "số vụ tai nạn"}}},
                              true};
  return s;
}

/// treem's publish log (indicators): each count an earlier run published (with its value) or
/// withheld, and each count its protection covered. treem writes it; it reads only these names.
inline const table_schema& publish_log_schema() {
  static const table_schema s{"publish log",
                              {{"period", {"period"}, true},
                               {"reference_date", {"reference_date"}, true},
                               {"merger", {"merger"}, true},
                               {"communes", {"communes"}, true},
                               {"count", {"count"}, true},
                               {"minus", {"minus"}},
                               {"state", {"state"}, true},
                               {"value", {"value"}}},
                              true};
  return s;
}

/// Columns that may hold personal data (names, addresses, phones, free notes): dropped unread,
/// never refused with their text.
inline const std::vector<std::string_view>& personal_data_columns() {
  static const std::vector<std::string_view> columns{"name", "full_name", "ho_ten", "họ tên", "họ và tên", "ten", "tên", "address",
                                                     "dia_chi", "địa chỉ", "phone", "so_dien_thoai", "số điện thoại", "note", "ghi chú",
                                                     "ghi_chu"};
  return columns;
}

[[nodiscard]] inline bool is_personal_data_column(std::string_view key) {
  const auto& p = personal_data_columns();
  return std::find(p.begin(), p.end(), key) != p.end();
}

}  // namespace treem::registers

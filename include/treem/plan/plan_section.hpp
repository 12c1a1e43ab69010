// The body of a plan as the document has it: sections (I-V and their numbered items), lettered
// tasks, and who leads or coordinates each task. Labels and heading levels are kept exactly as
// written, gaps and irregularities included (the Sơn Hà plan has no item IV.5).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace treem::plan {

/// An agency's part in a task.
enum class task_role {
  lead,          ///< chủ trì
  coordinating,  ///< phối hợp
  requested,     ///< đề nghị: asked of a body outside the committee's command
};

[[nodiscard]] constexpr std::string_view to_string(task_role r) noexcept {
  switch (r) {
    case task_role::lead: return "lead";
    case task_role::coordinating: return "coordinating";
    case task_role::requested: return "requested";
  }
  return "lead";
}

[[nodiscard]] constexpr std::optional<task_role> task_role_from_string(std::string_view s) noexcept {
  if (s == "lead") return task_role::lead;
  if (s == "coordinating") return task_role::coordinating;
  if (s == "requested") return task_role::requested;
  return std::nullopt;
}

/// Whether the committee assigns a responsibility item (giao) or only requests it (đề nghị).
enum class assignment_mode { assign, request };

[[nodiscard]] constexpr std::string_view to_string(assignment_mode m) noexcept {
  return m == assignment_mode::assign ? "assign" : "request";
}

struct task_link {
  std::string agency;
  task_role role = task_role::lead;
  friend bool operator==(const task_link&, const task_link&) = default;
};

/// A numbered or lettered paragraph: "a) ...", "1. ...".
struct plan_item {
  std::string label;  ///< "a", "đ", "1"
  std::string text;
  std::vector<task_link> links;  ///< explicit roles; empty = as the enclosing section says
  friend bool operator==(const plan_item&, const plan_item&) = default;
};

struct plan_section {
  std::string label;        ///< "I", "IV", "13"
  std::string heading;      ///< as written
  int heading_level = 0;    ///< the heading's level in the source document (a fact, not a rank)
  std::string text;         ///< paragraphs before the items
  std::string closing_text; ///< paragraphs after the items
  std::vector<task_link> links;       ///< for an unlettered task held in `text` (IV.6, IV.7, ...)
  std::vector<std::string> agencies;  ///< the bodies a responsibility item (IV) addresses
  std::optional<assignment_mode> mode;
  std::vector<plan_item> items;
  std::vector<plan_section> sections;
  friend bool operator==(const plan_section&, const plan_section&) = default;
};

/// Vietnamese lettering: a b c d đ e g h i k l m n o p q r s t u v x y (no f, j, w, z).
inline constexpr std::string_view vietnamese_letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                                          "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};

/// Position of a letter label in Vietnamese lettering, or -1.
[[nodiscard]] constexpr int letter_index(std::string_view label) noexcept {
  for (int i = 0; i < static_cast<int>(std::size(vietnamese_letters)); ++i) {
    if (vietnamese_letters[i] == label) return i;
  }
  return -1;
}

}  // namespace treem::plan

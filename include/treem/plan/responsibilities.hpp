// Who does what: the responsibility matrix (agency × task with lead / coordinating / requested)
// and the questions asked of it.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "treem/plan/plan.hpp"

namespace treem::plan {

/// One cell of the matrix in long form.
struct responsibility {
  std::string task;    ///< task path, e.g. "IV.1.a"
  std::string agency;  ///< agency id
  task_role role = task_role::lead;
  friend bool operator==(const responsibility&, const responsibility&) = default;
};

/// Every (task, agency, role), in document order.
[[nodiscard]] inline std::vector<responsibility> responsibility_matrix(const plan& p) {
  std::vector<responsibility> out;
  for (const auto& t : p.tasks()) {
    for (const auto& l : t.links) out.push_back({t.path, l.agency, l.role});
  }
  return out;
}

/// The tasks in which `agency_id` has `role` (any role when empty). Throws not_found_error for
/// an agency the plan does not name.
[[nodiscard]] inline std::vector<task> tasks_of(const plan& p, const std::string& agency_id,
                                                std::optional<task_role> role = std::nullopt) {
  (void)p.get_agency(agency_id);
  std::vector<task> out;
  for (auto& t : p.tasks()) {
    const bool hit = std::any_of(t.links.begin(), t.links.end(),
                                 [&](const task_link& l) { return l.agency == agency_id && (!role || l.role == *role); });
    if (hit) out.push_back(std::move(t));
  }
  return out;
}

/// Tasks that nobody leads: no agency has role lead or requested (the plan only asks for
/// coordination, e.g. "Phối hợp với các ngành liên quan ...").
[[nodiscard]] inline std::vector<task> tasks_without_lead(const plan& p) {
  std::vector<task> out;
  for (auto& t : p.tasks()) {
    const bool led = std::any_of(t.links.begin(), t.links.end(),
                                 [](const task_link& l) { return l.role == task_role::lead || l.role == task_role::requested; });
    if (!led) out.push_back(std::move(t));
  }
  return out;
}

}  // namespace treem::plan

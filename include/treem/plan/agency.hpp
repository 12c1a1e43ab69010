// A body that a plan addresses: an office of the People's Committee, a mass organisation it can
// only request, the communes, an external recipient, or the plan's unnamed "related bodies".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace treem::plan {

/// How the agency stands to the issuing People's Committee.
enum class agency_relation {
  issuer,       ///< the committee that issues the plan
  assigned,     ///< under its command: it is assigned tasks (giao)
  requested,    ///< outside its command: it is asked (đề nghị), e.g. Huyện đoàn, Hội LHPN, VKS, TAND
  external,     ///< outside the district: report recipients such as Sở LĐTBXH, UBND tỉnh
  unspecified,  ///< "các cơ quan, đơn vị liên quan": bodies the plan does not name
};

[[nodiscard]] constexpr std::string_view to_string(agency_relation r) noexcept {
  switch (r) {
    case agency_relation::issuer: return "issuer";
    case agency_relation::assigned: return "assigned";
    case agency_relation::requested: return "requested";
    case agency_relation::external: return "external";
    case agency_relation::unspecified: return "unspecified";
  }
  return "unspecified";
}

[[nodiscard]] constexpr std::optional<agency_relation> agency_relation_from_string(std::string_view s) noexcept {
  for (auto r : {agency_relation::issuer, agency_relation::assigned, agency_relation::requested, agency_relation::external,
                 agency_relation::unspecified}) {
    if (to_string(r) == s) return r;
  }
  return std::nullopt;
}

struct agency {
  std::string id;          ///< stable identifier used in links, e.g. "phong_ldtbxh"
  std::string name;        ///< as written in the plan
  std::string short_name;  ///< as usually abbreviated, e.g. "Phòng LĐTBXH"
  std::string kind;        ///< office, police, schools, mass_organisation, communes, ...
  agency_relation relation = agency_relation::assigned;

  friend bool operator==(const agency&, const agency&) = default;
};

}  // namespace treem::plan

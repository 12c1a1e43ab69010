// A deterministic generator of synthetic child and incident registers, from one commune to the
// whole country. Its parameters are data (data/generator/vn-synthetic.toml), each with its source.
// Randomness is a counter-based splitmix64 stream per unit, with treem's own uniform draws, so the
// output is the same on every platform and compiler (std:: distributions are not), and a unit's
// rows depend on its code only, not on which other units are generated.
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/core/evidence.hpp"
#if TREEM_DEFINITIONS  // toml++ stays out of the headers of a compiled-mode user
#include "treem/io/toml_reader.hpp"
#endif
#include "treem/registers/child_register.hpp"
#include "treem/registers/incident_register.hpp"
#include "treem/time/date.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace treem::registers {

struct generator_parameters {
  std::map<std::string, sourced<double>> values;

  [[nodiscard]] double get(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end() || !it->second.value) throw not_found_error("generator parameter", name);
    return *it->second.value;
  }
};

inline constexpr const char* generator_parameter_names[] = {
    "children_per_commune", "commune_size_spread", "boys_share", "minority_share_mountainous", "minority_share_other",
    "special_circumstances_share", "supported_share", "birth_registered_share", "health_insurance_share", "disability_share",
    "enrolment_share", "injury_rate", "injury_death_rate", "drowning_share_of_injuries", "traffic_share_of_injuries",
    "abuse_rate", "plan_in_time_share", "sexual_abuse_form_recorded_share", "serious_harm_share", "case_step_late_share",
    "risk_cases_per_abuse_case"};

/// Reads generator parameters (schema treem.generator/1); every parameter must be present.
[[nodiscard]] TREEM_FUNC generator_parameters load_generator_parameters(std::string_view text, const std::string& source);

#if TREEM_DEFINITIONS
TREEM_FUNC generator_parameters load_generator_parameters(std::string_view text, const std::string& source) {
  const toml::table doc = io::parse_toml(text, source);
  io::table_reader root(doc, "", source);
  io::require_schema(root, "treem.generator/1");
  (void)root.required_string("id");
  (void)root.required_string("version");
  const toml::table* p = root.optional_table("parameters");
  if (!p) root.fail_missing("parameters", "a [parameters] table");
  io::table_reader params(*p, "parameters", source);
  generator_parameters out;
  for (const char* name : generator_parameter_names) {
    const toml::node* n = params.node(name);
    if (!n) params.fail_missing(name, "{ value, status, source }");
    const auto* t = n->as_table();
    if (!t) params.fail_type(name, *n, "{ value, status, source }");
    io::table_reader r(*t, params.field(name), source);
    const toml::node* v = r.node("value");
    if (!v || !v->value<double>() || *v->value<double>() < 0) r.fail_missing("value", "a number >= 0");
    sourced<double> s;
    s.value = *v->value<double>();
    s.evidence = r.required_evidence("status");
    s.source = r.required_string("source");
    r.finish();
    const bool share = std::string_view(name).find("share") != std::string_view::npos || std::string_view(name) == "commune_size_spread";
    if (share && *s.value > 1) throw validation_error(r.where("value"), r.field("value"), "a share must be 0-1");
    out.values[name] = std::move(s);
  }
  params.finish();
  root.finish();
  return out;
}
#endif

/// A commune to generate for.
struct generator_unit {
  std::string code;
  bool mountainous = false;
};

namespace detail {

__extension__ typedef unsigned __int128 uint128;  // GCC and Clang; __extension__ keeps -Wpedantic quiet
__extension__ typedef __int128 int128;

/// e^-x in Q62 fixed point (2^62 is 1) for 0 <= x <= 20, x given in Q32, by integer arithmetic
/// alone: e^-x = (e^-(x/32))^32, with e^-(x/32) (at most e^-0.625) from its Taylor series.
inline std::uint64_t exp_neg_q62(std::uint64_t x_q32) {
  const std::uint64_t one = 1ull << 62;
  const std::uint64_t y = x_q32 << 25;  // x / 32 in Q62 (x < 32, so below 2^62)
  std::uint64_t sum = one, term = one;
  for (std::uint64_t k = 1; term != 0; ++k) {
    term = static_cast<std::uint64_t>((static_cast<uint128>(term) * y >> 62) / k);
    if (k % 2 == 1) sum -= term;  // the partial sums of an alternating series with falling terms stay in (0, 1]
    else sum += term;
  }
  for (int i = 0; i < 5; ++i) sum = static_cast<std::uint64_t>(static_cast<uint128>(sum) * sum >> 62);
  return sum;
}

/// splitmix64: a tiny, well-studied generator whose output depends only on the counter. Every
/// draw is made with integer arithmetic or with a single correctly rounded operation, never with
/// libm's exp, log or cos (which may differ in their last bit between C libraries) nor with a
/// multiply-add (which a compiler may fuse): the same seed gives the same register everywhere.
struct random_stream {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1), exact
  bool chance(double p) { return uniform() < p; }
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  /// Poisson draws: by inversion in Q62 fixed point for means up to 60 (as a sum of draws of mean
  /// at most 20, so that e^-mean stays well inside the fixed point's range), and a rounded normal
  /// (twelve uniforms summed, Irwin-Hall) for larger means.
  std::uint64_t poisson(double mean) {
    if (!(mean > 0)) return 0;
    if (mean > 60) {
      std::int64_t z_q32 = -6ll << 32;
      for (int i = 0; i < 12; ++i) z_q32 += static_cast<std::int64_t>(next() >> 32);
      const auto sd_q20 = static_cast<std::int64_t>(std::llround(std::sqrt(mean) * 0x1.0p20));  // sqrt: correctly rounded
      const auto mean_q20 = static_cast<std::int64_t>(std::llround(mean * 0x1.0p20));
      const auto value_q20 = mean_q20 + static_cast<std::int64_t>(static_cast<int128>(z_q32) * sd_q20 >> 32);
      return value_q20 <= 0 ? 0 : static_cast<std::uint64_t>((value_q20 + (1ll << 19)) >> 20);
    }
    const auto chunks = static_cast<std::uint64_t>(mean / 20) + 1;
    const auto lambda_q32 = static_cast<std::uint64_t>(std::llround(mean / static_cast<double>(chunks) * 0x1.0p32));
    const std::uint64_t start = exp_neg_q62(lambda_q32);
    std::uint64_t total = 0;
    for (std::uint64_t c = 0; c < chunks; ++c) {
      std::uint64_t p = start, cumulative = start, k = 0;
      const std::uint64_t u = next() >> 2;  // uniform in Q62
      while (u >= cumulative && p != 0) {
        ++k;
        p = static_cast<std::uint64_t>(static_cast<uint128>(p) * lambda_q32 / (static_cast<uint128>(k) << 32));
        cumulative += p;
      }
      total += k;
    }
    return total;
  }
};

/// FNV-1a of a unit code: the unit's streams depend on its code, not on its place in the list.
inline std::uint64_t code_hash(std::string_view code) {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (unsigned char ch : code) h = (h ^ ch) * 0x100000001B3ull;
  return h;
}

inline std::uint64_t mix(std::uint64_t seed, std::string_view unit_code, std::uint64_t stream) {
  random_stream r{seed * 0x9E3779B97F4A7C15ull ^ code_hash(unit_code) * 0xD1B54A32D192ED03ull ^ stream * 0x8CB92BA72F3D8DD7ull};
  return r.next();
}

}  // namespace detail

struct generated_registers {
  child_register children;
  incident_register incidents;
};

/// Children alive on `reference` (aged 0-15) and a year of incidents (the calendar year of
/// `reference`, up to that day) for each unit. Ethnic groups: "Kinh" and, in mountainous units, "H're", "Ca Dong",
/// "Xơ Đăng" (the groups of Sơn Hà, DOMAIN.md §8.1), elsewhere "Dân tộc khác" (synthetic).
[[nodiscard]] TREEM_FUNC generated_registers generate_registers(const std::vector<generator_unit>& units, const generator_parameters& p,
                                                                std::uint64_t seed, const date& reference);

#if TREEM_DEFINITIONS
TREEM_FUNC generated_registers generate_registers(const std::vector<generator_unit>& units, const generator_parameters& p,
                                                  std::uint64_t seed, const date& reference) {
  generated_registers out;
  auto& c = out.children;
  auto& inc = out.incidents;
  c.ethnicities = {"Kinh", "H're", "Ca Dong", "Xơ Đăng", "Dân tộc khác"};
  const double mean = p.get("children_per_commune"), spread = p.get("commune_size_spread");
  const double per_child_injury = p.get("injury_rate") / 1e5, per_child_abuse = p.get("abuse_rate") / 1e5;
  const double fatal_share = p.get("injury_rate") > 0 ? p.get("injury_death_rate") / p.get("injury_rate") : 0;
  const std::int32_t ref = static_cast<std::int32_t>(to_epoch_days(reference));
  const std::int32_t year_start = static_cast<std::int32_t>(to_epoch_days(make_date(reference.year(), 1, 1)));
  // Incidents from 1 January up to the reference date: a register holds nothing after its date.
  const std::int32_t year_days = ref - year_start + 1;
  // Born after the day 16 years before `reference`: under 16 on it (Law on Children, Art. 1).
  const std::int32_t span = static_cast<std::int32_t>(to_epoch_days(reference) - to_epoch_days(reference - boost::gregorian::years(16)));
  static constexpr registers::incident_kind abuse_kinds[] = {registers::incident_kind::violence, registers::incident_kind::sexual_abuse,
                                                           registers::incident_kind::neglect, registers::incident_kind::exploitation,
                                                           registers::incident_kind::trafficking, registers::incident_kind::abandonment,
                                                           registers::incident_kind::other_abuse};
  static constexpr double abuse_weights[] = {0.4, 0.3, 0.1, 0.05, 0.02, 0.03, 0.1};
  // Parameters read once: a map lookup per child and draw was half of the generator's time.
  const double birth_registered_share = p.get("birth_registered_share");
  const double boys_share = p.get("boys_share");
  const double disability_share = p.get("disability_share");
  const double drowning_share_of_injuries = p.get("drowning_share_of_injuries");
  const double enrolment_share = p.get("enrolment_share");
  const double health_insurance_share = p.get("health_insurance_share");
  const double minority_share_mountainous = p.get("minority_share_mountainous");
  const double minority_share_other = p.get("minority_share_other");
  const double plan_in_time_share = p.get("plan_in_time_share");
  const double sexual_abuse_form_recorded_share = p.get("sexual_abuse_form_recorded_share");
  const double special_circumstances_share = p.get("special_circumstances_share");
  const double supported_share = p.get("supported_share");
  const double traffic_share_of_injuries = p.get("traffic_share_of_injuries");
  c.units.reserve(units.size());
  inc.units.reserve(units.size());
  for (std::size_t ui = 0; ui < units.size(); ++ui) {
    const generator_unit& u = units[ui];
    c.units.push_back(u.code);
    inc.units.push_back(u.code);
    detail::random_stream size_rng{detail::mix(seed, u.code, 0)};
    // Uniform in mean ± spread x mean, drawn as integers (a multiply-add could be fused differently by another compiler).
    const long long half_width = std::llround(spread * mean), middle = std::llround(mean);
    const auto n = static_cast<std::size_t>(std::max(0ll, middle - half_width + static_cast<long long>(size_rng.below(static_cast<std::uint64_t>(2 * half_width + 1)))));
    detail::random_stream r{detail::mix(seed, u.code, 1)};
    const double minority = u.mountainous ? minority_share_mountainous : minority_share_other;
    for (std::size_t i = 0; i < n; ++i) {
      c.id.push_back("S" + std::to_string(seed) + "-" + u.code + "-" + std::to_string(i + 1));
      c.unit.push_back(static_cast<std::uint32_t>(ui));
      c.child_sex.push_back(r.chance(boys_share) ? sex::male : sex::female);
      const std::int32_t born = ref - static_cast<std::int32_t>(r.below(static_cast<std::uint64_t>(span)));
      c.birth.push_back(born);
      std::uint16_t eth = 0;
      if (r.chance(minority)) eth = u.mountainous ? static_cast<std::uint16_t>(1 + r.below(3)) : 4;
      c.ethnicity.push_back(eth);
      std::uint16_t groups = 0;
      std::uint8_t flags = 0;
      if (r.chance(disability_share)) {
        groups |= 1u << 3;  // group d: disability
        flags |= disability;
      }
      if (r.chance(special_circumstances_share)) groups |= static_cast<std::uint16_t>(1u << r.below(14));
      if (groups & (1u << 3)) flags |= disability;  // group d is the disability flag (Law on Children, Art. 10(1)(d))
      if (groups && r.chance(supported_share)) flags |= receiving_support;
      if (r.chance(birth_registered_share)) flags |= birth_registered;
      if (r.chance(health_insurance_share)) flags |= health_insurance;
      const int age_years = (ref - born) / 366;  // conservative: enrolment from the third birthday on
      if (age_years >= 3 && r.chance(enrolment_share)) flags |= enrolled;
      c.special_groups.push_back(groups);
      c.flags.push_back(flags);
    }
    detail::random_stream ir{detail::mix(seed, u.code, 2)};
    const std::uint64_t injuries = ir.poisson(static_cast<double>(n) * per_child_injury);
    const std::uint64_t abuses = ir.poisson(static_cast<double>(n) * per_child_abuse);
    for (std::uint64_t k = 0; k < injuries + abuses; ++k) {
      const bool injury = k < injuries;
      inc.unit.push_back(static_cast<std::uint32_t>(ui));
      inc.day.push_back(year_start + static_cast<std::int32_t>(ir.below(static_cast<std::uint64_t>(year_days))));
      inc.child_sex.push_back(ir.chance(boys_share) ? sex::male : sex::female);
      inc.child_age.push_back(static_cast<std::uint8_t>(ir.below(16)));
      if (injury) {
        const double x = ir.uniform();
        inc.kind.push_back(x < drowning_share_of_injuries ? registers::incident_kind::drowning
                           : x < drowning_share_of_injuries + traffic_share_of_injuries ? registers::incident_kind::traffic_injury
                                                                                                          : registers::incident_kind::other_injury);
        inc.fatal.push_back(ir.chance(fatal_share) ? 1 : 0);
        inc.where.push_back(environment::unknown);
        inc.plan_in_time.push_back(-1);
      } else {
        double x = ir.uniform(), acc = 0;
        std::size_t j = 0;
        while (j + 1 < std::size(abuse_kinds) && x >= (acc += abuse_weights[j])) ++j;
        auto kind = abuse_kinds[j];
        if (kind == registers::incident_kind::sexual_abuse && ir.chance(sexual_abuse_form_recorded_share)) {
          // One of the five forms of Decree 56/2017, equally likely (a synthetic choice).
          kind = static_cast<registers::incident_kind>(static_cast<int>(registers::incident_kind::rape) + static_cast<int>(ir.below(5)));
        }
        inc.kind.push_back(kind);
        inc.fatal.push_back(0);
        inc.where.push_back(static_cast<environment>(1 + ir.below(4)));
        const bool needs_plan = registers::needs_intervention_plan(kind);
        inc.plan_in_time.push_back(needs_plan ? (ir.chance(plan_in_time_share) ? 1 : 0) : -1);
      }
    }
  }
  return out;
}
#endif

}  // namespace treem::registers

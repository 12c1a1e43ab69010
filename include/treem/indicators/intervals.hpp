// Confidence intervals for counts, rates and proportions, on Boost.Math's inverse incomplete gamma
// and beta functions (accurate to a few ulps, tested far more widely than a hand-written series).
// All methods are correct at zero counts: the lower bound of 0 events is 0, not NaN.
#pragma once

#include <cmath>
#include <limits>

#include "treem/core/linkage.hpp"

#if TREEM_DEFINITIONS  // Boost.Math stays out of the headers of a compiled-mode user
#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>
#endif

#include "treem/core/error.hpp"

namespace treem::indicators {

struct interval {
  double lower = std::numeric_limits<double>::quiet_NaN();
  double upper = std::numeric_limits<double>::quiet_NaN();
};

namespace detail {
/// Ten significant digits are far more than any published rate needs, and computing in double
/// rather than Boost's default of promoting to long double (x87) makes the inverse functions about
/// six times faster (measured: 3.6 -> 0.55 us per Clopper-Pearson bound; 2e-13 relative difference).
#if TREEM_DEFINITIONS
using interval_policy = boost::math::policies::policy<boost::math::policies::digits10<10>, boost::math::policies::promote_double<false>>;
#endif

inline void check_level(double level) {
  if (!(level > 0 && level < 1)) throw validation_error({"<arguments>"}, "level", "the confidence level must be between 0 and 1 (e.g. 0.95)");
}
inline void check_count(double x, const char* field) {
  if (!(x >= 0) || std::floor(x) != x) throw validation_error({"<arguments>"}, field, "a count must be a whole number >= 0");
}
inline void check_proportion(double x, double n, double level) {
  check_level(level);
  check_count(x, "numerator");
  check_count(n, "denominator");
  if (x > n) throw validation_error({"<arguments>"}, "numerator", "a proportion's numerator cannot exceed its denominator");
}
}  // namespace detail

/// Garwood's exact interval for the mean of a Poisson count x (equal-tailed; chi-square form
/// chi2(alpha/2, 2x)/2 .. chi2(1-alpha/2, 2x+2)/2). Matches R's epitools::pois.exact.
[[nodiscard]] TREEM_FUNC interval garwood(double x, double level = 0.95);

#if TREEM_DEFINITIONS
TREEM_FUNC interval garwood(double x, double level) {
  detail::check_level(level);
  detail::check_count(x, "count");
  const double alpha = 1 - level;
  interval out;
  out.lower = x == 0 ? 0.0 : boost::math::gamma_p_inv(x, alpha / 2, detail::interval_policy());
  out.upper = boost::math::gamma_p_inv(x + 1, 1 - alpha / 2, detail::interval_policy());
  return out;
}
#endif

/// Clopper-Pearson exact interval for a proportion x / n. Matches R's binom.test.
[[nodiscard]] TREEM_FUNC interval clopper_pearson(double x, double n, double level = 0.95);

#if TREEM_DEFINITIONS
TREEM_FUNC interval clopper_pearson(double x, double n, double level) {
  detail::check_proportion(x, n, level);
  if (n == 0) return {};
  const double alpha = 1 - level;
  interval out;
  out.lower = x == 0 ? 0.0 : boost::math::ibeta_inv(x, n - x + 1, alpha / 2, detail::interval_policy());
  out.upper = x == n ? 1.0 : boost::math::ibeta_inv(x + 1, n - x, 1 - alpha / 2, detail::interval_policy());
  return out;
}
#endif

/// Wilson's score interval for a proportion x / n (without continuity correction).
[[nodiscard]] TREEM_FUNC interval wilson(double x, double n, double level = 0.95);

#if TREEM_DEFINITIONS
TREEM_FUNC interval wilson(double x, double n, double level) {
  detail::check_proportion(x, n, level);
  if (n == 0) return {};
  const double z = boost::math::quantile(boost::math::normal_distribution<double>(), 1 - (1 - level) / 2);
  const double p = x / n, z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  // Clamp rounding at the ends: the exact bounds at x = 0 and x = n are 0 and 1.
  return {x == 0 ? 0.0 : std::max(0.0, centre - half), x == n ? 1.0 : std::min(1.0, centre + half)};
}
#endif

}  // namespace treem::indicators

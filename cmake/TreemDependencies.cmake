# Dependencies of treem::treem. Every one of them comes from Debian's packages (see .ci/setup);
# the same list is repeated with find_dependency() in treemConfig.cmake.in for consumers.
include_guard(GLOBAL)

find_package(Eigen3 3.3 REQUIRED NO_MODULE)
# Boost ships its own CMake config since 1.70; CMake 3.30+ no longer provides FindBoost.
find_package(Boost 1.74 REQUIRED CONFIG COMPONENTS date_time)
# ICU for Unicode normalisation (NFC): names such as "Sơn Hà" arrive composed or decomposed.
find_package(ICU 60 REQUIRED COMPONENTS uc)
# OpenSSL's libcrypto for HMAC-SHA-256 pseudonyms of children's ids (registers/pseudonym.hpp).
find_package(OpenSSL 1.1 REQUIRED COMPONENTS Crypto)
# toml++ reads the data files (units, holidays, later plans and rule sets) with line/column info.
find_package(tomlplusplus 3 REQUIRED CONFIG)
# Boost.Math (header-only, part of Boost::headers; Debian's libboost-math-dev): the inverse gamma
# and beta functions behind the exact confidence intervals of indicators/intervals.hpp.
# Threads: the indicator pass splits rows between threads.
find_package(Threads REQUIRED)
# COIN-OR CLP (Debian's coinor-libclp-dev), through its pkg-config file: the linear programmes that
# give each withheld count the interval a reader can still work out (indicators/protection.hpp).
find_package(PkgConfig REQUIRED)
pkg_check_modules(CLP REQUIRED IMPORTED_TARGET clp)

// The one place the version is written. CMakeLists.txt and pyproject.toml read it from here.
#pragma once

#define TREEM_VERSION_MAJOR 0
#define TREEM_VERSION_MINOR 1
#define TREEM_VERSION_PATCH 0
#define TREEM_VERSION_STRING "0.1.0"

namespace treem {
inline constexpr const char* version_string = TREEM_VERSION_STRING;
}  // namespace treem

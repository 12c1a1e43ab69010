// The message of the treem::error a call throws, for tests that compare messages whole.
#pragma once

#include <functional>
#include <string>

#include "treem/core/error.hpp"

namespace treem::testing {

inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const treem::error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace treem::testing

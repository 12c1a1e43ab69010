// libtreem: the definitions of treem's heavy entry points, compiled once (see
// include/treem/core/linkage.hpp). TREEM_COMPILING_LIBRARY makes every guarded body visible here
// with external linkage; the umbrella header reaches all of them.
#ifndef TREEM_COMPILING_LIBRARY
#error "compile this file only as part of the treem library target"
#endif

#include "treem/treem.hpp"

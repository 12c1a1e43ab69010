// How treem's heavy entry points are linked: header-only (the default) or compiled once.
//
// Every header of treem is complete: include it and build, nothing else is needed (TREEM_HEADER_ONLY
// is 1 unless set). The entry points that compile to most code (the TOML loaders, the register
// readers and generator, the indicator and certification engines, the bundled data) are declared
// with TREEM_FUNC and their bodies are guarded by TREEM_DEFINITIONS. A project that links the
// CMake target treem::treem gets TREEM_HEADER_ONLY=0: it sees their declarations only, and their
// code comes from the small library libtreem compiled once; treem::treem-header-only keeps
// everything inline (as fmt offers fmt::fmt and fmt::fmt-header-only, and Asio its separate
// compilation). Every translation unit of one program must use the same mode.
#pragma once

#ifndef TREEM_HEADER_ONLY
#define TREEM_HEADER_ONLY 1
#endif

#if defined(TREEM_COMPILING_LIBRARY)
// The library's own source: the definitions, emitted once with external linkage.
#define TREEM_DEFINITIONS 1
#define TREEM_FUNC
#elif TREEM_HEADER_ONLY
#define TREEM_DEFINITIONS 1
#define TREEM_FUNC inline
#else
#define TREEM_DEFINITIONS 0
#define TREEM_FUNC
#endif

# Install rules and the package config, so that find_package(treem CONFIG) works against an
# install prefix exactly as add_subdirectory() works against the source tree.
include_guard(GLOBAL)
include(CMakePackageConfigHelpers)

set(TREEM_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/treem")

install(TARGETS treem treem-header-only treem_lp EXPORT treemTargets)
install(DIRECTORY include/treem DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${TREEM_GENERATED_INCLUDE_DIR}/treem" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY data/ DESTINATION "${CMAKE_INSTALL_DATADIR}/treem")

install(EXPORT treemTargets NAMESPACE treem:: DESTINATION "${TREEM_CMAKE_DIR}")
configure_package_config_file(cmake/treemConfig.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/treemConfig.cmake"
  INSTALL_DESTINATION "${TREEM_CMAKE_DIR}")
# Not architecture-independent: treem::treem and treem::lp are compiled.
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/treemConfigVersion.cmake"
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES
  "${CMAKE_CURRENT_BINARY_DIR}/treemConfig.cmake"
  "${CMAKE_CURRENT_BINARY_DIR}/treemConfigVersion.cmake"
  DESTINATION "${TREEM_CMAKE_DIR}")

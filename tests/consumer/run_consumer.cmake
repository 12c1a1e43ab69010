# cmake -DSOURCE_DIR=... -DBINARY_DIR=... -DGENERATOR=... -DEXTRA_ARGS=... -P run_consumer.cmake
# Configures, builds and runs one consumer project; any failing step fails the test.
file(REMOVE_RECURSE "${BINARY_DIR}")
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${BINARY_DIR}" -G "${GENERATOR}" ${EXTRA_ARGS}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the consumer failed (${rc})")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the consumer failed (${rc})")
endif()
# Every program the consumer project built: consumer, and consumer_header_only where there is one.
foreach(program consumer consumer_header_only)
  if(NOT EXISTS "${BINARY_DIR}/${program}" AND NOT program STREQUAL "consumer")
    continue()
  endif()
  execute_process(COMMAND "${BINARY_DIR}/${program}" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  message(STATUS "${program} printed: ${out}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the consumer program ${program} failed (${rc})")
  endif()
endforeach()

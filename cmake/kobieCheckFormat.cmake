# cmake -DCLANG_FORMAT=... -DSOURCE_DIR=... -P kobieCheckFormat.cmake: fails listing every file clang-format would change.
file(GLOB_RECURSE _files "${SOURCE_DIR}/include/*.hpp" "${SOURCE_DIR}/src/*.cpp" "${SOURCE_DIR}/unit_tests/*.hpp"
     "${SOURCE_DIR}/unit_tests/*.cpp" "${SOURCE_DIR}/perf_tests/*.cpp" "${SOURCE_DIR}/perf_tests/*.hpp"
     "${SOURCE_DIR}/examples/*.cpp" "${SOURCE_DIR}/examples/*.hpp" "${SOURCE_DIR}/problems/*.hpp")
set(_bad "")
foreach(_f IN LISTS _files)
  execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror --style=file "${_f}" RESULT_VARIABLE _rc
                  OUTPUT_QUIET ERROR_QUIET)
  if(NOT _rc EQUAL 0)
    list(APPEND _bad "${_f}")
  endif()
endforeach()
list(LENGTH _files _n)
if(_bad)
  string(REPLACE ";" "\n  " _list "${_bad}")
  message(FATAL_ERROR "clang-format would change these files (run clang-format -i on them):\n  ${_list}")
endif()
message(STATUS "clang-format: ${_n} files clean")

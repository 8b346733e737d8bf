# cmake -DBUILD_DIR=... -DWORK_DIR=... -DCXX=... -DKokkos_DIR=... -P kobiePinTest.cmake
# Installs the kobie build in BUILD_DIR into WORK_DIR/prefix, makes a fake Kokkos 9.9.9 (backends: CUDA) in
# WORK_DIR/fake-kokkos that accepts any requested version, and configures a tiny find_package(kobie) project:
# - with the fake Kokkos first on CMAKE_PREFIX_PATH and no Kokkos_DIR, it must find the Kokkos kobie was built with;
# - with Kokkos_DIR or Kokkos_ROOT pointing at the fake Kokkos, configuration must fail with kobie's mismatch message.
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix" OUTPUT_QUIET
                RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "installing ${BUILD_DIR} failed (${_rc})")
endif()

set(_fake "${WORK_DIR}/fake-kokkos/lib/cmake/Kokkos")
file(WRITE "${_fake}/KokkosConfig.cmake" [=[
set(Kokkos_DEVICES "CUDA")
set(Kokkos_INCLUDE_DIRS "${CMAKE_CURRENT_LIST_DIR}/include")
if(NOT TARGET Kokkos::kokkos)
  add_library(Kokkos::kokkos INTERFACE IMPORTED)
endif()
]=])
file(WRITE "${_fake}/KokkosConfigVersion.cmake" [=[
set(PACKAGE_VERSION "9.9.9")
set(PACKAGE_VERSION_COMPATIBLE TRUE)
if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)
  set(PACKAGE_VERSION_EXACT TRUE)
endif()
]=])
file(WRITE "${WORK_DIR}/consumer/CMakeLists.txt" [=[
cmake_minimum_required(VERSION 3.18)
project(kobie_pin_consumer LANGUAGES CXX)
find_package(kobie REQUIRED)
message(STATUS "consumer: Kokkos ${Kokkos_VERSION} from ${Kokkos_DIR}")
]=])

# Configures the consumer in WORK_DIR/<name> with the extra arguments; sets _rc and _out (stdout and stderr).
function(_configure name)
  execute_process(COMMAND ${CMAKE_COMMAND} -S "${WORK_DIR}/consumer" -B "${WORK_DIR}/${name}"
                          "-DCMAKE_CXX_COMPILER=${CXX}" ${ARGN}
                  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  set(_rc ${_rc} PARENT_SCOPE)
  set(_out "${_out}${_err}" PARENT_SCOPE)
endfunction()

get_filename_component(_expected "${Kokkos_DIR}" REALPATH)

# A list cannot travel through -D here: the prefix path goes in an initial cache file.
file(WRITE "${WORK_DIR}/pinned.cmake"
     "set(CMAKE_PREFIX_PATH \"${WORK_DIR}/fake-kokkos;${WORK_DIR}/prefix\" CACHE STRING \"\")\n")
_configure(pinned -C "${WORK_DIR}/pinned.cmake")
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "consumer without Kokkos_DIR failed to configure:\n${_out}")
endif()
file(STRINGS "${WORK_DIR}/pinned/CMakeCache.txt" _line REGEX "^Kokkos_DIR:")
string(REGEX REPLACE "^Kokkos_DIR:[A-Z]+=" "" _found "${_line}")
get_filename_component(_found "${_found}" REALPATH)
if(NOT _found STREQUAL _expected)
  message(FATAL_ERROR "consumer without Kokkos_DIR found Kokkos in ${_found}, expected ${_expected}:\n${_out}")
endif()
message(STATUS "without Kokkos_DIR: found ${_found}")

foreach(_choice Kokkos_DIR=${_fake} Kokkos_ROOT=${WORK_DIR}/fake-kokkos)
  string(REGEX REPLACE "=.*" "" _name "${_choice}")
  _configure(${_name} "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix" "-D${_choice}")
  string(REGEX REPLACE "[ \t\n]+" " " _flat "${_out}")  # CMake wraps messages
  string(REGEX MATCHALL "kobie: Kokkos mismatch" _messages "${_flat}")
  list(LENGTH _messages _n)
  string(FIND "${_flat}" "but this project found Kokkos 9.9.9 (backends: CUDA) in ${_fake}" _found_at)
  if(_rc EQUAL 0 OR NOT _n EQUAL 1 OR _found_at EQUAL -1
     OR NOT _flat MATCHES "kobie was built with Kokkos [0-9.]+ \\(backends: [A-Z, ]+\\) from /")
    message(FATAL_ERROR "consumer with -D${_choice} did not fail with kobie's mismatch message (rc ${_rc}):\n${_out}")
  endif()
  message(STATUS "with -D${_choice}: rejected as expected")
endforeach()

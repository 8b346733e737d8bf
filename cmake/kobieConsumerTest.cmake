# Installs the kobie build in BUILD_DIR into WORK_DIR/prefix, then configures and builds SOURCE_DIR/examples as a
# standalone project that only does find_package(kobie), and runs its registry demo.
file(REMOVE_RECURSE "${WORK_DIR}")
function(_run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    string(REPLACE ";" " " _cmd "${ARGN}")
    message(FATAL_ERROR "command failed (${_rc}): ${_cmd}")
  endif()
endfunction()
_run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix")
_run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/examples" -B "${WORK_DIR}/build" "-DCMAKE_CXX_COMPILER=${CXX}"
     "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}" "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix" "-DKokkos_DIR=${Kokkos_DIR}")
_run(${CMAKE_COMMAND} --build "${WORK_DIR}/build" --parallel 2)
_run("${WORK_DIR}/build/registry_layout_demo")

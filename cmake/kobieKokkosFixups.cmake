# Fix-ups applied after find_package(Kokkos) and find_package(KokkosKernels), both in kobie's own build and in the
# installed kobieConfig.cmake.
#
# Debian's Trilinos-built Kokkos (3.4) declares Kokkos::kokkos with INTERFACE_INCLUDE_DIRECTORIES /usr/lib/include (a
# directory that does not exist), while its headers live in Kokkos_INCLUDE_DIRS (/usr/include/trilinos). Add that directory when the target does
# not already reach Kokkos_Core.hpp, dropping the missing one. Kokkos 4.x installs need nothing and are left untouched.
function(kobie_fix_kokkos_target)
  if(NOT TARGET Kokkos::kokkos)
    message(FATAL_ERROR "kobie: find_package(Kokkos) did not define the target Kokkos::kokkos")
  endif()
  get_target_property(_kobie_inc Kokkos::kokkos INTERFACE_INCLUDE_DIRECTORIES)
  if(NOT _kobie_inc)
    set(_kobie_inc "")
  endif()
  set(_kobie_found FALSE)
  set(_kobie_keep "")
  foreach(_dir IN LISTS _kobie_inc)
    if(_dir MATCHES "^\\$<" OR EXISTS "${_dir}")  # keep generator expressions and existing directories
      list(APPEND _kobie_keep "${_dir}")
    endif()
    if(EXISTS "${_dir}/Kokkos_Core.hpp")
      set(_kobie_found TRUE)
    endif()
  endforeach()
  if(NOT _kobie_found)
    foreach(_dir IN LISTS Kokkos_INCLUDE_DIRS)
      get_filename_component(_dir "${_dir}" ABSOLUTE)
      if(EXISTS "${_dir}/Kokkos_Core.hpp")
        list(APPEND _kobie_keep "${_dir}")
        set(_kobie_found TRUE)
      endif()
    endforeach()
    # Debian's target also names a directory that does not exist, which CMake rejects: replace the list.
    set_property(TARGET Kokkos::kokkos PROPERTY INTERFACE_INCLUDE_DIRECTORIES "${_kobie_keep}")
  endif()
  if(NOT _kobie_found)
    message(FATAL_ERROR "kobie: Kokkos_Core.hpp is not reachable from Kokkos::kokkos nor from Kokkos_INCLUDE_DIRS "
                        "(${Kokkos_INCLUDE_DIRS})")
  endif()
endfunction()

# The backends Kokkos was built with, as upper-case names (SERIAL, OPENMP, CUDA, ...), in kobie_KOKKOS_BACKENDS.
function(kobie_kokkos_backends out)
  set(_backends "")
  foreach(_dev IN LISTS Kokkos_DEVICES)
    string(TOUPPER "${_dev}" _dev)
    if(_dev MATCHES "^(SERIAL|OPENMP|CUDA|THREADS|HIP|SYCL)$")
      list(APPEND _backends ${_dev})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES _backends)
  set(${out} "${_backends}" PARENT_SCOPE)
endfunction()

# kobie's library and headers only work with the Kokkos they were compiled against. The installed kobieConfig.cmake
# records that Kokkos in kobie_KOKKOS_DIR, kobie_KOKKOS_VERSION and kobie_KOKKOS_BACKENDS; after find_package(Kokkos)
# this fails with one message naming both when the Kokkos found has another version or another set of backends.
function(kobie_check_kokkos_pin)
  kobie_kokkos_backends(_found_backends)
  set(_built_backends ${kobie_KOKKOS_BACKENDS})
  list(SORT _found_backends)
  list(SORT _built_backends)
  if(Kokkos_VERSION VERSION_EQUAL kobie_KOKKOS_VERSION AND _found_backends STREQUAL _built_backends)
    return()
  endif()
  string(REPLACE ";" ", " _built "${kobie_KOKKOS_BACKENDS}")
  string(REPLACE ";" ", " _found "${_found_backends}")
  message(FATAL_ERROR
          "kobie: Kokkos mismatch. kobie was built with Kokkos ${kobie_KOKKOS_VERSION} (backends: ${_built}) from\n"
          "  ${kobie_KOKKOS_DIR}\n"
          "but this project found Kokkos ${Kokkos_VERSION} (backends: ${_found}) in\n"
          "  ${Kokkos_DIR}\n"
          "kobie's compiled library only works with the Kokkos it was built with. Either use that one: set "
          "Kokkos_DIR to\n"
          "  ${kobie_KOKKOS_DIR}\n"
          "(or leave Kokkos_DIR and Kokkos_ROOT unset, in a fresh build directory, and kobie finds it itself); or "
          "rebuild and reinstall kobie against the Kokkos found (configure kobie with -DKokkos_ROOT=<its prefix>).")
endfunction()

# True in `out` when the Kokkos Kernels just found was built on the Kokkos just found: a Kokkos 4.x install exports
# Kokkos::kokkoskernels; Debian's Trilinos build must share Kokkos' include directory. (Debian's Kokkos Kernels is
# found even when Kokkos_ROOT points at another Kokkos; mixing the two would mix two Kokkos header trees.)
function(kobie_kokkoskernels_matches out)
  set(_match FALSE)
  if(TARGET Kokkos::kokkoskernels)
    set(_match TRUE)
  elseif(TARGET trilinos_kokkoskernels)
    get_filename_component(_kk "${KokkosKernels_INCLUDE_DIRS}" ABSOLUTE)
    foreach(_dir IN LISTS Kokkos_INCLUDE_DIRS)
      get_filename_component(_dir "${_dir}" ABSOLUTE)
      if(_dir STREQUAL _kk)
        set(_match TRUE)
      endif()
    endforeach()
  endif()
  set(${out} ${_match} PARENT_SCOPE)
endfunction()

# Kokkos Kernels: Kokkos 4.x installs export Kokkos::kokkoskernels, Debian's Trilinos build exports
# trilinos_kokkoskernels with the same include-directory problem as Kokkos. Both become kobie::kokkoskernels.
function(kobie_make_kokkoskernels_target)
  if(TARGET kobie::kokkoskernels)
    return()
  endif()
  add_library(kobie::kokkoskernels INTERFACE IMPORTED)
  if(TARGET Kokkos::kokkoskernels)
    set_property(TARGET kobie::kokkoskernels PROPERTY INTERFACE_LINK_LIBRARIES Kokkos::kokkoskernels)
  elseif(TARGET trilinos_kokkoskernels)
    set_property(TARGET kobie::kokkoskernels PROPERTY INTERFACE_LINK_LIBRARIES trilinos_kokkoskernels Kokkos::kokkos)
    set_property(TARGET kobie::kokkoskernels PROPERTY INTERFACE_INCLUDE_DIRECTORIES ${KokkosKernels_INCLUDE_DIRS})
  else()
    message(FATAL_ERROR "kobie: KokkosKernels was found but defines neither Kokkos::kokkoskernels nor "
                        "trilinos_kokkoskernels")
  endif()
endfunction()

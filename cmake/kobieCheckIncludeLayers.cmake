# The include direction of kobie's folders: a file may include kobie headers of its own folder or of a lower one,
# never of a higher one, so the folder graph has no cycles. Run from anywhere:
#   cmake -DSOURCE_DIR=<kobie checkout> -P cmake/kobieCheckIncludeLayers.cmake   (add -DPRINT_GRAPH=ON to list it)
# Fails naming each include that points upwards. A new folder must be given its place in kobie_LAYERS.

# Lowest first. `settings` is include/kobie/settings.hpp (the aggregate of every component's settings), `kobie` the
# umbrella header include/kobie/kobie.hpp.
set(kobie_LAYERS core system memory linear newton step_control algorithms loop settings batch io kobie)

if(NOT SOURCE_DIR)
  message(FATAL_ERROR "kobieCheckIncludeLayers: pass -DSOURCE_DIR=<kobie checkout>")
endif()
# A relative SOURCE_DIR (e.g. `.`) is taken from the current directory; globbing below needs it absolute.
get_filename_component(SOURCE_DIR "${SOURCE_DIR}" ABSOLUTE)
if(NOT EXISTS "${SOURCE_DIR}/include/kobie/kobie.hpp")
  message(FATAL_ERROR "kobieCheckIncludeLayers: SOURCE_DIR '${SOURCE_DIR}' is no kobie checkout "
                      "(include/kobie/kobie.hpp is missing there)")
endif()

# The layer of a path below include/kobie/ or src/: its first folder, or for a file at the top its name.
function(_kobie_layer_of relative out)
  string(REGEX REPLACE "^([^/]+)/.*$" "\\1" _first "${relative}")
  if(_first STREQUAL relative)
    get_filename_component(_first "${relative}" NAME_WE)
  endif()
  set(${out} "${_first}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE _headers RELATIVE "${SOURCE_DIR}/include/kobie" "${SOURCE_DIR}/include/kobie/*.hpp")
file(GLOB_RECURSE _sources RELATIVE "${SOURCE_DIR}/src" "${SOURCE_DIR}/src/*.cpp")
set(_files "")
foreach(_h IN LISTS _headers)
  list(APPEND _files "include/kobie/${_h}")
endforeach()
foreach(_s IN LISTS _sources)
  list(APPEND _files "src/${_s}")
endforeach()

string(REPLACE ";" ", " _order "${kobie_LAYERS}")
set(_violations 0)
set(_edges "")
foreach(_file IN LISTS _files)
  string(REGEX REPLACE "^(include/kobie|src)/" "" _relative "${_file}")
  _kobie_layer_of("${_relative}" _own)
  list(FIND kobie_LAYERS "${_own}" _own_rank)
  if(_own_rank LESS 0)
    message(SEND_ERROR "${_file}: folder '${_own}' has no place in the layer order (${_order}); add it to "
                       "kobie_LAYERS in cmake/kobieCheckIncludeLayers.cmake")
    math(EXPR _violations "${_violations} + 1")
    continue()
  endif()
  file(STRINGS "${SOURCE_DIR}/${_file}" _includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]kobie/")
  foreach(_line IN LISTS _includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[\"<]kobie/([^\">]+)[\">].*$" "\\1" _target "${_line}")
    _kobie_layer_of("${_target}" _layer)
    list(FIND kobie_LAYERS "${_layer}" _rank)
    if(NOT _layer STREQUAL _own)
      list(APPEND _edges "${_own} -> ${_layer}")
    endif()
    if(_rank LESS 0 OR _rank GREATER _own_rank)
      message(SEND_ERROR "${_file} (layer '${_own}') includes kobie/${_target} (layer '${_layer}'): a file may "
                         "include only its own layer or lower ones (lowest first: ${_order})")
      math(EXPR _violations "${_violations} + 1")
    endif()
  endforeach()
endforeach()

list(LENGTH _files _count)
if(PRINT_GRAPH)
  list(REMOVE_DUPLICATES _edges)
  list(SORT _edges)
  foreach(_edge IN LISTS _edges)
    message(STATUS "${_edge}")
  endforeach()
endif()
if(_violations GREATER 0)
  message(FATAL_ERROR "kobie: ${_violations} include(s) against the layer order")
endif()
message(STATUS "kobie: ${_count} files include only their own layer or lower ones (${_order})")

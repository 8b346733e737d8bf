# Install rules: headers, the library, the exported target kobie::kobie and a relocatable package config.
include(CMakePackageConfigHelpers)

set(kobie_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/kobie")

install(DIRECTORY include/kobie DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
install(TARGETS kobie EXPORT kobieTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT kobieTargets NAMESPACE kobie:: DESTINATION ${kobie_INSTALL_CMAKEDIR})

# The Kokkos (and Kokkos Kernels) kobie is built with, recorded in kobieConfig.cmake so that users get exactly that one.
get_filename_component(kobie_KOKKOS_DIR "${Kokkos_DIR}" ABSOLUTE)
set(kobie_KOKKOSKERNELS_DIR "")
if(kobie_HAS_KOKKOSKERNELS)
  get_filename_component(kobie_KOKKOSKERNELS_DIR "${KokkosKernels_DIR}" ABSOLUTE)
endif()
configure_package_config_file(cmake/kobieConfig.cmake.in "${CMAKE_CURRENT_BINARY_DIR}/kobieConfig.cmake"
                              INSTALL_DESTINATION ${kobie_INSTALL_CMAKEDIR})
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/kobieConfigVersion.cmake"
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/kobieConfig.cmake" "${CMAKE_CURRENT_BINARY_DIR}/kobieConfigVersion.cmake"
              cmake/kobieKokkosFixups.cmake
        DESTINATION ${kobie_INSTALL_CMAKEDIR})

/// \file
/// \brief kobie's version numbers (CMake reads them from this file).
#pragma once

#define KOBIE_VERSION_MAJOR 0
#define KOBIE_VERSION_MINOR 1
#define KOBIE_VERSION_PATCH 0
/// \brief Version as one integer: major * 10000 + minor * 100 + patch.
#define KOBIE_VERSION (KOBIE_VERSION_MAJOR * 10000 + KOBIE_VERSION_MINOR * 100 + KOBIE_VERSION_PATCH)

namespace kobie {

/// \brief The version as "major.minor.patch".
inline constexpr const char* version_string = "0.1.0";

}  // namespace kobie

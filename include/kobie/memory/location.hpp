/// \file
/// \brief Where a per-run buffer lives (Location) and its element type (DType).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

namespace kobie {

/// \brief The memory a per-run buffer is placed in.
enum class Location : std::uint8_t {
  local = 0,    ///< thread-private array (registers / CUDA local memory; the stack on host backends)
  shared = 1,   ///< team scratch level 0 (GPU shared memory)
  scratch = 2,  ///< team scratch level 1 (large, backed by global memory)
};

/// \brief Number of Location values.
inline constexpr int n_locations = 3;

/// \brief Element type of a buffer.
enum class DType : std::uint8_t {
  real = 0,     ///< the registry's Real type (resolved to float32 or float64 when registered)
  float32 = 1,  ///< float
  float64 = 2,  ///< double
  int32 = 3,    ///< std::int32_t (iteration counters)
};

/// \brief Parse "local", "shared" or "scratch"; anything else throws SettingsError naming the setting.
Location parse_location(const std::string& text, const std::string& setting = "location");

/// \brief The setting spelling of a location: "local", "shared" or "scratch".
const char* to_string(Location location);

/// \brief "real", "float32", "float64" or "int32".
const char* to_string(DType dtype);

/// \brief Size in bytes of one element (real must be resolved first; it reports 0).
std::size_t size_of(DType dtype);

/// \brief The DType of a C++ element type (float, double, std::int32_t).
template <class T>
constexpr DType dtype_of() {
  static_assert(std::is_same<T, float>::value || std::is_same<T, double>::value || std::is_same<T, std::int32_t>::value,
                "kobie buffers hold float, double or std::int32_t");
  return std::is_same<T, float>::value    ? DType::float32
         : std::is_same<T, double>::value ? DType::float64
                                          : DType::int32;
}

}  // namespace kobie

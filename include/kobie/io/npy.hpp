/// \file
/// \brief Reading and writing .npy files (numpy's format, version 1.0, little-endian, C order).
#pragma once

#include <Kokkos_Core.hpp>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "kobie/core/compat.hpp"
#include "kobie/core/errors.hpp"

namespace kobie {

/// \brief Element types a .npy file may hold here.
enum class NpyType {
  float32,  ///< '<f4'
  float64,  ///< '<f8'
  int32,    ///< '<i4'
  uint32,   ///< '<u4'
};

/// \brief numpy's name of `type` ("<f8", ...).
const char* npy_descr(NpyType type);

/// \brief Bytes per element of `type`.
std::size_t npy_size(NpyType type);

/// \brief The NpyType of a C++ element type (float, double, std::int32_t, std::uint32_t).
template <class T>
constexpr NpyType npy_type_of() {
  using U = std::remove_cv_t<T>;
  static_assert(std::is_same<U, float>::value || std::is_same<U, double>::value ||
                    std::is_same<U, std::int32_t>::value || std::is_same<U, std::uint32_t>::value,
                "kobie: .npy files hold float, double, std::int32_t or std::uint32_t elements");
  return std::is_same<U, float>::value          ? NpyType::float32
         : std::is_same<U, double>::value       ? NpyType::float64
         : std::is_same<U, std::int32_t>::value ? NpyType::int32
                                                : NpyType::uint32;
}

/// \brief The contents of a .npy file: element type, shape and the elements in C order (little-endian bytes).
struct NpyArray {
  NpyType type = NpyType::float64;  ///< element type
  std::vector<std::size_t> shape;   ///< extents, slowest first (empty for a scalar)
  std::vector<char> data;           ///< the elements' bytes, C order

  /// \brief Number of elements (the product of the extents).
  std::size_t size() const;

  /// \brief The elements as T; throws Error when T is not the file's element type.
  template <class T>
  std::vector<T> values() const {
    if (npy_type_of<T>() != type) {
      throw Error(std::string("kobie: the .npy array holds '") + npy_descr(type) + "' elements, not '" +
                  npy_descr(npy_type_of<T>()) + "'");
    }
    std::vector<T> out(size());
    if (!out.empty()) std::memcpy(out.data(), data.data(), out.size() * sizeof(T));
    return out;
  }
};

/// \brief Write `shape`'s product of elements of `type` from `data` (C order) to `path` as a .npy file.
///
/// Throws Error naming the path when it cannot be written.
void write_npy(const std::string& path, const void* data, NpyType type, const std::vector<std::size_t>& shape);

/// \brief Read a .npy file. Throws Error for a file that cannot be read, bad magic, an unsupported version, element
/// type or Fortran order, a malformed header or truncated data.
NpyArray read_npy(const std::string& path);

/// \brief Write a host View of rank 1 to 3 (any layout) to `path`, in C order, with the View's shape.
template <class View>
void write_npy(const std::string& path, const View& view) {
  static_assert(Kokkos::is_view<View>::value, "kobie::write_npy: pass a Kokkos::View");
  static_assert(Kokkos::SpaceAccessibility<Kokkos::HostSpace, typename View::memory_space>::accessible,
                "kobie::write_npy: the View must be accessible from the host (create_mirror_view_and_copy first)");
  constexpr int rank = view_rank_v<View>;
  static_assert(rank >= 1 && rank <= 3, "kobie::write_npy: Views of rank 1 to 3");
  using T = typename View::non_const_value_type;
  const std::size_t n0 = view.extent(0), n1 = rank > 1 ? view.extent(1) : 1, n2 = rank > 2 ? view.extent(2) : 1;
  std::vector<T> c_order;
  c_order.reserve(n0 * n1 * n2);
  for (std::size_t i = 0; i < n0; ++i) {
    for (std::size_t j = 0; j < n1; ++j) {
      for (std::size_t k = 0; k < n2; ++k) {
        if constexpr (rank == 1) {
          c_order.push_back(view(i));
        } else if constexpr (rank == 2) {
          c_order.push_back(view(i, j));
        } else {
          c_order.push_back(view(i, j, k));
        }
      }
    }
  }
  std::vector<std::size_t> shape(rank);
  for (int r = 0; r < rank; ++r) shape[r] = view.extent(r);
  write_npy(path, c_order.data(), npy_type_of<T>(), shape);
}

}  // namespace kobie

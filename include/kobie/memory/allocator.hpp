/// \file
/// \brief Device-side handles: a run's memory bases (RunMemory) and allocators that turn them into pointers.
#pragma once

#include <Kokkos_Macros.hpp>
#include <cstddef>
#include <cstdint>

#include "kobie/memory/location.hpp"

namespace kobie {

namespace Impl {
/// \brief `value` rounded up to a multiple of `alignment`: where the registry and the compile-time layout place a
/// buffer whose elements are `alignment` bytes.
constexpr std::size_t align_up(std::size_t value, std::size_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}
}  // namespace Impl

/// \brief The base addresses of one run's memory, one per Location; built by the launch helper.
struct RunMemory {
  char* base[n_locations] = {nullptr, nullptr, nullptr};

  /// \brief Base address of a location.
  KOKKOS_FORCEINLINE_FUNCTION char* at(Location location) const { return base[static_cast<int>(location)]; }
};

/// \brief A pointer plus an element count, indexable on the device.
template <class T>
struct Span {
  T* data = nullptr;
  int size = 0;

  /// \brief Element i (no bounds check).
  KOKKOS_FORCEINLINE_FUNCTION T& operator[](int i) const { return data[i]; }
};

/// \brief Trivially copyable handle to one buffer of a layout: location, byte offset, element count, dtype.
///
/// Obtained from BufferRegistry::allocator(); it is valid for the layout generation it carries.
struct Allocator {
  Location location = Location::local;
  DType dtype = DType::float64;
  std::uint32_t offset = 0;      ///< byte offset inside the run's block of `location`
  std::uint32_t count = 0;       ///< number of elements
  std::uint32_t generation = 0;  ///< layout generation this allocator was made for

  /// \brief The buffer of this run, as T* (T must match dtype; the typed allocator checks it on the host).
  template <class T>
  KOKKOS_FORCEINLINE_FUNCTION T* get(const RunMemory& memory) const {
    return reinterpret_cast<T*>(memory.at(location) + offset);
  }
  /// \brief The buffer of this run as a Span.
  template <class T>
  KOKKOS_FORCEINLINE_FUNCTION Span<T> span(const RunMemory& memory) const {
    return Span<T>{get<T>(memory), static_cast<int>(count)};
  }
};

/// \brief An Allocator whose element type was checked on the host; call it with a run's memory.
template <class T>
struct TypedAllocator {
  Allocator raw;

  /// \brief The run's buffer.
  KOKKOS_FORCEINLINE_FUNCTION T* operator()(const RunMemory& memory) const { return raw.template get<T>(memory); }
  /// \brief The run's buffer as a Span.
  KOKKOS_FORCEINLINE_FUNCTION Span<T> span(const RunMemory& memory) const { return raw.template span<T>(memory); }
  /// \brief Number of elements.
  KOKKOS_FORCEINLINE_FUNCTION int size() const { return static_cast<int>(raw.count); }
};

/// \brief A TypedAllocator of a buffer that is never 'local' (a run-time-sized buffer): its address comes from the
/// team scratch bases only, so the compiler can tell it never points into the thread-private block, which then keeps
/// its compile-time addresses (in registers on CUDA) next to it. Bound like a TypedAllocator; register_declared refuses
/// 'local' for run-time-sized buffers.
template <class T>
struct TeamAllocator : TypedAllocator<T> {
  /// \brief The run's buffer.
  KOKKOS_FORCEINLINE_FUNCTION T* operator()(const RunMemory& memory) const {
    char* base = this->raw.location == Location::shared ? memory.base[static_cast<int>(Location::shared)]
                                                        : memory.base[static_cast<int>(Location::scratch)];
    return reinterpret_cast<T*>(base + this->raw.offset);
  }
};

}  // namespace kobie

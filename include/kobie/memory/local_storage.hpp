/// \file
/// \brief The thread-private array that backs Location::local buffers.
#pragma once

#include <cstddef>

namespace kobie {

/// \brief A run's thread-private memory: Bytes of compile-time capacity, 8-byte aligned.
///
/// Declared only by the launch helper; buffers reach it through allocators.
template <std::size_t Bytes>
struct alignas(8) LocalStorage {
  static constexpr std::size_t capacity_bytes = Bytes;
  char data[Bytes == 0 ? 8 : (Bytes + 7) / 8 * 8];
};

}  // namespace kobie

/// \file
/// \brief Free memory of a Kokkos memory space, for the solve's memory budget (the one place that asks a backend).
#pragma once

#include <Kokkos_Core.hpp>
#include <cstddef>
#include <type_traits>

namespace kobie {

/// \brief Memory the host could still hand out (MemAvailable of /proc/meminfo; physical pages when it is missing).
std::size_t host_available_memory();

/// \brief Free bytes of MemorySpace: the device's free memory on CUDA, the host's available memory otherwise.
template <class MemorySpace>
std::size_t free_memory() {
#if defined(KOKKOS_ENABLE_CUDA)
  if constexpr (std::is_same<MemorySpace, Kokkos::CudaSpace>::value ||
                std::is_same<MemorySpace, Kokkos::CudaUVMSpace>::value) {
    std::size_t free = 0, total = 0;
    if (cudaMemGetInfo(&free, &total) == cudaSuccess) return free;
  }
#endif
  return host_available_memory();
}

}  // namespace kobie

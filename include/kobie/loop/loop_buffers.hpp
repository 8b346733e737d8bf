/// \file
/// \brief The registry buffers of the IVP loop: as run-time allocators, or with compile-time local offsets.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kobie/memory/allocator.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

/// \brief The loop's buffers as typed allocators (any location, offsets known at run time).
template <class Real>
struct LoopBuffers {
  TypedAllocator<Real> state, proposed_state, parameters, drivers, observables;
  TypedAllocator<Real> stage_derivatives, stage_state, error, timestep_memory;
  TypedAllocator<std::int32_t> step_counters;
};

/// \brief A thread-private buffer whose byte offset is a compile-time constant.
///
/// With every offset constant, the compiler sees which elements each access touches and keeps stage values in
/// registers. Only used after the Solver checked that the registry placed the buffer at exactly this offset.
template <class T, std::size_t Offset>
struct StaticLocalAllocator {
  int count = 0;
  /// \brief The run's buffer.
  KOKKOS_FORCEINLINE_FUNCTION T* operator()(const RunMemory& memory) const {
    return reinterpret_cast<T*>(memory.base[static_cast<int>(Location::local)] + Offset);
  }
  /// \brief Number of elements.
  KOKKOS_FORCEINLINE_FUNCTION int size() const { return count; }
};

/// \brief Where the registry places the loop's buffers when every one of them is 'local' (Solver::build_layout's
/// registration order, each aligned to its element size). The Solver compares these with the registry's allocators.
template <class System, class Real, int Stages>
struct StaticLoopLayout {
  using Traits = SystemTraits<System>;
  static constexpr std::size_t align(std::size_t v, std::size_t a) { return (v + a - 1) / a * a; }
  static constexpr std::size_t R = sizeof(Real);
  static constexpr std::size_t n = Traits::n_states;
  static constexpr std::size_t state = 0;
  static constexpr std::size_t proposed_state = align(state + n * R, R);
  static constexpr std::size_t parameters = align(proposed_state + n * R, R);
  static constexpr std::size_t drivers = align(parameters + Traits::n_parameters * R, R);
  static constexpr std::size_t observables = align(drivers + Traits::n_drivers * R, R);
  static constexpr std::size_t step_counters = align(observables + Traits::n_observables * R, 4);
  static constexpr std::size_t stage_derivatives = align(step_counters + 2 * 4, R);
  static constexpr std::size_t stage_state = align(stage_derivatives + Stages * n * R, R);
  static constexpr std::size_t error = align(stage_state + n * R, R);
  static constexpr std::size_t timestep_memory = align(error + n * R, R);
};

/// \brief The loop's buffers with the offsets of StaticLoopLayout.
template <class System, class Real, int Stages>
struct StaticLoopBuffers {
  using L = StaticLoopLayout<System, Real, Stages>;
  StaticLocalAllocator<Real, L::state> state;
  StaticLocalAllocator<Real, L::proposed_state> proposed_state;
  StaticLocalAllocator<Real, L::parameters> parameters;
  StaticLocalAllocator<Real, L::drivers> drivers;
  StaticLocalAllocator<Real, L::observables> observables;
  StaticLocalAllocator<std::int32_t, L::step_counters> step_counters;
  StaticLocalAllocator<Real, L::stage_derivatives> stage_derivatives;
  StaticLocalAllocator<Real, L::stage_state> stage_state;
  StaticLocalAllocator<Real, L::error> error;
  StaticLocalAllocator<Real, L::timestep_memory> timestep_memory;
};

}  // namespace kobie

/// \file
/// \brief Per-run status bit-flags and their host-side description.
#pragma once

#include <Kokkos_Macros.hpp>
#include <cstdint>
#include <string>

namespace kobie {

/// \brief The per-run status word: zero means success; each failure bit is one reason the run stopped, and
/// informational bits (stiffness_suspected) leave the run a success.
using StatusBits = std::uint32_t;

/// \brief Status bits of one run. A failure later recovered by a successful retry is not reported.
namespace status {
/// \brief The run finished without any failure.
inline constexpr StatusBits success = 0u;
/// \brief A Newton solve used its maximum number of iterations without converging.
inline constexpr StatusBits newton_iterations_exceeded = 1u << 0;
/// \brief A linear solve used its maximum number of iterations without converging.
inline constexpr StatusBits linear_iterations_exceeded = 1u << 1;
/// \brief The controller asked for a step at or below dt_min; the run ended.
inline constexpr StatusBits step_too_small = 1u << 2;
/// \brief The run used max_steps step attempts before reaching its end time.
inline constexpr StatusBits max_steps_exceeded = 1u << 3;
/// \brief The step no longer moves t (t + dt == t in the working precision).
inline constexpr StatusBits stagnation = 1u << 4;
/// \brief A Krylov method broke down (zero inner product).
inline constexpr StatusBits krylov_breakdown = 1u << 5;
/// \brief Newton iterates diverged.
inline constexpr StatusBits newton_divergence = 1u << 6;
/// \brief The state became NaN or infinite.
inline constexpr StatusBits nonfinite_state = 1u << 7;
/// \brief Too many consecutive rejected steps.
inline constexpr StatusBits max_rejections_exceeded = 1u << 8;
/// \brief Informational, not a failure: the stiffness test of the algorithm (Hairer's, for dormand-prince-54) found the
/// problem stiff; the run continued, but an implicit algorithm would take far fewer steps.
inline constexpr StatusBits stiffness_suspected = 1u << 9;
/// \brief A matrix to factor (the Newton or W matrix) had a zero or non-finite pivot.
inline constexpr StatusBits singular_matrix = 1u << 10;
/// \brief Newton iterates stopped contracting (their contraction rate stayed near 1) before converging.
inline constexpr StatusBits newton_stagnation = 1u << 11;
/// \brief The run stopped making progress: over `progress_window` consecutive step attempts (accepted or not) it
/// advanced t by less than `min_progress` times its interval; the solver failures of that window come with it.
inline constexpr StatusBits no_progress = 1u << 12;
/// \brief An initial value or a parameter of the run is NaN or infinite: the run did not start (its end time is t0).
inline constexpr StatusBits nonfinite_input = 1u << 13;
/// \brief The bits that mean the run failed (it stopped early).
inline constexpr StatusBits failures =
    ((1u << 9) - 1u) | singular_matrix | newton_stagnation | no_progress | nonfinite_input;
/// \brief Bits that inform without failing the run.
inline constexpr StatusBits informational = stiffness_suspected;
/// \brief Every bit kobie defines.
inline constexpr StatusBits all = failures | informational;
}  // namespace status

/// \brief True when no failure bit is set (informational bits such as stiffness_suspected may be).
KOKKOS_INLINE_FUNCTION constexpr bool succeeded(StatusBits s) { return (s & status::failures) == 0u; }

/// \brief Human-readable description of a status word, e.g. "step too small | non-finite state".
std::string describe_status(StatusBits s);

}  // namespace kobie

/// \file
/// \brief Hairer's transformation of the coupled stage system of a fully implicit Runge–Kutta method, in the run's
/// Real type: what the linear solver needs to solve (I − h A⊗J) x = b through one real n×n system per real eigenvalue
/// of A⁻¹ and one complex n×n system per complex pair.
#pragma once

#include <Kokkos_Core.hpp>

namespace kobie {

/// \brief The transformation of an S-stage coupling matrix A: T⁻¹ A⁻¹ T = diag(λ_1 … λ_R, B_1 … B_P) with
/// B_k = [[α_k, β_k], [−β_k, α_k]] (R + 2P = S). Then
///
///     (I − h A⊗J)⁻¹ b = (T⊗I) (Λ⊗I − I⊗hJ)⁻¹ (Λ T⁻¹ ⊗ I) b,
///
/// and Λ⊗I − I⊗hJ splits into the real blocks λ_r I − hJ and, for each pair, the complex block (α_k − iβ_k) I − hJ
/// acting on x_1 + i x_2 (Hairer & Wanner II, Sect. IV.8).
template <class Real, int S>
struct StageTransformation {
  int real_blocks = 0;                 ///< R
  int complex_pairs = 0;               ///< P
  Kokkos::Array<Real, S> eigenvalues;  ///< λ_1 … λ_R, then α_k, β_k of each pair
  Kokkos::Array<Real, S * S> T;        ///< T, row-major
  Kokkos::Array<Real, S * S> mix_in;   ///< Λ T⁻¹, row-major
  /// \brief The real block whose matrix λ_r I − hJ is λ_r (I − h γ J) for the single-block solves of solve_shifted()
  /// with that γ (γ = 1/λ_r: the Radau error filter), or −1 when none is.
  int shifted_block = -1;
};

}  // namespace kobie

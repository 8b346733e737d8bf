/// \file
/// \brief The operator and preconditioner concepts of the device-side linear solvers, their compile-time checks, and
/// two ready-made operators (a dense row-major matrix, and the shifted operator β·I − γ·J).
///
/// An **operator** is any copyable object with
/// \code
/// KOKKOS_FUNCTION void apply(const Real* v, Real* Av) const;   // Av = A v, both of the solve's dimension m
/// \endcode
/// and a **preconditioner** any copyable object with
/// \code
/// KOKKOS_FUNCTION void apply(const Real* r, Real* z) const;    // z ≈ A⁻¹ r
/// \endcode
/// The solvers never pass aliasing pointers (v ≠ Av, r ≠ z), and an `apply` must not write anything the caller did
/// not give it (its own scratch is the caller's business, see NeumannPreconditioner).
#pragma once

#include <type_traits>
#include <utility>

#include "kobie/core/compat.hpp"
#include "kobie/core/detect.hpp"

namespace kobie {
namespace Impl {
template <class T, class Real>
using const_apply_call = decltype(std::declval<const T&>().apply(std::declval<const Real*>(), std::declval<Real*>()));
template <class T, class Real>
using has_const_apply = is_detected<const_apply_call, T, Real>;
}  // namespace Impl

/// \brief True when Op models the operator concept for Real: `op.apply(const Real* v, Real* Av)` callable on a const
/// Op.
template <class Op, class Real>
inline constexpr bool is_linear_operator_v = Impl::has_const_apply<Op, Real>::value;

/// \brief True when Prec models the preconditioner concept for Real: `prec.apply(const Real* r, Real* z)` callable on
/// a const Prec.
template <class Prec, class Real>
inline constexpr bool is_preconditioner_v = Impl::has_const_apply<Prec, Real>::value;

/// \brief A dense row-major m×m matrix as an operator: Av_i = Σ_j matrix[i·m + j] v_j. The matrix is not owned.
template <class Real>
struct DenseMatrixOperator {
  /// \brief Row-major m×m entries.
  const Real* matrix;
  /// \brief Dimension.
  int m;
  /// \brief Av = A v.
  KOKKOS_INLINE_FUNCTION void apply(const Real* v, Real* Av) const {
    for (int i = 0; i < m; ++i) {
      const Real* row = matrix + i * m;
      Real s = Real(0);
      for (int j = 0; j < m; ++j) s += row[j] * v[j];
      Av[i] = s;
    }
  }
};

/// \brief The shifted operator W = β·I − γ·J of implicit ODE steps, built on any operator J (a dense Jacobian, a
/// Jacobian-vector product): W v = β v − γ (J v), one application of J.
template <class Real, class JOp>
struct ShiftedOperator {
  /// \brief The operator J.
  JOp J;
  /// \brief Coefficient β of the identity.
  Real beta;
  /// \brief Coefficient γ of J.
  Real gamma;
  /// \brief Dimension.
  int m;
  /// \brief Wv = β v − γ J v.
  KOKKOS_INLINE_FUNCTION void apply(const Real* v, Real* Wv) const {
    J.apply(v, Wv);
    for (int i = 0; i < m; ++i) Wv[i] = beta * v[i] - gamma * Wv[i];
  }
};

}  // namespace kobie

/// \file
/// \brief The linear-solver component of Newton's iteration: solves W x = b with W = I − h (A ⊗ J), J the Jacobian
/// frozen at the step start and A a small coefficient matrix (one diagonal entry of a DIRK stage, or the full matrix
/// of a FIRK), by a dense LU factorisation or a preconditioned matrix-free Krylov method.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/linear/coupled_operator.hpp"
#include "kobie/linear/dense_lu.hpp"
#include "kobie/linear/krylov.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/linear_solver_settings.hpp"
#include "kobie/linear/preconditioners.hpp"
#include "kobie/memory/component.hpp"
#include "kobie/system/jacobian.hpp"

namespace kobie {

/// \brief Largest GMRES restart the buffers are sized for (the `restart` setting's upper bound).
inline constexpr int max_gmres_restart = 64;

/// \brief Reals of Krylov workspace that every method fits in, for dimension m and GMRES restart `restart`.
KOKKOS_INLINE_FUNCTION constexpr int krylov_workspace_capacity(int m, int restart) {
  int most = 0;
  for (KrylovMethod k :
       {KrylovMethod::minimal_residual, KrylovMethod::steepest_descent, KrylovMethod::bicgstab, KrylovMethod::gmres}) {
    const int size = krylov_workspace_size(k, m, restart);
    most = size > most ? size : most;
  }
  return most;
}

/// \brief The Krylov method of a matrix-free linear_solver setting.
constexpr KrylovMethod krylov_method_of(LinearSolverKind kind) {
  return kind == LinearSolverKind::minimal_residual   ? KrylovMethod::minimal_residual
         : kind == LinearSolverKind::steepest_descent ? KrylovMethod::steepest_descent
         : kind == LinearSolverKind::bicgstab         ? KrylovMethod::bicgstab
                                                      : KrylovMethod::gmres;
}

/// \brief Solves Newton's linear systems for up to Blocks coupled stages (registry owner `linear_solver`);
/// `linear_solver = auto` stands for auto_linear_solver(dim).
///
/// Only the buffers of the chosen solver are registered with elements; the others are registered empty.
template <int Blocks>
struct LinearSolver {
  static constexpr const char* owner = "linear_solver";
  static constexpr int blocks = Blocks;

  /// \brief Size of the coupled system for n states.
  static constexpr int dim(const SystemSizes& s) { return Blocks * s.n_states; }
  /// \brief The GMRES restart the buffers hold: the setting, capped at the system size.
  static constexpr int restart_capacity(const SystemSizes& s) {
    return dim(s) < max_gmres_restart ? dim(s) : max_gmres_restart;
  }
  /// \brief The solver the settings choose for these sizes (`auto`: by dim(), see auto_linear_solver()).
  static LinearSolverKind chosen(const LinearSolverSettings& s, const SystemSizes& sizes) {
    return parse_linear_solver(s.linear_solver, auto_linear_solver(dim(sizes)));
  }

  /// \brief J(t, y) row-major (n×n), kept while y does not change.
  struct jacobian : BufferDecl<DType::real, true> {
    static constexpr const char* name = "jacobian";
    static constexpr int count(const SystemSizes& s) { return s.n_states * s.n_states; }
  };
  /// \brief f(t, y) at the step start (the base of finite differences).
  struct base_derivative : BufferDecl<DType::real, true> {
    static constexpr const char* name = "base_derivative";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  /// \brief 1 while jacobian / base_derivative / the diagonal belong to the current (t, y).
  struct jacobian_current : BufferDecl<DType::int32, true> {
    static constexpr const char* name = "jacobian_current";
    static constexpr int count(const SystemSizes&) { return 1; }
  };
  /// \brief h and the coupling coefficients A (row-major, up to Blocks²) of the current matrix, and its block count.
  struct matrix_coefficients : BufferDecl<DType::real> {
    static constexpr const char* name = "matrix_coefficients";
    static constexpr int count(const SystemSizes&) { return 2 + Blocks * Blocks; }
  };
  /// \brief Dense path: W and then its LU factors (dim × dim).
  struct newton_matrix : BufferDecl<DType::real> {
    static constexpr const char* name = "newton_matrix";
    static constexpr int count(const SystemSizes& s) { return dim(s) * dim(s); }
  };
  /// \brief Dense path: the row pivots of the LU factors.
  struct pivots : BufferDecl<DType::int32> {
    static constexpr const char* name = "pivots";
    static constexpr int count(const SystemSizes& s) { return dim(s); }
  };
  /// \brief Matrix-free path: the Krylov method's vectors (the largest method's need).
  struct krylov_workspace : BufferDecl<DType::real> {
    static constexpr const char* name = "krylov_workspace";
    static constexpr int count(const SystemSizes& s) { return krylov_workspace_capacity(dim(s), restart_capacity(s)); }
  };
  /// \brief Matrix-free path: diag(J) at the step start, then 1 / diag(W) for the preconditioners.
  struct preconditioner_diagonal : BufferDecl<DType::real> {
    static constexpr const char* name = "preconditioner_diagonal";
    static constexpr int count(const SystemSizes& s) { return s.n_states + dim(s); }
  };
  /// \brief Finite-difference and Jacobian-vector scratch (3n), then the Neumann series' product (dim, matrix-free).
  struct operator_workspace : BufferDecl<DType::real> {
    static constexpr const char* name = "operator_workspace";
    static constexpr int count(const SystemSizes& s) { return 3 * s.n_states + dim(s); }
  };
  using buffers = TypeList<jacobian, base_derivative, jacobian_current, matrix_coefficients, newton_matrix, pivots,
                           krylov_workspace, preconditioner_diagonal, operator_workspace>;
  using children = TypeList<>;

  /// \brief Elements of buffer Decl: the chosen solver's buffers at their capacity (the GMRES workspace for the
  /// restart set), the other path's with none.
  template <class Decl>
  static int buffer_count(const LinearSolverParts& parts, const SystemSizes& sizes) {
    const bool dense = chosen(parts.linear, sizes) == LinearSolverKind::dense_lu;
    const int capacity = Decl::count(sizes);
    if (std::is_same<Decl, newton_matrix>::value || std::is_same<Decl, pivots>::value) return dense ? capacity : 0;
    if (std::is_same<Decl, krylov_workspace>::value) {
      const int cap = restart_capacity(sizes);
      return dense ? 0 : krylov_workspace_capacity(dim(sizes), parts.linear.restart < cap ? parts.linear.restart : cap);
    }
    if (std::is_same<Decl, preconditioner_diagonal>::value) return dense ? 0 : capacity;
    if (std::is_same<Decl, operator_workspace>::value) return dense ? 2 * sizes.n_states : capacity;
    return capacity;
  }

  /// \brief The device object.
  template <class System, class Real, class Binding>
  struct Device {
    static constexpr int n = SystemTraits<System>::n_states;
    static constexpr int m_max = Blocks * n;
    /// Matrix-free products use the stored dense J when the System has `jacobian` but no `jvp`.
    static constexpr bool stored_jacobian = has_analytic_jacobian<System, Real> && !has_analytic_jvp<System, Real>;

    LinearSolverKind kind = LinearSolverKind::gmres;
    KrylovMethod method = KrylovMethod::gmres;  ///< the matrix-free method (when kind is not dense_lu)
    PreconditionerKind preconditioner = PreconditionerKind::jacobi;
    KrylovParams<Real> params{Real(1e-5), 100, 20};
    int neumann_order = 2;
    BufferSet<LinearSolver, Binding> buffers;

    /// \brief True for the dense LU path.
    KOKKOS_INLINE_FUNCTION bool dense() const { return kind == LinearSolverKind::dense_lu; }

    /// \brief A run begins: nothing is current.
    KOKKOS_FORCEINLINE_FUNCTION void start(const RunMemory& m) const { at<jacobian_current>(buffers, m)[0] = 0; }
    /// \brief y moved (an accepted step): the Jacobian must be recomputed.
    KOKKOS_FORCEINLINE_FUNCTION void invalidate(const RunMemory& m) const { at<jacobian_current>(buffers, m)[0] = 0; }

    /// \brief f(t, y) at the step start (valid after prepare()).
    KOKKOS_FORCEINLINE_FUNCTION const Real* f0(const RunMemory& m) const { return at<base_derivative>(buffers, m); }

    /// \brief Make f(t, y) and what the solver needs of J current for the step from (t, y): the dense J (dense path,
    /// or matrix-free with a System that has only `jacobian`), or diag(J) for a preconditioner. Kept across rejected
    /// attempts (y is unchanged).
    KOBIE_OUTLINED_FUNCTION void prepare(const System& system, Real t, const Real* y, const Real* p,
                                         const Real* drivers, const RunMemory& m) const {
      std::int32_t& current = at<jacobian_current>(buffers, m)[0];
      if (current != 0) return;
      Real* f0 = at<base_derivative>(buffers, m);
      system.rhs(t, y, p, drivers, f0);
      evaluate_jacobian(system, t, y, f0, p, drivers, m);
      current = 1;
    }

    /// \brief Re-evaluate J at another point (t, y) with fy = f(t, y), e.g. a Newton iterate, and set the matrix of
    /// the last set_matrix() again with it (its status). f0() still returns f at the step start; a matrix-free solve
    /// must then be given the same (t, y, fy) so that its products use this J.
    KOBIE_OUTLINED_FUNCTION StatusBits refresh(const System& system, Real t, const Real* y, const Real* fy,
                                               const Real* p, const Real* drivers, const RunMemory& m) const {
      evaluate_jacobian(system, t, y, fy, p, drivers, m);
      const Real* coef = at<matrix_coefficients>(buffers, m);
      return set_matrix(coef[0], static_cast<int>(coef[1]), coef + 2, m);
    }

    /// \brief Set W = I − h (A ⊗ J) for `nb` ≤ Blocks blocks (A row-major nb×nb): factor it (dense path; status
    /// singular_matrix when a pivot vanishes) or form the preconditioner's inverse diagonal.
    KOBIE_OUTLINED_FUNCTION StatusBits set_matrix(Real h, int nb, const Real* a, const RunMemory& m) const {
      Real* coef = at<matrix_coefficients>(buffers, m);
      coef[0] = h;
      coef[1] = Real(nb);
      for (int i = 0; i < nb * nb; ++i) coef[2 + i] = a[i];
      const int dim_rt = nb * n;
      if (dense()) {
        Real* W = at<newton_matrix>(buffers, m);
        const Real* J = at<jacobian>(buffers, m);
        for (int bi = 0; bi < nb; ++bi) {
          for (int bj = 0; bj < nb; ++bj) {
            const Real s = h * a[bi * nb + bj];
            for (int i = 0; i < n; ++i) {
              for (int j = 0; j < n; ++j) {
                W[(bi * n + i) * dim_rt + bj * n + j] = (bi == bj && i == j ? Real(1) : Real(0)) - s * J[i * n + j];
              }
            }
          }
        }
        return dense_lu_factor(W, dim_rt, at<pivots>(buffers, m));
      }
      if (preconditioner != PreconditionerKind::none) {
        Real* diag = at<preconditioner_diagonal>(buffers, m);
        for (int bi = 0; bi < nb; ++bi) {
          const Real s = h * a[bi * nb + bi];
          for (int d = 0; d < n; ++d) {
            const Real w = Real(1) - s * diag[d];
            if (!(w != Real(0)) || !math::isfinite(w)) return status::singular_matrix;
            diag[n + bi * n + d] = Real(1) / w;
          }
        }
      }
      return status::success;
    }

    /// \brief x = W⁻¹ b for the matrix of the last set_matrix() (x is overwritten; its initial guess is 0). (t, y) is
    /// where J was evaluated: the step start, whose f is f0(), or the point of the last refresh(), whose f is `fy`.
    KOBIE_OUTLINED_FUNCTION LinearOutcome solve(const System& system, Real t, const Real* y, const Real* p,
                                                const Real* drivers, const Real* b, Real* x, const RunMemory& m,
                                                const Real* fy = nullptr) const {
      const Real* coef = at<matrix_coefficients>(buffers, m);
      const int nb = static_cast<int>(coef[1]);
      const int dim_rt = nb * n;
      if (dense()) {
        for (int i = 0; i < dim_rt; ++i) x[i] = b[i];
        dense_lu_solve(at<newton_matrix>(buffers, m), at<pivots>(buffers, m), dim_rt, x);
        return LinearOutcome{};
      }
      for (int i = 0; i < dim_rt; ++i) x[i] = Real(0);
      Real* ws = at<operator_workspace>(buffers, m);
      using Op = CoupledOperator<System, Real, Blocks, stored_jacobian>;
      const Real* f_at_y = fy != nullptr ? fy : at<base_derivative>(buffers, m);
      const Op op{&system, t, y, p, drivers, f_at_y, at<jacobian>(buffers, m), coef[0], nb, coef + 2, ws};
      const Real* inverse_diagonal = at<preconditioner_diagonal>(buffers, m) + n;
      switch (preconditioner) {
        case PreconditionerKind::jacobi:
          return krylov(op, JacobiPreconditioner<Real>{inverse_diagonal, dim_rt}, b, x, dim_rt, m);
        case PreconditionerKind::neumann:
          return krylov(op, NeumannPreconditioner<Real, Op>{op, inverse_diagonal, dim_rt, neumann_order, ws + 3 * n}, b,
                        x, dim_rt, m);
        default:
          return krylov(op, IdentityPreconditioner<Real>{dim_rt}, b, x, dim_rt, m);
      }
    }

   private:
    /// The dense J (dense path, or a stored J for matrix-free products) and diag(J) for a preconditioner, at (t, y)
    /// with fy = f(t, y).
    KOKKOS_INLINE_FUNCTION void evaluate_jacobian(const System& system, Real t, const Real* y, const Real* fy,
                                                  const Real* p, const Real* drivers, const RunMemory& m) const {
      Real* ws = at<operator_workspace>(buffers, m);
      if (dense() || stored_jacobian)
        dense_jacobian(system, t, y, p, drivers, fy, at<jacobian>(buffers, m), ws, ws + n);
      if (!dense() && preconditioner != PreconditionerKind::none) {
        Real* diag = at<preconditioner_diagonal>(buffers, m);
        if constexpr (stored_jacobian) {
          const Real* J = at<jacobian>(buffers, m);
          for (int d = 0; d < n; ++d) diag[d] = J[d * n + d];
        } else {
          jacobian_diagonal(system, t, y, p, drivers, fy, diag, ws, ws + n);
        }
      }
    }

    template <class Op, class Prec>
    KOKKOS_INLINE_FUNCTION LinearOutcome krylov(const Op& op, const Prec& prec, const Real* b, Real* x, int dim_rt,
                                                const RunMemory& m) const {
      return krylov_solve(method, op, prec, b, x, dim_rt, params, at<krylov_workspace>(buffers, m));
    }
  };

  /// \brief The device object bound to the registry's buffers.
  template <class System, class Real, class Binding>
  static Device<System, Real, Binding> device(const LinearSolverParts& parts, const BufferRegistry& registry) {
    Device<System, Real, Binding> d;
    const LinearSolverSettings& s = parts.linear;
    d.kind = chosen(s, SystemTraits<System>::sizes());
    d.method = krylov_method_of(d.kind);
    d.preconditioner = parse_preconditioner(s.preconditioner);
    const int cap = restart_capacity(SystemTraits<System>::sizes());
    d.params = KrylovParams<Real>{static_cast<Real>(s.krylov_tolerance), s.krylov_max_iters,
                                  s.restart < cap ? s.restart : cap};
    d.neumann_order = s.neumann_order;
    d.buffers.bind(registry);
    return d;
  }
};

}  // namespace kobie

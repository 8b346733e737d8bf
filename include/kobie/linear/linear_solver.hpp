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
#include "kobie/linear/complex_lu.hpp"
#include "kobie/linear/coupled_operator.hpp"
#include "kobie/linear/dense_lu.hpp"
#include "kobie/linear/krylov.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/linear_solver_settings.hpp"
#include "kobie/linear/preconditioners.hpp"
#include "kobie/linear/stage_transformation.hpp"
#include "kobie/memory/component.hpp"
#include "kobie/system/jacobian.hpp"

namespace kobie {

/// \brief Largest GMRES restart the buffers are sized for (the `restart` setting's upper bound).
inline constexpr int max_gmres_restart = 64;

/// \brief Reals of Krylov workspace that every matrix-free method fits in, for dimension m and GMRES restart `restart`.
KOKKOS_INLINE_FUNCTION constexpr int krylov_workspace_capacity(int m, int restart) {
  int most = 0;
  for (LinearSolverKind k : {LinearSolverKind::minimal_residual, LinearSolverKind::steepest_descent,
                             LinearSolverKind::bicgstab, LinearSolverKind::gmres}) {
    const int size = krylov_workspace_size(k, m, restart);
    most = size > most ? size : most;
  }
  return most;
}

/// \brief Solves Newton's linear systems for up to Blocks coupled stages (registry owner `linear_solver`);
/// `linear_solver = auto` stands for auto_linear_solver(dim).
///
/// The dense and the matrix-free buffers are alternatives (BufferDecl::alternative): only the chosen path's are
/// registered with elements, and both share one region of the layout. With
/// Transformed, the dense path solves the full Blocks-stage system through the device's StageTransformation (one real
/// LU per real eigenvalue of A⁻¹, one complex LU per complex pair, each n×n) instead of one (Blocks·n)² LU; a
/// set_matrix() of all Blocks blocks must then be given the A the transformation was made from.
template <int Blocks, bool Transformed = false>
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
  /// \brief The alternatives of the buffers: the dense factorisation, or the matrix-free Krylov method.
  enum Path : int { dense_path = 1, matrix_free_path = 2 };
  /// \brief The path the settings choose.
  static int alternative_in_use(const LinearSolverParts& parts, const SystemSizes& sizes) {
    return chosen(parts.linear, sizes) == LinearSolverKind::dense_lu ? dense_path : matrix_free_path;
  }
  /// \brief The GMRES restart the settings ask for, capped at restart_capacity().
  static int restart_of(const LinearSolverSettings& s, const SystemSizes& sizes) {
    return s.restart < restart_capacity(sizes) ? s.restart : restart_capacity(sizes);
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
  /// \brief Dense path: W and then its LU factors (dim × dim); transformed: the blocks' LU factors, real blocks first,
  /// then each complex block as its real and imaginary planes (Blocks × n × n).
  struct newton_matrix : BufferDecl<DType::real> {
    static constexpr const char* name = "newton_matrix";
    static constexpr int alternative = dense_path;
    static constexpr int count(const SystemSizes& s) { return Transformed ? dim(s) * s.n_states : dim(s) * dim(s); }
  };
  /// \brief Dense path: the row pivots of the LU factors.
  struct pivots : BufferDecl<DType::int32> {
    static constexpr const char* name = "pivots";
    static constexpr int alternative = dense_path;
    static constexpr int count(const SystemSizes& s) { return dim(s); }
  };
  /// \brief Transformed dense path: the solution before its transformation back (dim).
  struct transform_workspace : BufferDecl<DType::real> {
    static constexpr const char* name = "transform_workspace";
    static constexpr int alternative = dense_path;
    static constexpr int count(const SystemSizes& s) { return Transformed ? dim(s) : 0; }
  };
  /// \brief Matrix-free path: the Krylov method's vectors (capacity: the largest method's need at the largest
  /// restart; registered: the chosen method's at the restart set).
  struct krylov_workspace : BufferDecl<DType::real> {
    static constexpr const char* name = "krylov_workspace";
    static constexpr int alternative = matrix_free_path;
    static constexpr int count(const SystemSizes& s) { return krylov_workspace_capacity(dim(s), restart_capacity(s)); }
    static int used(const LinearSolverParts& parts, const SystemSizes& s) {
      return krylov_workspace_size(chosen(parts.linear, s), dim(s), restart_of(parts.linear, s));
    }
  };
  /// \brief Matrix-free path: diag(J) at the step start, then 1 / diag(W) for the preconditioners.
  struct preconditioner_diagonal : BufferDecl<DType::real> {
    static constexpr const char* name = "preconditioner_diagonal";
    static constexpr int alternative = matrix_free_path;
    static constexpr int count(const SystemSizes& s) { return s.n_states + dim(s); }
    static int used(const LinearSolverParts& parts, const SystemSizes& s) {
      return parse_preconditioner(parts.linear.preconditioner) == PreconditionerKind::none ? 0 : count(s);
    }
  };
  /// \brief Matrix-free path: Jacobian-vector scratch (3n), then the Neumann series' product (dim).
  struct operator_workspace : BufferDecl<DType::real> {
    static constexpr const char* name = "operator_workspace";
    static constexpr int alternative = matrix_free_path;
    static constexpr int count(const SystemSizes& s) { return 3 * s.n_states + dim(s); }
    static int used(const LinearSolverParts& parts, const SystemSizes& s) {
      return parse_preconditioner(parts.linear.preconditioner) == PreconditionerKind::neumann ? count(s)
                                                                                              : 3 * s.n_states;
    }
  };
  /// \brief Finite-difference scratch of J and diag(J) (2n), both paths.
  struct difference_workspace : BufferDecl<DType::real> {
    static constexpr const char* name = "difference_workspace";
    static constexpr int count(const SystemSizes& s) { return 2 * s.n_states; }
  };
  using buffers =
      TypeList<jacobian, base_derivative, jacobian_current, matrix_coefficients, difference_workspace, newton_matrix,
               pivots, transform_workspace, krylov_workspace, preconditioner_diagonal, operator_workspace>;
  using children = TypeList<>;

  /// \brief The device object.
  template <class System, class Real, class Binding>
  struct Device {
    static constexpr int n = SystemTraits<System>::n_states;
    static constexpr int m_max = Blocks * n;
    /// Matrix-free products use the stored dense J when the System has `jacobian` but no `jvp`.
    static constexpr bool stored_jacobian = has_analytic_jacobian<System, Real> && !has_analytic_jvp<System, Real>;

    /// The path this kernel is compiled for (Binding::alternative): dense_path or matrix_free_path compile only that
    /// path's code (the dense kernel then keeps every call inline, with compile-time sizes); 0, both, chosen by `kind`.
    static constexpr int compiled = Binding::alternative;
    static_assert(compiled == 0 || compiled == dense_path || compiled == matrix_free_path,
                  "kobie: a linear solver kernel is compiled for the dense path, the matrix-free path, or both");
    /// The size of an n×n block: compile-time (FixedSize) up to 16 states, so that small factorisations keep every
    /// index constant; a run-time int above.
    using BlockSize = std::conditional_t<(n <= 16), FixedSize<n>, int>;
    KOKKOS_FORCEINLINE_FUNCTION static BlockSize block_size() {
      if constexpr (n <= 16) {
        return BlockSize{};
      } else {
        return n;
      }
    }

    LinearSolverKind kind = LinearSolverKind::gmres;
    PreconditionerKind preconditioner = PreconditionerKind::jacobi;
    KrylovParams<Real> params{Real(1e-5), 100, 20};
    int neumann_order = 2;
    StageTransformation<Real, Blocks> transformation;  ///< used by the transformed dense path
    BufferSet<LinearSolver, Binding> buffers;

    /// \brief True for the dense LU path (a constant when the kernel is compiled for one path).
    KOKKOS_FORCEINLINE_FUNCTION bool dense() const {
      if constexpr (compiled == dense_path) {
        return true;
      } else if constexpr (compiled == matrix_free_path) {
        return false;
      } else {
        return kind == LinearSolverKind::dense_lu;
      }
    }

    /// \brief A run begins: nothing is current.
    KOKKOS_FORCEINLINE_FUNCTION void start(const RunMemory& m) const { at<jacobian_current>(buffers, m)[0] = 0; }
    /// \brief y moved (an accepted step): the Jacobian must be recomputed.
    KOKKOS_FORCEINLINE_FUNCTION void invalidate(const RunMemory& m) const { at<jacobian_current>(buffers, m)[0] = 0; }

    /// \brief f(t, y) at the step start (valid after prepare()).
    KOKKOS_FORCEINLINE_FUNCTION const Real* f0(const RunMemory& m) const { return at<base_derivative>(buffers, m); }

    /// \brief Make f(t, y) and what the solver needs of J current for the step from (t, y): the dense J (dense path,
    /// or matrix-free with a System that has only `jacobian`), or diag(J) for a preconditioner. Kept across rejected
    /// attempts (y is unchanged).
    KOKKOS_INLINE_FUNCTION void prepare(const System& system, Real t, const Real* y, const Real* p, const Real* drivers,
                                        const RunMemory& m) const {
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
    KOKKOS_INLINE_FUNCTION StatusBits refresh(const System& system, Real t, const Real* y, const Real* fy,
                                              const Real* p, const Real* drivers, const RunMemory& m) const {
      evaluate_jacobian(system, t, y, fy, p, drivers, m);
      const Real* coef = at<matrix_coefficients>(buffers, m);
      return set_matrix(coef[0], blocks_of(coef), coef + 2, m);
    }

    /// \brief Set W = I − h (A ⊗ J) for `nb` ≤ Blocks blocks (A row-major nb×nb): factor it (dense path; status
    /// singular_matrix when a pivot vanishes) or form the preconditioner's inverse diagonal.
    KOKKOS_INLINE_FUNCTION StatusBits set_matrix(Real h, int nb, const Real* a, const RunMemory& m) const {
      if constexpr (Blocks == 1) nb = 1;
      Real* coef = at<matrix_coefficients>(buffers, m);
      coef[0] = h;
      coef[1] = Real(nb);
      for (int i = 0; i < nb * nb; ++i) coef[2 + i] = a[i];
      const int dim_rt = nb * n;
      if constexpr (Transformed) {
        if (dense() && nb == Blocks) return factor_blocks(h, m);
      }
      if (dense()) {
        Real* W = at<newton_matrix>(buffers, m);
        const Real* J = at<jacobian>(buffers, m);
        if (nb == 1) {
          dense_form_shifted(J, n, Real(1), h * a[0], W);
          return dense_lu_factor(W, block_size(), at<pivots>(buffers, m));
        }
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
    KOKKOS_INLINE_FUNCTION LinearOutcome solve(const System& system, Real t, const Real* y, const Real* p,
                                               const Real* drivers, const Real* b, Real* x, const RunMemory& m,
                                               const Real* fy = nullptr) const {
      if constexpr (compiled != matrix_free_path) {
        if (dense()) {
          const int nb = blocks_of(at<matrix_coefficients>(buffers, m));
          if constexpr (Transformed) {
            if (nb == Blocks) {
              solve_blocks(b, x, m);
              return LinearOutcome{};
            }
          }
          if (nb == 1) {
            for (int i = 0; i < n; ++i) x[i] = b[i];
            dense_lu_solve(at<newton_matrix>(buffers, m), at<pivots>(buffers, m), block_size(), x);
          } else {
            for (int i = 0; i < nb * n; ++i) x[i] = b[i];
            dense_lu_solve(at<newton_matrix>(buffers, m), at<pivots>(buffers, m), nb * n, x);
          }
          return LinearOutcome{};
        }
      }
      if constexpr (compiled != dense_path) {
        return krylov_solve_outlined(system, t, y, p, drivers, b, x, m, fy);
      } else {
        return LinearOutcome{};
      }
    }

    /// \brief x = (I − h γ J)⁻¹ b, one block, with J as for solve(): through the real block of the current
    /// transformed matrix when transformation.shifted_block names one for this γ (no new factorisation), else by
    /// set_matrix(h, 1, &γ) and solve().
    KOKKOS_INLINE_FUNCTION LinearOutcome solve_shifted(const System& system, Real t, const Real* y, const Real* p,
                                                       const Real* drivers, Real h, Real gamma, const Real* b, Real* x,
                                                       const RunMemory& m) const {
      if constexpr (Transformed) {
        const int r = transformation.shifted_block;
        if (dense() && r >= 0 && blocks_of(at<matrix_coefficients>(buffers, m)) == Blocks) {
          // λ_r I − hJ = λ_r (I − h γ J) for γ = 1 / λ_r.
          const Real lambda = transformation.eigenvalues[r];
          for (int i = 0; i < n; ++i) x[i] = lambda * b[i];
          dense_lu_solve(at<newton_matrix>(buffers, m) + r * n * n, at<pivots>(buffers, m) + r * n, block_size(), x);
          return LinearOutcome{};
        }
      }
      const StatusBits s = set_matrix(h, 1, &gamma, m);
      if (s != status::success) return LinearOutcome{0, s};
      return solve(system, t, y, p, drivers, b, x, m);
    }

   private:
    /// The block count of the current matrix (1 when Blocks is: a constant).
    KOKKOS_FORCEINLINE_FUNCTION static int blocks_of(const Real* coef) {
      if constexpr (Blocks == 1) {
        return 1;
      } else {
        return static_cast<int>(coef[1]);
      }
    }

    /// The matrix-free solve, out of line (a Krylov method inlined at every stage makes CUDA's ptxas run for hours).
    KOBIE_OUTLINED_FUNCTION LinearOutcome krylov_solve_outlined(const System& system, Real t, const Real* y,
                                                                const Real* p, const Real* drivers, const Real* b,
                                                                Real* x, const RunMemory& m, const Real* fy) const {
      const Real* coef = at<matrix_coefficients>(buffers, m);
      const int dim_rt = blocks_of(coef) * n;
      for (int i = 0; i < dim_rt; ++i) x[i] = Real(0);
      Real* ws = at<operator_workspace>(buffers, m);
      using Op = CoupledOperator<System, Real, Blocks, stored_jacobian>;
      const Real* f_at_y = fy != nullptr ? fy : at<base_derivative>(buffers, m);
      const Op op{&system, t, y, p, drivers, f_at_y, at<jacobian>(buffers, m), coef[0], blocks_of(coef), coef + 2, ws};
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

    /// Transformed: factor λ_r I − hJ for each real eigenvalue and (α_k − iβ_k) I − hJ for each complex pair.
    KOKKOS_INLINE_FUNCTION StatusBits factor_blocks(Real h, const RunMemory& m) const {
      Real* W = at<newton_matrix>(buffers, m);
      int* piv = at<pivots>(buffers, m);
      const Real* J = at<jacobian>(buffers, m);
      const int R = transformation.real_blocks;
      for (int r = 0; r < R; ++r) {
        dense_form_shifted(J, n, transformation.eigenvalues[r], h, W + r * n * n);
        const StatusBits s = dense_lu_factor(W + r * n * n, block_size(), piv + r * n);
        if (s != status::success) return s;
      }
      for (int k = 0; k < transformation.complex_pairs; ++k) {
        Real* re = W + (R + 2 * k) * n * n;
        Real* im = re + n * n;
        const Real alpha = transformation.eigenvalues[R + 2 * k], beta = transformation.eigenvalues[R + 2 * k + 1];
        dense_form_shifted(J, n, alpha, h, re);
        for (int i = 0; i < n * n; ++i) im[i] = Real(0);
        for (int i = 0; i < n; ++i) im[i * n + i] = -beta;
        const StatusBits s = complex_lu_factor(re, im, block_size(), piv + (R + k) * n);
        if (s != status::success) return s;
      }
      return status::success;
    }

    /// Transformed: x = (T⊗I) (Λ⊗I − I⊗hJ)⁻¹ (Λ T⁻¹ ⊗ I) b with the factors of factor_blocks().
    KOKKOS_INLINE_FUNCTION void solve_blocks(const Real* b, Real* x, const RunMemory& m) const {
      Real* w = at<transform_workspace>(buffers, m);
      const Real* W = at<newton_matrix>(buffers, m);
      const int* piv = at<pivots>(buffers, m);
      for (int i = 0; i < Blocks; ++i) {
        for (int q = 0; q < n; ++q) {
          Real s = Real(0);
          for (int j = 0; j < Blocks; ++j) s += transformation.mix_in[i * Blocks + j] * b[j * n + q];
          w[i * n + q] = s;
        }
      }
      const int R = transformation.real_blocks;
      for (int r = 0; r < R; ++r) dense_lu_solve(W + r * n * n, piv + r * n, block_size(), w + r * n);
      for (int k = 0; k < transformation.complex_pairs; ++k) {
        const Real* re = W + (R + 2 * k) * n * n;
        complex_lu_solve(re, re + n * n, piv + (R + k) * n, block_size(), w + (R + 2 * k) * n, w + (R + 2 * k + 1) * n);
      }
      for (int i = 0; i < Blocks; ++i) {
        for (int q = 0; q < n; ++q) {
          Real s = Real(0);
          for (int j = 0; j < Blocks; ++j) s += transformation.T[i * Blocks + j] * w[j * n + q];
          x[i * n + q] = s;
        }
      }
    }

    /// The dense J (dense path, or a stored J for matrix-free products) and diag(J) for a preconditioner, at (t, y)
    /// with fy = f(t, y).
    KOKKOS_INLINE_FUNCTION void evaluate_jacobian(const System& system, Real t, const Real* y, const Real* fy,
                                                  const Real* p, const Real* drivers, const RunMemory& m) const {
      Real* ws = at<difference_workspace>(buffers, m);
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
      return krylov_solve(kind, op, prec, b, x, dim_rt, params, at<krylov_workspace>(buffers, m));
    }
  };

  /// \brief The device object bound to the registry's buffers.
  template <class System, class Real, class Binding>
  static Device<System, Real, Binding> device(const LinearSolverParts& parts, const BufferRegistry& registry) {
    Device<System, Real, Binding> d;
    const LinearSolverSettings& s = parts.linear;
    d.kind = chosen(s, SystemTraits<System>::sizes());
    constexpr int compiled = Device<System, Real, Binding>::compiled;
    if (compiled != 0 && compiled != alternative_in_use(parts, SystemTraits<System>::sizes())) {
      throw Error(std::string("kobie: linear_solver '") + s.linear_solver + "' runs on the " +
                  (compiled == dense_path ? "matrix-free" : "dense") + " path, but this kernel was compiled for the " +
                  (compiled == dense_path ? "dense" : "matrix-free") + " path only");
    }
    d.preconditioner = parse_preconditioner(s.preconditioner);
    d.params = KrylovParams<Real>{static_cast<Real>(s.krylov_tolerance), s.krylov_max_iters,
                                  restart_of(s, SystemTraits<System>::sizes())};
    d.neumann_order = s.neumann_order;
    d.buffers.bind(registry);
    return d;
  }
};

}  // namespace kobie

/// \file
/// \brief The fully implicit Runge–Kutta family (Gauss–Legendre, Radau IIA): all stages solved together by Newton's
/// iteration on the coupled system of stages × n unknowns, as a component.
#pragma once

#include <Kokkos_Core.hpp>
#include <string>

#include "kobie/algorithms/firk/tableaus/stage_transformations.hpp"
#include "kobie/algorithms/small_matrix.hpp"
#include "kobie/algorithms/step_interface.hpp"
#include "kobie/algorithms/tableau_checks.hpp"
#include "kobie/core/detect.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/memory/component.hpp"
#include "kobie/newton/newton_settings.hpp"
#include "kobie/newton/newton_solver.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

namespace Impl {
template <class T>
using stage_transformation_member = decltype(tableaus::StageTransformation<T>::T);
/// True when tableaus::StageTransformation<Tableau> is defined (Hairer's transformation of its A⁻¹).
template <class Tableau>
inline constexpr bool has_stage_transformation = is_detected_v<stage_transformation_member, Tableau>;
}  // namespace Impl

/// \brief A FIRK method: the stage increments Z_i = Y_i − y solve Z_i − h Σ_j a_ij f(t + c_j h, y + Z_j) = 0, all
/// together, with the Newton matrix I − h (A ⊗ J). Then y_new = y + Σ_j d_j Z_j with dᵀ = bᵀA⁻¹ (no further f calls).
///
/// Embedded estimate (Radau IIA, Hairer & Wanner II §IV.8): ŷ = y + h (b̂0 f(t, y) + Σ b̂_j k_j), so
/// ŷ − y_new = h b̂0 f(t, y) + Σ_j e_j Z_j with eᵀ = (b̂ − b)ᵀA⁻¹, filtered through (I − h γ0 J)⁻¹ so that stiff
/// components do not inflate it. Gauss–Legendre methods have no estimate (fixed steps).
///
/// With the dense linear solver and a tableau that has a tableaus::StageTransformation, the Newton matrix is never
/// formed: its linear systems go through Hairer's transformation (one real n×n LU per real eigenvalue of A⁻¹, one
/// complex n×n LU per complex pair, instead of one (stages·n)² LU), and the error filter reuses the real block.
template <class Tableau>
struct FirkAlgorithm {
  static constexpr const char* owner = "algorithm";
  static constexpr const char* name = Tableau::name;
  static constexpr int stages = Tableau::stages;
  static constexpr int order = Tableau::order;
  static constexpr int embedded_order = Tableau::embedded_order;
  static constexpr bool adaptive = embedded_order > 0;
  static constexpr int error_order = adaptive ? (order < embedded_order ? order : embedded_order) : 0;
  static constexpr bool fsal = false;
  static constexpr bool implicit = true;
  static constexpr const char* default_controller = "gustafsson";
  static constexpr double b_hat0 = Tableau::b_hat0;            ///< weight of f(t, y) in the embedded estimate
  static constexpr double error_gamma = Tableau::error_gamma;  ///< γ0 of the filter (I − h γ0 J)⁻¹; 0: no filter
  /// \brief True when the dense path solves the stage system through Hairer's transformation.
  static constexpr bool transformed = Impl::has_stage_transformation<Tableau>;
  using Newton = NewtonSolver<stages, transformed>;

  /// \brief The stage increments Z (stages × n), Newton's unknowns.
  struct stage_increments : BufferDecl<DType::real> {
    static constexpr const char* name = "stage_increments";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return stages * s.n_states; }
  };
  /// \brief f(t + c_j h, y + Z_j) of every stage (stages × n).
  struct stage_derivatives : BufferDecl<DType::real> {
    static constexpr const char* name = "stage_derivatives";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return stages * s.n_states; }
  };
  /// \brief The stage value y + Z_j where f is evaluated (n).
  struct stage_state : BufferDecl<DType::real> {
    static constexpr const char* name = "stage_state";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  /// \brief The unfiltered estimate ŷ − y_new (n).
  struct error_rhs : BufferDecl<DType::real> {
    static constexpr const char* name = "error_rhs";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return adaptive ? s.n_states : 0; }
  };
  /// \brief The local error estimate (n).
  struct error : BufferDecl<DType::real> {
    static constexpr const char* name = "error";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return adaptive ? s.n_states : 0; }
  };
  using buffers = TypeList<stage_increments, stage_derivatives, stage_state, error_rhs, error>;
  using children = TypeList<Newton>;

  /// \brief Checks the tableau: row sums equal c, weights sum to 1, A invertible.
  static void validate() {
    double inverse[stages * stages];
    if (!Impl::invert_small(stages, &Tableau::a[0][0], inverse)) {
      throw Error(std::string("kobie: FIRK tableau '") + name + "': A is singular");
    }
    check_row_sums_and_weights<Tableau>("FIRK");
    if constexpr (transformed) check_transformation(inverse);
  }

  /// \brief The device object.
  template <class System, class Real, class Binding>
  struct Device {
    static constexpr int n = SystemTraits<System>::n_states;
    using NewtonDevice = typename Newton::template Device<System, Real, typename Binding::template child<Newton>>;
    NewtonDevice newton;
    Kokkos::Array<Real, stages * stages> a;  ///< the tableau's A in Real
    Kokkos::Array<Real, stages> c;           ///< the nodes
    Kokkos::Array<Real, stages> d;           ///< bᵀA⁻¹
    Kokkos::Array<Real, stages> e;           ///< (b̂ − b)ᵀA⁻¹
    BufferSet<FirkAlgorithm, Binding> buffers;

    /// \brief A run begins.
    KOKKOS_FORCEINLINE_FUNCTION void start(const RunMemory& m) const { newton.start(m); }

    /// \brief The error estimate of the last successful attempt (the loop reads it here: a constant address).
    KOKKOS_FORCEINLINE_FUNCTION const Real* error_estimate(const RunMemory& m) const { return at<error>(buffers, m); }

    /// \brief One attempt from (ctx.t, in.y) with ctx.h into y_new.
    KOKKOS_INLINE_FUNCTION StepOutcome<Real> step(const System& system, const StepContext<Real>& ctx,
                                                  const StepInputs<Real>& in, Real* y_new, const RunMemory& m) const {
      Real* z = at<stage_increments>(buffers, m);
      Real* f = at<stage_derivatives>(buffers, m);
      Real* y_stage = at<stage_state>(buffers, m);
      const Real h = ctx.h;
      const Real t = ctx.t;
      StepOutcome<Real> out;
      if constexpr (adaptive) out.error = at<error>(buffers, m);
      newton.prepare(system, t, in.y, in.parameters, in.drivers, m);
      out.status = newton.set_matrix(h, stages, a.data(), m);
      if (out.status != status::success) return out;
      for (int i = 0; i < stages * n; ++i) z[i] = Real(0);
      auto residual = [&](const Real* zz, Real* g) {
        for (int j = 0; j < stages; ++j) {
          for (int q = 0; q < n; ++q) y_stage[q] = in.y[q] + zz[j * n + q];
          system.rhs(t + c[j] * h, y_stage, in.parameters, in.drivers, f + j * n);
        }
        for (int i = 0; i < stages; ++i) {
          for (int q = 0; q < n; ++q) {
            Real s = Real(0);
            for (int j = 0; j < stages; ++j) s += a[i * stages + j] * f[j * n + q];
            g[i * n + q] = zz[i * n + q] - h * s;
          }
        }
      };
      // J is refreshed at the last stage's state (y_{n+1} for the Radau methods).
      auto point = [&](const Real* zz, Real& tj) -> const Real* {
        for (int q = 0; q < n; ++q) y_stage[q] = in.y[q] + zz[(stages - 1) * n + q];
        tj = t + c[stages - 1] * h;
        return y_stage;
      };
      const NewtonOutcome o = newton.solve(system, t, in.y, in.parameters, in.drivers, z, residual, point, m);
      out.newton_iters = o.iterations;
      out.krylov_iters = o.krylov_iterations;
      out.jacobian_refreshes = o.jacobian_refreshes;
      if (o.status != status::success) {
        out.status = o.status;
        return out;
      }
      for (int q = 0; q < n; ++q) {
        Real s = Real(0);
        for (int j = 0; j < stages; ++j) s += d[j] * z[j * n + q];
        y_new[q] = in.y[q] + s;
      }
      if constexpr (adaptive) {
        Real* err = at<error>(buffers, m);
        if (ctx.want_error) {
          Real* rhs = at<error_rhs>(buffers, m);
          const Real* f0 = newton.f0(m);
          for (int q = 0; q < n; ++q) {
            Real s = h * Real(b_hat0) * f0[q];
            for (int j = 0; j < stages; ++j) s += e[j] * z[j * n + q];
            rhs[q] = s;
          }
          if constexpr (error_gamma != 0.0) {
            const LinearOutcome lin = newton.linear_solve_shifted(system, t, in.y, in.parameters, in.drivers, h,
                                                                  Real(error_gamma), rhs, err, m);
            out.krylov_iters += lin.iterations;
            if (lin.status != status::success) {
              out.status = lin.status;
              return out;
            }
          } else {
            for (int q = 0; q < n; ++q) err[q] = rhs[q];
          }
        }
      }
      return out;
    }

    /// \brief The state moved: the Jacobian is stale.
    KOKKOS_FORCEINLINE_FUNCTION StatusBits accepted(const StepContext<Real>&, const RunMemory& m) const {
      newton.accepted(m);
      return status::success;
    }
    /// \brief y did not change: the Jacobian stays.
    KOKKOS_FORCEINLINE_FUNCTION void rejected(const RunMemory&) const {}
  };

  /// \brief The device object bound to the registry's buffers, with A, bᵀA⁻¹ and (b̂ − b)ᵀA⁻¹ in Real.
  template <class System, class Real, class Binding>
  static Device<System, Real, Binding> device(const NewtonParts& parts, const BufferRegistry& registry) {
    Device<System, Real, Binding> dev;
    dev.newton = Newton::template device<System, Real, typename Binding::template child<Newton>>(parts, registry);
    double inverse[stages * stages];
    if (!Impl::invert_small(stages, &Tableau::a[0][0], inverse)) {
      throw Error(std::string("kobie: FIRK tableau '") + name + "': A is singular");
    }
    for (int i = 0; i < stages; ++i) {
      dev.c[i] = static_cast<Real>(Tableau::c[i]);
      for (int j = 0; j < stages; ++j) dev.a[i * stages + j] = static_cast<Real>(Tableau::a[i][j]);
    }
    for (int l = 0; l < stages; ++l) {
      double dl = 0.0, el = 0.0;
      for (int j = 0; j < stages; ++j) {
        dl += Tableau::b[j] * inverse[j * stages + l];
        el += (Tableau::b_hat[j] - Tableau::b[j]) * inverse[j * stages + l];
      }
      dev.d[l] = static_cast<Real>(dl);
      dev.e[l] = static_cast<Real>(adaptive ? el : 0.0);
    }
    if constexpr (transformed) dev.newton.linear.transformation = transformation<Real>();
    dev.buffers.bind(registry);
    return dev;
  }

  /// \brief Checks T Λ T⁻¹ = A⁻¹ (`a_inverse`, row-major) for the tableau's transformation, entry by entry to 1e-12
  /// of A⁻¹'s largest entry.
  static void check_transformation(const double* a_inverse) {
    const StageTransformation<double, stages> tr = transformation<double>();
    double scale = 0.0;
    for (int i = 0; i < stages * stages; ++i)
      scale = a_inverse[i] > scale ? a_inverse[i] : -a_inverse[i] > scale ? -a_inverse[i] : scale;
    for (int i = 0; i < stages; ++i) {
      for (int j = 0; j < stages; ++j) {
        double s = 0.0;  // (T Λ T⁻¹)_ij = Σ_k T_ik (Λ T⁻¹)_kj
        for (int k = 0; k < stages; ++k) s += tr.T[i * stages + k] * tr.mix_in[k * stages + j];
        const double d = s - a_inverse[i * stages + j];
        if (d > 1e-12 * scale || d < -1e-12 * scale) {
          throw Error(std::string("kobie: FIRK tableau '") + name +
                      "': its stage transformation does not diagonalise A^-1");
        }
      }
    }
  }

  /// \brief Hairer's transformation of the tableau in Real: T, Λ T⁻¹, and the real block that the error filter
  /// (I − h error_gamma J) reuses (error_gamma = 1/λ_r).
  template <class Real>
  static StageTransformation<Real, stages> transformation() {
    using Data = tableaus::StageTransformation<Tableau>;
    constexpr int R = Data::real_eigenvalues;
    double t[stages * stages], t_inverse[stages * stages], lambda[stages * stages] = {};
    for (int i = 0; i < stages; ++i) {
      for (int j = 0; j < stages; ++j) t[i * stages + j] = Data::T[i][j];
    }
    if (!Impl::invert_small(stages, t, t_inverse)) {
      throw Error(std::string("kobie: FIRK tableau '") + name + "': its stage transformation T is singular");
    }
    for (int r = 0; r < R; ++r) lambda[r * stages + r] = Data::eigenvalues[r];
    for (int k = 0; k < Data::complex_pairs; ++k) {
      const int j = R + 2 * k;
      const double alpha = Data::eigenvalues[j], beta = Data::eigenvalues[j + 1];
      lambda[j * stages + j] = lambda[(j + 1) * stages + j + 1] = alpha;
      lambda[j * stages + j + 1] = beta;
      lambda[(j + 1) * stages + j] = -beta;
    }
    StageTransformation<Real, stages> out;
    out.real_blocks = R;
    out.complex_pairs = Data::complex_pairs;
    for (int i = 0; i < stages; ++i) {
      out.eigenvalues[i] = static_cast<Real>(Data::eigenvalues[i]);
      for (int j = 0; j < stages; ++j) {
        double mix = 0.0;
        for (int k = 0; k < stages; ++k) mix += lambda[i * stages + k] * t_inverse[k * stages + j];
        out.mix_in[i * stages + j] = static_cast<Real>(mix);
        out.T[i * stages + j] = static_cast<Real>(t[i * stages + j]);
      }
    }
    for (int r = 0; r < R; ++r) {
      const double product = error_gamma * Data::eigenvalues[r];
      if (product > 1.0 - 1e-12 && product < 1.0 + 1e-12) out.shifted_block = r;
    }
    return out;
  }
};

}  // namespace kobie

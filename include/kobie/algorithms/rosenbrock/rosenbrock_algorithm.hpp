/// \file
/// \brief The Rosenbrock(-W) family (ROS3P, RODAS3P, Rosenbrock23, RODAS4, RODAS5P): linearly implicit stages, one
/// matrix I − γ h J per step, no Newton iteration, as a component.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>

#include "kobie/algorithms/small_matrix.hpp"
#include "kobie/algorithms/stage_sum.hpp"
#include "kobie/algorithms/step_interface.hpp"
#include "kobie/algorithms/tableau_checks.hpp"
#include "kobie/core/detect.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/core/static_for.hpp"
#include "kobie/linear/linear_solver.hpp"
#include "kobie/linear/linear_solver_settings.hpp"
#include "kobie/memory/component.hpp"
#include "kobie/system/system_traits.hpp"
#include "kobie/system/time_derivative.hpp"

namespace kobie {

namespace Impl {
template <class T>
using embedded_dense_member = decltype(T::embedded_dense);
template <class T>
using residual_test_member = std::bool_constant<T::residual_test>;
template <class T>
using dense_output_member = std::bool_constant<T::has_dense_output>;
/// The tableau's optional error tests: an embedded interpolant, `residual_test = true`, `has_dense_output = true`.
template <class T>
using has_interpolation_error_test = is_detected<embedded_dense_member, T>;
template <class T>
using has_residual_test = detected_or_t<std::false_type, residual_test_member, T>;
template <class T>
using has_dense_output = detected_or_t<std::false_type, dense_output_member, T>;
}  // namespace Impl

/// \brief A Rosenbrock method in Hairer & Wanner's transformed variables (Solving ODEs II, §IV.7): stage i solves
///
///     (I − γ h J) U_i = γ h f(t + c_i h, y + Σ_{j<i} a_ij U_j) + γ Σ_{j<i} C_ij U_j + γ h² d_i ∂f/∂t
///
/// with J and ∂f/∂t taken at the step start (t, y); then y_new = y + Σ m_i U_i and the error estimate is Σ e_i U_i.
/// The linear-solver component solves the stages: the dense path factors I − γ h J once per attempt and back-solves
/// each stage; the matrix-free path runs its Krylov method (with its preconditioner) per stage. J, f(t, y) and
/// ∂f/∂t are kept across rejected attempts (y does not change) and recomputed after an accepted step; a device kernel
/// that keeps its buffers in registers (Binding::in_registers) recomputes them at every attempt instead.
///
/// Tableau (namespace kobie::tableaus): name, stages, order, embedded_order, w_method, gamma, a[s][s], C[s][s] (both
/// strictly lower), c[s] (c_0 = 0: the first stage reuses f(t, y)), d[s], m[s], e[s], and optionally dense output
/// coefficients (has_dense_output, dense_rows, dense: used only by the error tests below), an embedded interpolant
/// (embedded_dense: the interpolation error test) and `residual_test = true` (the residual test); see
/// interpolation_error() and residual_error(). A tableau without these options compiles to the plain step.
template <class Tableau>
struct RosenbrockAlgorithm {
  static constexpr const char* owner = "algorithm";
  static constexpr const char* name = Tableau::name;
  static constexpr int stages = Tableau::stages;
  static constexpr int order = Tableau::order;
  static constexpr int embedded_order = Tableau::embedded_order;
  static constexpr bool adaptive = embedded_order > 0;
  static constexpr int error_order = adaptive ? (order < embedded_order ? order : embedded_order) : 0;
  static constexpr bool fsal = false;
  static constexpr bool implicit = true;  // linearly implicit: needs J and a linear solve per stage
  using Linear = LinearSolver<1>;         // dense: one LU per step, a back-solve per stage

  /// \brief The stage increments U_i, stages × n.
  struct stage_increments : BufferDecl<DType::real> {
    static constexpr const char* name = "stage_increments";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return stages * s.n_states; }
  };
  /// \brief The stage value y + Σ a_ij U_j where f is evaluated (n).
  struct stage_state : BufferDecl<DType::real> {
    static constexpr const char* name = "stage_state";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  /// \brief The right-hand side of the stage's linear system (n).
  struct stage_rhs : BufferDecl<DType::real> {
    static constexpr const char* name = "stage_rhs";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  /// \brief ∂f/∂t at the step start (n), kept across rejected attempts.
  struct time_derivative : BufferDecl<DType::real, true> {
    static constexpr const char* name = "time_derivative";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  /// \brief The local error estimate (n).
  struct error : BufferDecl<DType::real> {
    static constexpr const char* name = "error";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return adaptive ? s.n_states : 0; }
  };
  /// \brief Stands in for a base state: a Rosenbrock method linearises at the step start y itself, so no copy of a
  /// base state is kept, only this flag: 1 while time_derivative belongs to the current (t, y).
  struct base_state_placeholder : BufferDecl<DType::int32, true> {
    static constexpr const char* name = "base_state_placeholder";
    static constexpr int count(const SystemSizes&) { return 1; }
  };
  /// \brief Linear-solver iterations of the current attempt, summed over its stages (reported to the loop).
  struct krylov_iters_out : BufferDecl<DType::int32> {
    static constexpr const char* name = "krylov_iters_out";
    static constexpr int count(const SystemSizes&) { return 1; }
  };
  /// \brief The residual test's ỹ(t + h/2), then its filtered defect (n): inside stage_state, free once y_new and the
  /// estimate are formed.
  struct residual_state : BufferDecl<DType::real> {
    static constexpr const char* name = "residual_state";
    using alias_of = stage_state;
    static constexpr int count(const SystemSizes& s) {
      return Impl::has_residual_test<Tableau>::value ? s.n_states : 0;
    }
  };
  /// \brief The residual test's defect h r (n): inside stage_rhs.
  struct residual_defect : BufferDecl<DType::real> {
    static constexpr const char* name = "residual_defect";
    using alias_of = stage_rhs;
    static constexpr int count(const SystemSizes& s) {
      return Impl::has_residual_test<Tableau>::value ? s.n_states : 0;
    }
  };
  /// \brief The residual test's f at the middle of the step (tableaus with dense output), or f(t + h, y_new) for the
  /// Hermite interpolant of tableaus without (n): inside stage_increments (its first stage's increment, no longer
  /// needed).
  struct residual_end_slope : BufferDecl<DType::real> {
    static constexpr const char* name = "residual_end_slope";
    using alias_of = stage_increments;
    static constexpr int count(const SystemSizes& s) {
      return Impl::has_residual_test<Tableau>::value ? s.n_states : 0;
    }
  };
  using buffers = TypeList<stage_increments, stage_state, stage_rhs, time_derivative, error, base_state_placeholder,
                           krylov_iters_out, residual_state, residual_defect, residual_end_slope>;
  using children = TypeList<Linear>;

  /// \brief Checks the tableau against the original coefficients it stands for: with Γ = (diag(1/γ) − C)⁻¹,
  /// α = a Γ, b = m Γ and b̂ = (m − e) Γ, the rows of α sum to c, the rows of Γ to d, and b and b̂ sum to 1; a and C are
  /// strictly lower triangular and c_0 = 0.
  static void validate() {
    const std::string who = std::string("kobie: Rosenbrock tableau '") + name + "'";
    if (!(Tableau::gamma > 0.0)) throw Error(who + ": gamma must be positive");
    if (Tableau::c[0] != 0.0) throw Error(who + ": the first stage must be at c = 0");
    double inverse_gamma[stages * stages];
    for (int i = 0; i < stages; ++i) {
      for (int j = 0; j < stages; ++j) {
        if (j >= i && (Tableau::a[i][j] != 0.0 || Tableau::C[i][j] != 0.0)) {
          throw Error(who + ": a and C must be strictly lower triangular");
        }
        inverse_gamma[i * stages + j] = (i == j ? 1.0 / Tableau::gamma : 0.0) - Tableau::C[i][j];
      }
    }
    double g[stages * stages];
    if (!Impl::invert_small(stages, inverse_gamma, g)) throw Error(who + ": diag(1/gamma) - C is singular");
    // Sums compared by the one tolerance rule of the tableau checks (see CoefficientSum).
    CoefficientSum weights, embedded_weights;
    for (int i = 0; i < stages; ++i) {
      CoefficientSum alpha_row, gamma_row, b, b_hat;
      for (int j = 0; j < stages; ++j) {
        gamma_row.add(g[i * stages + j]);
        for (int k = 0; k < stages; ++k) alpha_row.add(Tableau::a[i][k] * g[k * stages + j]);
        b.add(Tableau::m[j] * g[j * stages + i]);
        b_hat.add((Tableau::m[j] - Tableau::e[j]) * g[j * stages + i]);
      }
      const std::string row = " " + std::to_string(i);
      if (!alpha_row.matches(Tableau::c[i])) throw Error(who + ": row" + row + " of alpha differs from c");
      if (!gamma_row.matches(Tableau::d[i])) throw Error(who + ": row" + row + " of Gamma differs from d");
      weights.add(b);
      embedded_weights.add(b_hat);
    }
    if (!weights.matches(1.0)) throw Error(who + ": the weights b = m Gamma do not sum to 1");
    if (adaptive && !embedded_weights.matches(1.0)) {
      throw Error(who + ": the embedded weights (m - e) Gamma do not sum to 1");
    }
  }

  /// \brief The device object.
  template <class System, class Real, class Binding>
  struct Device {
    static constexpr int n = SystemTraits<System>::n_states;
    using LinearDevice = typename Linear::template Device<System, Real, typename Binding::template child<Linear>>;
    LinearDevice linear;
    BufferSet<RosenbrockAlgorithm, Binding> buffers;

    /// \brief A run begins: nothing is current.
    KOKKOS_FORCEINLINE_FUNCTION void start(const RunMemory& m) const {
      linear.start(m);
      at<base_state_placeholder>(buffers, m)[0] = 0;
    }

    /// \brief The error estimate of the last successful attempt (the loop reads it here: a constant address).
    KOKKOS_FORCEINLINE_FUNCTION const Real* error_estimate(const RunMemory& m) const { return at<error>(buffers, m); }

    /// \brief One attempt from (ctx.t, in.y) with ctx.h into y_new.
    KOKKOS_INLINE_FUNCTION StepOutcome<Real> step(const System& system, const StepContext<Real>& ctx,
                                                  const StepInputs<Real>& in, Real* y_new, const RunMemory& m) const {
      Real* u = at<stage_increments>(buffers, m);
      Real* y_stage = at<stage_state>(buffers, m);
      Real* rhs = at<stage_rhs>(buffers, m);
      Real* dfdt = at<time_derivative>(buffers, m);
      std::int32_t& dfdt_current = at<base_state_placeholder>(buffers, m)[0];
      std::int32_t& krylov = at<krylov_iters_out>(buffers, m)[0];
      const Real t = ctx.t;
      const Real h = ctx.h;
      StepOutcome<Real> out;
      if constexpr (adaptive) out.error = at<error>(buffers, m);
      // A register kernel evaluates J, f(t, y) and ∂f/∂t at every attempt: the same values after a rejection (y has not
      // changed), and none of them is live from one attempt to the next.
      if constexpr (Binding::in_registers) forget_step_start(m);
      linear.prepare(system, t, in.y, in.parameters, in.drivers, m);
      const Real* f0 = linear.f0(m);
      if (dfdt_current == 0) {
        kobie::time_derivative(system, t, in.y, in.parameters, in.drivers, f0, dfdt, rhs);
        dfdt_current = 1;
      }
      const Real gamma = Real(Tableau::gamma);
      // With dense LU a singular matrix fails the attempt, which still runs to its end on the identity's factors (a
      // jump over the stages would keep their values out of registers on a GPU); the loop discards its results.
      out.status = linear.set_matrix(h, 1, &gamma, m);
      if (out.status != status::success && !linear.dense()) return out;
      krylov = 0;
      const Real gh = gamma * h;
      bool failed = false;
      static_for<0, stages>([&](auto I) {
        constexpr int i = decltype(I)::value;
        if (failed) return;
        const Real* f = f0;
        if constexpr (!evaluates_at_start(i)) {
          for (int d = 0; d < n; ++d) y_stage[d] = in.y[d] + stage_sum<i, n, RowOfA<i>>(u, d);
          constexpr double ci = Tableau::c[i];
          system.rhs(t + Real(ci) * h, y_stage, in.parameters, in.drivers, rhs);
          f = rhs;
        }
        constexpr double di = Tableau::d[i];
        const Real time_term = gh * h * Real(di);
        for (int d = 0; d < n; ++d) {
          Real r = gh * f[d] + gamma * stage_sum<i, n, RowOfC<i>>(u, d);
          if constexpr (di != 0.0) r += time_term * dfdt[d];
          rhs[d] = r;
        }
        const LinearOutcome lin = linear.solve(system, t, in.y, in.parameters, in.drivers, rhs, u + i * n, m);
        krylov += lin.iterations;
        if (lin.status != status::success) {
          out.status = lin.status;
          failed = true;
        }
      });
      out.krylov_iters = krylov;
      if (failed) return out;
      for (int d = 0; d < n; ++d) y_new[d] = in.y[d] + stage_sum<stages, n, Weights>(u, d);
      if constexpr (adaptive) {
        Real* err = at<error>(buffers, m);
        if (ctx.want_error) {
          for (int d = 0; d < n; ++d) err[d] = stage_sum<stages, n, ErrorWeights>(u, d);
          if constexpr (Impl::has_interpolation_error_test<Tableau>::value) interpolation_error(u, err);
          if constexpr (Impl::has_residual_test<Tableau>::value) {
            const LinearOutcome lin = residual_error(system, t, h, in, y_new, u, err, m);
            krylov += lin.iterations;
            out.krylov_iters = krylov;
            if (lin.status != status::success) {
              out.status = lin.status;
              return out;
            }
          }
        }
      }
      return out;
    }

    /// \brief The interpolation error test of methods with an embedded interpolant (Steinebach's Rodas3P): per
    /// component, the estimate becomes the largest difference over θ ∈ [0, 1] of the two interpolants,
    /// D(θ) = θ E + θ(1 − θ)(A + θ B) with E the step's estimate, A = Σ (dense_0 − embedded_dense)_i U_i and
    /// B = Σ dense_1,i U_i (D(1) = E, so it never lowers the estimate).
    KOKKOS_INLINE_FUNCTION static void interpolation_error(const Real* u, Real* err) {
      for (int d = 0; d < n; ++d) {
        const Real a = stage_sum<stages, n, InterpolantDifference>(u, d);
        const Real b = stage_sum<stages, n, DenseRow1>(u, d);
        const Real e = err[d];
        // D(θ) = θ (e + a) + θ² (b − a) − θ³ b; extrema where D'(θ) = (e + a) + 2 (b − a) θ − 3 b θ² = 0.
        auto value = [&](Real th) { return math::abs(th * (e + a) + th * th * (b - a) - th * th * th * b); };
        Real worst = math::abs(e);
        const Real qa = Real(-3) * b, qb = Real(2) * (b - a), qc = e + a;
        if (qa != Real(0)) {
          const Real disc = qb * qb - Real(4) * qa * qc;
          if (disc >= Real(0)) {
            const Real root = math::sqrt(disc);
            const Real th1 = (-qb + root) / (Real(2) * qa);
            const Real th2 = (-qb - root) / (Real(2) * qa);
            if (th1 > Real(0) && th1 < Real(1)) worst = math::max(worst, value(th1));
            if (th2 > Real(0) && th2 < Real(1)) worst = math::max(worst, value(th2));
          }
        } else if (qb != Real(0)) {
          const Real th = -qc / qb;
          if (th > Real(0) && th < Real(1)) worst = math::max(worst, value(th));
        }
        err[d] = worst;
      }
    }

    /// \brief The residual test, after Steinebach's Rodas5Pr (G. Steinebach (2024), "Rosenbrock methods within
    /// OrdinaryDiffEq.jl - overview, recent developments and applications", Proceedings of the JuliaCon Conferences,
    /// Sect. 4): the interpolant's defect at the middle of the step, r = ỹ'(t + h/2) − f(t + h/2, ỹ(t + h/2)), costing
    /// one evaluation of f. The published test is ‖r‖ ≤ atol + rtol ‖ỹ(t + h/2)‖ with the unscaled r (in
    /// OrdinaryDiffEq.jl: EEst = max(EEst, ‖r‖₂ / ‖atol + rtol ỹ‖₂)); here it enters as the local error the defect
    /// causes over the step, by the variation-of-constants formula with the midpoint rule and φ₁(hJ) ≈ (I − γhJ)⁻¹:
    ///
    ///     err_i = max(|err_i|, |((I − γ h J)⁻¹ h r)_i|)
    ///
    /// (one more solve with the step's matrix; the loop then weighs it like the embedded estimate). The h makes it a
    /// local error (the unscaled defect depends on the unit of time); the filter (I − γhJ)⁻¹ is Shampine's filtering of
    /// stiff error estimates (Hairer & Wanner, Solving ODEs II, Sect. IV.8, as in RADAU5's estimate): for a stiff
    /// component the defect is λ times the interpolant's deviation from the slow manifold, which the step damps. The
    /// published form fails on POLLU at atol = 1e-10 (the first step is rejected down to h ~ 1e-18: a fast species'
    /// defect stays ~5e-6 until h resolves its 1/λ); the unfiltered h r costs 2-17x the steps on Robertson.
    ///
    /// ỹ is the method's own dense output, y(t + θh) = (1 − θ) y + θ (y_new + (1 − θ) Σ_k θ^k D_k) with D_k =
    /// Σ_i dense[k][i] U_i, so ỹ(t + h/2) = (y + y_new)/2 + ¼ Σ_k 2^−k D_k and h ỹ' = y_new − y + ¼ Σ_k k 2^(1−k) D_k.
    /// A tableau without dense output uses the cubic Hermite interpolant of (y, f(t, y), y_new, f(t + h, y_new)) (one
    /// more evaluation of f): ỹ(t + h/2) = (y + y_new)/2 + h (f(t, y) − f(t + h, y_new))/8 and h r = 3/2 (y_new − y) −
    /// h (f(t, y) + f(t + h, y_new))/4 − h f(t + h/2, ỹ), 3/2 times the step's residual in Simpson's rule.
    /// Scratch: the buffers residual_state, residual_defect and residual_end_slope, which alias stage buffers that are
    /// free once y_new, the estimate and the stage sums of the interpolant are formed.
    KOKKOS_INLINE_FUNCTION LinearOutcome residual_error(const System& system, Real t, Real h,
                                                        const StepInputs<Real>& in, const Real* y_new, const Real* u,
                                                        Real* err, const RunMemory& m) const {
      Real* y_mid = at<residual_state>(buffers, m);
      Real* hr = at<residual_defect>(buffers, m);
      const Real half_h = Real(0.5) * h;
      if constexpr (Impl::has_dense_output<Tableau>::value) {
        // Both sums over the stages first: the increments are then dead during the evaluation of f (measured on CUDA
        // for RODAS5P on Robertson: no change in registers; kept because their live range ends earlier).
        for (int d = 0; d < n; ++d) {
          y_mid[d] = Real(0.5) * (in.y[d] + y_new[d]) + Real(0.25) * stage_sum<stages, n, DenseMidValue>(u, d);
          hr[d] = (y_new[d] - in.y[d]) + Real(0.25) * stage_sum<stages, n, DenseMidSlope>(u, d);
        }
        Real* f_mid = at<residual_end_slope>(buffers, m);
        system.rhs(t + half_h, y_mid, in.parameters, in.drivers, f_mid);
        for (int d = 0; d < n; ++d) hr[d] = hr[d] - h * f_mid[d];
      } else {
        const Real* f0 = linear.f0(m);
        Real* f1 = at<residual_end_slope>(buffers, m);
        system.rhs(t + h, y_new, in.parameters, in.drivers, f1);
        for (int d = 0; d < n; ++d) y_mid[d] = Real(0.5) * (in.y[d] + y_new[d]) + Real(0.125) * h * (f0[d] - f1[d]);
        system.rhs(t + half_h, y_mid, in.parameters, in.drivers, hr);
        for (int d = 0; d < n; ++d) {
          hr[d] = Real(1.5) * (y_new[d] - in.y[d]) - Real(0.25) * h * (f0[d] + f1[d]) - h * hr[d];
        }
      }
      Real* filtered = y_mid;
      const LinearOutcome lin = linear.solve(system, t, in.y, in.parameters, in.drivers, hr, filtered, m);
      for (int d = 0; d < n; ++d) err[d] = math::max(math::abs(err[d]), math::abs(filtered[d]));
      return lin;
    }

    /// The weights of stage_sum: rows of a and C (their first i entries), m, e, for the interpolation error test
    /// dense_0 − embedded_dense and dense_1, and for the residual test the dense output's value and slope terms at
    /// θ = 1/2.
    template <int i>
    struct RowOfA {
      KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return Tableau::a[i][j]; }
    };
    template <int i>
    struct RowOfC {
      KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return Tableau::C[i][j]; }
    };
    struct Weights {
      KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return Tableau::m[j]; }
    };
    struct ErrorWeights {
      KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return Tableau::e[j]; }
    };
    struct InterpolantDifference {
      KOKKOS_INLINE_FUNCTION static constexpr double at(int j) {
        return Tableau::dense[0][j] - Tableau::embedded_dense[j];
      }
    };
    struct DenseRow1 {
      KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return Tableau::dense[1][j]; }
    };
    /// Σ_k 2^−k dense[k][j] and Σ_k k 2^(1−k) dense[k][j] (see residual_error()).
    struct DenseMidValue {
      KOKKOS_INLINE_FUNCTION static constexpr double at(int j) {
        double s = 0.0, w = 1.0;
        for (int k = 0; k < Tableau::dense_rows; ++k, w *= 0.5) s += w * Tableau::dense[k][j];
        return s;
      }
    };
    struct DenseMidSlope {
      KOKKOS_INLINE_FUNCTION static constexpr double at(int j) {
        double s = 0.0, w = 2.0;
        for (int k = 0; k < Tableau::dense_rows; ++k, w *= 0.5) s += k * w * Tableau::dense[k][j];
        return s;
      }
    };

    /// \brief True when stage i evaluates f at (t, y) itself (c_i = 0 and no a_ij): f(t, y) is reused.
    KOKKOS_INLINE_FUNCTION static constexpr bool evaluates_at_start(int i) {
      if (Tableau::c[i] != 0.0) return false;
      for (int j = 0; j < i; ++j) {
        if (Tableau::a[i][j] != 0.0) return false;
      }
      return true;
    }

    /// \brief The state moved: J, f(t, y) and ∂f/∂t are stale.
    KOKKOS_FORCEINLINE_FUNCTION StatusBits accepted(const StepContext<Real>&, const RunMemory& m) const {
      forget_step_start(m);
      return status::success;
    }
    /// \brief Mark J, f(t, y) and ∂f/∂t as not current: the next attempt evaluates them again.
    KOKKOS_FORCEINLINE_FUNCTION void forget_step_start(const RunMemory& m) const {
      linear.invalidate(m);
      at<base_state_placeholder>(buffers, m)[0] = 0;
    }
    /// \brief y did not change: J, f(t, y) and ∂f/∂t stay.
    KOKKOS_FORCEINLINE_FUNCTION void rejected(const RunMemory&) const {}
  };

  /// \brief The device object bound to the registry's buffers.
  template <class System, class Real, class Binding>
  static Device<System, Real, Binding> device(const LinearSolverParts& parts, const BufferRegistry& registry) {
    Device<System, Real, Binding> d;
    d.linear = Linear::template device<System, Real, typename Binding::template child<Linear>>(parts, registry);
    // No Newton iteration corrects a stage: an inexact Krylov solve is an error of y_new itself. The matrix-free
    // solves therefore stop at krylov_tolerance · min(rtol) (relative residual), not above 100 ε of Real.
    const double floor = 100.0 * static_cast<double>(math::epsilon<Real>());
    const double tol = parts.linear.krylov_tolerance * parts.tolerances.smallest_rtol();
    d.linear.params.tolerance = static_cast<Real>(tol > floor ? tol : floor);
    d.buffers.bind(registry);
    return d;
  }
};

}  // namespace kobie

/// \file
/// \brief The Newton component of implicit algorithms: simplified Newton iterations on the stage equations
/// G(z) = 0 with the matrix W = I − h (A ⊗ J), J frozen at the step start, and the contraction-rate stopping rules.
#pragma once

#include <Kokkos_Core.hpp>
#include <cstdint>
#include <string>

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/linear/linear_solver.hpp"
#include "kobie/memory/component.hpp"
#include "kobie/newton/newton_settings.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

/// \brief What one Newton solve reports.
struct NewtonOutcome {
  StatusBits status = status::success;  ///< success, or why the iteration stopped
  int iterations = 0;                   ///< Newton iterations (linear solves) made
  int krylov_iterations = 0;            ///< linear-solver iterations of all of them
  int jacobian_refreshes = 0;           ///< Jacobians re-evaluated at an iterate during the solve
};

/// \brief Newton's iteration for up to Blocks coupled stages (registry owner `newton`), with its linear solver.
///
/// The stage equations of an implicit Runge–Kutta stage (or of all stages of a FIRK) are G(z) = 0 with
/// G(z) = β·z − γ·h·f(t + c·h, base + a·z) per block (β = 1, a = 1 here; γ the coupling coefficient), solved by
/// z ← z + δ, W δ = −G(z). Iterates are measured in the step's error weights w_i = atol_i + rtol_i |y_i|; with the
/// rate θ = max(0.3 θ_prev, ‖δ_k‖/‖δ_{k−1}‖) the solve has converged when θ < 1 and θ/(1−θ) ‖δ_k‖ < κ
/// (κ = newton_tolerance, at least 10 ε/rtol, at most 1), diverged when
/// θ > newton_divergence or a value is not finite, stagnated when θ ≥ newton_stagnation. The first iterate of a solve
/// has no rate of its own: it is judged with η = max(θ_prev/(1−θ_prev), 1), so it converges only when the first
/// increment is itself below κ (Hairer & Wanner's η_prev^0.8 trusted a fast previous solve too far when the predictor
/// was poor: measured on HIRES, Radau IIA 5 then ended 260× rtol from the reference instead of 0.2×).
///
/// When the iteration diverges, stagnates or runs out of iterations, J is re-evaluated at an iterate (the algorithm
/// names the state of an iterate, e.g. its stage state; see solve()) and the matrix is set again before the failure is
/// reported, at most newton_max_jacobian_refreshes times per step attempt (newton_max_jacobian_refreshes_fixed with a
/// fixed step), as CVODE and RADAU5 refresh a stale Jacobian before they shrink the step. A Jacobian taken at the step
/// start can miss what dominates one step later (Robertson from y₂ = 0), and a fixed-step run has no smaller step to
/// retreat to.
template <int Blocks, bool Transformed = false>
struct NewtonSolver {
  static constexpr const char* owner = "newton";
  using Linear = LinearSolver<Blocks, Transformed>;

  /// \brief The increment δ of the current iteration (Blocks·n).
  struct newton_increment : BufferDecl<DType::real> {
    static constexpr const char* name = "newton_increment";
    static constexpr int count(const SystemSizes& s) { return Blocks * s.n_states; }
  };
  /// \brief The residual G(z), then the right-hand side −G(z) (Blocks·n).
  struct newton_residual : BufferDecl<DType::real> {
    static constexpr const char* name = "newton_residual";
    static constexpr int count(const SystemSizes& s) { return Blocks * s.n_states; }
  };
  /// \brief Linear-solver iterations of the current Newton solve.
  struct krylov_iters_local : BufferDecl<DType::int32> {
    static constexpr const char* name = "krylov_iters_local";
    static constexpr int count(const SystemSizes&) { return 1; }
  };
  /// \brief The contraction rate of the last solve, the first guess of the next.
  struct newton_rate : BufferDecl<DType::real, true> {
    static constexpr const char* name = "newton_rate";
    static constexpr int count(const SystemSizes&) { return 1; }
  };
  /// \brief The iterate a pass of iterations started from (Blocks·n): whether it was a predictor, and where J is
  /// re-evaluated after the pass diverged.
  struct newton_start : BufferDecl<DType::real> {
    static constexpr const char* name = "newton_start";
    static constexpr int count(const SystemSizes& s) { return Blocks * s.n_states; }
  };
  /// \brief The point of the last Jacobian refresh: y (n), f(t, y) (n), t.
  struct jacobian_point : BufferDecl<DType::real, true> {
    static constexpr const char* name = "jacobian_point";
    static constexpr int count(const SystemSizes& s) { return 2 * s.n_states + 1; }
  };
  /// \brief [0]: 1 while J is the one of jacobian_point (not the step start's); [1]: refreshes in this attempt.
  struct jacobian_refresh_state : BufferDecl<DType::int32, true> {
    static constexpr const char* name = "jacobian_refresh_state";
    static constexpr int count(const SystemSizes&) { return 2; }
  };
  using buffers = TypeList<newton_increment, newton_residual, krylov_iters_local, newton_rate, newton_start,
                           jacobian_point, jacobian_refresh_state>;
  using children = TypeList<Linear>;

  /// \brief The device object.
  template <class System, class Real, class Binding>
  struct Device {
    static constexpr int n = SystemTraits<System>::n_states;
    using LinearDevice = typename Linear::template Device<System, Real, typename Binding::template child<Linear>>;

    LinearDevice linear;
    Kokkos::Array<Real, n> atol;
    Kokkos::Array<Real, n> rtol;
    int max_iters = 8;
    int max_refreshes = 2;
    Real kappa = Real(0.01);
    Real divergence = Real(2);
    Real stagnation = Real(0.9);
    BufferSet<NewtonSolver, Binding> buffers;

    /// \brief A run begins.
    KOKKOS_FORCEINLINE_FUNCTION void start(const RunMemory& m) const {
      at<newton_rate>(buffers, m)[0] = Real(1);
      at<jacobian_refresh_state>(buffers, m)[0] = 0;
      linear.start(m);
    }
    /// \brief The step was accepted: the state moved, the Jacobian is stale.
    KOKKOS_FORCEINLINE_FUNCTION void accepted(const RunMemory& m) const {
      at<jacobian_refresh_state>(buffers, m)[0] = 0;
      linear.invalidate(m);
    }

    /// \brief f(t, y) and the Jacobian information for a step from (t, y) (kept across rejected attempts, with any
    /// refresh of an earlier attempt); a new attempt may refresh newton_max_jacobian_refreshes times again.
    KOKKOS_FORCEINLINE_FUNCTION void prepare(const System& system, Real t, const Real* y, const Real* p,
                                             const Real* drivers, const RunMemory& m) const {
      at<jacobian_refresh_state>(buffers, m)[1] = 0;
      linear.prepare(system, t, y, p, drivers, m);
    }
    /// \brief f(t, y) at the step start (after prepare()).
    KOKKOS_FORCEINLINE_FUNCTION const Real* f0(const RunMemory& m) const { return linear.f0(m); }

    /// \brief Set the matrix I − h (A ⊗ J) for `nb` blocks with coupling A (row-major nb×nb).
    KOKKOS_FORCEINLINE_FUNCTION StatusBits set_matrix(Real h, int nb, const Real* a, const RunMemory& m) const {
      return linear.set_matrix(h, nb, a, m);
    }

    /// \brief x = (I − h γ J)⁻¹ b for one block (see LinearSolver::Device::solve_shifted()).
    KOKKOS_FORCEINLINE_FUNCTION LinearOutcome linear_solve_shifted(const System& system, Real t, const Real* y,
                                                                   const Real* p, const Real* drivers, Real h,
                                                                   Real gamma, const Real* b, Real* x,
                                                                   const RunMemory& m) const {
      return linear.solve_shifted(system, t, y, p, drivers, h, gamma, b, x, m);
    }

    /// \brief Solve G(z) = 0 for the Blocks·n unknowns z (z holds the predictor on entry, the solution on success),
    /// with the matrix of the last set_matrix(). `residual(z, G)` writes G(z); `point(z, t_J)` returns the state (and
    /// sets t_J, its time) where J is re-evaluated when the iteration fails (see the struct). The weights come from y,
    /// the state at the step start.
    template <class Residual, class Point>
    KOKKOS_INLINE_FUNCTION NewtonOutcome solve(const System& system, Real t, const Real* y, const Real* p,
                                               const Real* drivers, Real* z, const Residual& residual,
                                               const Point& point, const RunMemory& m) const {
      std::int32_t* refresh = at<jacobian_refresh_state>(buffers, m);
      Real* at_point = at<jacobian_point>(buffers, m);
      Real* start = at<newton_start>(buffers, m);
      at<krylov_iters_local>(buffers, m)[0] = 0;
      constexpr int dim = Blocks * n;
      NewtonOutcome out;
      bool from_zero = false;  // a diverging pass from a predictor was retried from z = 0
      // Whether J was taken where this pass starts: tracked, not found by comparing states (a comparison with the kept
      // refresh point holds that point in registers through every stage of a GPU kernel). J taken at the step start
      // or at another stage's iterate is never where a stage's pass starts, as c_i h and the stage base differ.
      bool jacobian_at_start = false;
      for (;;) {
        for (int i = 0; i < dim; ++i) start[i] = z[i];
        out.status = iterate(system, t, y, p, drivers, z, residual, out, m);
        const bool refreshable = out.status == status::newton_divergence || out.status == status::newton_stagnation ||
                                 out.status == status::newton_iterations_exceeded;
        if (!refreshable) return out;
        // A pass that diverged from a predictor is first retried once from z = 0 (the stage's base) with the same J:
        // an explicit predictor can leave the region where the stage equation has the wanted root (a negative
        // concentration). Then, within the budget, J is re-evaluated: after divergence at the pass's first iterate
        // (its last finite iterate when J was taken there already), and the iteration starts again from z = 0; after
        // slow convergence (stagnation, the iteration limit) at the last iterate, from which it goes on.
        const bool diverged = out.status == status::newton_divergence;
        if (diverged && !from_zero && !all_zero(start, dim)) {
          from_zero = true;
          jacobian_at_start = false;  // J stays where it was taken, which is not the stage base
          for (int i = 0; i < dim; ++i) z[i] = Real(0);
          continue;
        }
        if (refresh[1] >= max_refreshes) return out;
        Real tj = t;
        const Real* yj = nullptr;
        // Two branches, not one point() through a pointer chosen between z and start: the chosen pointer put the
        // run's block in local memory on CUDA (Kvaerno5, Robertson: an 800-byte frame).
        if (diverged) {  // the next pass starts from z = 0: J is taken there when the iterate chosen is 0
          if (jacobian_at_start) {
            yj = point(z, tj);
            jacobian_at_start = all_zero(z, dim);
          } else {
            yj = point(start, tj);
            jacobian_at_start = all_zero(start, dim);
          }
          for (int i = 0; i < dim; ++i) z[i] = Real(0);
        } else {  // the next pass goes on from z, where J is taken
          yj = point(z, tj);
          jacobian_at_start = true;
        }
        for (int d = 0; d < n; ++d) at_point[d] = yj[d];
        at_point[2 * n] = tj;
        system.rhs(tj, at_point, p, drivers, at_point + n);
        refresh[0] = 1;
        ++refresh[1];
        ++out.jacobian_refreshes;
        const StatusBits s = linear.refresh(system, tj, at_point, at_point + n, p, drivers, m);
        if (s != status::success) {
          out.status = s;
          return out;
        }
      }
    }

   private:
    KOKKOS_INLINE_FUNCTION static bool all_zero(const Real* v, int dim) {
      for (int i = 0; i < dim; ++i) {
        if (v[i] != Real(0)) return false;
      }
      return true;
    }

    /// Where the current J was taken: the step start (t, y), whose f is the linear solver's f0 (f = nullptr), or the
    /// last refresh's point.
    struct JacobianAt {
      Real t;
      const Real* y;
      const Real* f;
    };
    KOKKOS_INLINE_FUNCTION JacobianAt jacobian_at(Real t, const Real* y, const RunMemory& m) const {
      if (at<jacobian_refresh_state>(buffers, m)[0] == 0) return JacobianAt{t, y, nullptr};
      const Real* q = at<jacobian_point>(buffers, m);
      return JacobianAt{q[2 * n], q, q + n};
    }

    /// Newton iterations from z with the current matrix until convergence or failure (its status). z keeps the last
    /// iterate whose increment was finite and within the divergence and stagnation bounds.
    template <class Residual>
    KOKKOS_INLINE_FUNCTION StatusBits iterate(const System& system, Real t, const Real* y, const Real* p,
                                              const Real* drivers, Real* z, const Residual& residual,
                                              NewtonOutcome& out, const RunMemory& m) const {
      Real* delta = at<newton_increment>(buffers, m);
      Real* g = at<newton_residual>(buffers, m);
      std::int32_t& krylov_count = at<krylov_iters_local>(buffers, m)[0];
      Real& rate = at<newton_rate>(buffers, m)[0];
      const JacobianAt j = jacobian_at(t, y, m);
      constexpr int dim = Blocks * n;
      Real theta = rate;
      Real previous = Real(0);
      for (int k = 0; k < max_iters; ++k) {
        residual(z, g);
        for (int i = 0; i < dim; ++i) g[i] = -g[i];
        const LinearOutcome lin = linear.solve(system, j.t, j.y, p, drivers, g, delta, m, j.f);
        krylov_count += lin.iterations;
        out.krylov_iterations = krylov_count;
        ++out.iterations;
        if (lin.status != status::success) return lin.status;
        Real sum = Real(0);
        for (int b = 0; b < Blocks; ++b) {
          for (int d = 0; d < n; ++d) {
            const Real w = atol[d] + rtol[d] * math::abs(y[d]);
            const Real v = delta[b * n + d] / w;
            sum += v * v;
          }
        }
        const Real norm = math::sqrt(sum / Real(dim));
        if (!math::isfinite(norm)) return status::newton_divergence;
        if (k > 0) {
          theta = math::max(Real(0.3) * theta, norm / previous);
          if (theta > divergence) return status::newton_divergence;
          if (theta >= stagnation) return status::newton_stagnation;
        }
        for (int i = 0; i < dim; ++i) z[i] += delta[i];
        // The first iterate has no rate of its own; the last solve's rate may be far smaller than this one's (the
        // predictor can be far off), so it is trusted only up to η = 1: the first increment must itself be below κ.
        const Real eta = k > 0 ? theta / (Real(1) - theta) : math::max(theta / (Real(1) - theta), Real(1));
        if (norm == Real(0) || (theta < Real(1) && eta * norm < kappa)) {
          rate = theta;
          return status::success;
        }
        previous = norm;
      }
      return status::newton_iterations_exceeded;
    }
  };

  /// \brief The device object bound to the registry's buffers.
  template <class System, class Real, class Binding>
  static Device<System, Real, Binding> device(const NewtonParts& parts, const BufferRegistry& registry) {
    using D = Device<System, Real, Binding>;
    D d;
    d.linear = Linear::template device<System, Real, typename Binding::template child<Linear>>(parts, registry);
    const auto& at_ = parts.tolerances.atol;
    const auto& rt_ = parts.tolerances.rtol;
    for (int i = 0; i < D::n; ++i) {
      const std::size_t ia = at_.size() == static_cast<std::size_t>(D::n) ? static_cast<std::size_t>(i) : 0;
      const std::size_t ir = rt_.size() == static_cast<std::size_t>(D::n) ? static_cast<std::size_t>(i) : 0;
      d.atol[i] = static_cast<Real>(at_[ia]);
      d.rtol[i] = static_cast<Real>(rt_[ir]);
    }
    d.max_iters = parts.newton.newton_max_iters;
    d.max_refreshes = parts.fixed_step ? parts.newton.newton_max_jacobian_refreshes_fixed
                                       : parts.newton.newton_max_jacobian_refreshes;
    // Increments at round-off level measure about ε/rtol in the error weights: κ never goes below 10 ε / rtol (as
    // Hairer & Wanner's RADAU5 bounds its Newton tolerance), or a tight rtol would ask Newton for noise.
    const double floor = 10.0 * static_cast<double>(math::epsilon<Real>()) / parts.tolerances.smallest_rtol();
    const double kappa = parts.newton.newton_tolerance > floor ? parts.newton.newton_tolerance : floor;
    d.kappa = static_cast<Real>(kappa < 1.0 ? kappa : 1.0);
    d.divergence = static_cast<Real>(parts.newton.newton_divergence);
    d.stagnation = static_cast<Real>(parts.newton.newton_stagnation);
    d.buffers.bind(registry);
    return d;
  }
};

}  // namespace kobie

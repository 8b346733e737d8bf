/// \file
/// \brief The diagonally implicit Runge–Kutta family (backward Euler, Crank–Nicolson, SDIRK, ESDIRK): stages solved
/// one after another by Newton's iteration, as a component.
#pragma once

#include <string>
#include <type_traits>

#include "kobie/algorithms/stage_sum.hpp"
#include "kobie/algorithms/step_interface.hpp"
#include "kobie/algorithms/tableau_checks.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/core/static_for.hpp"
#include "kobie/memory/component.hpp"
#include "kobie/newton/newton_settings.hpp"
#include "kobie/newton/newton_solver.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

/// \brief A DIRK method from a tableau with lower-triangular `a` (diagonal included): each stage with a_ii ≠ 0 solves
/// z − h a_ii f(t + c_i h, base_i + z) = 0 for its increment z over base_i = y + h Σ_{j<i} a_ij k_j, then
/// k_i = z / (h a_ii); stages with a_ii = 0 are explicit (an explicit first stage at c = 0 is f(t, y)). The Newton
/// matrix I − h a_ii J is factored once per distinct diagonal value in a step. The predictor of a stage's increment
/// is h a_ii times the previous stage's derivative (f(t, y) for the first) when Predict, else 0. Error estimate:
/// h Σ (b_i − b̂_i) k_i.
template <class Tableau, bool Predict = true>
struct DirkAlgorithm {
  static constexpr const char* owner = "algorithm";
  static constexpr const char* name = Tableau::name;
  static constexpr int stages = Tableau::stages;
  static constexpr int order = Tableau::order;
  static constexpr int embedded_order = Tableau::embedded_order;
  static constexpr bool adaptive = embedded_order > 0;
  static constexpr int error_order = adaptive ? (order < embedded_order ? order : embedded_order) : 0;
  static constexpr bool fsal = false;
  static constexpr bool implicit = true;
  /// The `auto` controller: Gustafsson's predictive one (the tableau may name another). Measured on the stiff
  /// reference set at rtol = 1e-6, PI left Kvaerno3 on HIRES at 10.7× and Kvaerno5 on a Brusselator at 22× rtol;
  /// Gustafsson's brought them to 8.4× and 0.9×.
  static constexpr const char* default_controller = default_controller_or<Tableau>("gustafsson");
  static constexpr bool predict = Predict;
  using Newton = NewtonSolver<1>;

  /// \brief k_i = f(t + c_i h, Y_i), stages × n.
  struct stage_derivatives : BufferDecl<DType::real> {
    static constexpr const char* name = "stage_derivatives";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return stages * s.n_states; }
  };
  /// \brief base_i = y + h Σ_{j<i} a_ij k_j of the stage being solved (n).
  struct stage_base : BufferDecl<DType::real> {
    static constexpr const char* name = "stage_base";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  /// \brief The stage increment z (Newton's unknown, n).
  struct stage_increment : BufferDecl<DType::real> {
    static constexpr const char* name = "stage_increment";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  /// \brief The stage value base + z where f is evaluated (n).
  struct stage_state : BufferDecl<DType::real> {
    static constexpr const char* name = "stage_state";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  /// \brief The local error estimate (n).
  struct error : BufferDecl<DType::real> {
    static constexpr const char* name = "error";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  using buffers = TypeList<stage_derivatives, stage_base, stage_increment, stage_state, error>;
  using children = TypeList<Newton>;

  /// \brief Checks the tableau: lower triangular, row sums equal c, weights sum to 1.
  static void validate() {
    for (int i = 0; i < stages; ++i) {
      for (int j = i + 1; j < stages; ++j) {
        if (Tableau::a[i][j] != 0.0) {
          throw Error(std::string("kobie: DIRK tableau '") + name + "' has a_ij != 0 above the diagonal");
        }
      }
    }
    check_row_sums_and_weights<Tableau>("DIRK");
  }

  /// \brief The device object.
  template <class System, class Real, class Binding>
  struct Device {
    static constexpr int n = SystemTraits<System>::n_states;
    using NewtonDevice = typename Newton::template Device<System, Real, typename Binding::template child<Newton>>;
    NewtonDevice newton;
    BufferSet<DirkAlgorithm, Binding> buffers;

    /// \brief A run begins.
    KOKKOS_FORCEINLINE_FUNCTION void start(const RunMemory& m) const { newton.start(m); }

    /// \brief The error estimate of the last successful attempt (the loop reads it here: a constant address).
    KOKKOS_FORCEINLINE_FUNCTION const Real* error_estimate(const RunMemory& m) const { return at<error>(buffers, m); }

    /// \brief One attempt from (ctx.t, in.y) with ctx.h into y_new.
    KOKKOS_INLINE_FUNCTION StepOutcome<Real> step(const System& system, const StepContext<Real>& ctx,
                                                  const StepInputs<Real>& in, Real* y_new, const RunMemory& m) const {
      Real* k = at<stage_derivatives>(buffers, m);
      Real* base = at<stage_base>(buffers, m);
      Real* z = at<stage_increment>(buffers, m);
      Real* y_stage = at<stage_state>(buffers, m);
      const Real h = ctx.h;
      const Real t = ctx.t;
      StepOutcome<Real> out;
      if constexpr (adaptive) out.error = at<error>(buffers, m);
      newton.prepare(system, t, in.y, in.parameters, in.drivers, m);
      const Real* f0 = newton.f0(m);
      // After a failure (singular matrix, Newton) the attempt still runs to its end, without Newton solves: a jump over
      // the rest would keep the stage values out of registers on a GPU. The loop discards the attempt's results.
      bool failed = false;
      static_for<0, stages>([&](auto I) {
        constexpr int i = decltype(I)::value;
        constexpr double aii = Tableau::a[i][i];
        constexpr double ci = Tableau::c[i];
        for (int d = 0; d < n; ++d) base[d] = in.y[d] + h * stage_sum<i, n, RowOfA<i>>(k, d);
        if constexpr (aii == 0.0) {
          if constexpr (i == 0 && ci == 0.0) {
            for (int d = 0; d < n; ++d) k[d] = f0[d];
          } else {
            system.rhs(t + Real(ci) * h, base, in.parameters, in.drivers, k + i * n);
          }
        } else {
          if constexpr (new_diagonal(i)) {
            const Real coupling = Real(aii);
            const StatusBits s = newton.set_matrix(h, 1, &coupling, m);
            if (s != status::success && !failed) {  // the first failure is the attempt's status
              out.status = s;
              failed = true;
            }
          }
          const Real* previous = i > 0 ? k + (i - 1) * n : f0;
          for (int d = 0; d < n; ++d) z[d] = predict ? h * Real(aii) * previous[d] : Real(0);
          const Real ti = t + Real(ci) * h;
          Real* ki = k + i * n;
          auto residual = [&](const Real* zz, Real* g) {
            for (int d = 0; d < n; ++d) y_stage[d] = base[d] + zz[d];
            system.rhs(ti, y_stage, in.parameters, in.drivers, ki);
            for (int d = 0; d < n; ++d) g[d] = zz[d] - h * Real(aii) * ki[d];
          };
          auto point = [&](const Real* zz, Real& tj) -> const Real* {  // J is refreshed at the stage state
            for (int d = 0; d < n; ++d) y_stage[d] = base[d] + zz[d];
            tj = ti;
            return y_stage;
          };
          NewtonOutcome o;
          if (!failed) o = newton.solve(system, t, in.y, in.parameters, in.drivers, z, residual, point, m);
          out.newton_iters += o.iterations;
          out.krylov_iters += o.krylov_iterations;
          out.jacobian_refreshes += o.jacobian_refreshes;
          if (o.status != status::success) {
            out.status = o.status;
            failed = true;
          }
          const Real inv = Real(1) / (h * Real(aii));
          for (int d = 0; d < n; ++d) ki[d] = z[d] * inv;
        }
      });
      for (int d = 0; d < n; ++d) y_new[d] = in.y[d] + h * stage_sum<stages, n, Weights>(k, d);
      if constexpr (adaptive) {
        Real* err = at<error>(buffers, m);
        if (ctx.want_error) {
          for (int d = 0; d < n; ++d) err[d] = h * stage_sum<stages, n, ErrorWeights>(k, d);
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

   private:
    /// The weights of stage_sum: row i of a (its first i entries), b, and b − b̂.
    template <int i>
    struct RowOfA {
      KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return Tableau::a[i][j]; }
    };
    struct Weights {
      KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return Tableau::b[j]; }
    };
    struct ErrorWeights {
      KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return Tableau::b[j] - Tableau::b_hat[j]; }
    };

    /// True when stage i is implicit and its diagonal differs from the last implicit stage's before it.
    KOKKOS_INLINE_FUNCTION static constexpr bool new_diagonal(int i) {
      for (int j = i - 1; j >= 0; --j) {
        if (Tableau::a[j][j] != 0.0) return Tableau::a[j][j] != Tableau::a[i][i];
      }
      return true;
    }
  };

  /// \brief The device object bound to the registry's buffers.
  template <class System, class Real, class Binding>
  static Device<System, Real, Binding> device(const NewtonParts& parts, const BufferRegistry& registry) {
    Device<System, Real, Binding> d;
    d.newton = Newton::template device<System, Real, typename Binding::template child<Newton>>(parts, registry);
    d.buffers.bind(registry);
    return d;
  }
};

}  // namespace kobie

/// \file
/// \brief The explicit Runge–Kutta family: one step driven by compile-time tableau data, as a component.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include "kobie/algorithms/erk/tableau_checks.hpp"
#include "kobie/algorithms/step_interface.hpp"
#include "kobie/core/compat.hpp"
#include "kobie/core/detect.hpp"
#include "kobie/core/static_for.hpp"
#include "kobie/memory/component.hpp"
#include "kobie/memory/component_parts.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

namespace Impl {
template <class T>
using stiffness_threshold_member = decltype(T::stiffness_threshold);
/// Tableau T's `stiffness_threshold`, or 0 (no stiffness test) when it declares none.
template <class T>
constexpr double stiffness_threshold_of() {
  if constexpr (is_detected_v<stiffness_threshold_member, T>) {
    return T::stiffness_threshold;
  } else {
    return 0.0;
  }
}
}  // namespace Impl

/// \brief Explicit Runge–Kutta method with the coefficients of Tableau (see algorithms/erk/tableaus/).
///
/// Every coefficient is a compile-time constant: stage loops are unrolled and zero coefficients cost nothing. The
/// first stage f(t, y) is reused after a rejected step (y did not change) and, for FSAL tableaus, the last stage of an
/// accepted step is the next first stage. A tableau with `stiffness_threshold` (Dormand–Prince 5(4)) runs Hairer's
/// stiffness test on its last two stages and reports status::stiffness_suspected.
template <class Tableau>
struct ErkAlgorithm {
  static constexpr const char* owner = "algorithm";
  static constexpr const char* name = Tableau::name;
  using tableau = Tableau;
  static constexpr int stages = Tableau::stages;
  static constexpr int order = Tableau::order;
  static constexpr int embedded_order = Tableau::embedded_order;
  static constexpr bool adaptive = embedded_order > 0;
  /// \brief Order used by step-size control: min(order, embedded order); 0 without an error estimate.
  static constexpr int error_order = !adaptive ? 0 : (embedded_order < order ? embedded_order : order);
  static constexpr bool fsal = Tableau::fsal;
  static constexpr bool implicit = false;
  static constexpr double stiffness_threshold = Impl::stiffness_threshold_of<Tableau>();
  static constexpr bool stiffness_test = stiffness_threshold > 0.0;
  /// \brief Stiffness test every this many accepted steps, and at every step while a test was positive (Hairer).
  static constexpr int stiffness_interval = 1000;
  /// \brief Consecutive positive tests that report stiffness, and negative ones that clear the count (Hairer).
  static constexpr int stiffness_positives = 15;
  static constexpr int stiffness_negatives = 6;

  /// \brief k_i = f(t + c_i h, Y_i), stages × n; the first stage is kept between steps.
  struct stage_derivatives : BufferDecl<DType::real, true> {
    static constexpr const char* name = "stage_derivatives";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return stages * s.n_states; }
  };
  /// \brief The stage value Y_i being evaluated (n).
  struct stage_state : BufferDecl<DType::real> {
    static constexpr const char* name = "stage_state";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  /// \brief The error estimate h Σ (b_i − b̂_i) k_i (n; none without an embedded pair).
  struct error : BufferDecl<DType::real> {
    static constexpr const char* name = "error";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return adaptive ? s.n_states : 0; }
  };
  /// \brief 1 when stage_derivatives[0..n) holds f(t, y) of the current state (after a rejection, or FSAL).
  struct first_stage_ready : BufferDecl<DType::int32, true> {
    static constexpr const char* name = "first_stage_ready";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes&) { return 1; }
  };
  /// \brief Hairer's stiffness test, packed in one int32 (see StiffnessCounters): one register on CUDA.
  struct stiffness_counters : BufferDecl<DType::int32, true> {
    static constexpr const char* name = "stiffness_counters";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes&) { return stiffness_test ? 1 : 0; }
  };
  /// \brief The state of Hairer's stiffness test, packed in one int: accepted steps left until the next periodic test
  /// (bits 0–9), consecutive positive tests (10–14), consecutive negative tests while some positives count (15–17),
  /// and the result of the step being tried (18–19). Between tests only the countdown is non-zero, so the common step
  /// costs a compare and a decrement.
  struct StiffnessCounters {
    enum Result : int { untested = 0, negative = 1, positive = 2 };
    int countdown = stiffness_interval - 1;
    int positives = 0;
    int negatives = 0;
    int result = untested;

    KOKKOS_FORCEINLINE_FUNCTION static StiffnessCounters unpack(std::int32_t w) {
      return StiffnessCounters{w & 1023, (w >> 10) & 31, (w >> 15) & 7, (w >> 18) & 3};
    }
    KOKKOS_FORCEINLINE_FUNCTION std::int32_t pack() const {
      return countdown | (positives << 10) | (negatives << 15) | (result << 18);
    }
    /// True when this step runs the test: the periodic one, or every step while positives count.
    KOKKOS_FORCEINLINE_FUNCTION static bool due(std::int32_t w) { return (w & 1023) == 0 || ((w >> 10) & 31) != 0; }
  };
  static_assert(stiffness_interval <= 1024 && stiffness_positives < 32 && stiffness_negatives < 8,
                "the stiffness counters must fit their bit fields");

  using buffers = TypeList<stage_derivatives, stage_state, error, first_stage_ready, stiffness_counters>;
  using children = TypeList<>;

  /// \brief Checks the tableau (row sums, weights, explicit shape, FSAL shape); Error naming the violation.
  static void validate() { validate_tableau<Tableau>(); }

  /// \brief The first j < i with a_ij != 0 (i when the row is zero).
  KOKKOS_INLINE_FUNCTION static constexpr int first_nonzero(int i) {
    int j = 0;
    while (j < i && Tableau::a[i][j] == 0.0) ++j;
    return j;
  }

  /// \brief The arithmetic of one step on caller memory. The buffers are distinct registry buffers, so the pointers
  /// are restrict. y_new = y + h Σ b_j k_j adds the whole increment, formed at the scale of the derivatives, to y
  /// once: one rounding at the scale of y per step, as a plain RK loop (adding each (h b_j) k_j to y rounds once per
  /// stage). Stage values Y_i = (y + h Σ_{j<i−1} a_ij k_j) + h (a_i,i−1 k_{i−1}) put the newest derivative one multiply
  /// and one add from the stage (a short dependency chain on host cores); their rounding reaches y_new only through
  /// h f. y_new and the error estimate accumulate as stages complete, so a finished stage holds no register longer
  /// than the stages that read it. Products h a_ij are never formed: a device compiler keeps them all in registers
  /// (154 instead of 96 for dormand-prince-54 in double).
  template <class System, class Real>
  KOKKOS_FORCEINLINE_FUNCTION static void step_values(const System& system, Real t, Real h,
                                                      const Real* KOKKOS_RESTRICT y, const Real* p, const Real* drivers,
                                                      Real* KOKKOS_RESTRICT y_new, Real* KOKKOS_RESTRICT err,
                                                      Real* KOKKOS_RESTRICT k, Real* KOKKOS_RESTRICT y_stage,
                                                      bool first_stage_ready, bool want_error) {
    constexpr int n = SystemTraits<System>::n_states;
    const bool with_error = adaptive && want_error;
    if (!first_stage_ready) system.rhs(t, y, p, drivers, k);
    {
      constexpr double b0 = Tableau::b[0];
      constexpr double e0 = Tableau::b[0] - Tableau::b_hat[0];
      for (int d = 0; d < n; ++d) {
        y_new[d] = Real(b0) * k[d];
        if (with_error) err[d] = Real(e0) * k[d];
      }
    }
    static_for<1, stages>([&](auto I) KOBIE_INLINE_LAMBDA {
      constexpr int i = decltype(I)::value;
      constexpr bool last_fsal = fsal && i == stages - 1;  // evaluated at y_new itself
      if constexpr (last_fsal) {
        for (int d = 0; d < n; ++d) y_new[d] = y[d] + h * y_new[d];
      } else {
        for (int d = 0; d < n; ++d) {
          // The sum over the earlier stages first, then the newest stage's term, so the newest derivative is one
          // multiply and one add away from the stage value.
          constexpr int j0 = first_nonzero(i);
          constexpr double a_last = Tableau::a[i][i - 1];
          constexpr int old_end = a_last != 0.0 ? i - 1 : i;  // terms [j0, old_end) are summed first
          Real base = y[d];
          if constexpr (j0 < old_end) {
            Real acc = Real(Tableau::a[i][j0]) * k[j0 * n + d];
            static_for<j0 + 1, old_end>([&](auto J) KOBIE_INLINE_LAMBDA {
              constexpr int j = decltype(J)::value;
              constexpr double aij = Tableau::a[i][j];
              if constexpr (aij != 0.0) acc += Real(aij) * k[j * n + d];
            });
            base = y[d] + h * acc;
          }
          if constexpr (a_last != 0.0) {
            y_stage[d] = base + h * (Real(a_last) * k[(i - 1) * n + d]);
          } else {
            y_stage[d] = base;
          }
        }
      }
      constexpr double ci = Tableau::c[i];
      system.rhs(t + Real(ci) * h, last_fsal ? static_cast<const Real*>(y_new) : y_stage, p, drivers, k + i * n);
      constexpr double bi = Tableau::b[i];
      constexpr double ei = Tableau::b[i] - Tableau::b_hat[i];
      for (int d = 0; d < n; ++d) {
        if constexpr (!last_fsal && bi != 0.0) y_new[d] += Real(bi) * k[i * n + d];
        if constexpr (ei != 0.0) {
          if (with_error) err[d] += Real(ei) * k[i * n + d];
        }
      }
    });
    if constexpr (!fsal) {
      for (int d = 0; d < n; ++d) y_new[d] = y[d] + h * y_new[d];
    }
    if (with_error) {
      for (int d = 0; d < n; ++d) err[d] = h * err[d];
    }
  }

  /// \brief The family's device object: the step and its hooks on this run's buffers.
  template <class System, class Real, class Binding>
  struct Device {
    static constexpr int n = SystemTraits<System>::n_states;
    BufferSet<ErkAlgorithm, Binding> buffers;

    /// \brief A run begins: no stage is cached, the stiffness test starts afresh.
    KOKKOS_FORCEINLINE_FUNCTION void start(const RunMemory& m) const {
      at<first_stage_ready>(buffers, m)[0] = 0;
      if constexpr (stiffness_test) at<stiffness_counters>(buffers, m)[0] = StiffnessCounters{}.pack();
    }

    /// \brief One attempt from (ctx.t, in.y) with ctx.h into y_new.
    KOKKOS_FORCEINLINE_FUNCTION StepOutcome<Real> step(const System& system, const StepContext<Real>& ctx,
                                                       const StepInputs<Real>& in, Real* y_new,
                                                       const RunMemory& m) const {
      Real* k = at<stage_derivatives>(buffers, m);
      Real* y_stage = at<stage_state>(buffers, m);
      Real* err = at<error>(buffers, m);
      step_values(system, ctx.t, ctx.h, in.y, in.parameters, in.drivers, y_new, err, k, y_stage,
                  at<first_stage_ready>(buffers, m)[0] != 0, ctx.want_error);
      if constexpr (stiffness_test) stiffness_probe(ctx.h, y_new, k, y_stage, at<stiffness_counters>(buffers, m)[0]);
      StepOutcome<Real> outcome;
      outcome.error = adaptive ? err : nullptr;
      return outcome;
    }

    /// \brief The attempt was accepted: carry the FSAL stage, count the stiffness test.
    KOKKOS_FORCEINLINE_FUNCTION StatusBits accepted(const StepContext<Real>&, const RunMemory& m) const {
      if constexpr (fsal) {
        Real* k = at<stage_derivatives>(buffers, m);
        for (int d = 0; d < n; ++d) k[d] = k[(stages - 1) * n + d];
      }
      at<first_stage_ready>(buffers, m)[0] = fsal ? 1 : 0;
      if constexpr (stiffness_test) {
        std::int32_t& word = at<stiffness_counters>(buffers, m)[0];
        if ((word >> 10) == 0) {  // untested step, no positives: count down to the periodic test
          --word;
          return status::success;
        }
        StiffnessCounters c = StiffnessCounters::unpack(word);
        c.countdown = c.countdown == 0 ? stiffness_interval - 1 : c.countdown - 1;
        if (c.result == StiffnessCounters::positive) {
          c.negatives = 0;
          if (c.positives < stiffness_positives) ++c.positives;
        } else if (c.result == StiffnessCounters::negative && ++c.negatives >= stiffness_negatives) {
          c.positives = 0;
        }
        if (c.positives == 0) c.negatives = 0;
        c.result = StiffnessCounters::untested;
        word = c.pack();
        return c.positives >= stiffness_positives ? status::stiffness_suspected : status::success;
      }
      return status::success;
    }

    /// \brief The attempt was rejected: y did not change, so f(t, y) stays valid.
    KOKKOS_FORCEINLINE_FUNCTION void rejected(const RunMemory& m) const { at<first_stage_ready>(buffers, m)[0] = 1; }

   private:
    /// Hairer's test when due (every stiffness_interval accepted steps, or after a positive test): is
    /// h·|k_s − k_{s−1}| > threshold·|y_new − Y_{s−1}|? (The last two stages both sit at c = 1; Y_{s−1} is still in
    /// stage_state because the FSAL stage is evaluated at y_new.)
    KOKKOS_FORCEINLINE_FUNCTION static void stiffness_probe(Real h, const Real* y_new, const Real* k,
                                                            const Real* y_stage, std::int32_t& word) {
      if (!StiffnessCounters::due(word)) return;  // the result field is already `untested`
      Real num = Real(0), den = Real(0);
      for (int d = 0; d < n; ++d) {
        const Real dk = k[(stages - 1) * n + d] - k[(stages - 2) * n + d];
        const Real dy = y_new[d] - y_stage[d];
        num += dk * dk;
        den += dy * dy;
      }
      constexpr double bound = stiffness_threshold * stiffness_threshold;
      const bool stiff = den > Real(0) && h * h * num > Real(bound) * den;
      StiffnessCounters c = StiffnessCounters::unpack(word);
      c.result = stiff ? StiffnessCounters::positive : StiffnessCounters::negative;
      word = c.pack();
    }
  };

  /// \brief The device object bound to the registry's buffers.
  template <class System, class Real, class Binding>
  static Device<System, Real, Binding> device(const ComponentParts&, const BufferRegistry& registry) {
    return bound_device<Device<System, Real, Binding>>(registry);
  }
};

}  // namespace kobie

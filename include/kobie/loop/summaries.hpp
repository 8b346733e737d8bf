/// \file
/// \brief The summary component: per-run accumulators of the requested metrics, updated by the IVP loop at each summary
/// sample and written out at the end of each window. The loop calls sample() and fill_unreached(); which metrics exist
/// is known only here.
#pragma once

#include <Kokkos_Core.hpp>
#include <string>
#include <vector>

#include "kobie/core/compat.hpp"
#include "kobie/core/static_for.hpp"
#include "kobie/loop/summary_metrics.hpp"
#include "kobie/memory/component.hpp"
#include "kobie/memory/component_parts.hpp"

namespace kobie {

/// \brief What the host decided about a solve's summaries: the request, which variables, the schedule.
struct SummaryPlan {
  SummaryRequest request;
  std::vector<int> states;       ///< indices of the summarised states
  std::vector<int> observables;  ///< indices of the summarised observables
  int samples_per_window = 0;
  int n_windows = 0;

  /// \brief Number of summarised variables.
  int n_variables() const { return static_cast<int>(states.size() + observables.size()); }
  /// \brief Accumulator elements per run.
  int accumulator_count() const {
    return request.any() ? summary_header_slots + n_variables() * summary_slots_per_variable(request) : 0;
  }
};

/// \brief What the summaries component reads: the plan (its buffer's size follows it) and the buffer locations.
struct SummaryParts : ComponentParts {
  SummaryPlan plan;
};

/// \brief The summaries component (registry owner `summaries`, a child of the loop).
struct Summaries {
  static constexpr const char* owner = "summaries";

  /// \brief Times of the previous two samples, then per summarised variable its accumulators (SummarySlot order). Its
  /// size follows the request, so it lives in team scratch (level 1 by default; 'shared' allowed).
  struct summary_accumulators : RuntimeBufferDecl<DType::real, true> {
    static constexpr const char* name = "summary_accumulators";
    /// \brief The plan's accumulators (none when no metric is requested).
    static int used(const SummaryParts& parts, const SystemSizes&) { return parts.plan.accumulator_count(); }
  };
  using buffers = TypeList<summary_accumulators>;
  using children = TypeList<>;

  /// \brief The device object: updates a run's accumulators and writes its windows to `out` (run, window, column).
  template <class Real, class MemorySpace, class Binding, int NStates, int NObservables>
  struct Device {
    static constexpr int max_columns = 160;  ///< columns per variable (2 × 64 peaks + every other metric)
    Kokkos::View<Real***, MemorySpace> out;
    Kokkos::Array<int, NStates> state_variable;                                     ///< −1: not summarised
    Kokkos::Array<int, (NObservables > 0 ? NObservables : 1)> observable_variable;  ///< −1: not summarised
    Kokkos::Array<std::int8_t, max_columns> columns;                                ///< SummaryColumn per column
    int n_columns = 0;                                                              ///< columns per variable
    int n_variables = 0;
    int groups = 0;
    int n_peaks = 0;
    int n_negative_peaks = 0;
    int slots = 0;  ///< accumulator slots per variable
    int samples_per_window = 0;
    int n_windows = 0;
    BufferSet<Summaries, Binding> buffers;

    /// \brief True when at least one metric is computed.
    KOKKOS_INLINE_FUNCTION bool active() const { return n_columns > 0; }

    /// \brief Sample j of a run (j = 0 at the first save time) at time t: update every summarised variable, and
    /// write the window it completes.
    KOKKOS_INLINE_FUNCTION void sample(int run, int j, Real t, const Real* y, const Real* obs,
                                       const RunMemory& m) const {
      Real* acc = at<summary_accumulators>(buffers, m);
      const int k = j == 0 ? 0 : (j - 1) % samples_per_window + 1;  // position in its window, 1..m
      // Compile-time indices into y and obs (thread-private memory: a run-time index would move them to the stack).
      static_for<0, NStates>([&](auto index) {
        constexpr int i = decltype(index)::value;
        if (state_variable[i] >= 0) update(acc, acc + summary_header_slots + state_variable[i] * slots, y[i], j, k, t);
      });
      static_for<0, NObservables>([&](auto index) {
        constexpr int i = decltype(index)::value;
        if (observable_variable[i] >= 0) {
          update(acc, acc + summary_header_slots + observable_variable[i] * slots, obs[i], j, k, t);
        }
      });
      acc[1] = acc[0];
      acc[0] = t;
      if (k == samples_per_window) write(run, (j - 1) / samples_per_window, acc);
    }

    /// \brief Fill windows [first, n_windows) of `run` with NaN: the run ended before them.
    KOKKOS_INLINE_FUNCTION void fill_unreached(int run, int first) const {
      const Real nan = math::quiet_nan<Real>();
      for (int w = first; w < n_windows; ++w) {
        for (int c = 0; c < static_cast<int>(out.extent(2)); ++c) out(run, w, c) = nan;
      }
    }

   private:
    /// One variable's sample x (j: sample index, k: position in the window, t: time); acc[0], acc[1] hold the times
    /// of the previous two samples.
    KOKKOS_INLINE_FUNCTION void update(const Real* times, Real* a, Real x, int j, int k, Real t) const {
      const Real inf = math::infinity<Real>();
      if (k == 1) {  // a new window
        a[slot_mean] = a[slot_m2] = a[slot_mean_carry] = a[slot_m2_carry] = Real(0);
        a[slot_max] = a[slot_dxdt_max] = a[slot_d2xdt2_max] = -inf;
        a[slot_min] = a[slot_dxdt_min] = a[slot_d2xdt2_min] = inf;
        a[slot_peak_count] = a[slot_negative_peak_count] = Real(0);
      }
      const Real previous = a[slot_previous];
      const Real before = a[slot_before_previous];
      if (j >= 1) {
        if (groups & group_moments) {  // Welford, with compensated updates: accurate over long windows in float
          const Real delta = x - a[slot_mean];
          compensated_add(a[slot_mean], a[slot_mean_carry], delta / Real(k));
          compensated_add(a[slot_m2], a[slot_m2_carry], delta * (x - a[slot_mean]));
        }
        if (groups & group_range) {
          a[slot_max] = math::max(a[slot_max], x);
          a[slot_min] = math::min(a[slot_min], x);
        }
        const Real h = t - times[0];
        const Real slope = (x - previous) / h;
        if (groups & group_dxdt) {
          a[slot_dxdt_max] = math::max(a[slot_dxdt_max], slope);
          a[slot_dxdt_min] = math::min(a[slot_dxdt_min], slope);
        }
        if (j >= 2) {
          if (groups & group_d2xdt2) {
            const Real curvature = (x - Real(2) * previous + before) / (h * (times[0] - times[1]));
            a[slot_d2xdt2_max] = math::max(a[slot_d2xdt2_max], curvature);
            a[slot_d2xdt2_min] = math::min(a[slot_d2xdt2_min], curvature);
          }
          // A local extremum at the previous sample, known now; it counts in the window of this sample.
          record_peak(a, slot_peak_count, slot_peak_times, n_peaks, groups & group_peaks,
                      previous > before && previous > x, times[0]);
          record_peak(a, slot_negative_peak_count, slot_peak_times + n_peaks, n_negative_peaks,
                      groups & group_negative_peaks, previous < before && previous < x, times[0]);
        }
      }
      a[slot_before_previous] = previous;
      a[slot_previous] = x;
    }

    /// sum += term, keeping what rounding dropped in `carry` (Kahan).
    KOKKOS_INLINE_FUNCTION static void compensated_add(Real& sum, Real& carry, Real term) {
      const Real y = term - carry;
      const Real t = sum + y;
      carry = (t - sum) - y;
      sum = t;
    }

    KOKKOS_INLINE_FUNCTION static void record_peak(Real* a, int count_slot, int first, int capacity, bool wanted,
                                                   bool found, Real when) {
      const int count = static_cast<int>(a[count_slot]);
      if (!wanted || !found || count >= capacity) return;
      a[first + count] = when;
      a[count_slot] = Real(count + 1);
    }

    /// Write window w from the accumulators (every summarised variable).
    KOKKOS_INLINE_FUNCTION void write(int run, int w, const Real* acc) const {
      const Real m = Real(samples_per_window);
      for (int v = 0; v < n_variables; ++v) {
        const Real* a = acc + summary_header_slots + v * slots;
        int peak = 0;
        int negative_peak = 0;
        for (int c = 0; c < n_columns; ++c) {
          out(run, w, v * n_columns + c) =
              column_value(static_cast<SummaryColumn>(columns[c]), a, m, peak, negative_peak);
        }
      }
    }

    KOKKOS_INLINE_FUNCTION Real column_value(SummaryColumn column, const Real* a, Real m, int& peak,
                                             int& negative_peak) const {
      const Real nan = math::quiet_nan<Real>();
      const Real variance = a[slot_m2] / m;
      auto finite_or_nan = [nan](Real v) { return math::isfinite(v) ? v : nan; };  // ±inf: nothing was sampled
      switch (column) {
        case SummaryColumn::mean:
          return a[slot_mean];
        case SummaryColumn::max:
          return a[slot_max];
        case SummaryColumn::min:
          return a[slot_min];
        case SummaryColumn::rms:
          return math::sqrt(a[slot_mean] * a[slot_mean] + variance);
        case SummaryColumn::std:
          return math::sqrt(variance);
        case SummaryColumn::max_magnitude:
          return math::max(math::abs(a[slot_max]), math::abs(a[slot_min]));
        case SummaryColumn::peak: {
          const int p = peak++;
          return p < static_cast<int>(a[slot_peak_count]) ? a[slot_peak_times + p] : nan;
        }
        case SummaryColumn::negative_peak: {
          const int p = negative_peak++;
          return p < static_cast<int>(a[slot_negative_peak_count]) ? a[slot_peak_times + n_peaks + p] : nan;
        }
        case SummaryColumn::dxdt_max:
          return finite_or_nan(a[slot_dxdt_max]);
        case SummaryColumn::dxdt_min:
          return finite_or_nan(a[slot_dxdt_min]);
        case SummaryColumn::d2xdt2_max:
          return finite_or_nan(a[slot_d2xdt2_max]);
        case SummaryColumn::d2xdt2_min:
          return finite_or_nan(a[slot_d2xdt2_min]);
      }
      return nan;
    }
  };

  /// \brief The device object for a plan, writing into `out`.
  template <class Real, class MemorySpace, class Binding, int NStates, int NObservables>
  static Device<Real, MemorySpace, Binding, NStates, NObservables> device(
      const BufferRegistry& registry, const SummaryPlan& plan, const Kokkos::View<Real***, MemorySpace>& out) {
    using D = Device<Real, MemorySpace, Binding, NStates, NObservables>;
    D d;
    d.out = out;
    for (int i = 0; i < NStates; ++i) d.state_variable[i] = -1;
    for (int i = 0; i < static_cast<int>(d.observable_variable.size()); ++i) d.observable_variable[i] = -1;
    int v = 0;
    for (int i : plan.states) d.state_variable[i] = v++;
    for (int i : plan.observables) d.observable_variable[i] = v++;
    const SummaryRequest& r = plan.request;
    d.n_columns = static_cast<int>(r.columns.size());
    d.n_variables = plan.n_variables();
    for (int c = 0; c < d.n_columns; ++c)
      d.columns[c] = static_cast<std::int8_t>(r.columns[static_cast<std::size_t>(c)]);
    d.groups = r.groups;
    d.n_peaks = r.n_peaks;
    d.n_negative_peaks = r.n_negative_peaks;
    d.slots = summary_slots_per_variable(r);
    d.samples_per_window = plan.samples_per_window;
    d.n_windows = plan.n_windows;
    d.buffers.bind(registry);
    return d;
  }
};

}  // namespace kobie

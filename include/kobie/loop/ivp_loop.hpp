/// \file
/// \brief The IVP loop component: the time loop of one run (step → error → controller → accept/reject → save) on
/// registry memory, for any algorithm family.
#pragma once

#include <Kokkos_Core.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "kobie/algorithms/algorithm_settings.hpp"
#include "kobie/algorithms/step_interface.hpp"
#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/loop/loop_settings.hpp"
#include "kobie/loop/outputs.hpp"
#include "kobie/loop/save_schedule.hpp"
#include "kobie/loop/summaries.hpp"
#include "kobie/memory/component.hpp"
#include "kobie/step_control/error_norm.hpp"
#include "kobie/step_control/step_control.hpp"
#include "kobie/system/driven_system.hpp"
#include "kobie/system/driver_table.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

/// \brief Limits of the loop and its time span, in the run's Real type (built on the host from Settings).
template <class Real>
struct LoopParams {
  Real t0 = Real(0);
  Real t_start = Real(0);  ///< t0 + settling_time: the first save
  Real t_end = Real(1);    ///< t_start + duration: the last save
  int n_saves = 2;
  Real dt0 = Real(1e-3);
  Real dt_min = Real(1e-12);
  Real dt_max = Real(1);
  std::int32_t max_steps = 1000000;
  std::int32_t max_rejections = 64;
  std::int32_t progress_window = 100000;  ///< adaptive attempts per progress check
  Real min_advance = Real(0);             ///< how far t must advance in each window (0: no check)
  bool nan_on_failure = false;
};

/// \brief What the IVP loop reads: the time span, the step limits, the controller's settings (its error norm, and its
/// child's), the summary plan (its child's), and as the algorithm's parent the algorithm's part.
struct LoopParts : AlgorithmParts {
  TimeSettings time;
  StepSettings step;
  ControllerSettings controller;
  SummaryPlan summaries;
  bool nan_on_failure = false;  ///< fill every output of a failed run with NaN
};

/// \brief The IVP loop (registry owner `loop`) with its children, the algorithm, the step controller and the summaries.
///
/// The loop only talks to the algorithm through the interface of algorithms/step_interface.hpp; it never names a
/// family.
template <class Algorithm>
struct IvpLoop {
  static constexpr const char* owner = "loop";

  /// \brief The state at t.
  struct state : BufferDecl<DType::real, true> {
    static constexpr const char* name = "state";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  /// \brief The state a step proposes.
  struct proposed_state : BufferDecl<DType::real> {
    static constexpr const char* name = "proposed_state";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  /// \brief The run's parameters.
  struct parameters : BufferDecl<DType::real, true> {
    static constexpr const char* name = "parameters";
    static constexpr int count(const SystemSizes& s) { return s.n_parameters; }
  };
  /// \brief Driver values at the current time.
  struct drivers : BufferDecl<DType::real, true> {
    static constexpr const char* name = "drivers";
    static constexpr int count(const SystemSizes& s) { return s.n_drivers; }
  };
  /// \brief The driver-spline segment a run evaluated last (its bounds and 4 coefficients per driver), so steps inside
  /// one segment skip the search over the knots; only Systems with drivers have it.
  struct driver_coefficients : BufferDecl<DType::real, true> {
    static constexpr const char* name = "driver_coefficients";
    static constexpr int count(const SystemSizes& s) { return s.n_drivers > 0 ? driver_cache_size(s.n_drivers) : 0; }
  };
  /// \brief Observables at a save.
  struct observables : BufferDecl<DType::real> {
    static constexpr const char* name = "observables";
    static constexpr int count(const SystemSizes& s) { return s.n_observables; }
  };
  /// \brief Newton and Krylov iterations and Jacobian refreshes of the proposed step, added to step_counters when it
  /// is accepted.
  struct proposed_counters : BufferDecl<DType::int32> {
    static constexpr const char* name = "proposed_counters";
    static constexpr int count(const SystemSizes&) { return 3; }
  };
  /// \brief Since the last save: Newton iterations, Krylov iterations, step attempts, rejected steps, Jacobian
  /// refreshes (CounterChannel).
  struct step_counters : BufferDecl<DType::int32, true> {
    static constexpr const char* name = "step_counters";
    static constexpr int count(const SystemSizes&) { return n_counter_channels; }
  };
  using buffers = TypeList<state, proposed_state, parameters, drivers, driver_coefficients, observables,
                           proposed_counters, step_counters>;
  using children = TypeList<Algorithm, StepControl, Summaries>;

  /// \brief The step control's part: the controller settings, and the algorithm's error order and default controller.
  static ControllerParts child_parts(const LoopParts& parts, StepControl*) {
    return ControllerParts{static_cast<const ComponentParts&>(parts), parts.controller, Algorithm::error_order,
                           default_controller_of<Algorithm>::value};
  }
  /// \brief The algorithm's part, which says whether the step is fixed (a fixed-step Newton may refresh J more often).
  static AlgorithmParts child_parts(const LoopParts& parts, Algorithm*) {
    AlgorithmParts a = parts;
    a.fixed_step =
        StepControl::effective_kind(child_parts(parts, static_cast<StepControl*>(nullptr))) == ControllerKind::fixed;
    return a;
  }
  /// \brief The summaries' part: the plan.
  static SummaryParts child_parts(const LoopParts& parts, Summaries*) {
    return SummaryParts{static_cast<const ComponentParts&>(parts), parts.summaries};
  }

  /// \brief The loop's device object: integrates run after run on their registry memory. Without `Summarise` the
  /// summary metrics are compiled out (the Solver's kernel for solves that request none: on CUDA their code would
  /// cost every run registers).
  template <class System, class Real, class ExecSpace, class Binding, bool Summarise = true>
  struct Device {
    using Traits = SystemTraits<System>;
    using memory_space = typename ExecSpace::memory_space;
    static constexpr int n = Traits::n_states;
    static constexpr int n_observables = Traits::n_observables;
    static constexpr bool driven = Traits::n_drivers > 0;
    using Drivers = DriverTable<Real, memory_space>;
    /// \brief What the algorithm steps: the System, or the System with its drivers drawn from the table (per run).
    using StepSystem = std::conditional_t<driven, DrivenSystem<System, Drivers, Real>, System>;
    using AlgorithmDevice =
        typename Algorithm::template Device<StepSystem, Real, typename Binding::template child<Algorithm>>;
    using ControlDevice = StepControl::Device<Real, typename Binding::template child<StepControl>>;
    using SummaryDevice =
        Summaries::Device<Real, memory_space, typename Binding::template child<Summaries>, n, n_observables>;
    using Outputs = OutputViews<Real, ExecSpace, n, n_observables>;

    System system;
    Drivers driver_table;  ///< the fitted drivers (set by the Solver when the System has drivers)
    LoopParams<Real> params;
    Kokkos::View<const Real*, memory_space> event_times;          ///< saves and summary samples (plan_events())
    Kokkos::View<const std::int32_t*, memory_space> event_kinds;  ///< EventKind bits of each event
    Kokkos::Array<Real, n> atol;
    Kokkos::Array<Real, n> rtol;
    bool max_norm = false;  ///< error norm: max over states instead of the mean (both squared)
    AlgorithmDevice algorithm;
    ControlDevice controller;
    SummaryDevice summaries;
    BufferSet<IvpLoop, Binding> buffers;
    Outputs out;
    Kokkos::View<const Real**, memory_space> initial_values;    ///< (run, state)
    Kokkos::View<const Real**, memory_space> parameter_values;  ///< (run, parameter)
    int first_input = 0;  ///< run r of this launch takes row first_input + r of the inputs (a chunk of the batch)

    struct Undriven {};
    /// \brief A run's scalars while it integrates (arrays live in registry buffers).
    struct Work {
      std::conditional_t<driven, StepSystem, Undriven> driven_system;  ///< with this run's driver cache
      Real* y;
      Real* y_new;
      Real* p;
      Real* drivers;
      Real* obs;
      std::int32_t* counts;    ///< step_counters
      std::int32_t* proposed;  ///< proposed_counters
      Real t;
      Real dt;
      std::int32_t attempts = 0;
      std::int32_t accepted = 0;
      std::int32_t rejections = 0;
      std::int32_t consecutive_rejections = 0;
      std::int32_t check_at = 0;  ///< attempts at the next progress check or at max_steps
      Real window_t;              ///< t when the current progress window began
      StatusBits status = status::success;
      StatusBits pending = status::success;          ///< failures of attempts since the last accepted step
      StatusBits window_failures = status::success;  ///< failures of attempts in the current progress window
    };

    template <int N>
    KOKKOS_INLINE_FUNCTION static bool all_finite(const Real* v) {
      bool ok = true;
      for (int i = 0; i < N; ++i) ok = ok && math::isfinite(v[i]);
      return ok;
    }

    /// \brief True when steps are controlled: the algorithm has an error estimate and the controller is not fixed.
    KOKKOS_INLINE_FUNCTION bool adaptive() const { return Algorithm::adaptive && controller.adaptive(); }

    /// \brief The System a run's steps and observables call.
    KOKKOS_FORCEINLINE_FUNCTION const StepSystem& run_system(const Work& w) const {
      if constexpr (driven) {
        return w.driven_system;
      } else {
        (void)w;
        return system;
      }
    }

    KOKKOS_FORCEINLINE_FUNCTION StepInputs<Real> inputs(const Work& w) const {
      return StepInputs<Real>{w.y, w.p, w.drivers};
    }

    /// \brief Point a run's work at its buffers, load its initial values and parameters, start its components.
    KOKKOS_FORCEINLINE_FUNCTION void start(int run, Work& w, const RunMemory& m) const {
      w.y = at<state>(buffers, m);
      w.y_new = at<proposed_state>(buffers, m);
      w.p = at<parameters>(buffers, m);
      w.drivers = at<drivers>(buffers, m);
      w.obs = at<observables>(buffers, m);
      w.counts = at<step_counters>(buffers, m);
      w.proposed = at<proposed_counters>(buffers, m);
      for (int i = 0; i < n; ++i) w.y[i] = initial_values(first_input + run, i);
      for (int i = 0; i < Traits::n_parameters; ++i) w.p[i] = parameter_values(first_input + run, i);
      for (int i = 0; i < Traits::n_drivers; ++i) w.drivers[i] = Real(0);
      if constexpr (driven) {
        w.driven_system = StepSystem(system, driver_table, at<driver_coefficients>(buffers, m));
        Drivers::clear(w.driven_system.cache);
      }
      for (int c = 0; c < n_counter_channels; ++c) w.counts[c] = 0;
      w.proposed[0] = w.proposed[1] = w.proposed[2] = 0;
      algorithm.start(m);
      controller.start(m);
      w.t = params.t0;
      w.dt = params.dt0;
      w.window_t = params.t0;
      w.check_at = params.max_steps > params.progress_window ? params.progress_window : params.max_steps;
    }

    /// \brief The run failed: its status gets `bits` and the failures of the attempts since its last accepted step.
    KOKKOS_FORCEINLINE_FUNCTION static bool fail(Work& w, StatusBits bits) {
      w.status |= bits | w.pending;
      return false;
    }

    /// \brief At the end of a progress window (progress_window attempts, accepted or not): false when t advanced by
    /// less than min_advance in it, else the next window begins. A run stuck at steps far below its interval (a solver
    /// that fails at every step the error test would allow) ends here instead of using up max_steps.
    KOKKOS_FORCEINLINE_FUNCTION bool progressing(Work& w) const {
      if (!(w.t - w.window_t >= params.min_advance)) return false;
      w.window_t = w.t;
      w.window_failures = status::success;
      w.check_at = params.max_steps - w.attempts > params.progress_window ? w.attempts + params.progress_window
                                                                          : params.max_steps;
      return true;
    }

    /// \brief The step's error estimate: from the algorithm's `error_estimate(m)` where it has one (a constant address,
    /// so CUDA keeps the run's buffers in registers even when the step returns on several paths), else the outcome's.
    KOKKOS_FORCEINLINE_FUNCTION const Real* error_of(const StepOutcome<Real>& o, const RunMemory& m) const {
      if constexpr (is_detected_v<Impl::error_estimate_call, AlgorithmDevice>) {
        return algorithm.error_estimate(m);
      } else {
        return o.error;
      }
    }

    /// \brief Adaptive steps from w.t to exactly t_target. Returns false (with status bits) when the run fails.
    KOKKOS_FORCEINLINE_FUNCTION bool advance_adaptive(Work& w, Real t_target, const RunMemory& m) const {
      if constexpr (Algorithm::adaptive) {
        while (w.t < t_target) {
          if (w.attempts >= w.check_at) {  // max_steps, or the end of a progress window
            if (w.attempts >= params.max_steps) return fail(w, status::max_steps_exceeded);
            if (!progressing(w)) return fail(w, status::no_progress | w.window_failures);
          }
          Real h = w.dt;
          Real t_next = w.t + h;
          if (t_next >= t_target - Real(1e-3) * h) {  // land exactly on the save time
            h = t_target - w.t;
            t_next = t_target;
          }
          const bool truncated = h < w.dt;
          const StepContext<Real> ctx{w.t, h, true};
          const StepOutcome<Real> o = algorithm.step(run_system(w), ctx, inputs(w), w.y_new, m);
          ++w.attempts;
          ++w.counts[step_attempts];
          w.proposed[0] = o.newton_iters;
          w.proposed[1] = o.krylov_iters;
          w.proposed[2] = o.jacobian_refreshes;
          const bool solved = o.status == status::success;
          const Real e = solved ? error_norm<n>(error_of(o, m), w.y_new, w.y, atol.data(), rtol.data(), max_norm)
                                : math::infinity<Real>();
          const bool accept = e <= Real(1);  // false for NaN
          if (accept) {
            if (!all_finite<n>(w.y_new)) return fail(w, status::nonfinite_state);
            if (!(t_next > w.t)) return fail(w, status::stagnation);
            for (int d = 0; d < n; ++d) w.y[d] = w.y_new[d];
            w.t = t_next;
            ++w.accepted;
            w.consecutive_rejections = 0;
            w.pending = status::success;
            w.counts[newton_iterations] += w.proposed[0];
            w.counts[krylov_iterations] += w.proposed[1];
            w.counts[jacobian_refreshes] += w.proposed[2];
            w.status |= algorithm.accepted(ctx, m);
          } else {
            w.pending |= o.status;
            w.window_failures |= o.status;
            algorithm.rejected(m);
            ++w.rejections;
            ++w.counts[rejected_steps];
            if (++w.consecutive_rejections >= params.max_rejections) return fail(w, status::max_rejections_exceeded);
          }
          const Real gain = controller.gain(h, e, accept, accept && !truncated, o.newton_iters, m);
          if (!(accept && truncated)) {  // a step shortened to land on a save time says nothing of the natural dt
            Real dt_new = h * gain;
            if (dt_new < params.dt_min) {
              if (!accept) return fail(w, status::step_too_small);
              dt_new = params.dt_min;
            }
            w.dt = math::min(dt_new, params.dt_max);
          }
        }
        return true;
      } else {
        (void)w, (void)t_target, (void)m;
        return false;
      }
    }

    /// \brief One fixed step of a run from t with h; false (and `alive` false, with the status) when its solve failed:
    /// the run then ends at the start of that step.
    KOKKOS_FORCEINLINE_FUNCTION bool fixed_step(Work& x, bool& alive, Real t, Real h, const RunMemory& m) const {
      const StepContext<Real> ctx{t, h, false};
      const StepOutcome<Real> o = algorithm.step(run_system(x), ctx, inputs(x), x.y_new, m);
      if (o.status != status::success) {
        x.t = t;
        alive = fail(x, o.status);
        return false;
      }
      for (int d = 0; d < n; ++d) x.y[d] = x.y_new[d];
      x.counts[newton_iterations] += o.newton_iters;
      x.counts[krylov_iterations] += o.krylov_iters;
      x.counts[jacobian_refreshes] += o.jacobian_refreshes;
      x.status |= algorithm.accepted(ctx, m);
      return true;
    }

    /// \brief Fixed steps k0 ≤ k < k1 of an interval for L runs in lockstep: step k from segment_start + k·dt with
    /// h = step_size(k, t); done[l] becomes the k at which run l failed (it then stops).
    template <int L, class StepSize>
    KOKKOS_FORCEINLINE_FUNCTION void fixed_steps(Work* w, bool* alive, std::int32_t* done, Real segment_start, Real dt,
                                                 std::int32_t k0, std::int32_t k1, const RunMemory* m,
                                                 const StepSize& step_size) const {
      for (std::int32_t k = k0; k < k1; ++k) {
        const Real t = segment_start + Real(k) * dt;
        const Real h = step_size(k, t);
        for (int l = 0; l < L; ++l) {
          if (alive[l] && !fixed_step(w[l], alive[l], t, h, m[l])) done[l] = k;
        }
      }
    }

    /// \brief Fixed steps for L runs in lockstep (they share the time grid) from their common t to exactly t_target:
    /// whole steps land on segment_start + k·dt (k an integer, exact in float32), then one last step, shortened or
    /// stretched by up to 0.1 % of dt, lands on t_target. A run that fails stops (alive[l] = false) with its status;
    /// the state is checked for non-finite values once per interval (a non-finite state stays non-finite). Every run
    /// computes exactly what it computes alone.
    template <int L>
    KOKKOS_FORCEINLINE_FUNCTION void advance_fixed(Work* w, bool* alive, Real t_target, const RunMemory* m) const {
      int lead = -1;  // every live run is at the same time with the same counts: take the first as the lead
      for (int l = L - 1; l >= 0; --l) lead = alive[l] ? l : lead;
      if (lead < 0) return;
      const Real segment_start = w[lead].t;
      const Real span = t_target - segment_start;
      if (!(span > Real(0))) return;
      const Real dt = w[lead].dt;
      const Real wanted = math::max(Real(1), math::ceil(span / dt - Real(1e-3)));
      const Real budget = Real(params.max_steps - w[lead].attempts);
      const bool out_of_steps = wanted > budget;
      const std::int32_t whole = static_cast<std::int32_t>(out_of_steps ? budget : wanted - Real(1));
      bool entered[L];
      std::int32_t done[L];  // steps each run completed before the one it failed at (whole: none failed before)
      for (int l = 0; l < L; ++l) {
        entered[l] = alive[l];
        done[l] = whole;
      }
      const std::int32_t count = out_of_steps ? whole : whole + 1;  // steps in this interval
      if constexpr (Algorithm::adaptive) {
        // The kernel holds the adaptive path's call of the step too: one call here (each call site is a copy of the
        // step, with its own registers on a GPU).
        fixed_steps<L>(w, alive, done, segment_start, dt, 0, count, m,
                       [&](std::int32_t k, Real t) { return k == whole ? t_target - t : dt; });
      } else {
        // Whole steps with the constant dt, then the last one: fewer registers than one loop that selects h.
        fixed_steps<L>(w, alive, done, segment_start, dt, 0, whole, m, [&](std::int32_t, Real) { return dt; });
        fixed_steps<L>(w, alive, done, segment_start, dt, whole, count, m,
                       [&](std::int32_t, Real t) { return t_target - t; });
      }
      for (int l = 0; l < L; ++l) {
        if (!entered[l]) continue;
        Work& x = w[l];
        const bool failed_inside = !alive[l];
        const std::int32_t steps = failed_inside ? done[l] : count;
        x.attempts += steps + (failed_inside ? 1 : 0);
        x.accepted += steps;
        x.counts[step_attempts] += steps + (failed_inside ? 1 : 0);
        if (failed_inside) continue;
        if (out_of_steps) {
          x.t = segment_start + Real(whole) * dt;
          alive[l] = fail(x, status::max_steps_exceeded);
          continue;
        }
        x.t = t_target;
        if (!all_finite<n>(x.y)) alive[l] = fail(x, status::nonfinite_state);
      }
    }

    /// \brief Step L runs from their t to exactly t_target: one run with the adaptive or the fixed scheme, or L > 1
    /// fixed-step runs in lockstep (only fixed steps are grouped).
    template <int L>
    KOKKOS_FORCEINLINE_FUNCTION void advance(Work* w, bool* alive, Real t_target, const RunMemory* m) const {
      if constexpr (L == 1) {
        if (adaptive()) {
          if (alive[0]) alive[0] = advance_adaptive(w[0], t_target, m[0]);
          return;
        }
      }
      advance_fixed<L>(w, alive, t_target, m);
    }

    /// \brief Record a run's status, counts, end time, unreached saves and summary windows once it ended (after
    /// `saved` saves and `sampled` summary samples).
    KOKKOS_FORCEINLINE_FUNCTION void finish(int run, const Work& w, int saved, int sampled) const {
      const bool failed = !succeeded(w.status);
      const bool blank = failed && params.nan_on_failure;
      if (saved < params.n_saves || blank) out.fill_unreached(run, blank ? 0 : saved, params.n_saves);
      if (Summarise && summaries.active()) {
        const int windows = sampled > 0 ? (sampled - 1) / summaries.samples_per_window : 0;
        if (windows < summaries.n_windows || blank) summaries.fill_unreached(run, blank ? 0 : windows);
      }
      out.status(run) = w.status;
      out.accepted(run) = w.accepted;
      out.rejected(run) = w.rejections;
      out.end_time(run) = w.t;
    }

    /// \brief Integrate L consecutive runs from `first_run` (L = 1 on devices; on host backends fixed-step runs go in
    /// lockstep groups, whose independent steps interleave on one core).
    template <int L>
    KOKKOS_FORCEINLINE_FUNCTION void integrate(int first_run, const RunMemory* m) const {
      Work w[L];
      int saved[L];
      int sampled[L];
      bool alive[L];
      for (int l = 0; l < L; ++l) {
        start(first_run + l, w[l], m[l]);
        saved[l] = sampled[l] = 0;
        alive[l] = all_finite<n>(w[l].y) && all_finite<Traits::n_parameters>(w[l].p);  // ends at t0, saves NaN
        if (!alive[l]) w[l].status |= status::nonfinite_input;
      }
      const int n_events = static_cast<int>(event_times.extent(0));
      int s = 0;
      int j = 0;
      // Event -1 is the end of the settling time (no saves); event 0 is at t_start. One call of advance() serves them
      // all (each call site would be another copy of the step in the kernel).
      for (int e = params.t_start > params.t0 ? -1 : 0; e < n_events; ++e) {
        if (e != 0) advance<L>(w, alive, e < 0 ? params.t_start : event_times(e), m);
        if (e < 0) continue;
        const std::int32_t kind = Summarise ? event_kinds(e) : event_save;  // without summaries every event saves
        for (int l = 0; l < L; ++l) {
          if (!alive[l]) continue;
          if constexpr (n_observables > 0) run_system(w[l]).observables(w[l].t, w[l].y, w[l].p, w[l].drivers, w[l].obs);
          if (kind & event_save) {
            out.save(first_run + l, s, w[l].t, w[l].y, w[l].obs, w[l].counts);
            for (int c = 0; c < n_counter_channels; ++c) w[l].counts[c] = 0;
            saved[l] = s + 1;
          }
          if constexpr (Summarise) {
            if (kind & event_sample) {
              summaries.sample(first_run + l, j, w[l].t, w[l].y, w[l].obs, m[l]);
              sampled[l] = j + 1;
            }
          }
        }
        s += (kind & event_save) ? 1 : 0;
        j += (kind & event_sample) ? 1 : 0;
      }
      for (int l = 0; l < L; ++l) finish(first_run + l, w[l], saved[l], sampled[l]);
    }
  };

  /// \brief The device object for System in precision Real on ExecSpace, bound to the registry's buffers; the Solver
  /// adds the solve's Views (inputs, outputs, save times).
  template <class System, class Real, class ExecSpace, class Binding, bool Summarise = true>
  static Device<System, Real, ExecSpace, Binding, Summarise> device(const LoopParts& parts,
                                                                    const BufferRegistry& registry,
                                                                    const System& system,
                                                                    const std::vector<double>& atol,
                                                                    const std::vector<double>& rtol, int n_saves) {
    using D = Device<System, Real, ExecSpace, Binding, Summarise>;
    D d;
    d.system = system;
    const TimeSettings& t = parts.time;
    const StepSettings& st = parts.step;
    d.params.t0 = static_cast<Real>(t.t0);
    d.params.t_start = static_cast<Real>(t.t0 + t.settling_time);
    d.params.t_end = static_cast<Real>(t.t0 + t.settling_time + t.duration);
    d.params.n_saves = n_saves;
    d.params.dt0 = static_cast<Real>(st.dt);
    d.params.dt_min = static_cast<Real>(st.dt_min);
    d.params.dt_max = static_cast<Real>(st.dt_max < static_cast<double>(math::finite_max<Real>())
                                            ? st.dt_max
                                            : static_cast<double>(math::finite_max<Real>()));
    d.params.max_steps = static_cast<std::int32_t>(st.max_steps);
    d.params.max_rejections = st.max_rejections;
    d.params.progress_window = st.progress_window;
    d.params.min_advance = static_cast<Real>(st.min_progress * (t.settling_time + t.duration));
    d.params.nan_on_failure = parts.nan_on_failure;
    for (int i = 0; i < D::n; ++i) {
      d.atol[i] = static_cast<Real>(atol[static_cast<std::size_t>(i)]);
      d.rtol[i] = static_cast<Real>(rtol[static_cast<std::size_t>(i)]);
    }
    d.max_norm = parts.controller.error_norm == "max";
    d.algorithm = Algorithm::template device<typename D::StepSystem, Real, typename Binding::template child<Algorithm>>(
        child_parts(parts, static_cast<Algorithm*>(nullptr)), registry);
    d.controller = StepControl::device<Real, typename Binding::template child<StepControl>>(
        child_parts(parts, static_cast<StepControl*>(nullptr)), registry);
    d.summaries = Summaries::device<Real, typename D::memory_space, typename Binding::template child<Summaries>, D::n,
                                    D::n_observables>(registry, SummaryPlan{}, {});
    d.buffers.bind(registry);
    return d;
  }
};

}  // namespace kobie

/// \file
/// \brief The time loop of one run: step → error → controller → accept/reject → save, on registry memory.
#pragma once

#include <cstdint>

#include "kobie/algorithms/erk_step.hpp"
#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/loop/loop_buffers.hpp"
#include "kobie/loop/outputs.hpp"
#include "kobie/memory/allocator.hpp"
#include "kobie/step_control/controller.hpp"
#include "kobie/step_control/error_norm.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

/// \brief Time-grid and limits of the loop, in the run's Real type (built on the host from Settings).
template <class Real>
struct LoopParams {
  Real t0 = Real(0);
  Real t_start = Real(0);     ///< t0 + settling_time: the first save
  Real save_every = Real(0);  ///< > 0: save at t_start + s * save_every (s an integer)
  Real t_end = Real(1);       ///< t_start + duration
  int n_saves = 2;            ///< number of saves, the first at t_start, the last at t_end
  Real dt0 = Real(1e-3);
  Real dt_min = Real(1e-12);
  Real dt_max = Real(1);
  std::int32_t max_steps = 1000000;
  std::int32_t max_rejections = 64;
  bool nan_on_failure = false;

  /// \brief Time of save s: t_start + s·save_every counted with integers (exact in float32), t_end for the last.
  KOKKOS_INLINE_FUNCTION Real save_time(int s) const {
    if (s == n_saves - 1) return t_end;
    return save_every > Real(0) ? t_start + Real(s) * save_every : t_start;
  }
};

/// \brief Integrates one run of System with the explicit method Tableau, on the buffers of Buffers
/// (LoopBuffers: offsets from the registry at run time; StaticLoopBuffers: the same offsets known at compile time).
template <class System, class Real, class Tableau, class ExecSpace, class Buffers = LoopBuffers<Real>>
struct IvpLoop {
  using Traits = SystemTraits<System>;
  using Step = ErkStep<Tableau, System, Real>;
  static constexpr int n = Traits::n_states;
  static constexpr int n_observables = Traits::n_observables;
  using Outputs = OutputViews<Real, ExecSpace, n, n_observables>;

  System system;
  LoopParams<Real> loop;
  StepController<Real> controller;
  Kokkos::Array<Real, n> atol;
  Kokkos::Array<Real, n> rtol;
  bool max_norm = false;  ///< error norm: max over states instead of the mean (both squared)
  Buffers buffers;
  Outputs out;

  /// \brief Mutable state of one run while it integrates (scalars only: arrays live in registry buffers).
  struct Work {
    Real* y;
    Real* y_new;
    Real* k;
    Real* y_stage;
    Real* err;
    Real* p;
    Real* drivers;
    Real* obs;
    Real* history;
    Real t;
    Real dt;
    std::int32_t attempts = 0;
    std::int32_t rejections = 0;
    std::int32_t accepted = 0;
    std::int32_t consecutive_rejections = 0;
    bool first_stage_ready = false;
    StatusBits status = status::success;
  };

  KOKKOS_INLINE_FUNCTION static bool all_finite(const Real* v) {
    bool ok = true;
    for (int i = 0; i < n; ++i) ok = ok && math::isfinite(v[i]);
    return ok;
  }

  KOKKOS_INLINE_FUNCTION bool adaptive() const { return Step::adaptive && controller.adaptive(); }

  /// \brief Accept the proposed state: copy it (the buffers keep their roles), carry FSAL, count.
  KOKKOS_FORCEINLINE_FUNCTION static void accept_step(Work& w, Real t_next) {
    for (int d = 0; d < n; ++d) w.y[d] = w.y_new[d];
    Step::carry_fsal(w.k);
    w.first_stage_ready = Step::fsal;
    w.t = t_next;
    ++w.accepted;
  }

  /// \brief Fixed steps from w.t to exactly t_target: whole steps land on segment_start + k·dt (k an integer, exact in
  /// float32), then one last step, shortened or stretched by up to 0.1 % of dt, lands on t_target. Returns false
  /// (with a status bit) when the run fails.
  KOKKOS_FORCEINLINE_FUNCTION bool advance_fixed(Work& w, Real t_target) const {
    bool alive = true;
    advance_fixed_lockstep<1>(&w, &alive, t_target);
    return alive;
  }

  /// \brief Adaptive steps from w.t to exactly t_target. Returns false (with a status bit) when the run fails.
  KOKKOS_FORCEINLINE_FUNCTION bool advance_adaptive(Work& w, Real t_target) const {
    while (w.t < t_target) {
      if (w.attempts >= loop.max_steps) {
        w.status |= status::max_steps_exceeded;
        return false;
      }
      Real h = w.dt;
      Real t_next = w.t + h;
      if (t_next >= t_target - Real(1e-3) * h) {  // land exactly on the save time
        h = t_target - w.t;
        t_next = t_target;
      }
      const bool truncated = h < w.dt;
      Step::step(system, w.t, h, w.y, w.y_new, w.err, w.k, w.y_stage, w.p, w.drivers, w.first_stage_ready, true);
      ++w.attempts;
      const Real e = error_norm<n>(w.err, w.y_new, w.y, atol.data(), rtol.data(), max_norm);
      const bool accept = e <= Real(1);  // false for NaN
      if (accept) {
        if (!all_finite(w.y_new)) {
          w.status |= status::nonfinite_state;
          return false;
        }
        if (!(t_next > w.t)) {
          w.status |= status::stagnation;
          return false;
        }
        accept_step(w, t_next);
        w.consecutive_rejections = 0;
      } else {
        w.first_stage_ready = true;  // k[0] = f(t, y) is still valid
        ++w.rejections;
        if (++w.consecutive_rejections >= loop.max_rejections) {
          w.status |= status::max_rejections_exceeded;
          return false;
        }
      }
      const Real gain = controller.gain(h, e, accept, accept && !truncated, 0, w.history);
      if (!(accept && truncated)) {  // a step shortened to land on a save time says nothing of the natural dt
        Real dt_new = h * gain;
        if (dt_new < loop.dt_min) {
          if (!accept) {
            w.status |= status::step_too_small;
            return false;
          }
          dt_new = loop.dt_min;
        }
        w.dt = math::min(dt_new, loop.dt_max);
      }
    }
    return true;
  }

  /// \brief Step from w.t to exactly t_target with the fixed or the adaptive scheme.
  KOKKOS_FORCEINLINE_FUNCTION bool advance(Work& w, Real t_target) const {
    return adaptive() ? advance_adaptive(w, t_target) : advance_fixed(w, t_target);
  }

  KOKKOS_INLINE_FUNCTION void evaluate_observables(const Work& w) const {
    if constexpr (n_observables > 0) system.observables(w.t, w.y, w.p, w.drivers, w.obs);
  }

  /// \brief Point a run's work state at its registry buffers and set t = t0, dt = dt0, an empty controller history.
  KOKKOS_FORCEINLINE_FUNCTION void start(Work& w, const RunMemory& m) const {
    w.y = buffers.state(m);
    w.y_new = buffers.proposed_state(m);
    w.k = buffers.stage_derivatives(m);
    w.y_stage = buffers.stage_state(m);
    w.err = buffers.error(m);
    w.p = buffers.parameters(m);
    w.drivers = buffers.drivers(m);
    w.obs = buffers.observables(m);
    w.history = buffers.timestep_memory(m);
    for (int i = 0; i < buffers.timestep_memory.size(); ++i) w.history[i] = Real(0);
    w.t = loop.t0;
    w.dt = loop.dt0;
  }

  /// \brief Record a run's counters, status and unreached saves once it ended (after `saved` saves).
  KOKKOS_FORCEINLINE_FUNCTION void finish(int run, const Work& w, const RunMemory& m, int saved) const {
    if (saved < loop.n_saves || (w.status != status::success && loop.nan_on_failure)) {
      out.fill_unreached(run, loop.nan_on_failure ? 0 : saved, loop.n_saves);
    }
    std::int32_t* counters = buffers.step_counters(m);
    counters[0] = w.attempts;
    counters[1] = w.rejections;
    out.status(run) = w.status;
    out.accepted(run) = w.accepted;
    out.rejected(run) = w.rejections;
  }

  /// \brief Integrate run `run`; its initial values and parameters are already in the registry buffers `state` and
  /// `parameters`.
  KOKKOS_INLINE_FUNCTION void integrate(int run, const RunMemory& m) const {
    Work w;
    start(w, m);
    int saved = 0;
    bool ok = all_finite(w.y);
    if (!ok) w.status |= status::nonfinite_state;
    if (ok && loop.t_start > loop.t0) ok = advance(w, loop.t_start);  // settling: integrate without saving
    while (ok && saved < loop.n_saves) {
      const Real t_save = loop.save_time(saved);
      if (saved > 0) ok = advance(w, t_save);
      if (!ok) break;
      evaluate_observables(w);
      out.save(run, saved, w.t, w.y, w.obs, w.attempts, w.rejections);
      ++saved;
    }
    finish(run, w, m, saved);
  }

  /// \brief Integrate L runs with fixed steps in lockstep (they share the time grid): their independent steps
  /// interleave, which keeps a host core busy where one run's dependency chain would leave it waiting. Every run
  /// computes exactly what integrate() computes.
  template <int L>
  KOKKOS_INLINE_FUNCTION void integrate_lockstep(int first_run, const RunMemory* m) const {
    Work w[L];
    int saved[L];
    bool alive[L];
    for (int l = 0; l < L; ++l) {
      start(w[l], m[l]);
      saved[l] = 0;
      alive[l] = all_finite(w[l].y);
      if (!alive[l]) w[l].status |= status::nonfinite_state;
    }
    if (loop.t_start > loop.t0) advance_fixed_lockstep<L>(w, alive, loop.t_start);
    for (int s = 0; s < loop.n_saves; ++s) {
      if (s > 0) advance_fixed_lockstep<L>(w, alive, loop.save_time(s));
      for (int l = 0; l < L; ++l) {
        if (!alive[l]) continue;
        evaluate_observables(w[l]);
        out.save(first_run + l, s, w[l].t, w[l].y, w[l].obs, w[l].attempts, w[l].rejections);
        saved[l] = s + 1;
      }
    }
    for (int l = 0; l < L; ++l) finish(first_run + l, w[l], m[l], saved[l]);
  }

  /// \brief Fixed steps for L runs in lockstep (see advance_fixed()); a run that fails stops (alive[l] = false) with
  /// its status. The state is checked for non-finite values once per interval: a non-finite state stays non-finite.
  template <int L>
  KOKKOS_FORCEINLINE_FUNCTION void advance_fixed_lockstep(Work* w, bool* alive, Real t_target) const {
    int lead = -1;  // every live run is at the same time with the same counts: take the first as the lead
    for (int l = L - 1; l >= 0; --l) lead = alive[l] ? l : lead;
    if (lead < 0) return;
    const Real segment_start = w[lead].t;
    const Real span = t_target - segment_start;
    if (!(span > Real(0))) return;
    const Real dt = w[lead].dt;
    const Real wanted = math::max(Real(1), math::ceil(span / dt - Real(1e-3)));
    const Real budget = Real(loop.max_steps - w[lead].attempts);
    const bool out_of_steps = wanted > budget;
    const std::int32_t whole = static_cast<std::int32_t>(out_of_steps ? budget : wanted - Real(1));
    for (std::int32_t k = 0; k < whole; ++k) {
      for (int l = 0; l < L; ++l) {
        if (!alive[l]) continue;
        Work& x = w[l];
        Step::step(system, segment_start + Real(k) * dt, dt, x.y, x.y_new, x.err, x.k, x.y_stage, x.p, x.drivers,
                   x.first_stage_ready, false);
        for (int d = 0; d < n; ++d) x.y[d] = x.y_new[d];
        Step::carry_fsal(x.k);
        x.first_stage_ready = Step::fsal;
      }
    }
    for (int l = 0; l < L; ++l) {
      if (!alive[l]) continue;
      Work& x = w[l];
      x.t = segment_start + Real(whole) * dt;
      x.attempts += whole;
      x.accepted += whole;
      if (out_of_steps) {
        x.status |= status::max_steps_exceeded;
        alive[l] = false;
        continue;
      }
      Step::step(system, x.t, t_target - x.t, x.y, x.y_new, x.err, x.k, x.y_stage, x.p, x.drivers, x.first_stage_ready,
                 false);
      accept_step(x, t_target);
      ++x.attempts;
      if (!all_finite(x.y)) {
        x.status |= status::nonfinite_state;
        alive[l] = false;
      }
    }
  }
};

}  // namespace kobie

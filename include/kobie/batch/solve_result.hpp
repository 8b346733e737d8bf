/// \file
/// \brief What a solve returns: output Views indexed (run, save, variable), legends, per-run status, step counts and
/// end times; and a host copy with checked accessors.
#pragma once

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "kobie/core/compat.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/core/status.hpp"

namespace kobie {

template <class Real>
class HostResult;

/// \brief The extents of a solve's results.
struct ResultShape {
  int n_runs = 0;
  int n_saves = 0;
  int n_states = 0;       ///< saved states
  int n_observables = 0;  ///< saved observables
  int n_parameters = 0;
  bool time = false;      ///< the time of each save was requested
  bool counters = false;  ///< the counters at each save were requested
  int n_summaries = 0;    ///< summary windows
  int n_summary_columns = 0;
};

/// \brief Results of one solve, in `MemorySpace` (the execution space's), in its default layout.
///
/// Views of outputs that were not requested have extent 0 in their variable (or save) dimension; `outputs` lists the
/// requested ones. `to_host()` copies everything to the host with accessors that check what was requested.
template <class Real, class MemorySpace>
struct SolveResult {
  Kokkos::View<Real***, MemorySpace> state;                 ///< (run, save, saved state)
  Kokkos::View<Real***, MemorySpace> observables;           ///< (run, save, saved observable)
  Kokkos::View<Real**, MemorySpace> time;                   ///< (run, save)
  Kokkos::View<std::int32_t***, MemorySpace> counters;      ///< (run, save, channel): see counter_legend
  Kokkos::View<StatusBits*, MemorySpace> status;            ///< (run): 0 = success, else status bits
  Kokkos::View<std::int32_t*, MemorySpace> accepted_steps;  ///< (run)
  Kokkos::View<std::int32_t*, MemorySpace> rejected_steps;  ///< (run)
  Kokkos::View<Real*, MemorySpace> end_time;                ///< (run): time of the last step, or where the run failed
  Kokkos::View<Real***, MemorySpace> summaries;             ///< (run, summary, column): see summary_legend
  Kokkos::View<Real**, MemorySpace> parameters;             ///< (run, parameter): the parameters each run used
  std::vector<std::string> outputs;                         ///< the requested outputs (state, observables, ...)
  std::vector<std::string> state_legend;                    ///< names of the saved states, in column order
  std::vector<std::string> observable_legend;               ///< names of the saved observables
  /// \brief Names of the summary columns: `<variable>_<metric>` (e.g. x_mean, z_peaks_0, y_dxdt_max).
  std::vector<std::string> summary_legend;
  std::vector<std::string> parameter_legend;  ///< names of the System's parameters
  /// \brief Counter channels; each counts since the previous save (zero at the first save).
  std::vector<std::string> counter_legend = {"newton_iterations", "krylov_iterations", "step_attempts",
                                             "rejected_steps", "jacobian_refreshes"};
  std::vector<double> save_times;     ///< planned save times, as the kernel used them (in Real, widened)
  std::vector<double> summary_times;  ///< end time of each summary window (in Real, widened)
  int n_runs = 0;
  int n_saves = 0;
  int n_summaries = 0;  ///< summary windows per run (0 when no metric was requested)

  /// \brief Number of runs that failed (informational bits such as stiffness_suspected do not count).
  int n_failed() const {
    auto s = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), status);
    int failed = 0;
    for (int i = 0; i < n_runs; ++i) failed += succeeded(s(i)) ? 0 : 1;
    return failed;
  }

  /// \brief A host copy with checked accessors.
  HostResult<Real> to_host() const;

  /// \brief Uninitialized Views of `shape`, labelled kobie::<output> (legends and times are the caller's to fill).
  static SolveResult allocate(const ResultShape& shape);
  /// \brief Copy every output of `part`, a chunk of runs, into runs [first, first + part.n_runs) of this result.
  void copy_runs_from(const SolveResult& part, int first) const;
};

/// \brief A solve's results on the host. Accessors throw kobie::Error for an output that was not requested (naming
/// the setting that requests it) and for indices out of range.
template <class Real>
class HostResult {
 public:
  using Views = SolveResult<Real, Kokkos::HostSpace>;

  explicit HostResult(Views views) : v_(std::move(views)) {}

  /// \brief Saved state `column` (see state_legend()) of `run` at save `save`.
  Real state(int run, int save, int column) const {
    require("state");
    check_index("run", run, v_.n_runs);
    check_index("save", save, v_.n_saves);
    check_index("state column", column, static_cast<int>(v_.state.extent(2)));
    return v_.state(run, save, column);
  }
  /// \brief Saved state `name` of `run` at save `save`.
  Real state(int run, int save, const std::string& name) const {
    require("state");
    const int column = index_of(name, v_.state_legend);
    if (column < 0) not_among(name, "saved states", v_.state_legend, "; see the 'saved_states' setting");
    return state(run, save, column);
  }
  /// \brief Saved observable `column` (see observable_legend()) of `run` at save `save`.
  Real observable(int run, int save, int column) const {
    require("observables");
    check_index("run", run, v_.n_runs);
    check_index("save", save, v_.n_saves);
    check_index("observable column", column, static_cast<int>(v_.observables.extent(2)));
    return v_.observables(run, save, column);
  }
  /// \brief Saved observable `name` of `run` at save `save`.
  Real observable(int run, int save, const std::string& name) const {
    require("observables");
    const int column = index_of(name, v_.observable_legend);
    if (column < 0) not_among(name, "saved observables", v_.observable_legend, "; see the 'saved_observables' setting");
    return observable(run, save, column);
  }
  /// \brief Time of save `save` of `run` (what the run reached: the planned time, or NaN when it failed earlier).
  Real time(int run, int save) const {
    require("time");
    check_index("run", run, v_.n_runs);
    check_index("save", save, v_.n_saves);
    return v_.time(run, save);
  }
  /// \brief Counter `channel` (0..4, see counter_legend()) of `run` since the save before `save`.
  std::int32_t counter(int run, int save, int channel) const {
    require("counters");
    check_index("run", run, v_.n_runs);
    check_index("save", save, v_.n_saves);
    check_index("counter channel", channel, static_cast<int>(v_.counters.extent(2)));
    return v_.counters(run, save, channel);
  }
  /// \brief Summary column `column` (see summary_legend()) of `run` for window `summary`.
  Real summary(int run, int summary, int column) const {
    if (v_.summary_legend.empty()) no_summaries("summary column " + std::to_string(column));
    check_index("run", run, v_.n_runs);
    check_index("summary", summary, v_.n_summaries);
    check_index("summary column", column, static_cast<int>(v_.summaries.extent(2)));
    return v_.summaries(run, summary, column);
  }
  /// \brief Summary column `name` (e.g. "x_mean") of `run` for window `summary`.
  ///
  /// Without summaries, or for a column that is not among them, the Error says how to request it: the metric in
  /// `outputs` with sample_summaries_every, the variable in summarised_states or summarised_observables.
  Real summary(int run, int summary, const std::string& name) const {
    if (v_.summary_legend.empty()) no_summaries("summary '" + name + "'");
    const int column = index_of(name, v_.summary_legend);
    if (column < 0) {
      not_among(name, "summary columns", v_.summary_legend,
                " (named <variable>_<metric>); request the metric in the 'outputs' setting (e.g. outputs = " +
                    join(v_.outputs) + ", max) and the variable in summarised_states or summarised_observables");
    }
    return this->summary(run, summary, column);
  }
  /// \brief Parameter `index` of `run`, as solved.
  Real parameter(int run, int index) const {
    check_index("run", run, v_.n_runs);
    check_index("parameter", index, static_cast<int>(v_.parameters.extent(1)));
    return v_.parameters(run, index);
  }
  /// \brief Status bits of `run`.
  StatusBits status(int run) const { return v_.status(checked_run(run)); }
  /// \brief Accepted steps of `run`.
  std::int32_t accepted_steps(int run) const { return v_.accepted_steps(checked_run(run)); }
  /// \brief Rejected steps of `run`.
  std::int32_t rejected_steps(int run) const { return v_.rejected_steps(checked_run(run)); }
  /// \brief Time of the last step of `run`, or where it failed.
  Real end_time(int run) const { return v_.end_time(checked_run(run)); }

  /// \brief Number of runs.
  int n_runs() const { return v_.n_runs; }
  /// \brief Number of saves.
  int n_saves() const { return v_.n_saves; }
  /// \brief Number of failed runs.
  int n_failed() const { return v_.n_failed(); }
  /// \brief Names of the saved states, in column order.
  const std::vector<std::string>& state_legend() const { return v_.state_legend; }
  /// \brief Names of the saved observables, in column order.
  const std::vector<std::string>& observable_legend() const { return v_.observable_legend; }
  /// \brief Names of the summary columns.
  const std::vector<std::string>& summary_legend() const { return v_.summary_legend; }
  /// \brief Names of the parameters.
  const std::vector<std::string>& parameter_legend() const { return v_.parameter_legend; }
  /// \brief End time of each summary window.
  const std::vector<double>& summary_times() const { return v_.summary_times; }
  /// \brief Number of summary windows.
  int n_summaries() const { return v_.n_summaries; }
  /// \brief Names of the counter channels.
  const std::vector<std::string>& counter_legend() const { return v_.counter_legend; }
  /// \brief Planned save times.
  const std::vector<double>& save_times() const { return v_.save_times; }
  /// \brief The host Views themselves.
  const Views& views() const { return v_; }

 private:
  /// "a, b, c", the first 20 names and how many more when there are more.
  static std::string join(const std::vector<std::string>& names) {
    constexpr std::size_t shown = 20;
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < shown; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > shown) out += ", ... (" + std::to_string(names.size()) + " in all)";
    return out;
  }
  void require(const char* output) const {
    if (std::find(v_.outputs.begin(), v_.outputs.end(), output) == v_.outputs.end()) {
      const std::string requested = join(v_.outputs);
      throw Error(std::string("kobie: the '") + output + "' output was not requested (outputs = " + requested +
                  "); add it to the 'outputs' setting, e.g. outputs = " + requested + ", " + output);
    }
  }
  [[noreturn]] void no_summaries(const std::string& what) const {
    throw Error("kobie: there is no " + what +
                ": no summary metric was requested; add the metric to the 'outputs' setting (e.g. outputs = " +
                join(v_.outputs) + ", max) and set sample_summaries_every (the interval the metrics sample at)");
  }
  static void check_index(const char* what, int i, int size) {
    if (i < 0 || i >= size) {
      throw Error(std::string("kobie: ") + what + " " + std::to_string(i) + " is out of range [0, " +
                  std::to_string(size) + ")");
    }
  }
  int checked_run(int run) const {
    check_index("run", run, v_.n_runs);
    return run;
  }
  /// The column of `name` in `legend`, or -1.
  static int index_of(const std::string& name, const std::vector<std::string>& legend) {
    const auto it = std::find(legend.begin(), legend.end(), name);
    return it == legend.end() ? -1 : static_cast<int>(it - legend.begin());
  }
  /// Error "'name' is not among the <what> (legend)<advice>".
  [[noreturn]] static void not_among(const std::string& name, const char* what, const std::vector<std::string>& legend,
                                     const std::string& advice) {
    throw Error("kobie: '" + name + "' is not among the " + what + " (" + join(legend) + ")" + advice);
  }

  Views v_;
};

template <class Real, class MemorySpace>
HostResult<Real> SolveResult<Real, MemorySpace>::to_host() const {
  SolveResult<Real, Kokkos::HostSpace> h;
  // Into the host result's own layout (LayoutRight), whatever the device layout is.
  auto copy = [](auto& out, const auto& view) {
    auto mirror = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), view);
    using Out = std::decay_t<decltype(out)>;
    const auto alloc = Kokkos::view_alloc(Kokkos::WithoutInitializing, view.label());
    if constexpr (view_rank_v<Out> == 1) {
      out = Out(alloc, view.extent(0));
    } else if constexpr (view_rank_v<Out> == 2) {
      out = Out(alloc, view.extent(0), view.extent(1));
    } else {
      out = Out(alloc, view.extent(0), view.extent(1), view.extent(2));
    }
    Kokkos::deep_copy(out, mirror);
  };
  copy(h.state, state);
  copy(h.observables, observables);
  copy(h.time, time);
  copy(h.counters, counters);
  copy(h.status, status);
  copy(h.accepted_steps, accepted_steps);
  copy(h.rejected_steps, rejected_steps);
  copy(h.end_time, end_time);
  copy(h.summaries, summaries);
  copy(h.parameters, parameters);
  h.outputs = outputs;
  h.state_legend = state_legend;
  h.observable_legend = observable_legend;
  h.counter_legend = counter_legend;
  h.summary_legend = summary_legend;
  h.parameter_legend = parameter_legend;
  h.save_times = save_times;
  h.summary_times = summary_times;
  h.n_runs = n_runs;
  h.n_saves = n_saves;
  h.n_summaries = n_summaries;
  return HostResult<Real>(std::move(h));
}

template <class Real, class MemorySpace>
SolveResult<Real, MemorySpace> SolveResult<Real, MemorySpace>::allocate(const ResultShape& shape) {
  auto alloc = [](const char* label) { return Kokkos::view_alloc(Kokkos::WithoutInitializing, std::string(label)); };
  const int runs = shape.n_runs;
  SolveResult r;
  r.state = decltype(r.state)(alloc("kobie::state"), runs, shape.n_saves, shape.n_states);
  r.observables = decltype(r.observables)(alloc("kobie::observables"), runs, shape.n_saves, shape.n_observables);
  r.time = decltype(r.time)(alloc("kobie::time"), runs, shape.time ? shape.n_saves : 0);
  r.counters = decltype(r.counters)(alloc("kobie::counters"), runs, shape.counters ? shape.n_saves : 0,
                                    static_cast<int>(r.counter_legend.size()));
  r.status = decltype(r.status)(alloc("kobie::status"), runs);
  r.accepted_steps = decltype(r.accepted_steps)(alloc("kobie::accepted_steps"), runs);
  r.rejected_steps = decltype(r.rejected_steps)(alloc("kobie::rejected_steps"), runs);
  r.end_time = decltype(r.end_time)(alloc("kobie::end_time"), runs);
  r.parameters = decltype(r.parameters)(alloc("kobie::parameters"), runs, shape.n_parameters);
  r.summaries = decltype(r.summaries)(alloc("kobie::summaries"), runs, shape.n_summaries, shape.n_summary_columns);
  r.n_runs = runs;
  r.n_saves = shape.n_saves;
  r.n_summaries = shape.n_summaries;
  return r;
}

template <class Real, class MemorySpace>
void SolveResult<Real, MemorySpace>::copy_runs_from(const SolveResult& part, int first) const {
  const auto runs = std::make_pair(first, first + part.n_runs);
  auto copy = [&](const auto& dst, const auto& src) {
    if (src.size() == 0) return;
    using Dst = std::decay_t<decltype(dst)>;
    if constexpr (view_rank_v<Dst> == 1) {
      Kokkos::deep_copy(Kokkos::subview(dst, runs), src);
    } else if constexpr (view_rank_v<Dst> == 2) {
      Kokkos::deep_copy(Kokkos::subview(dst, runs, Kokkos::ALL), src);
    } else {
      Kokkos::deep_copy(Kokkos::subview(dst, runs, Kokkos::ALL, Kokkos::ALL), src);
    }
  };
  copy(state, part.state);
  copy(observables, part.observables);
  copy(time, part.time);
  copy(counters, part.counters);
  copy(status, part.status);
  copy(accepted_steps, part.accepted_steps);
  copy(rejected_steps, part.rejected_steps);
  copy(end_time, part.end_time);
  copy(summaries, part.summaries);
}

// Host results are compiled once, into libkobie (src/batch/solve_result.cpp), not in every program that solves.
extern template struct SolveResult<float, Kokkos::HostSpace>;
extern template struct SolveResult<double, Kokkos::HostSpace>;
extern template class HostResult<float>;
extern template class HostResult<double>;

}  // namespace kobie

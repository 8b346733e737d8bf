/// \file
/// \brief What a solve writes and when: the saved variables, the schedule of saves and summary samples and the summary
/// plan; from them the results' shape and legends, their bytes per run, and the loop's output Views.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kobie/batch/solve_result.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/loop/loop_settings.hpp"
#include "kobie/loop/output_settings.hpp"
#include "kobie/loop/outputs.hpp"
#include "kobie/loop/save_schedule.hpp"
#include "kobie/loop/summaries.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

namespace Impl {
/// \brief Indices of `wanted` names in `all` (every name when `wanted` is empty); SettingsError names unknown ones.
std::vector<int> select_names(const std::vector<std::string>& all, const std::vector<std::string>& wanted,
                              const std::string& setting);
}  // namespace Impl

/// \brief The outputs of a solve of System in precision Real, planned from the output and time settings.
template <class System, class Real>
class OutputPlan {
  using Traits = SystemTraits<System>;

 public:
  /// \brief Which variables are saved and summarised, and the plan of saves and summary samples; SettingsError for
  /// names the System does not have.
  void plan(const TimeSettings& time, const OutputSettings& out) {
    outputs_ = out.outputs;
    time_ = out.wants("time");
    counters_ = out.wants("counters");
    saved_states_.clear();
    saved_observables_.clear();
    if (out.wants("state")) saved_states_ = Impl::select_names(Traits::state_names(), out.saved_states, "saved_states");
    if (out.wants("observables")) {
      if (Traits::n_observables == 0) {
        throw SettingsError("kobie: invalid value 'observables' for setting 'outputs': the System has no observables");
      }
      saved_observables_ = Impl::select_names(Traits::observable_names(), out.saved_observables, "saved_observables");
    }
    events_ = plan_events<Real>(time, out);
    summaries_ = SummaryPlan{};
    summaries_.request = parse_summary_request(out.outputs);
    if (summaries_.request.any()) {
      summaries_.states = Impl::select_names(Traits::state_names(), out.summarised_states, "summarised_states");
      if (Traits::n_observables > 0 || !out.summarised_observables.empty()) {
        summaries_.observables =
            Impl::select_names(Traits::observable_names(), out.summarised_observables, "summarised_observables");
      }
      summaries_.samples_per_window = events_.summaries.samples_per_window;
      summaries_.n_windows = events_.summaries.n_windows;
    }
  }

  /// \brief The saves and summary samples in time order.
  const EventPlan<Real>& events() const { return events_; }
  /// \brief The summaries: request, variables, schedule.
  const SummaryPlan& summaries() const { return summaries_; }

  /// \brief Bytes of one run's outputs (saves, summaries, status, step counts, end time, parameters).
  std::size_t bytes_per_run() const {
    const std::size_t saves = events_.save_times.size();
    const std::size_t reals = saves * (saved_states_.size() + saved_observables_.size() + (time_ ? 1 : 0)) +
                              static_cast<std::size_t>(summaries_.n_windows) *
                                  static_cast<std::size_t>(summaries_.n_variables()) *
                                  summaries_.request.columns.size() +
                              1 + Traits::n_parameters;                         // end time, parameters
    const std::size_t ints = (counters_ ? saves * n_counter_channels : 0) + 3;  // status, step counts
    return reals * sizeof(Real) + ints * sizeof(std::int32_t);
  }

  /// \brief Uninitialized results for `n_runs` runs of the planned outputs, with their legends and times.
  template <class Space>
  SolveResult<Real, Space> allocate(int n_runs) const {
    const SummaryRequest& request = summaries_.request;
    ResultShape shape;
    shape.n_runs = n_runs;
    shape.n_saves = static_cast<int>(events_.save_times.size());
    shape.n_states = static_cast<int>(saved_states_.size());
    shape.n_observables = static_cast<int>(saved_observables_.size());
    shape.n_parameters = Traits::n_parameters;
    shape.time = time_;
    shape.counters = counters_;
    shape.n_summaries = request.any() ? summaries_.n_windows : 0;
    shape.n_summary_columns = summaries_.n_variables() * static_cast<int>(request.columns.size());
    SolveResult<Real, Space> r = SolveResult<Real, Space>::allocate(shape);
    r.outputs = outputs_;
    for (int i : saved_states_) r.state_legend.push_back(Traits::state_name(i));
    for (int i : saved_observables_) r.observable_legend.push_back(Traits::observable_name(i));
    auto add_summary_legend = [&](const std::string& variable) {
      for (const auto& suffix : request.suffixes) r.summary_legend.push_back(variable + "_" + suffix);
    };
    if (request.any()) {
      for (int i : summaries_.states) add_summary_legend(Traits::state_name(i));
      for (int i : summaries_.observables) add_summary_legend(Traits::observable_name(i));
    }
    r.parameter_legend = Traits::parameter_names();
    for (Real t : events_.save_times) r.save_times.push_back(static_cast<double>(t));
    for (Real t : events_.summary_times) r.summary_times.push_back(static_cast<double>(t));
    return r;
  }

  /// \brief Point the loop's output Views at the results `r` and set which columns each saved variable fills.
  template <class ExecSpace, class Space>
  void bind(OutputViews<Real, ExecSpace, Traits::n_states, Traits::n_observables>& out,
            const SolveResult<Real, Space>& r) const {
    out.state = r.state;
    out.observables = r.observables;
    out.time = r.time;
    out.counters = r.counters;
    out.status = r.status;
    out.accepted = r.accepted_steps;
    out.rejected = r.rejected_steps;
    out.end_time = r.end_time;
    for (int i = 0; i < Traits::n_states; ++i) out.state_column[i] = -1;
    for (int j = 0; j < static_cast<int>(saved_states_.size()); ++j) out.state_column[saved_states_[j]] = j;
    for (int i = 0; i < static_cast<int>(out.observable_column.size()); ++i) out.observable_column[i] = -1;
    for (int j = 0; j < static_cast<int>(saved_observables_.size()); ++j) {
      out.observable_column[saved_observables_[j]] = j;
    }
    out.save_time = r.time.extent(1) > 0;
    out.save_counters = r.counters.extent(1) > 0;
  }

 private:
  std::vector<std::string> outputs_;
  bool time_ = false;
  bool counters_ = false;
  std::vector<int> saved_states_, saved_observables_;
  EventPlan<Real> events_;
  SummaryPlan summaries_;
};

}  // namespace kobie

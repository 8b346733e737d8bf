/// \file
/// \brief Writing a whole solve result (trajectories, summaries, counters, per-run status) to .npy or CSV files, with
/// the names of states, observables, summaries and parameters alongside.
#pragma once

#include <string>
#include <vector>

#include "kobie/batch/solve_result.hpp"

namespace kobie {

/// \brief Write `result` as .npy arrays and a JSON legend; returns the paths written.
///
/// Files, each `<prefix>_<name>`: `state.npy` (run, save, saved state), `observables.npy`, `time.npy` (run, save)
/// and `counters.npy` (int32, run, save, channel) when those outputs were requested (without `time`,
/// `save_times.npy` holds the planned save times); `summaries.npy` (run, window, column) and `summary_times.npy`
/// when there are summaries; always `status.npy` (uint32, run), `steps.npy` (int32, run × {accepted, rejected}),
/// `end_time.npy` (run), `parameters.npy` (run, parameter) and `legend.json` (every legend, the outputs, n_runs,
/// n_saves, n_summaries). Real arrays have the result's precision. Missing folders in `prefix` are created; throws
/// Error naming a file that cannot be written and why.
std::vector<std::string> write_result_npy(const HostResult<double>& result, const std::string& prefix);
/// \brief As above, for a single-precision result (float32 arrays).
std::vector<std::string> write_result_npy(const HostResult<float>& result, const std::string& prefix);

/// \brief Write `result` as CSV files with named columns; returns the paths written.
///
/// Files, each `<prefix>_<name>.csv`: `trajectories` (run, save, t, saved states, saved observables; t is the saved
/// time when `time` was requested, else the planned save time) when state, observables or time were requested;
/// `summaries` (run, summary, t = window end, summary columns) when there are summaries; `counters` (run, save,
/// counter channels) when requested; always `runs` (run, parameters, status, accepted_steps, rejected_steps,
/// end_time). Values are printed so that they read back exactly (17 significant digits for double, 9 for float).
/// Missing folders in `prefix` are created; throws Error naming a file that cannot be written and why.
std::vector<std::string> write_result_csv(const HostResult<double>& result, const std::string& prefix);
/// \brief As above, for a single-precision result.
std::vector<std::string> write_result_csv(const HostResult<float>& result, const std::string& prefix);

}  // namespace kobie

/// \file
/// \brief Progress of a solve that runs in chunks: what a callback receives after each chunk, and the stderr line.
#pragma once

#include <chrono>
#include <functional>

namespace kobie {

/// \brief Where a solve stands after a chunk.
struct SolveProgress {
  int runs_done = 0;
  int n_runs = 0;
  int chunk = 0;  ///< chunks done
  int n_chunks = 0;
  double elapsed_s = 0;   ///< since the solve began
  double runs_per_s = 0;  ///< so far
  double eta_s = 0;       ///< time left at that rate
};

/// \brief A callback called after every chunk (also when the batch is one chunk).
using ProgressCallback = std::function<void(const SolveProgress&)>;

/// \brief Counts a solve's chunks, calls the callback and, when asked, keeps a progress line on stderr once the solve
/// has run for `quiet_s` seconds ("kobie: 65536 / 1048576 runs (6 %), 12.3k runs/s, 80 s left").
class ProgressReporter {
 public:
  /// \brief A reporter for `n_runs` runs in `n_chunks` chunks.
  ProgressReporter(int n_runs, int n_chunks, const ProgressCallback& callback, bool print, double quiet_s = 2.0);
  /// \brief `runs` more runs are done.
  void chunk_done(int runs);

 private:
  SolveProgress p_;
  ProgressCallback callback_;
  bool print_;
  bool printed_ = false;
  double quiet_s_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace kobie

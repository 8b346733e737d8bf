#include "kobie/batch/progress.hpp"

#include <cstdio>

namespace kobie {

ProgressReporter::ProgressReporter(int n_runs, int n_chunks, const ProgressCallback& callback, bool print,
                                   double quiet_s)
    : callback_(callback), print_(print), quiet_s_(quiet_s), start_(std::chrono::steady_clock::now()) {
  p_.n_runs = n_runs;
  p_.n_chunks = n_chunks;
}

void ProgressReporter::chunk_done(int runs) {
  p_.runs_done += runs;
  ++p_.chunk;
  p_.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  p_.runs_per_s = p_.elapsed_s > 0 ? p_.runs_done / p_.elapsed_s : 0;
  p_.eta_s = p_.runs_per_s > 0 ? (p_.n_runs - p_.runs_done) / p_.runs_per_s : 0;
  if (callback_) callback_(p_);
  const bool last = p_.runs_done >= p_.n_runs;
  if (print_ && (p_.elapsed_s >= quiet_s_ || (printed_ && last))) {
    std::fprintf(stderr, "\rkobie: %d / %d runs (%.0f %%), %.4g runs/s, %.0f s left   %s", p_.runs_done, p_.n_runs,
                 100.0 * p_.runs_done / (p_.n_runs > 0 ? p_.n_runs : 1), p_.runs_per_s, p_.eta_s, last ? "\n" : "");
    std::fflush(stderr);
    printed_ = true;
  }
}

}  // namespace kobie

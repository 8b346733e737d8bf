/// \file
/// \brief Writing results to CSV files a user can load (numpy.loadtxt, pandas, spreadsheets).
#pragma once

#include <Kokkos_Core.hpp>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "kobie/batch/solve_result.hpp"

namespace kobie {

/// \brief A table of doubles with a header, written as CSV (17 significant digits unless `digits` says otherwise).
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<double>> rows;
  std::vector<int> digits;  ///< significant digits of each column (printf "%.*g"); empty: 17 for every column
};

/// \brief Writes a CSV file row by row, so that large results need not be held twice in memory.
class CsvWriter {
 public:
  /// \brief Open `path` (creating missing folders) and write `header`; `digits` as in CsvTable. Throws Error naming
  /// the path and why when the file cannot be opened.
  CsvWriter(const std::string& path, const std::vector<std::string>& header, std::vector<int> digits = {});
  /// \brief Append one row (as many values as the header has names).
  void row(const std::vector<double>& values);
  /// \brief Flush and close; throws Error when anything failed to be written. The destructor closes silently.
  void close();

 private:
  std::string path_;
  std::vector<int> digits_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
};

/// \brief Write `table` to `path`; throws Error when the file cannot be written.
void write_csv(const std::string& path, const CsvTable& table);

/// \brief One row per run: run index, the run's parameters (named), its state at save `save` (-1: the last), status.
template <class Real, class MemorySpace, class ParamView>
CsvTable saved_states_table(const SolveResult<Real, MemorySpace>& result, const std::vector<std::string>& param_names,
                            const ParamView& params, int save = -1) {
  const int s = save < 0 ? result.n_saves - 1 : save;
  auto state = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.state);
  auto status = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.status);
  auto p = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), params);
  CsvTable t;
  t.header.push_back("run");
  for (const auto& n : param_names) t.header.push_back(n);
  for (const auto& n : result.state_legend) t.header.push_back(n);
  t.header.push_back("status");
  for (int run = 0; run < result.n_runs; ++run) {
    std::vector<double> row;
    row.push_back(run);
    for (std::size_t j = 0; j < param_names.size(); ++j) row.push_back(static_cast<double>(p(run, j)));
    for (std::size_t j = 0; j < result.state_legend.size(); ++j) row.push_back(static_cast<double>(state(run, s, j)));
    row.push_back(static_cast<double>(status(run)));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace kobie

/// \file
/// \brief Batch grids read from CSV files: a header row of state and parameter names, then one run per row.
#pragma once

#include <string>
#include <vector>

#include "kobie/batch/batch_grid.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

/// \brief Read a grid from the CSV file `path`: one run per row, columns named by the header row.
///
/// The header names states or parameters (any order, each once); variables without a column take their value from
/// `defaults` (single values). Fields are trimmed; blank lines and lines starting with '#' are skipped, and so is a
/// UTF-8 byte-order mark at the start ("CSV UTF-8" from a spreadsheet). Errors (SettingsError, naming the file and
/// line): a missing, unreadable or folder path, an unknown or repeated column name, a row with the wrong number of
/// fields, a value that is not a finite number, a file without header or rows, a variable with neither a column nor a
/// default. Fields and names are echoed as settings_text::quote_input writes them (short, non-printable bytes escaped).
BatchGrid read_grid_csv(const std::string& path, const std::vector<std::string>& state_names,
                        const std::vector<std::string>& parameter_names, const NamedValues& defaults = {});

/// \brief read_grid_csv with System's state and parameter names.
template <class System>
BatchGrid grid_from_csv(const std::string& path, const NamedValues& defaults = {}) {
  using T = SystemTraits<System>;
  return read_grid_csv(path, T::state_names(), T::parameter_names(), defaults);
}

}  // namespace kobie

#include "kobie/batch/batch_grid.hpp"

#include <limits>

#include "kobie/core/compat.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/core/setting_key.hpp"

namespace kobie {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "none" : out;
}

}  // namespace

BatchGrid make_grid(GridKind kind, const std::vector<std::string>& state_names,
                    const std::vector<std::string>& parameter_names, const NamedValues& values,
                    const NamedValues& defaults) {
  require_kokkos_initialized("kobie::make_grid (grids are Kokkos host Views)");
  const int ns = static_cast<int>(state_names.size());
  const int np = static_cast<int>(parameter_names.size());
  auto column_of = [&](const std::string& name) {
    int col = -1;
    for (int i = 0; i < ns; ++i)
      if (state_names[i] == name) col = i;
    for (int i = 0; i < np; ++i)
      if (parameter_names[i] == name) {
        if (col >= 0) {
          throw SettingsError("kobie: grid variable '" + name + "' is both a state and a parameter name");
        }
        col = ns + i;
      }
    if (col < 0) {
      std::vector<std::string> all = state_names;
      all.insert(all.end(), parameter_names.begin(), parameter_names.end());
      throw SettingsError("kobie: grid variable '" + name + "' is neither a state (" + join(state_names) +
                          ") nor a parameter (" + join(parameter_names) + ")" + settings_text::did_you_mean(name, all));
    }
    return col;
  };

  // Which list feeds each column: values first, then defaults.
  std::vector<const std::vector<double>*> source(ns + np, nullptr);
  for (const auto& nv : values) {
    const int col = column_of(nv.first);
    if (source[col] != nullptr) throw SettingsError("kobie: grid variable '" + nv.first + "' is given twice");
    if (nv.second.empty()) throw SettingsError("kobie: grid variable '" + nv.first + "' has an empty list of values");
    source[col] = &nv.second;
  }
  for (const auto& nv : defaults) {
    const int col = column_of(nv.first);
    if (nv.second.size() != 1) {
      throw SettingsError("kobie: the default of '" + nv.first + "' must be a single value, got " +
                          std::to_string(nv.second.size()));
    }
    if (source[col] == nullptr) source[col] = &nv.second;
  }
  for (int c = 0; c < ns + np; ++c) {
    if (source[c] == nullptr) {
      const std::string name = c < ns ? state_names[c] : parameter_names[c - ns];
      throw SettingsError(std::string("kobie: ") + (c < ns ? "state" : "parameter") + " '" + name +
                          "' has no value: give it in the grid or as a default");
    }
  }

  // Run count and, per column, the stride of its index (combinatorial) or nothing (verbatim).
  long long n_runs = 1;
  std::vector<long long> stride(ns + np, 0);
  if (kind == GridKind::combinatorial) {
    for (auto it = values.rbegin(); it != values.rend(); ++it) {
      const int col = column_of(it->first);
      stride[col] = n_runs;
      n_runs *= static_cast<long long>(it->second.size());
      if (n_runs > std::numeric_limits<int>::max()) {
        throw SettingsError("kobie: the combinatorial grid has more than 2147483647 runs");
      }
    }
  } else {
    std::string first_name;
    for (const auto& nv : values) {
      const long long len = static_cast<long long>(nv.second.size());
      if (len == 1) continue;
      if (n_runs == 1) {
        n_runs = len;
        first_name = nv.first;
      } else if (len != n_runs) {
        throw SettingsError("kobie: verbatim grid lists differ in length: '" + first_name + "' has " +
                            std::to_string(n_runs) + " values, '" + nv.first + "' has " + std::to_string(len) +
                            "; give every list the same length, or a single value to broadcast");
      }
    }
  }

  BatchGrid grid;
  grid.initial_values = decltype(grid.initial_values)("kobie::grid::initial_values", n_runs, ns);
  grid.parameters = decltype(grid.parameters)("kobie::grid::parameters", n_runs, np);
  for (long long r = 0; r < n_runs; ++r) {
    for (int c = 0; c < ns + np; ++c) {
      const auto& list = *source[c];
      std::size_t idx = 0;
      if (list.size() > 1) {
        idx = kind == GridKind::combinatorial ? static_cast<std::size_t>((r / stride[c]) % list.size())
                                              : static_cast<std::size_t>(r);
      }
      if (c < ns) {
        grid.initial_values(r, c) = list[idx];
      } else {
        grid.parameters(r, c - ns) = list[idx];
      }
    }
  }
  return grid;
}

}  // namespace kobie

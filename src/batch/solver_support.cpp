#include <algorithm>
#include <limits>
#include <string>

#include "kobie/algorithms/algorithm_list.hpp"
#include "kobie/batch/solver.hpp"

namespace kobie {
namespace Impl {

std::vector<int> select_names(const std::vector<std::string>& all, const std::vector<std::string>& wanted,
                              const std::string& setting) {
  std::vector<int> out;
  if (wanted.empty()) {
    for (int i = 0; i < static_cast<int>(all.size()); ++i) out.push_back(i);
    return out;
  }
  for (const auto& w : wanted) {
    const auto it = std::find(all.begin(), all.end(), w);
    if (it == all.end()) {
      // saved_states, summarised_observables, ...: what the System lacks is named after the underscore.
      const std::string kind = setting.substr(setting.find('_') + 1);
      settings_text::bad_value(setting, w,
                               all.empty() ? "the System has no " + kind : settings_text::allowed_values(w, all));
    }
    out.push_back(static_cast<int>(it - all.begin()));
  }
  return out;
}

std::vector<double> expand_tolerance(const std::vector<double>& values, int n, const std::string& setting) {
  if (values.size() == 1) return std::vector<double>(n, values[0]);
  if (static_cast<int>(values.size()) == n) return values;
  throw SettingsError("kobie: invalid value for setting '" + setting + "': it has " + std::to_string(values.size()) +
                      " values; give 1 (for every state) or n_states = " + std::to_string(n));
}

std::size_t saturating_product(std::size_t a, std::size_t b) {
  constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
  return b != 0 && a > most / b ? most : a * b;
}

int chunk_runs(int n_runs, std::size_t fixed, std::size_t per_run, std::size_t budget, const std::string& what) {
  const auto mb = [](std::size_t bytes) {
    return settings_text::format_number(static_cast<double>(bytes) / 1e6) + " MB";
  };
  // Sums and products saturate at the largest size_t: a batch too large to count in bytes does not fit any budget.
  constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
  const auto add = [](std::size_t a, std::size_t b) { return a > most - b ? most : a + b; };
  const std::size_t runs = n_runs > 0 ? static_cast<std::size_t>(n_runs) : 0;
  const std::size_t needed = add(fixed, saturating_product(runs, per_run));
  if (needed <= budget) return n_runs > 0 ? n_runs : 1;
  if (add(fixed, per_run) > budget) {
    throw SettingsError("kobie: the solve does not fit memory_budget (" + mb(budget) + "): the " + what + " of " +
                        std::to_string(n_runs) + " runs take " + mb(fixed) + " and one run's working memory " +
                        mb(per_run) +
                        "; save less (save_every, saved_states, outputs), use solve_to_host() so the "
                        "results go to host memory, or raise memory_budget");
  }
  return static_cast<int>(std::min<std::size_t>((budget - fixed) / per_run, static_cast<std::size_t>(n_runs)));
}

bool same_layout(const BufferRegistry& a, const BufferRegistry& b) {
  const auto& x = a.buffers();
  const auto& y = b.buffers();
  if (x.size() != y.size() || a.real_dtype() != b.real_dtype() || a.alternative_in_use() != b.alternative_in_use()) {
    return false;
  }
  for (std::size_t i = 0; i < x.size(); ++i) {
    const BufferInfo& p = x[i];
    const BufferInfo& q = y[i];
    if (p.owner != q.owner || p.name != q.name || p.location != q.location || p.dtype != q.dtype ||
        p.count != q.count || p.offset != q.offset || p.persistent != q.persistent || p.aliased != q.aliased) {
      return false;
    }
  }
  return true;
}

bool all_local(const BufferRegistry& registry) {
  for (const BufferInfo& b : registry.buffers()) {
    if (b.location != Location::local && !b.runtime_sized) return false;
  }
  return true;
}

std::vector<std::string> fixed_step_warnings(const Settings& settings) {
  using settings_text::format_number;
  std::vector<std::string> out;
  const double dt = settings.step.dt;
  if (dt > settings.time.duration) {
    out.push_back("kobie: the fixed step dt = " + format_number(dt) + " is longer than duration = " +
                  format_number(settings.time.duration) + ": the whole run is one step of length duration");
  } else if (settings.time.save_every > 0 && dt > settings.time.save_every) {
    out.push_back("kobie: the fixed step dt = " + format_number(dt) + " is longer than save_every = " +
                  format_number(settings.time.save_every) + ": each save interval is one step of length save_every");
  }
  return out;
}

std::string stiffness_warning(int count, int n_runs, const std::string& algorithm, int n_states,
                              const std::vector<std::string>& compiled) {
  // Measured (perf_tests/BenchLinearSolverChoice.cpp, docs/stiff.md): on mildly stiff problems of 2 to 64
  // states RODAS5P with dense LU is the fastest of the implicit algorithms kobie compiles by default, and with GMRES
  // it is several times slower; above auto_dense_lu_max_dim states `auto` would pick GMRES, so the advice names dense
  // LU.
  const std::string choice = n_states <= auto_dense_lu_max_dim ? "rodas5p" : "rodas5p with linear_solver = dense-lu";
  return "kobie: " + std::to_string(count) + " of " + std::to_string(n_runs) +
         " runs look stiff (the stiffness test of " + algorithm +
         " fired; status bit stiffness_suspected): an implicit algorithm takes far fewer steps: try " +
         "algorithm = " + choice +
         " (the fastest measured on mildly stiff problems: docs/stiff.md, 'The stiffness warning')" +
         (std::find(compiled.begin(), compiled.end(), "rodas5p") == compiled.end()
              ? "; this Solver does not compile it: add kobie::algorithms::Rodas5p to its Algorithms list"
              : "");
}

void unknown_algorithm(const std::string& name, const std::vector<std::string>& compiled) {
  const std::string type = algorithm_type_name(name);
  if (!type.empty()) {
    settings_text::bad_value(
        "algorithm", name,
        "this Solver was compiled with the algorithms " + settings_text::join(compiled) +
            " only (its fourth template argument, Algorithms; default kobie::DefaultAlgorithms). Add " + type +
            " to that list, e.g. kobie::Solver<System, Real, Kokkos::DefaultExecutionSpace, kobie::TypeList<" + type +
            ">>, or compile every algorithm with kobie::AllAlgorithms (a longer compile)");
  }
  std::vector<std::string> allowed = {"auto"};
  allowed.insert(allowed.end(), compiled.begin(), compiled.end());
  settings_text::bad_value("algorithm", name, settings_text::allowed_values(name, allowed));
}

void check_driver_span(const DriverSpline& spline, const TimeSettings& time) {
  if (spline.wrap) return;
  using settings_text::format_number;
  const double first = spline.knots.front(), last = spline.knots.back();
  const double t_end = time.t0 + time.settling_time + time.duration;
  const double slack = 1e-12 * (last - first);  // sample times and the span computed in different orders
  if (time.t0 < first - slack || t_end > last + slack) {
    throw SettingsError("kobie: the drivers are sampled over [" + format_number(first) + ", " + format_number(last) +
                        "] but the solve runs over [" + format_number(time.t0) + ", " + format_number(t_end) +
                        "]; give samples covering the span, or set wrap = true for periodic drivers");
  }
}

LoopParts loop_parts(const Settings& settings, const SummaryPlan& summaries) {
  LoopParts parts;
  static_cast<AlgorithmParts&>(parts) = settings.algorithm_parts();
  parts.time = settings.time;
  parts.step = settings.step;
  parts.controller = settings.controller;
  parts.summaries = summaries;
  parts.nan_on_failure = settings.output.nan_on_failure;
  return parts;
}

}  // namespace Impl
}  // namespace kobie

/// \file
/// \brief kobie::Solver: validates settings, has the IVP loop register its buffers, launches the batch kernel, returns
/// results.
#pragma once

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "kobie/algorithms/algorithm_contract.hpp"
#include "kobie/algorithms/algorithm_list.hpp"
#include "kobie/batch/batch_grid.hpp"
#include "kobie/batch/batch_solver_kernel.hpp"
#include "kobie/batch/output_plan.hpp"
#include "kobie/batch/progress.hpp"
#include "kobie/batch/solve_result.hpp"
#include "kobie/core/compat.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/core/free_memory.hpp"
#include "kobie/loop/component_catalog.hpp"
#include "kobie/loop/ivp_loop.hpp"
#include "kobie/memory/buffer_registry.hpp"
#include "kobie/memory/component.hpp"
#include "kobie/memory/launch.hpp"
#include "kobie/settings.hpp"
#include "kobie/system/driver_spline.hpp"
#include "kobie/system/driver_table.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

namespace Impl {
/// \brief One tolerance per state from a setting of 1 or n values; SettingsError otherwise.
std::vector<double> expand_tolerance(const std::vector<double>& values, int n, const std::string& setting);
/// \brief True when two registries hold the same buffers at the same places.
bool same_layout(const BufferRegistry& a, const BufferRegistry& b);
/// \brief True when every registered buffer is 'local' (the kernel can use compile-time offsets).
bool all_local(const BufferRegistry& registry);
/// \brief Warnings a fixed step earns: longer than the whole duration or than the save interval.
std::vector<std::string> fixed_step_warnings(const Settings& settings);
/// \brief The warning for `count` of `n_runs` runs (of n_states states) whose stiffness test fired, naming the
/// implicit algorithm measured fastest for that size.
std::string stiffness_warning(int count, int n_runs, const std::string& algorithm, int n_states,
                              const std::vector<std::string>& compiled);
/// \brief SettingsError for an algorithm name that is not among `compiled` (the Solver's Algorithms list): saying so
/// when it is one of kobie's algorithms, else listing the valid names.
[[noreturn]] void unknown_algorithm(const std::string& name, const std::vector<std::string>& compiled);

/// \brief The loop's part of the settings (with the algorithm's, which it passes on), for a solve with `summaries`.
LoopParts loop_parts(const Settings& settings, const SummaryPlan& summaries);

/// \brief SettingsError when `spline` does not wrap and its samples do not cover the solve's time span.
void check_driver_span(const DriverSpline& spline, const TimeSettings& time);

/// \brief a·b, or the largest size_t when that overflows (byte counts that cannot fit any budget).
std::size_t saturating_product(std::size_t a, std::size_t b);

/// \brief Runs per chunk for a batch of `n_runs`: all of them when `fixed` + n_runs·`per_run` bytes fit `budget`, else
/// what fits after `fixed`; SettingsError (saying what needs the memory) when not even one run fits.
int chunk_runs(int n_runs, std::size_t fixed, std::size_t per_run, std::size_t budget, const std::string& what);

/// \brief Number of runs whose status has `bit` set (a reduction on the execution space).
template <class ExecSpace, class StatusView>
int count_runs_with(const ExecSpace& exec, const StatusView& status, StatusBits bit) {
  int count = 0;
  Kokkos::parallel_reduce(
      "kobie::count_runs_with", Kokkos::RangePolicy<ExecSpace>(exec, 0, status.extent(0)),
      KOKKOS_LAMBDA(int i, int& c) { c += (status(i) & bit) != 0u ? 1 : 0; }, count);
  return count;
}
}  // namespace Impl

/// \brief Integrates batches of System with Real precision (float or double) on ExecSpace.
///
/// Algorithms is a TypeList of the algorithms this Solver can run, each compiled into its own kernel (default:
/// DefaultAlgorithms; AllAlgorithms has every one). Listing only the ones a program uses shortens its compile time:
/// \code
/// kobie::Solver<Lorenz, double, Kokkos::DefaultExecutionSpace, kobie::TypeList<kobie::algorithms::Tsit5>> solver;
/// \endcode
template <class System, class Real = double, class ExecSpace = Kokkos::DefaultExecutionSpace,
          class Algorithms = DefaultAlgorithms>
class Solver {
  static_assert(std::is_same<Real, float>::value || std::is_same<Real, double>::value,
                "kobie::Solver: Real must be float or double");
  static_assert(check_system<System, Real>(), "kobie::Solver: the System does not satisfy the System concept");
  static_assert(Impl::check_algorithms<Real>(Algorithms{}),
                "kobie::Solver: an algorithm breaks the algorithm contract");

 public:
  using Traits = SystemTraits<System>;
  using memory_space = typename ExecSpace::memory_space;
  using Result = SolveResult<Real, memory_space>;
  static constexpr int n_states = Traits::n_states;
  static constexpr int n_parameters = Traits::n_parameters;
  static constexpr int n_observables = Traits::n_observables;

  /// \brief A solver with default settings.
  Solver() { declare_buffers(); }
  /// \brief A solver with the given settings (checked again at the first solve) for `system`.
  explicit Solver(const Settings& settings, const System& system = System()) : settings_(settings), system_(system) {
    declare_buffers();
  }

  /// \brief Change one setting from text; throws SettingsError for unknown keys and bad values. `algorithm` takes the
  /// names of this Solver's Algorithms (which may include families a program defines itself).
  void set(const std::string& key, const std::string& value) {
    if (settings_text::trim(key) == "algorithm") {
      const std::string name = settings_text::trim(value);
      const std::vector<std::string> compiled = compiled_algorithms();
      if (name != "auto" && std::find(compiled.begin(), compiled.end(), name) == compiled.end()) {
        Impl::unknown_algorithm(name, compiled);
      }
      settings_.algorithm.algorithm = name;
      return;
    }
    settings_.set(key, value);
  }
  /// \brief Change one setting from text.
  void set(const std::string& key, const char* value) { set(key, std::string(value)); }
  /// \brief Change one numeric (or boolean) setting; an error prints the value as written (1e-6, not 9.99...e-07).
  template <class T, class = std::enable_if_t<std::is_arithmetic<T>::value>>
  void set(const std::string& key, T value) {
    if constexpr (std::is_same<T, bool>::value) {
      set(key, value ? "true" : "false");
    } else if constexpr (std::is_integral<T>::value) {
      set(key, std::to_string(value));
    } else {
      set(key, settings_text::format_number(static_cast<double>(value)));
    }
  }
  /// \brief Replace every setting.
  void set_settings(const Settings& settings) {
    settings_ = settings;
    declare_buffers();
  }
  /// \brief The current settings.
  const Settings& settings() const { return settings_; }
  /// \brief The System functor.
  const System& system() const { return system_; }

  /// \brief The buffer layout of the current settings (rebuilt only when a registration changed).
  const BufferRegistry& registry() {
    prepare();
    return registry_;
  }
  /// \brief How many times the buffer layout has changed.
  int layout_builds() const { return layout_builds_; }
  /// \brief Warnings of the last prepare/solve (e.g. an adaptive controller with a fixed-step algorithm). Each
  /// distinct warning is also printed to stderr once per Solver.
  const std::vector<std::string>& warnings() const { return warnings_; }
  /// \brief True when the last solve ran with compile-time offsets for its thread-private buffers (every buffer
  /// 'local', the default): the fast path. Other locations use the registry's offsets at run time.
  bool used_static_layout() const { return static_layout_used_; }
  /// \brief The controller actually used ("fixed" when the algorithm has no error estimate).
  std::string effective_controller() {
    prepare();
    return to_string(StepControl::effective_kind(controller_parts()));
  }
  /// \brief Names of the algorithms this Solver was compiled with.
  static std::vector<std::string> compiled_algorithms() { return algorithm_names_in<Algorithms>(); }
  /// \brief The algorithm a solve runs: the `algorithm` setting, with `auto` resolved for this Solver's list.
  std::string effective_algorithm() const {
    return resolve_algorithm(settings_.algorithm.algorithm, compiled_algorithms());
  }

  /// \brief Integrate every run of a grid.
  Result solve(const BatchGrid& grid) {
    require_kokkos_initialized("kobie::Solver::solve");
    return solve(ExecSpace(), grid.initial_values, grid.parameters);
  }
  /// \brief Integrate one run per row of y0 (run, state) with params (run, parameter); Views in any memory space.
  template <class Y0View, class ParamView>
  Result solve(const Y0View& y0, const ParamView& params) {
    require_kokkos_initialized("kobie::Solver::solve");
    return solve(ExecSpace(), y0, params);
  }
  /// \brief As solve(y0, params), on an execution-space instance. The results stay in the execution space's memory,
  /// so they count against `memory_budget` (use solve_to_host() for batches whose outputs do not fit).
  template <class Y0View, class ParamView>
  Result solve(const ExecSpace& exec, const Y0View& y0, const ParamView& params) {
    require_kokkos_initialized("kobie::Solver::solve");
    ProfilingRegion region("kobie::Solver::solve");
    return solve_into<memory_space>(exec, y0, params, true);
  }

  /// \brief Integrate every run of a grid into host memory, in chunks that fit `memory_budget` on the device (each
  /// chunk's inputs, outputs and scratch); bit-identical to solve().
  HostResult<Real> solve_to_host(const BatchGrid& grid) {
    require_kokkos_initialized("kobie::Solver::solve_to_host");
    return solve_to_host(ExecSpace(), grid.initial_values, grid.parameters);
  }
  /// \brief As solve_to_host(grid), for one run per row of y0 with params.
  template <class Y0View, class ParamView>
  HostResult<Real> solve_to_host(const ExecSpace& exec, const Y0View& y0, const ParamView& params) {
    require_kokkos_initialized("kobie::Solver::solve_to_host");
    ProfilingRegion region("kobie::Solver::solve_to_host");
    return HostResult<Real>(solve_into<Kokkos::HostSpace>(exec, y0, params, false));
  }

  /// \brief Device bytes one run needs: its inputs, its outputs (saves, summaries, status, ...) and its scratch.
  std::size_t memory_per_run() {
    prepare();
    return input_bytes_per_run() + output_bytes_per_run() + scratch_bytes_per_run();
  }
  /// \brief The memory budget in bytes (memory_budget as a fraction of the free memory, or as bytes).
  std::size_t memory_budget() const { return settings_.launch.budget_bytes(free_memory<memory_space>()); }
  /// \brief Sampled drivers shared by every run (for a System with n_drivers > 0): fitted here (SettingsError for bad
  /// samples or a driver count other than the System's), evaluated on the device at each call's time.
  void set_drivers(const DriverSamples& samples) {
    DriverSpline spline = fit_driver_splines(samples);
    check_driver_count<System>(spline);
    drivers_ = std::move(spline);
  }
  /// \brief The fitted drivers (empty before set_drivers()).
  const std::optional<DriverSpline>& drivers() const { return drivers_; }

  /// \brief Called after every chunk of a solve with the runs done, runs/s and the time left.
  void set_progress_callback(ProgressCallback callback) { progress_callback_ = std::move(callback); }

 private:
  using InputView = Kokkos::View<const Real**, memory_space>;

  std::size_t input_bytes_per_run() const { return static_cast<std::size_t>(n_states + n_parameters) * sizeof(Real); }
  std::size_t scratch_bytes_per_run() const {
    const LayoutTotals t = registry_.totals();
    return t.shared_bytes + t.scratch_bytes;
  }
  std::size_t output_bytes_per_run() const { return outputs_.bytes_per_run(); }

  /// \brief The step control's part, for the algorithm prepare() found.
  ControllerParts controller_parts() const {
    ControllerParts parts;
    parts.controller = settings_.controller;
    parts.error_order = info_.error_order;
    parts.default_kind = info_.default_controller;
    return parts;
  }

  /// \brief Buffers of this Solver's algorithms beyond kobie's own get `<buffer>_location` keys on its Settings.
  void declare_buffers() {
    static const std::vector<DeclaredBuffer> beyond = buffers_beyond_kobies<Algorithms>();
    settings_.declared_buffers = beyond;
  }

  /// \brief Solve into results in Space, in chunks that fit the memory budget (with the results themselves when
  /// `results_in_budget`, as for solve()'s device-resident results); each chunk's outputs are copied into place unless
  /// the batch is one chunk solved in place.
  template <class Space, class Y0View, class ParamView>
  SolveResult<Real, Space> solve_into(const ExecSpace& exec, const Y0View& y0, const ParamView& params,
                                      bool results_in_budget) {
    prepare();
    constexpr bool same_space = std::is_same<Space, memory_space>::value;
    const int n_runs = static_cast<int>(y0.extent(0));
    auto y0_d = to_exec(exec, y0, n_runs, n_states, "initial values");
    auto p_d = to_exec(exec, params, n_runs, n_parameters, "parameters");
    SolveResult<Real, Space> result = outputs_.template allocate<Space>(n_runs);
    if (n_parameters > 0) {
      if constexpr (same_space) {
        Kokkos::deep_copy(exec, result.parameters, p_d);
      } else {
        Kokkos::deep_copy(result.parameters, Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), p_d));
      }
    }
    const std::size_t outputs = output_bytes_per_run();
    const std::size_t fixed = Impl::saturating_product(static_cast<std::size_t>(n_runs),
                                                       input_bytes_per_run() + (results_in_budget ? outputs : 0));
    const char* what = results_in_budget ? "inputs and outputs" : "inputs";
    int chunk = Impl::chunk_runs(n_runs, fixed, scratch_bytes_per_run() + (results_in_budget ? 0 : outputs),
                                 memory_budget(), what);
    if (chunk < n_runs && results_in_budget) {  // a staged chunk also needs its own outputs
      chunk = Impl::chunk_runs(n_runs, fixed, scratch_bytes_per_run() + outputs, memory_budget(), what);
    }
    if (settings_.launch.progress) chunk = std::min(chunk, std::max(1024, (n_runs + 19) / 20));
    const int n_chunks = n_runs == 0 ? 1 : (n_runs + chunk - 1) / chunk;
    ProgressReporter progress(n_runs, n_chunks, progress_callback_, settings_.launch.progress);
    // prepare() found the algorithm in Algorithms, so the visit always finds it.
    visit_algorithm<Algorithms>(info_.name, [&](auto algorithm) {
      using A = decltype(algorithm);
      if constexpr (same_space) {
        if (n_chunks == 1) {
          launch<A>(exec, y0_d, p_d, result, 0);
          progress.chunk_done(n_runs);
        }
      }
      if (!same_space || n_chunks > 1) {
        for (int first = 0; first < n_runs; first += chunk) {
          const int count = std::min(chunk, n_runs - first);
          Result part = outputs_.template allocate<memory_space>(count);
          launch<A>(exec, y0_d, p_d, part, first);
          fence(exec, "kobie::Solver::solve chunk");
          if constexpr (same_space) {
            result.copy_runs_from(part, first);
          } else {
            result.copy_runs_from(part.to_host().views(), first);
          }
          progress.chunk_done(count);
        }
      }
      if constexpr (reports_stiffness<A>::value) {
        using CountSpace = std::conditional_t<same_space, ExecSpace, Kokkos::DefaultHostExecutionSpace>;
        const int stiff = Impl::count_runs_with(CountSpace(), result.status, status::stiffness_suspected);
        if (stiff > 0) warn(Impl::stiffness_warning(stiff, n_runs, A::name, n_states, compiled_algorithms()));
      }
    });
    fence(exec, "kobie::Solver::solve");
    return result;
  }

  template <class V>
  InputView to_exec(const ExecSpace& exec, const V& v, int n_runs, int n_cols, const std::string& what) const {
    static_assert(view_rank_v<V> == 2, "kobie::Solver::solve: initial values and parameters must be rank-2 Views");
    const bool rows_ok = static_cast<int>(v.extent(0)) == n_runs || (n_cols == 0 && v.extent(0) == 0);
    if (!rows_ok || static_cast<int>(v.extent(1)) != n_cols) {
      throw SettingsError("kobie: the " + what + " View is " + std::to_string(v.extent(0)) + " x " +
                          std::to_string(v.extent(1)) + ", expected " + std::to_string(n_runs) + " x " +
                          std::to_string(n_cols) + " (runs x " + (what == "parameters" ? "n_parameters" : "n_states") +
                          ")");
    }
    if constexpr (std::is_same<typename V::non_const_value_type, Real>::value &&
                  std::is_same<typename V::memory_space, memory_space>::value &&
                  std::is_same<typename V::array_layout, typename InputView::array_layout>::value) {
      return InputView(v);  // already in the kernel's type, memory and layout: no copy
    } else {
      auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
      Kokkos::View<Real**, memory_space> out(Kokkos::view_alloc(exec, Kokkos::WithoutInitializing, "kobie::" + what),
                                             n_runs, n_cols);
      auto out_h = Kokkos::create_mirror_view(out);
      for (int r = 0; r < n_runs; ++r)
        for (int c = 0; c < n_cols; ++c) out_h(r, c) = static_cast<Real>(host(r, c));
      Kokkos::deep_copy(exec, out, out_h);
      return out;
    }
  }

  template <class T>
  static Kokkos::View<T*, memory_space> to_device(const ExecSpace& exec, const std::vector<T>& values,
                                                  const std::string& label) {
    Kokkos::View<T*, memory_space> out(Kokkos::view_alloc(exec, Kokkos::WithoutInitializing, label), values.size());
    auto host = Kokkos::create_mirror_view(out);
    for (std::size_t i = 0; i < values.size(); ++i) host(i) = values[i];
    Kokkos::deep_copy(exec, out, host);
    return out;
  }

  void warn(const std::string& message) {
    warnings_.push_back(message);
    if (printed_.insert(message).second) std::cerr << message << "\n";
  }

  /// \brief Check the settings against the System and this Solver, and rebuild the layout when it changed.
  void prepare() {
    require_kokkos_initialized("kobie::Solver");
    settings_.validate();
    if (Traits::n_drivers > 0) {
      if (!drivers_) {
        throw SettingsError("kobie: the System declares n_drivers = " + std::to_string(Traits::n_drivers) +
                            " but no drivers were given; call set_drivers() with their samples before solving");
      }
      Impl::check_driver_span(*drivers_, settings_.time);
    }
    outputs_.plan(settings_.time, settings_.output);
    const std::string name = effective_algorithm();
    BufferRegistry candidate = BufferRegistry::for_real<Real>();
    const bool found = visit_algorithm<Algorithms>(name, [&](auto algorithm) {
      using A = decltype(algorithm);
      A::validate();
      info_ = Impl::info_of<A>();
      register_component<IvpLoop<A>>(candidate, "", Impl::loop_parts(settings_, outputs_.summaries()), Traits::sizes());
    });
    if (!found) Impl::unknown_algorithm(name, compiled_algorithms());

    warnings_.clear();
    const ControllerKind kind = StepControl::effective_kind(controller_parts());
    if (kind == ControllerKind::fixed && settings_.controller.controller != "fixed" &&
        settings_.controller.controller != "auto") {
      warn("kobie: algorithm '" + info_.name + "' has no error estimate, so controller '" +
           settings_.controller.controller +
           "' cannot adapt the step; using the fixed controller with dt = " + settings_.get("dt"));
    }
    if (kind == ControllerKind::fixed) {
      for (const auto& w : Impl::fixed_step_warnings(settings_)) warn(w);
    }
    atol_ = Impl::expand_tolerance(settings_.controller.atol, n_states, "atol");
    rtol_ = Impl::expand_tolerance(settings_.controller.rtol, n_states, "rtol");
    if (settings_.controller.tolerance_proportional && info_.advances_lower_order()) {
      for (int i = 0; i < n_states; ++i) {
        const double f = tolerance_proportional_factor(rtol_[static_cast<std::size_t>(i)], info_.order);
        rtol_[static_cast<std::size_t>(i)] *= f;
        atol_[static_cast<std::size_t>(i)] *= f;
      }
    }

    if (layout_builds_ == 0 || !Impl::same_layout(candidate, registry_)) {
      registry_ = std::move(candidate);
      ++layout_builds_;
    }
  }

  /// \brief Launch the kernel of algorithm A: with compile-time offsets when every buffer is 'local' (the default),
  /// else with the registry's run-time offsets. Device backends also get a kernel with the summaries compiled out for
  /// solves that request none (there their code would cost every run registers); host backends do not, which saves a
  /// third of the compile time per algorithm. Likewise, on device backends an algorithm whose components have
  /// alternatives (the dense and the matrix-free linear solver) gets one kernel per alternative, each with only that
  /// alternative's code and room (the dense one then keeps its matrix in registers), and runs the one its settings
  /// chose; host backends compile one kernel that holds every alternative (a host compiler inlines either path, and
  /// one kernel halves the compile time of the implicit algorithms).
  /// Runs r.n_runs runs whose inputs are rows first.. of y0 and params.
  template <class A>
  void launch(const ExecSpace& exec, const InputView& y0, const InputView& params, const Result& r, int first) {
    if constexpr (alternatives_of<IvpLoop<A>> == 0 || is_host_execution_space_v<ExecSpace>) {
      launch_alternative<A, 0>(exec, y0, params, r, first);
    } else {
      launch_chosen_alternative<A, 1>(registry_.alternative_in_use(), exec, y0, params, r, first);
    }
  }

  /// \brief launch_alternative<A, k>() for the k the registry names, trying K, K + 1, ... in turn.
  template <class A, int K>
  void launch_chosen_alternative(int k, const ExecSpace& exec, const InputView& y0, const InputView& params,
                                 const Result& r, int first) {
    if (k == K) {
      launch_alternative<A, K>(exec, y0, params, r, first);
    } else if constexpr (K < alternatives_of<IvpLoop<A>>) {
      launch_chosen_alternative<A, K + 1>(k, exec, y0, params, r, first);
    } else {
      throw RegistryError("kobie: algorithm '" + std::string(A::name) + "' has no kernel for alternative " +
                          std::to_string(k));
    }
  }

  /// \brief launch() for the kernels compiled for alternative K (0: the algorithm has none).
  template <class A, int K>
  void launch_alternative(const ExecSpace& exec, const InputView& y0, const InputView& params, const Result& r,
                          int first) {
    using Static = StaticBinding<SizesOf<System>, Real, IvpLoop<A>, 0, K, !is_host_execution_space_v<ExecSpace>>;
    static_layout_used_ = Impl::all_local(registry_);
    if (!static_layout_used_) {
      run_kernel<A, DynamicBinding<Real, IvpLoop<A>, K>>(exec, y0, params, r, first);
      return;
    }
    if constexpr (!is_host_execution_space_v<ExecSpace>) {
      if (!outputs_.summaries().request.any()) {
        run_kernel<A, Static, false>(exec, y0, params, r, first);
        return;
      }
    }
    run_kernel<A, Static>(exec, y0, params, r, first);
  }

  template <class A, class Binding, bool Summarise = true>
  void run_kernel(const ExecSpace& exec, const InputView& y0, const InputView& params, const Result& r,
                  int first) const {
    using Loop = IvpLoop<A>;
    using LoopDevice = typename Loop::template Device<System, Real, ExecSpace, Binding, Summarise>;
    BatchSolverKernel<LoopDevice, A::adaptive ? 1 : 4> kernel{
        Loop::template device<System, Real, ExecSpace, Binding, Summarise>(
            Impl::loop_parts(settings_, outputs_.summaries()), registry_, system_, atol_, rtol_, r.n_saves)};
    LoopDevice& loop = kernel.loop;
    loop.initial_values = y0;
    loop.parameter_values = params;
    loop.first_input = first;
    if constexpr (Traits::n_drivers > 0) loop.driver_table = make_driver_table<Real>(exec, *drivers_);
    loop.event_times = to_device(exec, outputs_.events().times, "kobie::event_times");
    loop.event_kinds = to_device(exec, outputs_.events().kinds, "kobie::event_kinds");
    loop.summaries =
        Summaries::device<Real, memory_space, typename Binding::template child<Summaries>, n_states, n_observables>(
            registry_, outputs_.summaries(), r.summaries);
    outputs_.bind(loop.out, r);

    constexpr std::size_t capacity = local_capacity<Loop, Real, Binding::alternative>(Traits::sizes());
    const LaunchPlan plan = make_launch_plan<ExecSpace>(registry_, r.n_runs, settings_.launch.max_runs_per_team);
    launch_runs<capacity, Binding::all_local>(exec, registry_, plan, std::string("kobie::solve<") + A::name + ">",
                                              kernel);
  }

  Settings settings_;
  System system_;
  BufferRegistry registry_ = BufferRegistry::for_real<Real>();
  AlgorithmInfo info_;
  int layout_builds_ = 0;
  std::vector<std::string> warnings_;
  std::set<std::string> printed_;
  std::vector<double> atol_, rtol_;
  ProgressCallback progress_callback_;
  std::optional<DriverSpline> drivers_;
  OutputPlan<System, Real> outputs_;
  bool static_layout_used_ = false;
};

}  // namespace kobie

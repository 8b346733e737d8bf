/// \file
/// \brief kobie::Solver: validates settings, lays out per-run buffers, launches the batch kernel, returns results.
#pragma once

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "kobie/algorithms/algorithm_list.hpp"
#include "kobie/algorithms/tableau_checks.hpp"
#include "kobie/batch/batch_grid.hpp"
#include "kobie/batch/batch_solver_kernel.hpp"
#include "kobie/batch/settings.hpp"
#include "kobie/batch/solve_result.hpp"
#include "kobie/core/compat.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/loop/loop_buffers.hpp"
#include "kobie/memory/buffer_registry.hpp"
#include "kobie/memory/launch.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

namespace Impl {
/// \brief Number of saves and whether the last regular save coincides with the end (host, double precision).
int count_saves(const TimeSettings& time);
/// \brief The default gains (kp, ki, kd) of a controller kind, with the user's values where set.
void controller_gains(const ControllerSettings& s, ControllerKind kind, double& kp, double& ki, double& kd);
/// \brief Indices of `wanted` names in `all` (every name when `wanted` is empty); SettingsError names unknown ones.
std::vector<int> select_names(const std::vector<std::string>& all, const std::vector<std::string>& wanted,
                              const std::string& setting);
/// \brief One tolerance per state from a setting of 1 or n values; SettingsError otherwise.
std::vector<double> expand_tolerance(const std::vector<double>& values, int n, const std::string& setting);
}  // namespace Impl

/// \brief Integrates batches of System with Real precision (float or double) on ExecSpace.
///
/// \code
/// kobie::Solver<Lorenz> solver;
/// solver.set("algorithm", "tsit5");
/// auto result = solver.solve(kobie::combinatorial_grid<Lorenz>({{"rho", rhos}}, defaults));
/// \endcode
template <class System, class Real = double, class ExecSpace = Kokkos::DefaultExecutionSpace>
class Solver {
  static_assert(std::is_same<Real, float>::value || std::is_same<Real, double>::value,
                "kobie::Solver: Real must be float or double");
  static_assert(check_system<System, Real>(), "kobie::Solver: the System does not satisfy the System concept");

 public:
  using Traits = SystemTraits<System>;
  using memory_space = typename ExecSpace::memory_space;
  using Result = SolveResult<Real, memory_space>;
  static constexpr int n_states = Traits::n_states;
  static constexpr int n_parameters = Traits::n_parameters;
  static constexpr int n_observables = Traits::n_observables;

  /// \brief A solver with default settings.
  Solver() = default;
  /// \brief A solver with the given settings (validated at the first solve) for `system`.
  explicit Solver(const Settings& settings, const System& system = System()) : settings_(settings), system_(system) {}

  /// \brief Change one setting from text; throws SettingsError for unknown keys or unparsable values.
  void set(const std::string& key, const std::string& value) { settings_.set(key, value); }
  /// \brief Change one numeric setting.
  template <class T, class = std::enable_if_t<std::is_arithmetic<T>::value>>
  void set(const std::string& key, T value) {
    std::ostringstream os;
    os.precision(17);
    os << value;
    settings_.set(key, os.str());
  }
  /// \brief Replace every setting.
  void set_settings(const Settings& settings) { settings_ = settings; }
  /// \brief The current settings.
  const Settings& settings() const { return settings_; }
  /// \brief The System functor.
  const System& system() const { return system_; }

  /// \brief The buffer layout of the current settings (rebuilt only when a layout-relevant setting changed).
  const BufferRegistry& registry() {
    prepare();
    return registry_;
  }
  /// \brief How many times the buffer layout has been built.
  int layout_builds() const { return layout_builds_; }
  /// \brief Warnings of the last prepare/solve (e.g. an adaptive controller with a fixed-step algorithm).
  const std::vector<std::string>& warnings() const { return warnings_; }
  /// \brief True when the last solve ran with compile-time offsets for its thread-private buffers (every loop buffer
  /// 'local', the default): the fast path. Other locations use the registry's offsets at run time.
  bool used_static_layout() const { return static_layout_used_; }
  /// \brief The controller actually used ("fixed" when the algorithm has no error estimate).
  std::string effective_controller() {
    prepare();
    return to_string(controller_kind_);
  }

  /// \brief Integrate every run of a grid.
  Result solve(const BatchGrid& grid) { return solve(ExecSpace(), grid.initial_values, grid.parameters); }
  /// \brief Integrate one run per row of y0 (run, state) with params (run, parameter); Views in any memory space.
  template <class Y0View, class ParamView>
  Result solve(const Y0View& y0, const ParamView& params) {
    return solve(ExecSpace(), y0, params);
  }
  /// \brief As solve(y0, params), on an execution-space instance.
  template <class Y0View, class ParamView>
  Result solve(const ExecSpace& exec, const Y0View& y0, const ParamView& params) {
    ProfilingRegion region("kobie::Solver::solve");
    prepare();
    const int n_runs = static_cast<int>(y0.extent(0));
    auto y0_d = to_exec(exec, y0, n_runs, n_states, "initial values");
    auto p_d = to_exec(exec, params, n_runs, n_parameters, "parameters");
    Result result = allocate(exec, n_runs);
    // prepare() validated the name, so the visit always finds the tableau.
    visit_tableau(settings_.algorithm.algorithm,
                  [&](auto tableau) { launch<decltype(tableau)>(exec, y0_d, p_d, result); });
    fence(exec, "kobie::Solver::solve");
    return result;
  }

 private:
  template <class V>
  Kokkos::View<const Real**, memory_space> to_exec(const ExecSpace& exec, const V& v, int n_runs, int n_cols,
                                                   const std::string& what) const {
    static_assert(view_rank_v<V> == 2, "kobie::Solver::solve: initial values and parameters must be rank-2 Views");
    const bool rows_ok = static_cast<int>(v.extent(0)) == n_runs || (n_cols == 0 && v.extent(0) == 0);
    if (!rows_ok || static_cast<int>(v.extent(1)) != n_cols) {
      throw SettingsError("kobie: the " + what + " View is " + std::to_string(v.extent(0)) + " x " +
                          std::to_string(v.extent(1)) + ", expected " + std::to_string(n_runs) + " x " +
                          std::to_string(n_cols) + " (runs x " + (what == "parameters" ? "n_parameters" : "n_states") +
                          ")");
    }
    using Input = Kokkos::View<const Real**, memory_space>;
    if constexpr (std::is_same<typename V::non_const_value_type, Real>::value &&
                  std::is_same<typename V::memory_space, memory_space>::value &&
                  std::is_same<typename V::array_layout, typename Input::array_layout>::value) {
      return Input(v);  // already in the kernel's type, memory and layout: no copy
    }
    auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
    Kokkos::View<Real**, memory_space> out(Kokkos::view_alloc(exec, Kokkos::WithoutInitializing, "kobie::" + what),
                                           n_runs, n_cols);
    auto out_h = Kokkos::create_mirror_view(out);
    for (int r = 0; r < n_runs; ++r)
      for (int c = 0; c < n_cols; ++c) out_h(r, c) = static_cast<Real>(host(r, c));
    Kokkos::deep_copy(exec, out, out_h);
    return out;
  }

  /// \brief Validate settings against the System and rebuild what changed.
  void prepare() {
    settings_.validate();
    if (Traits::n_drivers > 0) {
      throw SettingsError("kobie: the System declares n_drivers = " + std::to_string(Traits::n_drivers) +
                          ", but this solver has no driver input yet; set n_drivers = 0");
    }
    const AlgorithmInfo info = algorithm_info(settings_.algorithm.algorithm);
    visit_tableau(info.name, [](auto t) { validate_tableau<decltype(t)>(); });
    warnings_.clear();
    ControllerKind kind = parse_controller(settings_.controller.controller);
    if (kind != ControllerKind::fixed && info.embedded_order == 0) {
      warnings_.push_back("kobie: algorithm '" + info.name + "' has no error estimate, so controller '" +
                          settings_.controller.controller +
                          "' cannot adapt the step; using the fixed controller with "
                          "dt = " +
                          settings_.get("dt"));
      std::cerr << warnings_.back() << "\n";
      kind = ControllerKind::fixed;
    }
    controller_kind_ = kind;
    atol_ = Impl::expand_tolerance(settings_.controller.atol, n_states, "atol");
    rtol_ = Impl::expand_tolerance(settings_.controller.rtol, n_states, "rtol");
    saved_states_ = std::vector<int>();
    saved_observables_ = std::vector<int>();
    const auto& outputs = settings_.output.outputs;
    auto wants = [&](const char* o) { return std::find(outputs.begin(), outputs.end(), o) != outputs.end(); };
    if (wants("state")) {
      saved_states_ = Impl::select_names(Traits::state_names(), settings_.output.saved_states, "saved_states");
    }
    if (wants("observables")) {
      if (n_observables == 0) {
        throw SettingsError("kobie: invalid value 'observables' for setting 'outputs': the System has no observables");
      }
      saved_observables_ =
          Impl::select_names(Traits::observable_names(), settings_.output.saved_observables, "saved_observables");
    }
    save_time_ = wants("time");
    save_counters_ = wants("counters");
    n_saves_ = Impl::count_saves(settings_.time);

    const std::string key =
        info.name + "|" + settings_.algorithm.stage_location + "|" + settings_.algorithm.state_location + "|" +
        std::to_string(controller_history_size(controller_kind_)) + "|" + settings_.controller.timestep_memory;
    if (key != layout_key_) {
      build_layout(info);
      layout_key_ = key;
    }
  }

  void build_layout(const AlgorithmInfo& info) {
    const BufferOptions persistent{true, DType::real, ""};
    const std::string& state_loc = settings_.algorithm.state_location;
    const std::string& stage_loc = settings_.algorithm.stage_location;
    BufferRegistry reg = BufferRegistry::for_real<Real>();
    reg.register_buffer("loop", "state", n_states, state_loc, persistent);
    reg.register_buffer("loop", "proposed_state", n_states, state_loc);
    reg.register_buffer("loop", "parameters", n_parameters, "local", persistent);
    reg.register_buffer("loop", "drivers", Traits::n_drivers, "local", persistent);
    reg.register_buffer("loop", "observables", n_observables, "local");
    reg.register_buffer("loop", "step_counters", 2, "local", BufferOptions{true, DType::int32, ""});
    reg.register_child("loop", "algorithm");
    reg.register_buffer("algorithm", "stage_derivatives", static_cast<std::int64_t>(info.stages) * n_states, stage_loc,
                        BufferOptions{info.fsal, DType::real, ""});
    reg.register_buffer("algorithm", "stage_state", n_states, stage_loc);
    reg.register_buffer("algorithm", "error", n_states, stage_loc);
    reg.register_child("loop", "controller");
    reg.register_buffer("controller", "timestep_memory", controller_history_size(controller_kind_),
                        settings_.controller.timestep_memory, persistent);
    registry_ = std::move(reg);
    ++layout_builds_;
  }

  Result allocate(const ExecSpace& exec, int n_runs) const {
    Result r;
    auto alloc = [&](const char* label) {
      return Kokkos::view_alloc(exec, Kokkos::WithoutInitializing, std::string(label));
    };
    const int ns = static_cast<int>(saved_states_.size());
    const int no = static_cast<int>(saved_observables_.size());
    r.state = decltype(r.state)(alloc("kobie::state"), n_runs, n_saves_, ns);
    r.observables = decltype(r.observables)(alloc("kobie::observables"), n_runs, n_saves_, no);
    r.time = decltype(r.time)(alloc("kobie::time"), n_runs, save_time_ ? n_saves_ : 0);
    r.counters = decltype(r.counters)(alloc("kobie::counters"), n_runs, save_counters_ ? n_saves_ : 0, 2);
    r.status = decltype(r.status)(alloc("kobie::status"), n_runs);
    r.accepted_steps = decltype(r.accepted_steps)(alloc("kobie::accepted_steps"), n_runs);
    r.rejected_steps = decltype(r.rejected_steps)(alloc("kobie::rejected_steps"), n_runs);
    for (int i : saved_states_) r.state_legend.push_back(Traits::state_name(i));
    for (int i : saved_observables_) r.observable_legend.push_back(Traits::observable_name(i));
    LoopParams<Real> lp = loop_params();
    for (int s = 0; s < n_saves_; ++s) r.save_times.push_back(static_cast<double>(lp.save_time(s)));
    r.n_runs = n_runs;
    r.n_saves = n_saves_;
    return r;
  }

  LoopParams<Real> loop_params() const {
    const auto& t = settings_.time;
    const auto& st = settings_.step;
    LoopParams<Real> lp;
    lp.t0 = static_cast<Real>(t.t0);
    lp.t_start = static_cast<Real>(t.t0 + t.settling_time);
    lp.save_every = static_cast<Real>(t.save_every);
    lp.t_end = static_cast<Real>(t.t0 + t.settling_time + t.duration);
    lp.n_saves = n_saves_;
    lp.dt0 = static_cast<Real>(st.dt);
    lp.dt_min = static_cast<Real>(st.dt_min);
    lp.dt_max = static_cast<Real>(std::min(st.dt_max, static_cast<double>(math::finite_max<Real>())));
    lp.max_steps = static_cast<std::int32_t>(st.max_steps);
    lp.max_rejections = st.max_rejections;
    lp.nan_on_failure = settings_.output.nan_on_failure;
    return lp;
  }

  StepController<Real> make_controller(int error_order) const {
    const auto& c = settings_.controller;
    StepController<Real> sc;
    sc.kind = controller_kind_;
    double kp = 0, ki = 0, kd = 0;
    Impl::controller_gains(c, controller_kind_, kp, ki, kd);
    const double denom = 2.0 * (error_order + 1);
    sc.safety = static_cast<Real>(c.safety);
    sc.min_gain = static_cast<Real>(c.min_gain);
    sc.max_gain = static_cast<Real>(c.max_gain);
    sc.expo_p = static_cast<Real>(kp / denom);
    sc.expo_i = static_cast<Real>(ki / denom);
    sc.expo_d = static_cast<Real>(kd / denom);
    sc.deadband_min = static_cast<Real>(c.deadband_min);
    sc.deadband_max = static_cast<Real>(c.deadband_max);
    sc.gamma = static_cast<Real>(c.gamma);
    sc.max_newton_iters = c.max_newton_iters;
    sc.set_shortcuts();
    return sc;
  }

  /// \brief True when the registry placed every loop buffer where StaticLoopLayout expects it (all 'local').
  template <class Tableau>
  bool static_layout_matches() const {
    using L = StaticLoopLayout<System, Real, Tableau::stages>;
    auto at = [&](const char* owner, const char* name, std::size_t offset) {
      const Allocator a = registry_.allocator(owner, name);
      return a.location == Location::local && a.offset == offset;
    };
    return at("loop", "state", L::state) && at("loop", "proposed_state", L::proposed_state) &&
           at("loop", "parameters", L::parameters) && at("loop", "drivers", L::drivers) &&
           at("loop", "observables", L::observables) && at("loop", "step_counters", L::step_counters) &&
           at("algorithm", "stage_derivatives", L::stage_derivatives) &&
           at("algorithm", "stage_state", L::stage_state) && at("algorithm", "error", L::error) &&
           at("controller", "timestep_memory", L::timestep_memory);
  }

  void fill_buffers(LoopBuffers<Real>& b) const {
    b.state = registry_.typed_allocator<Real>("loop", "state");
    b.proposed_state = registry_.typed_allocator<Real>("loop", "proposed_state");
    b.parameters = registry_.typed_allocator<Real>("loop", "parameters");
    b.drivers = registry_.typed_allocator<Real>("loop", "drivers");
    b.observables = registry_.typed_allocator<Real>("loop", "observables");
    b.step_counters = registry_.typed_allocator<std::int32_t>("loop", "step_counters");
    const ChildAllocators algorithm = registry_.get_child_allocators("loop", "algorithm");
    b.stage_derivatives = algorithm.typed<Real>("stage_derivatives");
    b.stage_state = algorithm.typed<Real>("stage_state");
    b.error = algorithm.typed<Real>("error");
    b.timestep_memory = registry_.get_child_allocators("loop", "controller").typed<Real>("timestep_memory");
  }

  template <int Stages>
  void fill_buffers(StaticLoopBuffers<System, Real, Stages>& b) const {
    b.timestep_memory.count = static_cast<int>(registry_.allocator("controller", "timestep_memory").count);
  }

  /// \brief Launch the kernel of Tableau: with compile-time local offsets when the registry's layout has them.
  template <class Tableau>
  void launch(const ExecSpace& exec, const Kokkos::View<const Real**, memory_space>& y0,
              const Kokkos::View<const Real**, memory_space>& params, const Result& r) {
    static_layout_used_ = static_layout_matches<Tableau>();
    if (static_layout_used_) {
      run_kernel<Tableau, StaticLoopBuffers<System, Real, Tableau::stages>>(exec, y0, params, r);
    } else {
      run_kernel<Tableau, LoopBuffers<Real>>(exec, y0, params, r);
    }
  }

  template <class Tableau, class Buffers>
  void run_kernel(const ExecSpace& exec, const Kokkos::View<const Real**, memory_space>& y0,
                  const Kokkos::View<const Real**, memory_space>& params, const Result& r) const {
    using Kernel = BatchSolverKernel<System, Real, Tableau, ExecSpace, Buffers>;
    Kernel k;
    k.initial_values = y0;
    k.parameters = params;
    auto& loop = k.loop;
    loop.system = system_;
    loop.loop = loop_params();
    loop.controller = make_controller(Kernel::Loop::Step::error_order);
    loop.max_norm = settings_.controller.error_norm == "max";
    for (int i = 0; i < n_states; ++i) {
      loop.atol[i] = static_cast<Real>(atol_[i]);
      loop.rtol[i] = static_cast<Real>(rtol_[i]);
    }
    fill_buffers(loop.buffers);

    auto& out = loop.out;
    out.state = r.state;
    out.observables = r.observables;
    out.time = r.time;
    out.counters = r.counters;
    out.status = r.status;
    out.accepted = r.accepted_steps;
    out.rejected = r.rejected_steps;
    out.n_saved_states = static_cast<int>(saved_states_.size());
    for (int j = 0; j < out.n_saved_states; ++j) out.state_index[j] = saved_states_[j];
    out.n_saved_observables = static_cast<int>(saved_observables_.size());
    for (int j = 0; j < out.n_saved_observables; ++j) out.obs_index[j] = saved_observables_[j];
    out.save_time = save_time_;
    out.save_counters = save_counters_;

    const LaunchPlan plan = make_launch_plan<ExecSpace>(registry_, r.n_runs, settings_.launch.max_runs_per_team);
    launch_runs<Kernel::local_capacity>(exec, registry_, plan, std::string("kobie::solve<") + Tableau::name + ">", k);
  }

  Settings settings_;
  System system_;
  BufferRegistry registry_ = BufferRegistry::for_real<Real>();
  std::string layout_key_;
  int layout_builds_ = 0;
  std::vector<std::string> warnings_;
  ControllerKind controller_kind_ = ControllerKind::fixed;
  std::vector<double> atol_, rtol_;
  std::vector<int> saved_states_, saved_observables_;
  bool save_time_ = false;
  bool save_counters_ = false;
  int n_saves_ = 2;
  bool static_layout_used_ = false;
};

}  // namespace kobie

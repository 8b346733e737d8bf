// The stiff GPU case of kobie_perf_gpu: kobie's implicit algorithms on large stiff batches on
// Kokkos::DefaultExecutionSpace, next to a hand-written register-only RODAS5P kernel for Robertson (the limit).
//
//   robertson  Robertson's kinetics from (1, 0, 0) to t = 1e5, (k1, k2, k3) = (0.04, 3e7, 1e4) each scaled by factors
//              log-spaced over [0.1, 10] on an a × b × c grid (the stiff main job's, examples/robertson_sweep.cpp):
//              N = 2^20 runs (64 × 128 × 128) on a device, 2^10 on a host execution space.
//   pollu      POLLU (20 species) from Verwer's initial state to t = 60, k1 scaled per run by factors log-spaced over
//              [0.5, 2]: N = 2^16 runs on a device, 2^8 on a host execution space.
//
// KOBIE_GPU_BENCH_ROBERTSON_LOG2 / KOBIE_GPU_BENCH_POLLU_LOG2 set log2 N. Each problem runs RODAS5P, Kvaerno5 and
// Radau IIA 5 with dense LU, in double and in float, with dt0 = 1e-6 and dt_min = 1e-20, final state only:
//   double  rtol = 1e-6, atol = 1e-10 · rtol = 1e-16 (the stiff peers' rule, StiffPeers.hpp);
//   float   rtol = 1e-4, atol = 1e-8: single precision cannot meet the double tolerances (its rounding alone is
//           6e-8 relative), and these are the tolerances at which the unit tests run float Rosenbrock methods on
//           Robertson.
// RODAS5P runs kobie's PI controller (its `auto` choice, spelled out), Kvaerno5 and Radau IIA 5 their `auto` choice
// (Gustafsson). Benchmarks: BM_kobie_<problem>_<real>/<algorithm>/<N>, and BM_handwritten_robertson_<real>/<N>
// (RobertsonHandKernel.hpp: the same right-hand side, Jacobian, tableau, LU, error test and controller as kobie's
// RODAS5P, so both take the same steps). The hand-written kernel is the peer of every kobie Robertson case: for
// RODAS5P the ratio is kobie's overhead, for Kvaerno5 and Radau IIA 5 their distance from the hand-written RODAS5P.
// Before a Robertson case is timed, one untimed kobie RODAS5P solve and one run of the hand-written kernel are
// compared (once per precision and N): step totals must agree within 3 % and final states within 100 rtol
// (|kobie − hand| / (|hand| + atol / rtol)), else both benchmarks of the RODAS5P pair report an error.
#include <benchmark/benchmark.h>

#include <Kokkos_Core.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "RobertsonHandKernel.hpp"
#include "kobie/algorithms/rosenbrock/tableaus/rodas5p.hpp"
#include "kobie/batch/solver.hpp"
#include "kobie/settings.hpp"
#include "kobie_problems/pollu.hpp"
#include "kobie_problems/robertson.hpp"

namespace {

namespace rob = kobie_gpu_bench::robertson;
using Exec = Kokkos::DefaultExecutionSpace;
using Memory = Exec::memory_space;
using Robertson = kobie_problems::Robertson;
using Pollu = kobie_problems::Pollu;
/// The Solvers of this case: compiled with the three algorithms it runs only (nvcc is slow).
using StiffGpuAlgorithms =
    kobie::TypeList<kobie::algorithms::Rodas5p, kobie::algorithms::Kvaerno5, kobie::algorithms::RadauIIA5>;
template <class System, class Real>
using GpuSolver = kobie::Solver<System, Real, Exec, StiffGpuAlgorithms>;

/// The hand-written kernel's coefficients are kobie's RODAS5P tableau.
constexpr bool hand_tableau_is_kobies() {
  using K = kobie::tableaus::Rodas5p;
  namespace h = rob::rodas5p;
  if (K::stages != h::kStages || K::gamma != h::gamma || K::dense_rows != h::kDenseRows) return false;
  if (!K::residual_test || !K::has_dense_output) return false;
  for (int i = 0; i < h::kStages; ++i) {
    if (K::m[i] != h::m[i] || K::e[i] != h::e[i]) return false;
    for (int j = 0; j < h::kStages; ++j) {
      if (K::a[i][j] != h::a[i][j] || K::C[i][j] != h::C[i][j]) return false;
    }
    for (int k = 0; k < h::kDenseRows; ++k) {
      if (K::dense[k][i] != h::dense[k][i]) return false;
    }
  }
  return true;
}
static_assert(hand_tableau_is_kobies(), "RobertsonHandKernel.hpp's RODAS5P coefficients differ from kobie's tableau");

enum class Problem { robertson, pollu };

const char* problem_name(Problem p) { return p == Problem::robertson ? "robertson" : "pollu"; }

template <class Real>
const char* real_name() {
  return std::is_same<Real, float>::value ? "float" : "double";
}

std::string text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

constexpr double kPolluScaleMin = 0.5;  // POLLU: k1 scaled over [0.5, 2] (log-spaced)
constexpr double kPolluScaleMax = 2.0;
const char* const kAlgorithms[] = {"rodas5p", "kvaerno-5", "radau-iia-5"};

/// kobie's settings of a problem, algorithm and precision. RODAS5P spells out the controller values the hand-written
/// kernel uses (kobie's defaults), so a change of defaults cannot make the two take different steps.
template <class Real>
kobie::Settings kobie_settings(Problem p, const std::string& algorithm) {
  kobie::Settings s;
  s.set("algorithm", algorithm);
  s.set("linear_solver", "dense-lu");
  s.set("rtol", text(rob::rtol_of<Real>()));
  s.set("atol", text(rob::atol_of<Real>()));
  s.set("dt", text(rob::kDt0));
  s.set("dt_min", text(rob::kDtMin));
  s.set("t0", "0");
  s.set("duration", text(p == Problem::robertson ? rob::kDuration : Pollu::t_end));
  s.set("save_every", "0");
  s.set("max_steps", std::to_string(rob::kMaxSteps));
  s.set("max_rejections", std::to_string(rob::kMaxRejections));
  if (algorithm == "rodas5p") {
    s.set("controller", "pi");
    s.set("kp", text(rob::kKp));
    s.set("ki", text(rob::kKi));
    s.set("safety", text(rob::kSafety));
    s.set("min_gain", text(rob::kMinGain));
    s.set("max_gain", text(rob::kMaxGain));
    s.set("error_norm", "rms");
  }
  return s;
}

/// A batch's (run, state) initial values and (run, parameter) parameters, in the execution space.
template <class Real>
struct Inputs {
  Kokkos::View<Real**, Memory> y0;
  Kokkos::View<Real**, Memory> params;
};

template <class Real>
Inputs<Real> make_inputs(Problem p, int n_runs) {
  const int n = p == Problem::robertson ? Robertson::n_states : Pollu::n_states;
  const int np = p == Problem::robertson ? Robertson::n_parameters : Pollu::n_parameters;
  Inputs<Real> in{Kokkos::View<Real**, Memory>("kobie_gpu_bench::y0", n_runs, n),
                  Kokkos::View<Real**, Memory>("kobie_gpu_bench::params", n_runs, np)};
  auto y0 = Kokkos::create_mirror_view(in.y0);
  auto par = Kokkos::create_mirror_view(in.params);
  for (int r = 0; r < n_runs; ++r) {
    if (p == Problem::robertson) {
      double k[3];
      rob::rates_of(r, n_runs, k);
      for (int i = 0; i < 3; ++i) {
        y0(r, i) = static_cast<Real>(Robertson::default_initial[i]);
        par(r, i) = static_cast<Real>(k[i]);
      }
    } else {
      for (int i = 0; i < n; ++i) y0(r, i) = static_cast<Real>(Pollu::default_initial[i]);
      const double x = n_runs > 1 ? static_cast<double>(r) / (n_runs - 1) : 0.5;
      par(r, 0) = static_cast<Real>(kPolluScaleMin * std::pow(kPolluScaleMax / kPolluScaleMin, x));
    }
  }
  Kokkos::deep_copy(in.y0, y0);
  Kokkos::deep_copy(in.params, par);
  return in;
}

// ---- The hand-written peer ------------------------------------------------------------------------------------------

template <class Real, bool Count>
using Hand = rob::HandRodas5p<Real, Memory, Count>;

/// Outputs of the hand-written kernel; the counters are allocated only for the counting (untimed) variant.
template <class Real>
struct HandOutputs {
  Kokkos::View<Real**, Memory> y_final;
  Kokkos::View<std::int32_t*, Memory> accepted, rejected, failed;
};

/// One launch of the hand-written kernel over every run (no fence).
template <class Real, bool Count>
void launch_hand(const Exec& exec, const Inputs<Real>& in, const HandOutputs<Real>& out) {
  Hand<Real, Count> k;
  k.y0 = in.y0;
  k.params = in.params;
  k.y_final = out.y_final;
  k.accepted = out.accepted;
  k.rejected = out.rejected;
  k.failed = out.failed;
  Kokkos::parallel_for("kobie_gpu_bench::handwritten_rodas5p_robertson",
                       Kokkos::RangePolicy<Exec>(exec, 0, static_cast<int>(in.y0.extent(0))), k);
}

// ---- The untimed check: kobie's RODAS5P and the hand-written kernel take the same steps to the same states ----------

struct Totals {
  long long accepted = 0;
  long long rejected = 0;
  long long failed = 0;
  long long steps() const { return accepted + rejected; }
};

/// Sum of a (run) View of counts (host copy; untimed).
template <class View>
long long sum(const View& v) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
  long long total = 0;
  for (std::size_t i = 0; i < h.extent(0); ++i) total += h(i);
  return total;
}

/// Step totals of kobie and the hand-written kernel agree within 3 %.
constexpr double kStepTolerance = 0.03;
bool steps_agree(const Totals& kobie, const Totals& hand) {
  const double k = static_cast<double>(kobie.steps()), h = static_cast<double>(hand.steps());
  return h > 0 && std::fabs(k - h) <= kStepTolerance * h;
}

/// The measure of final states: |y − y_hand| / (|y_hand| + atol / rtol), the difference relative to the error test's
/// scale (relative above atol / rtol, absolute below).
template <class Real>
double state_floor() {
  return rob::atol_of<Real>() / rob::rtol_of<Real>();
}
/// Largest state difference "loosely agree" allows: 100 rtol. Runs whose step sequences part on a rounding
/// difference end within a few rtol of each other.
template <class Real>
double state_tolerance() {
  return 100.0 * rob::rtol_of<Real>();
}

struct Check {
  bool ok = false;
  std::string message;
  Totals kobie, hand;
  double state_diff = 0;
  std::vector<double> hand_states;  ///< the hand-written kernel's final states, run-major (3 per run)
};

/// Largest state difference of a kobie result's final states from the hand-written kernel's (run-major).
template <class StateView>
double max_state_diff(const StateView& state, const std::vector<double>& hand, double floor) {
  auto ks = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), state);
  const int last = static_cast<int>(ks.extent(1)) - 1;
  double worst = 0;
  for (int r = 0; r < static_cast<int>(ks.extent(0)); ++r) {
    for (int i = 0; i < 3; ++i) {
      const double k = static_cast<double>(ks(r, last, i)), h = hand[static_cast<std::size_t>(3 * r + i)];
      const double d = std::fabs(k - h) / (std::fabs(h) + floor);
      worst = d > worst || d != d ? d : worst;
    }
  }
  return worst;
}

template <class Real>
Check run_check(int n_runs) {
  Check c;
  const Exec exec;
  const Inputs<Real> in = make_inputs<Real>(Problem::robertson, n_runs);
  GpuSolver<Robertson, Real> solver(kobie_settings<Real>(Problem::robertson, "rodas5p"));
  const auto result = solver.solve(exec, in.y0, in.params);
  exec.fence();
  c.kobie = Totals{sum(result.accepted_steps), sum(result.rejected_steps), result.n_failed()};

  HandOutputs<Real> out{Kokkos::View<Real**, Memory>("kobie_gpu_bench::y_final", n_runs, 3),
                        Kokkos::View<std::int32_t*, Memory>("kobie_gpu_bench::accepted", n_runs),
                        Kokkos::View<std::int32_t*, Memory>("kobie_gpu_bench::rejected", n_runs),
                        Kokkos::View<std::int32_t*, Memory>("kobie_gpu_bench::failed", n_runs)};
  launch_hand<Real, true>(exec, in, out);
  exec.fence();
  c.hand = Totals{sum(out.accepted), sum(out.rejected), sum(out.failed)};
  auto hs = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), out.y_final);
  c.hand_states.resize(static_cast<std::size_t>(3) * n_runs);
  for (int r = 0; r < n_runs; ++r) {
    for (int i = 0; i < 3; ++i) c.hand_states[static_cast<std::size_t>(3 * r + i)] = static_cast<double>(hs(r, i));
  }
  c.state_diff = max_state_diff(result.state, c.hand_states, state_floor<Real>());

  char line[400];
  if (c.kobie.failed > 0 || c.hand.failed > 0) {
    std::snprintf(line, sizeof line, "runs failed: kobie %lld, hand-written %lld", c.kobie.failed, c.hand.failed);
  } else if (!steps_agree(c.kobie, c.hand)) {
    std::snprintf(line, sizeof line, "step totals differ by more than %.0f%%: kobie %lld, hand-written %lld",
                  100 * kStepTolerance, c.kobie.steps(), c.hand.steps());
  } else if (!(c.state_diff <= state_tolerance<Real>())) {
    std::snprintf(line, sizeof line,
                  "final states differ: max |kobie - hand| / (|hand| + atol/rtol) = %.3g > %.3g (100 rtol)",
                  c.state_diff, state_tolerance<Real>());
  } else {
    c.ok = true;
    line[0] = '\0';
  }
  c.message = line;
  return c;
}

/// The check of a precision and N, run once and remembered (whichever benchmark needs it first runs it).
template <class Real>
const Check& checked(int n_runs) {
  static std::map<int, Check> done;
  auto it = done.find(n_runs);
  if (it == done.end()) {
    Check c;
    try {
      c = run_check<Real>(n_runs);
    } catch (const std::exception& e) {  // e.g. a setting kobie no longer accepts
      c.ok = false;
      c.message = std::string("the check threw: ") + e.what();
      c.hand_states.clear();
    }
    it = done.emplace(n_runs, c).first;
  }
  return it->second;
}

// ---- The benchmarks -------------------------------------------------------------------------------------------------

void set_counters(benchmark::State& state, int n_runs, const Totals& t, double rtol) {
  const double it = static_cast<double>(state.iterations());
  state.counters["runs_per_s"] = benchmark::Counter(static_cast<double>(n_runs) * it, benchmark::Counter::kIsRate);
  state.counters["steps_per_s"] = benchmark::Counter(static_cast<double>(t.steps()) * it, benchmark::Counter::kIsRate);
  state.counters["accepted_per_run"] = static_cast<double>(t.accepted) / n_runs;
  state.counters["rejected_per_run"] = static_cast<double>(t.rejected) / n_runs;
  state.counters["steps_per_run"] = static_cast<double>(t.steps()) / n_runs;
  state.counters["rtol"] = rtol;
}

/// Times solver.solve(exec, y0, params) + fence on inputs already in the execution space (the solve uses them in
/// place). The Solver, the inputs and the buffer layout (a one-run solve) are built outside the loop; the solve
/// itself allocates its outputs and writes the initial and final states, the status and the step counts of each run.
/// Robertson cases also report `state_diff`: the largest difference of the final states from the hand-written
/// RODAS5P kernel's (the check's measure; for Kvaerno5 and Radau IIA 5 informational).
template <class System, class Real>
void BM_kobie(benchmark::State& state, Problem p, const std::string& algorithm) {
  using Solver = GpuSolver<System, Real>;
  const int n_runs = static_cast<int>(state.range(0));
  const bool robertson = p == Problem::robertson;
  const bool paired = robertson && algorithm == "rodas5p";
  const Check* check = robertson ? &checked<Real>(n_runs) : nullptr;
  if (paired && !check->ok) {
    state.SkipWithError(check->message.c_str());
    return;
  }
  const Exec exec;
  Solver solver(kobie_settings<Real>(p, algorithm));
  const Inputs<Real> in = make_inputs<Real>(p, n_runs);
  {
    const Inputs<Real> one = make_inputs<Real>(p, 1);
    solver.solve(exec, one.y0, one.params);
  }
  typename Solver::Result result;
  for (auto _ : state) {
    result = solver.solve(exec, in.y0, in.params);
    exec.fence();
    benchmark::DoNotOptimize(result.state.data());
  }
  const Totals totals{sum(result.accepted_steps), sum(result.rejected_steps), result.n_failed()};
  if (totals.failed > 0) {
    state.SkipWithError((std::to_string(totals.failed) + " runs failed").c_str());
    return;
  }
  if (paired && !steps_agree(totals, check->hand)) {
    state.SkipWithError("the timed solve's step total differs from the hand-written kernel's by more than 3%");
    return;
  }
  set_counters(state, n_runs, totals, rob::rtol_of<Real>());
  if (robertson && check->hand_states.size() == static_cast<std::size_t>(3) * n_runs) {
    state.counters["state_diff"] = max_state_diff(result.state, check->hand_states, state_floor<Real>());
  }
}

/// Times one parallel_for of the hand-written kernel + fence, writing the final states into a preallocated View. Its
/// step counts come from the counting variant of the same kernel, run once untimed by the check.
template <class Real>
void BM_handwritten(benchmark::State& state) {
  const int n_runs = static_cast<int>(state.range(0));
  const Check& check = checked<Real>(n_runs);
  if (!check.ok) {
    state.SkipWithError(check.message.c_str());
    return;
  }
  const Exec exec;
  const Inputs<Real> in = make_inputs<Real>(Problem::robertson, n_runs);
  HandOutputs<Real> out;
  out.y_final = Kokkos::View<Real**, Memory>("kobie_gpu_bench::y_final", n_runs, 3);
  launch_hand<Real, false>(exec, in, out);  // warm-up
  exec.fence();
  for (auto _ : state) {
    launch_hand<Real, false>(exec, in, out);
    exec.fence();
    benchmark::DoNotOptimize(out.y_final.data());
  }
  set_counters(state, n_runs, check.hand, rob::rtol_of<Real>());
}

/// log2 of a batch size from `variable`, else `fallback`.
int log2_size(const char* variable, int fallback) {
  const char* v = std::getenv(variable);
  if (v == nullptr || *v == '\0') return fallback;
  char* end = nullptr;
  const long x = std::strtol(v, &end, 10);
  if (*end != '\0' || x < 0 || x > 30) {
    std::fprintf(stderr, "kobie_perf_gpu: ignoring %s=%s (expected an integer in [0, 30])\n", variable, v);
    return fallback;
  }
  return static_cast<int>(x);
}

template <class System, class Real>
void register_kobie(Problem p, const char* algorithm, int n_runs) {
  const std::string name = std::string("BM_kobie_") + problem_name(p) + "_" + real_name<Real>() + "/" + algorithm;
  const std::string alg = algorithm;
  benchmark::RegisterBenchmark(name.c_str(), [p, alg](benchmark::State& s) { BM_kobie<System, Real>(s, p, alg); })
      ->Arg(n_runs)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
}

template <class Real>
void register_robertson(int n_runs) {
  register_kobie<Robertson, Real>(Problem::robertson, "rodas5p", n_runs);
  benchmark::RegisterBenchmark((std::string("BM_handwritten_robertson_") + real_name<Real>()).c_str(),
                               [](benchmark::State& s) { BM_handwritten<Real>(s); })
      ->Arg(n_runs)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  for (const char* algorithm : kAlgorithms) {
    if (std::string(algorithm) != "rodas5p") register_kobie<Robertson, Real>(Problem::robertson, algorithm, n_runs);
  }
}

/// Registers Robertson (kobie's RODAS5P right before the hand-written kernel) and then POLLU, double before float.
int register_stiff_gpu() {
  constexpr bool host = Kokkos::SpaceAccessibility<Kokkos::HostSpace, Memory>::accessible;
  const int robertson_runs = 1 << log2_size("KOBIE_GPU_BENCH_ROBERTSON_LOG2", host ? 10 : 20);
  const int pollu_runs = 1 << log2_size("KOBIE_GPU_BENCH_POLLU_LOG2", host ? 8 : 16);
  register_robertson<double>(robertson_runs);
  register_robertson<float>(robertson_runs);
  for (const char* algorithm : kAlgorithms) register_kobie<Pollu, double>(Problem::pollu, algorithm, pollu_runs);
  for (const char* algorithm : kAlgorithms) register_kobie<Pollu, float>(Problem::pollu, algorithm, pollu_runs);
  return 0;
}

const int registered = register_stiff_gpu();

}  // namespace

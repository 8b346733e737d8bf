// kobie against hand-written "register-only" kernels on a Lorenz ensemble, on Kokkos::DefaultExecutionSpace
// (kobie_perf_gpu; built when the Kokkos kobie uses has the CUDA backend). sigma = 10, beta = 8/3, rho = 21 i / (N - 1)
// for run i, x0 = (1, 0, 0), t in [0, 1], final state only; N = 2^20 ... 2^23 on a device, 2^12 ... 2^14 on a host
// execution space (KOBIE_GPU_BENCH_MIN_LOG2 / KOBIE_GPU_BENCH_MAX_LOG2 override both). Cases, each in float and double:
//   *_rk4_fixed_<real>      classical RK4, 1000 fixed steps of 1e-3;
//   *_dp54_adaptive_<real>  Dormand–Prince 5(4), rtol = atol = 1e-8, dt0 = 1e-3, kobie's I controller.
// The peer of BM_kobie_<case>/<N> is BM_handwritten_<case>/<N> (LorenzHandKernels.hpp): same right-hand side,
// tableau, controller and landing rules, so both take the same steps. Before a case is timed, one untimed solve of
// each is compared (once per case and N): total steps must agree within 1 % and final states loosely, else both
// benchmarks of the pair report an error.
#include <benchmark/benchmark.h>

#include <Kokkos_Core.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <string>
#include <tuple>
#include <type_traits>

#include "LorenzHandKernels.hpp"
#include "kobie/batch/solver.hpp"
#include "kobie/settings.hpp"
#include "kobie_problems/lorenz.hpp"

namespace {

namespace gb = kobie_gpu_bench;
using Exec = Kokkos::DefaultExecutionSpace;
using Lorenz = kobie_problems::Lorenz;
/// The Solver of this case: compiled with the two algorithms it runs only (nvcc is slow).
template <class Real>
using GpuSolver =
    kobie::Solver<Lorenz, Real, Exec, kobie::TypeList<kobie::algorithms::Rk4, kobie::algorithms::DormandPrince54>>;
using Memory = Exec::memory_space;

enum class Method { rk4_fixed, dp54_adaptive };

const char* method_name(Method m) { return m == Method::rk4_fixed ? "rk4_fixed" : "dp54_adaptive"; }

template <class Real>
const char* real_name() {
  return std::is_same<Real, float>::value ? "float" : "double";
}

std::string text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

/// kobie's settings of a case. The adaptive case spells out the controller values the hand-written kernel uses
/// (kobie's defaults), so a change of defaults cannot make the two take different steps.
kobie::Settings kobie_settings(Method m) {
  kobie::Settings s;
  s.set("t0", text(gb::kT0));
  s.set("duration", text(gb::kDuration));
  s.set("save_every", "0");
  if (m == Method::rk4_fixed) {
    s.set("algorithm", "rk4");
    s.set("controller", "fixed");
    s.set("dt", text(gb::kFixedDt));
  } else {
    s.set("algorithm", "dormand-prince-54");
    s.set("controller", "i");
    s.set("dt", text(gb::kDt0));
    s.set("atol", text(gb::kTol));
    s.set("rtol", text(gb::kTol));
    s.set("error_norm", "rms");
    s.set("safety", text(gb::kSafety));
    s.set("min_gain", text(gb::kMinGain));
    s.set("max_gain", text(gb::kMaxGain));
    s.set("kp", text(gb::kKp));
    s.set("dt_min", text(gb::kDtMin));
    s.set("max_steps", std::to_string(gb::kMaxSteps));
    s.set("max_rejections", std::to_string(gb::kMaxRejections));
  }
  return s;
}

/// The ensemble's (run, state) initial values and (run, parameter) parameters, in the execution space.
template <class Real>
struct Inputs {
  Kokkos::View<Real**, Memory> y0;
  Kokkos::View<Real**, Memory> params;
};

template <class Real>
Inputs<Real> make_inputs(int n_runs) {
  Inputs<Real> in{Kokkos::View<Real**, Memory>("kobie_gpu_bench::y0", n_runs, Lorenz::n_states),
                  Kokkos::View<Real**, Memory>("kobie_gpu_bench::params", n_runs, Lorenz::n_parameters)};
  auto y0 = Kokkos::create_mirror_view(in.y0);
  auto p = Kokkos::create_mirror_view(in.params);
  for (int r = 0; r < n_runs; ++r) {
    y0(r, 0) = static_cast<Real>(gb::kX0);
    y0(r, 1) = static_cast<Real>(gb::kY0);
    y0(r, 2) = static_cast<Real>(gb::kZ0);
    p(r, 0) = static_cast<Real>(gb::kSigma);
    p(r, 1) = static_cast<Real>(gb::rho_of(r, n_runs));
    p(r, 2) = static_cast<Real>(gb::kBeta);
  }
  Kokkos::deep_copy(in.y0, y0);
  Kokkos::deep_copy(in.params, p);
  return in;
}

// ---- The hand-written peer ------------------------------------------------------------------------------------------

template <class Real, bool Count>
using HandRk4 = gb::HandRk4Fixed<Real, Memory, Count>;
template <class Real, bool Count>
using HandDp54 = gb::HandDp54Adaptive<Real, Memory, Count>;

/// Outputs of the hand-written kernel; the counters are allocated only for the counting (untimed) variant.
template <class Real>
struct HandOutputs {
  Kokkos::View<Real**, Memory> y_final;
  Kokkos::View<std::int32_t*, Memory> accepted, rejected, failed;
};

template <class Kernel, class Real>
Kernel bind(const Inputs<Real>& in, const HandOutputs<Real>& out) {
  Kernel k;
  k.y0 = in.y0;
  k.params = in.params;
  k.y_final = out.y_final;
  k.accepted = out.accepted;
  k.rejected = out.rejected;
  k.failed = out.failed;
  return k;
}

/// One launch of the hand-written kernel of `m` over every run (no fence).
template <class Real, bool Count>
void launch_hand(Method m, const Exec& exec, const Inputs<Real>& in, const HandOutputs<Real>& out) {
  const Kokkos::RangePolicy<Exec> policy(exec, 0, static_cast<int>(in.y0.extent(0)));
  if (m == Method::rk4_fixed) {
    Kokkos::parallel_for("kobie_gpu_bench::handwritten_rk4_fixed", policy, bind<HandRk4<Real, Count>>(in, out));
  } else {
    auto k = bind<HandDp54<Real, Count>>(in, out);
    k.prepare();
    Kokkos::parallel_for("kobie_gpu_bench::handwritten_dp54_adaptive", policy, k);
  }
}

// ---- The untimed check: kobie and the hand-written kernel take the same steps to the same states --------------------

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

/// Step totals of kobie and the hand-written kernel agree within 1 %.
bool steps_agree(const Totals& kobie, const Totals& hand) {
  const double k = static_cast<double>(kobie.steps()), h = static_cast<double>(hand.steps());
  return h > 0 && std::fabs(k - h) <= 0.01 * h;
}

/// Largest |kobie - hand| / (1 + |hand|) over final states that "loosely agree" may reach: the fixed-step runs compute
/// the same operations (only rounding of contracted multiply-adds may differ); adaptive runs whose step sequences part
/// on a rounding difference still meet the tolerance, float's adaptive runs sit at its rounding level.
template <class Real>
double state_tolerance(Method m) {
  const bool fixed = m == Method::rk4_fixed;
  if (std::is_same<Real, double>::value) return fixed ? 1e-10 : 1e-5;
  return fixed ? 1e-3 : 1e-2;
}

struct Check {
  bool ok = false;
  std::string message;
  Totals kobie, hand;
  double state_diff = 0;
};

template <class Real>
Check run_check(Method m, int n_runs) {
  Check c;
  const Exec exec;
  const Inputs<Real> in = make_inputs<Real>(n_runs);
  GpuSolver<Real> solver(kobie_settings(m));
  const auto result = solver.solve(exec, in.y0, in.params);
  exec.fence();
  c.kobie = Totals{sum(result.accepted_steps), sum(result.rejected_steps), result.n_failed()};

  HandOutputs<Real> out{Kokkos::View<Real**, Memory>("kobie_gpu_bench::y_final", n_runs, Lorenz::n_states),
                        Kokkos::View<std::int32_t*, Memory>("kobie_gpu_bench::accepted", n_runs),
                        Kokkos::View<std::int32_t*, Memory>("kobie_gpu_bench::rejected", n_runs),
                        Kokkos::View<std::int32_t*, Memory>("kobie_gpu_bench::failed", n_runs)};
  launch_hand<Real, true>(m, exec, in, out);
  exec.fence();
  c.hand = Totals{sum(out.accepted), sum(out.rejected), sum(out.failed)};

  auto ks = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.state);
  auto hs = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), out.y_final);
  const int last = static_cast<int>(ks.extent(1)) - 1;
  for (int r = 0; r < n_runs; ++r) {
    for (int i = 0; i < Lorenz::n_states; ++i) {
      const double k = static_cast<double>(ks(r, last, i)), h = static_cast<double>(hs(r, i));
      const double d = std::fabs(k - h) / (1.0 + std::fabs(h));
      c.state_diff = d > c.state_diff || d != d ? d : c.state_diff;
    }
  }

  char line[400];
  if (c.kobie.failed > 0 || c.hand.failed > 0) {
    std::snprintf(line, sizeof line, "runs failed: kobie %lld, hand-written %lld", c.kobie.failed, c.hand.failed);
  } else if (m == Method::rk4_fixed &&
             (c.kobie.accepted != static_cast<long long>(gb::kFixedSteps) * n_runs || c.kobie.rejected != 0)) {
    std::snprintf(line, sizeof line, "kobie's fixed-step case took %lld + %lld steps, not %d per run", c.kobie.accepted,
                  c.kobie.rejected, gb::kFixedSteps);
  } else if (!steps_agree(c.kobie, c.hand)) {
    std::snprintf(line, sizeof line, "step totals differ by more than 1%%: kobie %lld, hand-written %lld",
                  c.kobie.steps(), c.hand.steps());
  } else if (!(c.state_diff <= state_tolerance<Real>(m))) {
    std::snprintf(line, sizeof line, "final states differ: max |kobie - hand| / (1 + |hand|) = %.3g > %.3g",
                  c.state_diff, state_tolerance<Real>(m));
  } else {
    c.ok = true;
    line[0] = '\0';
  }
  c.message = line;
  return c;
}

/// The check of a case and N, run once and remembered (whichever of the pair runs first runs it).
template <class Real>
const Check& checked(Method m, int n_runs) {
  static std::map<std::tuple<int, int>, Check> done;
  const auto key = std::make_tuple(static_cast<int>(m), n_runs);
  auto it = done.find(key);
  if (it == done.end()) {
    Check c;
    try {
      c = run_check<Real>(m, n_runs);
    } catch (const std::exception& e) {  // e.g. a setting kobie no longer accepts
      c.ok = false;
      c.message = std::string("the check threw: ") + e.what();
    }
    it = done.emplace(key, c).first;
  }
  return it->second;
}

// ---- The benchmarks -----------------------------------------------------------------------------------------------

void set_counters(benchmark::State& state, int n_runs, const Totals& t) {
  const double it = static_cast<double>(state.iterations());
  state.counters["runs_per_s"] = benchmark::Counter(static_cast<double>(n_runs) * it, benchmark::Counter::kIsRate);
  state.counters["steps_per_s"] = benchmark::Counter(static_cast<double>(t.steps()) * it, benchmark::Counter::kIsRate);
  state.counters["accepted_per_run"] = static_cast<double>(t.accepted) / n_runs;
  state.counters["rejected_per_run"] = static_cast<double>(t.rejected) / n_runs;
  state.counters["steps_per_run"] = static_cast<double>(t.steps()) / n_runs;
}

/// Times solver.solve(exec, y0, params) + fence on inputs already in the execution space (the solve uses them in
/// place). The Solver, the inputs and the buffer layout (a one-run solve) are built outside the loop; the solve
/// itself allocates its outputs and writes the initial and final states, the status and the step counts of each run.
template <class Real>
void BM_kobie(benchmark::State& state, Method m) {
  using Solver = GpuSolver<Real>;
  const int n_runs = static_cast<int>(state.range(0));
  const Check& check = checked<Real>(m, n_runs);
  if (!check.ok) {
    state.SkipWithError(check.message.c_str());
    return;
  }
  const Exec exec;
  Solver solver(kobie_settings(m));
  const Inputs<Real> in = make_inputs<Real>(n_runs);
  {
    const Inputs<Real> one = make_inputs<Real>(1);
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
  if (!steps_agree(totals, check.hand)) {
    state.SkipWithError("the timed solve's step total differs from the hand-written kernel's by more than 1%");
    return;
  }
  set_counters(state, n_runs, totals);
  state.counters["state_diff"] = check.state_diff;
}

/// Times one parallel_for of the hand-written kernel + fence, writing the final states into a preallocated View. Its
/// step counts come from the counting variant of the same kernel, run once untimed by the check.
template <class Real>
void BM_handwritten(benchmark::State& state, Method m) {
  const int n_runs = static_cast<int>(state.range(0));
  const Check& check = checked<Real>(m, n_runs);
  if (!check.ok) {
    state.SkipWithError(check.message.c_str());
    return;
  }
  const Exec exec;
  const Inputs<Real> in = make_inputs<Real>(n_runs);
  HandOutputs<Real> out;
  out.y_final = Kokkos::View<Real**, Memory>("kobie_gpu_bench::y_final", n_runs, Lorenz::n_states);
  launch_hand<Real, false>(m, exec, in, out);  // warm-up
  exec.fence();
  for (auto _ : state) {
    launch_hand<Real, false>(m, exec, in, out);
    exec.fence();
    benchmark::DoNotOptimize(out.y_final.data());
  }
  set_counters(state, n_runs, check.hand);
}

/// log2 of the smallest and largest N: 20 and 23 on a device, 12 and 14 on a host execution space (where kobie's and
/// the hand-written kernel's logic can be checked quickly); KOBIE_GPU_BENCH_MIN_LOG2 / KOBIE_GPU_BENCH_MAX_LOG2 set
/// them.
int log2_limit(const char* variable, int fallback) {
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

template <class Real>
void register_case(Method m, int lo, int hi) {
  const std::string tail = std::string(method_name(m)) + "_" + real_name<Real>();
  for (int e = lo; e <= hi; ++e) {
    benchmark::RegisterBenchmark(("BM_kobie_" + tail).c_str(), [m](benchmark::State& s) { BM_kobie<Real>(s, m); })
        ->Arg(1 << e)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("BM_handwritten_" + tail).c_str(),
                                 [m](benchmark::State& s) { BM_handwritten<Real>(s, m); })
        ->Arg(1 << e)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
}

/// Registers kobie and the hand-written kernel for each case and N in turn, so each pair runs back to back.
int register_lorenz_gpu() {
  constexpr bool host = Kokkos::SpaceAccessibility<Kokkos::HostSpace, Memory>::accessible;
  const int lo = log2_limit("KOBIE_GPU_BENCH_MIN_LOG2", host ? 12 : 20);
  const int hi = log2_limit("KOBIE_GPU_BENCH_MAX_LOG2", host ? 14 : 23);
  for (Method m : {Method::rk4_fixed, Method::dp54_adaptive}) {
    register_case<double>(m, lo, hi);
    register_case<float>(m, lo, hi);
  }
  return 0;
}

const int registered = register_lorenz_gpu();

}  // namespace

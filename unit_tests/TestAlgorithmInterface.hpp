// The component interface seen from outside kobie: an algorithm family defined here, in the test, plugs into the IVP
// loop and the Solver through their one interface (its own buffer declarations and children, a device object
// with step / accepted / rejected) without any change to kobie. It is a real implicit method, so its nonlinear
// iterations exercise the loop's iteration counters and its failures the status rules.
#include <gtest/gtest.h>

#include <Kokkos_Core.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "TestSystems.hpp"
#include "kobie/batch/solver.hpp"
#include "kobie/memory/local_storage.hpp"

namespace {

/// Implicit midpoint, y_new = y + h f(t + h/2, Y) with Y = (y + y_new) / 2, the stage solved by fixed-point iteration
/// Y_{m+1} = y + (h/2) f(t + h/2, Y_m) from Y_0 = y + (h/2) f(t, y) until the relative change is below 1e-12. Error
/// estimate: the difference to forward Euler, h (f(t + h/2, Y) − f(t, y)), first order. The iteration diverges when
/// h |∂f/∂y| / 2 > 1: the step then fails with newton_iterations_exceeded.
struct PicardMidpoint {
  static constexpr const char* owner = "algorithm";
  static constexpr const char* name = "test-picard-midpoint";
  static constexpr int stages = 1;
  static constexpr int order = 2;
  static constexpr int error_order = 1;
  static constexpr bool adaptive = true;
  static constexpr bool implicit = true;
  static constexpr int max_iterations = 30;

  struct start_slope : kobie::BufferDecl<kobie::DType::real> {
    static constexpr const char* name = "picard_start_slope";
    static constexpr int count(const kobie::SystemSizes& s) { return s.n_states; }
  };
  struct midpoint : kobie::BufferDecl<kobie::DType::real> {
    static constexpr const char* name = "picard_midpoint";
    static constexpr int count(const kobie::SystemSizes& s) { return s.n_states; }
  };
  struct slope : kobie::BufferDecl<kobie::DType::real> {
    static constexpr const char* name = "picard_slope";
    static constexpr int count(const kobie::SystemSizes& s) { return s.n_states; }
  };
  struct error : kobie::BufferDecl<kobie::DType::real> {
    static constexpr const char* name = "picard_error";
    static constexpr int count(const kobie::SystemSizes& s) { return s.n_states; }
  };
  using buffers = kobie::TypeList<start_slope, midpoint, slope, error>;
  using children = kobie::TypeList<>;

  static void validate() {}

  template <class System, class Real, class Binding>
  struct Device {
    static constexpr int n = kobie::SystemTraits<System>::n_states;
    kobie::BufferSet<PicardMidpoint, Binding> buffers;

    KOKKOS_FORCEINLINE_FUNCTION void start(const kobie::RunMemory&) const {}
    KOKKOS_FORCEINLINE_FUNCTION kobie::StepOutcome<Real> step(const System& system, const kobie::StepContext<Real>& ctx,
                                                              const kobie::StepInputs<Real>& in, Real* y_new,
                                                              const kobie::RunMemory& m) const {
      Real* f0 = kobie::at<start_slope>(buffers, m);
      Real* Y = kobie::at<midpoint>(buffers, m);
      Real* f = kobie::at<slope>(buffers, m);
      Real* err = kobie::at<error>(buffers, m);
      const Real half = ctx.h / Real(2);
      system.rhs(ctx.t, in.y, in.parameters, in.drivers, f0);
      for (int d = 0; d < n; ++d) Y[d] = in.y[d] + half * f0[d];
      int iterations = 0;
      bool converged = false;
      while (iterations < max_iterations && !converged) {
        system.rhs(ctx.t + half, Y, in.parameters, in.drivers, f);
        ++iterations;
        Real change = Real(0);
        for (int d = 0; d < n; ++d) {
          const Real next = in.y[d] + half * f[d];
          change = kobie::math::fmax(change, kobie::math::abs(next - Y[d]) / (Real(1) + kobie::math::abs(next)));
          Y[d] = next;
        }
        converged = change <= Real(1e-12);
      }
      for (int d = 0; d < n; ++d) {
        y_new[d] = in.y[d] + ctx.h * f[d];
        err[d] = ctx.h * (f[d] - f0[d]);
      }
      kobie::StepOutcome<Real> outcome;
      outcome.error = err;
      outcome.status = converged ? kobie::status::success : kobie::status::newton_iterations_exceeded;
      outcome.newton_iters = iterations;
      return outcome;
    }
    KOKKOS_FORCEINLINE_FUNCTION kobie::StatusBits accepted(const kobie::StepContext<Real>&,
                                                           const kobie::RunMemory&) const {
      return kobie::status::success;
    }
    KOKKOS_FORCEINLINE_FUNCTION void rejected(const kobie::RunMemory&) const {}
  };

  template <class System, class Real, class Binding>
  static Device<System, Real, Binding> device(const kobie::ComponentParts&, const kobie::BufferRegistry& registry) {
    return kobie::bound_device<Device<System, Real, Binding>>(registry);
  }
};

// The family meets the algorithm contract (the Solver below checks it too), for both value types.
static_assert(kobie::check_algorithm<PicardMidpoint>() && kobie::check_algorithm<PicardMidpoint, float>());

/// The same method on the host, one step: returns the iterations (as the device counts them) or -1 on failure.
int picard_step_on_host(const kobie_test::Lorenz& system, double t, double h, const double* y, const double* p,
                        double* y_new) {
  double f0[3], Y[3], f[3];
  const double half = h / 2;
  system.rhs(t, y, p, static_cast<const double*>(nullptr), f0);
  for (int d = 0; d < 3; ++d) Y[d] = y[d] + half * f0[d];
  int iterations = 0;
  bool converged = false;
  while (iterations < PicardMidpoint::max_iterations && !converged) {
    system.rhs(t + half, static_cast<const double*>(Y), p, static_cast<const double*>(nullptr), f);
    ++iterations;
    double change = 0;
    for (int d = 0; d < 3; ++d) {
      const double next = y[d] + half * f[d];
      change = std::fmax(change, std::abs(next - Y[d]) / (1 + std::abs(next)));
      Y[d] = next;
    }
    converged = change <= 1e-12;
  }
  for (int d = 0; d < 3; ++d) y_new[d] = y[d] + h * f[d];
  return converged ? iterations : -1;
}

using Matrix = Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace>;
using Family = kobie::TypeList<PicardMidpoint, kobie::algorithms::Heun21>;

template <class V>
auto host(const V& v) {
  return Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
}

}  // namespace

TEST(TEST_CATEGORY, algorithm_family_defined_outside_kobie_runs_through_the_loop) {
  // Fixed steps of the test's own family through an unmodified Solver: states and per-interval iteration counters
  // against the same method written out on the host.
  const int n = 6;
  Matrix y0("y0", n, 3), p("p", n, 3);
  for (int r = 0; r < n; ++r) {
    y0(r, 0) = 1.0 + 0.1 * r;
    p(r, 0) = 10;
    p(r, 1) = 4.0 * r;
    p(r, 2) = 8.0 / 3.0;
  }
  kobie::Solver<kobie_test::Lorenz, double, TEST_EXECSPACE, Family> solver;
  solver.set("algorithm", "test-picard-midpoint");
  solver.set("controller", "fixed");
  solver.set("dt", 0.01);
  solver.set("duration", 0.5);
  solver.set("save_every", 0.1);
  solver.set("outputs", "state, counters");
  const auto r = solver.solve(y0, p);
  ASSERT_EQ(r.n_failed(), 0);
  EXPECT_TRUE(solver.registry().has_buffer("algorithm", "picard_midpoint"));
  auto state = host(r.state);
  auto counters = host(r.counters);
  const bool host_backend = kobie::is_host_execution_space_v<TEST_EXECSPACE>;
  for (int run = 0; run < n; ++run) {
    double y[3] = {y0(run, 0), y0(run, 1), y0(run, 2)}, next[3];
    const double params[3] = {p(run, 0), p(run, 1), p(run, 2)};
    double t = 0;
    for (int s = 1; s < r.n_saves; ++s) {
      int iterations = 0;
      for (int k = 0; k < 10; ++k) {
        const int it = picard_step_on_host(kobie_test::Lorenz{}, t, 0.01, y, params, next);
        ASSERT_GT(it, 0);
        iterations += it;
        for (int d = 0; d < 3; ++d) y[d] = next[d];
        t = 0.01 * (10 * (s - 1) + k + 1);
      }
      EXPECT_EQ(counters(run, s, kobie::step_attempts), 10) << "run " << run << " save " << s;
      EXPECT_EQ(counters(run, s, kobie::krylov_iterations), 0);
      if (host_backend) {
        EXPECT_EQ(counters(run, s, kobie::newton_iterations), iterations) << "run " << run << " save " << s;
      } else {  // fused multiply-adds may move a convergence test by one iteration
        EXPECT_NEAR(counters(run, s, kobie::newton_iterations), iterations, 2) << "run " << run << " save " << s;
      }
      for (int d = 0; d < 3; ++d) {
        EXPECT_NEAR(state(run, s, d), y[d], 1e-11 * (1 + std::abs(y[d]))) << "run " << run << " save " << s;
      }
    }
  }
}

TEST(TEST_CATEGORY, algorithm_family_defined_outside_kobie_gets_location_settings) {
  // The location keys come from the Solver's own algorithm list: the family's buffers can be moved by setting on its
  // Solver, and the run is the same wherever they live. A Settings without the family does not know the key.
  kobie::Settings plain;
  EXPECT_THROW(plain.set("picard_midpoint_location", "scratch"), kobie::SettingsError);
  const int n = 4;
  Matrix y0("y0", n, 3), p("p", n, 3);
  for (int r = 0; r < n; ++r) {
    y0(r, 0) = 1.0 + 0.1 * r;
    p(r, 0) = 10;
    p(r, 1) = 28;
    p(r, 2) = 8.0 / 3.0;
  }
  auto solve = [&](const char* location) {
    kobie::Solver<kobie_test::Lorenz, double, TEST_EXECSPACE, Family> solver;
    solver.set("algorithm", "test-picard-midpoint");
    solver.set("duration", 0.5);
    solver.set("picard_midpoint_location", location);
    solver.set("picard_error_location", location);
    EXPECT_EQ(solver.settings().get("picard_midpoint_location"), location);
    const auto r = solver.solve(y0, p);
    EXPECT_EQ(solver.registry().allocator("algorithm", "picard_midpoint").location,
              kobie::parse_location(location, "picard_midpoint_location"));
    EXPECT_EQ(solver.used_static_layout(), std::string(location) == "local");
    return host(r.state);
  };
  const auto local = solve("local");
  const auto scratch = solve("scratch");
  const auto shared = solve("shared");
  for (int run = 0; run < n; ++run) {
    for (int d = 0; d < 3; ++d) {
      if (kobie::is_host_execution_space_v<TEST_EXECSPACE>) {
        EXPECT_TRUE(kobie_test::same_bits(local(run, 1, d), scratch(run, 1, d))) << "run " << run;
        EXPECT_TRUE(kobie_test::same_bits(local(run, 1, d), shared(run, 1, d))) << "run " << run;
      } else {  // the kernels of the two bindings may fuse multiply-adds differently
        EXPECT_NEAR(local(run, 1, d), scratch(run, 1, d), 1e-12 * (1 + std::abs(local(run, 1, d))));
        EXPECT_NEAR(local(run, 1, d), shared(run, 1, d), 1e-12 * (1 + std::abs(local(run, 1, d))));
      }
    }
  }
}

TEST(TEST_CATEGORY, algorithm_failures_are_rejections_and_are_reported_only_when_fatal) {
  // y' = -k y with the test family. k = 50 from dt = 0.1: the fixed-point iteration diverges (h k / 2 = 2.5), the loop
  // rejects and shrinks the step until it converges; recovered, the failure is not reported. k = 1e6 with
  // dt_min = 1e-5 can never converge (it needs h < 2e-6): that run ends with step too small and the solver failure
  // behind it, and leaves the others bit-identical.
  using Solver = kobie::Solver<kobie_test::ExponentialDecay, double, TEST_EXECSPACE, Family>;
  Matrix y0("y0", 3, 1), k("k", 3, 1), k_alone("k_alone", 2, 1);
  const double rates[3] = {50.0, 1e6, 1.0};
  for (int r = 0; r < 3; ++r) {
    y0(r, 0) = 1.0;
    k(r, 0) = rates[r];
  }
  k_alone(0, 0) = 50.0;
  k_alone(1, 0) = 1.0;
  Solver solver;
  solver.set("algorithm", "test-picard-midpoint");
  solver.set("controller", "gustafsson");  // uses the iteration counts
  solver.set("dt", 0.1);
  solver.set("dt_min", 1e-5);
  solver.set("rtol", 1e-6);
  solver.set("atol", 1e-9);
  solver.set("duration", 0.2);
  solver.set("save_every", 0.1);
  solver.set("outputs", "state, counters");
  const auto r = solver.solve(y0, k);
  auto status = host(r.status);
  auto state = host(r.state);
  auto counters = host(r.counters);
  EXPECT_EQ(status(0), kobie::status::success);
  EXPECT_EQ(status(1), kobie::status::step_too_small | kobie::status::newton_iterations_exceeded);
  EXPECT_EQ(status(2), kobie::status::success);
  EXPECT_GT(counters(0, 1, kobie::rejected_steps), 0) << "the diverging iteration rejected steps";
  EXPECT_GT(counters(0, 1, kobie::newton_iterations), counters(0, 1, kobie::step_attempts));
  EXPECT_NEAR(state(0, 2, 0), std::exp(-10.0), 1e-3 * std::exp(-10.0));
  EXPECT_NEAR(state(2, 2, 0), std::exp(-0.2), 1e-5);
  EXPECT_TRUE(std::isnan(state(1, 1, 0)));
  EXPECT_LT(host(r.end_time)(1), 0.01) << "the failed run says how far it got";

  Matrix y0_alone("y0_alone", 2, 1);
  Kokkos::deep_copy(y0_alone, 1.0);
  const auto alone = solver.solve(y0_alone, k_alone);
  auto state_alone = host(alone.state);
  EXPECT_TRUE(kobie_test::same_run_bits(state, 0, state_alone, 0));
  EXPECT_TRUE(kobie_test::same_run_bits(state, 2, state_alone, 1));
}

namespace {

/// A pack of L values with elementwise arithmetic: the shape a SIMD value type takes. The algorithms' steps are
/// templated on the value type, so one call advances L runs.
template <class T, int L>
struct Pack {
  T v[L];
  Pack() = default;
  KOKKOS_INLINE_FUNCTION Pack(T x) {  // NOLINT: broadcast, as SIMD types convert scalars
    for (int l = 0; l < L; ++l) v[l] = x;
  }
  KOKKOS_INLINE_FUNCTION friend Pack operator+(const Pack& a, const Pack& b) {
    Pack r;
    for (int l = 0; l < L; ++l) r.v[l] = a.v[l] + b.v[l];
    return r;
  }
  KOKKOS_INLINE_FUNCTION friend Pack operator-(const Pack& a, const Pack& b) {
    Pack r;
    for (int l = 0; l < L; ++l) r.v[l] = a.v[l] - b.v[l];
    return r;
  }
  KOKKOS_INLINE_FUNCTION friend Pack operator*(const Pack& a, const Pack& b) {
    Pack r;
    for (int l = 0; l < L; ++l) r.v[l] = a.v[l] * b.v[l];
    return r;
  }
  KOKKOS_INLINE_FUNCTION Pack& operator+=(const Pack& b) { return *this = *this + b; }
};

constexpr int kLanes = 4;
using Pack4 = Pack<double, kLanes>;

// One step of algorithm A for kLanes Lorenz runs: once with the pack value type, once per run with double.
template <class A>
struct PackStepKernel {
  using System = kobie_test::Lorenz;
  template <class Real>
  using Device = typename A::template Device<System, Real, kobie::StaticBinding<kobie::SizesOf<System>, Real, A>>;
  Kokkos::View<double**, TEST_EXECSPACE> packed, scalar;  // (run, state)
  Device<Pack4> pack_device;
  Device<double> scalar_device;
  static constexpr std::size_t pack_bytes = kobie::local_capacity<A, Pack4>(kobie::SystemTraits<System>::sizes());
  static constexpr std::size_t bytes = kobie::local_capacity<A, double>(kobie::SystemTraits<System>::sizes());

  KOKKOS_INLINE_FUNCTION void operator()(int) const {
    const double rho[kLanes] = {0.5, 13.0, 21.0, 28.0};
    Pack4 y[3], p[3], y_new[3];
    for (int l = 0; l < kLanes; ++l) {
      y[0].v[l] = 1.0 + 0.25 * l;
      y[1].v[l] = -0.5 * l;
      y[2].v[l] = 2.0;
      p[0].v[l] = 10.0;
      p[1].v[l] = rho[l];
      p[2].v[l] = 8.0 / 3.0;
    }
    kobie::LocalStorage<pack_bytes> pack_storage;
    kobie::RunMemory m;
    m.base[0] = pack_storage.data;
    pack_device.start(m);
    pack_device.step(System{}, kobie::StepContext<Pack4>{Pack4(0.25), Pack4(0.01), true},
                     kobie::StepInputs<Pack4>{y, p, nullptr}, y_new, m);
    for (int l = 0; l < kLanes; ++l) {
      for (int d = 0; d < 3; ++d) packed(l, d) = y_new[d].v[l];
    }
    for (int l = 0; l < kLanes; ++l) {
      kobie::LocalStorage<bytes> storage;
      kobie::RunMemory ms;
      ms.base[0] = storage.data;
      const double ys[3] = {y[0].v[l], y[1].v[l], y[2].v[l]};
      const double ps[3] = {p[0].v[l], p[1].v[l], p[2].v[l]};
      double out[3];
      scalar_device.start(ms);
      scalar_device.step(System{}, kobie::StepContext<double>{0.25, 0.01, true},
                         kobie::StepInputs<double>{ys, ps, nullptr}, out, ms);
      for (int d = 0; d < 3; ++d) scalar(l, d) = out[d];
    }
  }
};

template <class A>
void check_pack_step() {
  SCOPED_TRACE(A::name);
  PackStepKernel<A> k;
  k.packed = decltype(k.packed)("packed", kLanes, 3);
  k.scalar = decltype(k.scalar)("scalar", kLanes, 3);
  Kokkos::parallel_for("kobie_test::pack_step", Kokkos::RangePolicy<TEST_EXECSPACE>(0, 1), k);
  auto a = host(k.packed);
  auto b = host(k.scalar);
  for (int l = 0; l < kLanes; ++l) {
    for (int d = 0; d < 3; ++d) {
      // Same operations in the same order per lane; a device compiler may fuse them differently in the two paths.
      EXPECT_NEAR(a(l, d), b(l, d), 1e-14 * (1 + std::abs(b(l, d)))) << "lane " << l << " state " << d;
      if (kobie::is_host_execution_space_v<TEST_EXECSPACE>) {
        EXPECT_TRUE(kobie_test::same_bits(a(l, d), b(l, d)));
      }
    }
  }
}

}  // namespace

TEST(TEST_CATEGORY, algorithm_steps_are_generic_in_the_value_type) {
  check_pack_step<kobie::algorithms::Tsit5>();
  check_pack_step<kobie::algorithms::Rk4>();
  check_pack_step<kobie::algorithms::Vern7>();
  check_pack_step<kobie::algorithms::Euler>();
}

TEST(TEST_CATEGORY, algorithm_static_layout_is_the_registry_layout) {
  // The compile-time offsets of the all-local kernel and the registry's placement come from the same declarations:
  // with every buffer at its declared capacity (PID keeps two errors) they coincide, and the kernel's compile-time
  // capacity is the registry's thread-private size.
  using System = kobie_test::Lorenz;
  using A = kobie::algorithms::DormandPrince54;
  using Loop = kobie::IvpLoop<A>;
  using Binding = kobie::StaticBinding<kobie::SizesOf<System>, double, Loop>;
  kobie::Settings settings;
  settings.controller.controller = "pid";
  kobie::BufferRegistry registry = kobie::BufferRegistry::for_real<double>();
  const kobie::LoopParts parts = kobie::Impl::loop_parts(settings, kobie::SummaryPlan{});
  kobie::register_component<Loop>(registry, "", parts, kobie::SystemTraits<System>::sizes());
  const auto device = Loop::device<System, double, TEST_EXECSPACE, Binding>(parts, registry, System{},
                                                                            {1e-6, 1e-6, 1e-6}, {1e-6, 1e-6, 1e-6}, 2);
  alignas(8) char block[1024];
  kobie::RunMemory m;
  m.base[0] = block;
  auto offset = [&](const void* p) { return static_cast<std::uint32_t>(static_cast<const char*>(p) - block); };
  EXPECT_EQ(offset(kobie::at<Loop::state>(device.buffers, m)), registry.allocator("loop", "state").offset);
  EXPECT_EQ(offset(kobie::at<Loop::step_counters>(device.buffers, m)),
            registry.allocator("loop", "step_counters").offset);
  EXPECT_EQ(offset(kobie::at<A::stage_derivatives>(device.algorithm.buffers, m)),
            registry.allocator("algorithm", "stage_derivatives").offset);
  EXPECT_EQ(offset(kobie::at<A::stiffness_counters>(device.algorithm.buffers, m)),
            registry.allocator("algorithm", "stiffness_counters").offset);
  EXPECT_EQ(offset(kobie::at<kobie::StepControl::timestep_memory>(device.controller.buffers, m)),
            registry.allocator("controller", "timestep_memory").offset);
  EXPECT_EQ((kobie::local_capacity<Loop, double>(kobie::SystemTraits<System>::sizes())), registry.totals().local_bytes);
  EXPECT_LE(registry.totals().local_bytes, sizeof(block));
}

namespace {
/// A component with aliases: two fit inside `big` one after the other, the third does not and gets its own storage.
struct AliasDemo {
  static constexpr const char* owner = "demo";
  struct big : kobie::BufferDecl<kobie::DType::real> {
    static constexpr const char* name = "demo_big";
    static constexpr int count(const kobie::SystemSizes& s) { return 2 * s.n_states; }  // 6 doubles for Lorenz
  };
  struct counts : kobie::BufferDecl<kobie::DType::int32> {
    static constexpr const char* name = "demo_counts";
    static constexpr int count(const kobie::SystemSizes&) { return 1; }
  };
  struct inside : kobie::BufferDecl<kobie::DType::real> {
    static constexpr const char* name = "demo_inside";
    using alias_of = big;
    static constexpr int count(const kobie::SystemSizes&) { return 4; }
  };
  struct also_inside : kobie::BufferDecl<kobie::DType::int32> {
    static constexpr const char* name = "demo_also_inside";
    using alias_of = big;
    static constexpr int count(const kobie::SystemSizes&) { return 3; }
  };
  struct too_big : kobie::BufferDecl<kobie::DType::real> {
    static constexpr const char* name = "demo_too_big";
    using alias_of = big;
    static constexpr int count(const kobie::SystemSizes&) { return 3; }
  };
  using buffers = kobie::TypeList<big, inside, counts, also_inside, too_big>;
  using children = kobie::TypeList<>;
};
}  // namespace

TEST(TEST_CATEGORY, algorithm_buffer_aliases_are_placed_alike_at_compile_time_and_by_the_registry) {
  using Binding = kobie::StaticBinding<kobie::SizesOf<kobie_test::Lorenz>, double, AliasDemo>;
  const kobie::SystemSizes sizes = kobie::SystemTraits<kobie_test::Lorenz>::sizes();
  kobie::BufferRegistry registry = kobie::BufferRegistry::for_real<double>();
  kobie::register_component<AliasDemo>(registry, "", kobie::ComponentParts{}, sizes);
  kobie::BufferSet<AliasDemo, Binding> set;
  set.bind(registry);
  alignas(8) char block[256];
  kobie::RunMemory m;
  m.base[0] = block;
  auto offset = [&](const void* p) { return static_cast<std::uint32_t>(static_cast<const char*>(p) - block); };
  // big [0, 48), counts [48, 52); inside [0, 32) and also_inside [32, 44) inside big; too_big (24 bytes from 48) does
  // not fit and follows counts at 56.
  EXPECT_EQ(offset(kobie::at<AliasDemo::inside>(set, m)), 0u);
  EXPECT_EQ(offset(kobie::at<AliasDemo::also_inside>(set, m)), 32u);
  EXPECT_EQ(offset(kobie::at<AliasDemo::too_big>(set, m)), 56u);
  for (const char* name : {"demo_big", "demo_counts", "demo_inside", "demo_also_inside", "demo_too_big"}) {
    void* p = nullptr;
    const std::string n = name;
    if (n == "demo_big") p = kobie::at<AliasDemo::big>(set, m);
    if (n == "demo_counts") p = kobie::at<AliasDemo::counts>(set, m);
    if (n == "demo_inside") p = kobie::at<AliasDemo::inside>(set, m);
    if (n == "demo_also_inside") p = kobie::at<AliasDemo::also_inside>(set, m);
    if (n == "demo_too_big") p = kobie::at<AliasDemo::too_big>(set, m);
    EXPECT_EQ(offset(p), registry.allocator("demo", name).offset) << name;
  }
  EXPECT_EQ((kobie::local_capacity<AliasDemo, double>(sizes)), registry.totals().local_bytes);
  EXPECT_EQ(registry.totals().local_bytes, 80u);

  // Aliases follow their target's location and have no location setting of their own.
  kobie::ComponentParts moved;
  moved.locations.buffers["demo_big"] = kobie::Location::scratch;
  kobie::BufferRegistry scratch = kobie::BufferRegistry::for_real<double>();
  kobie::register_component<AliasDemo>(scratch, "", moved, sizes);
  EXPECT_EQ(scratch.allocator("demo", "demo_inside").location, kobie::Location::scratch);
  EXPECT_EQ(scratch.allocator("demo", "demo_inside").offset, scratch.allocator("demo", "demo_big").offset);
  EXPECT_EQ(scratch.allocator("demo", "demo_counts").location, kobie::Location::local);
  const auto declared = kobie::declared_buffers<AliasDemo>();
  ASSERT_EQ(declared.size(), 2u);
  EXPECT_EQ(declared[0].name, "demo_big");
  EXPECT_EQ(declared[1].name, "demo_counts");
}

namespace {
/// A component with two alternatives: path 1 (a 3×3 matrix and 3 pivots) or path 2 (5 reals), after one shared
/// buffer; the part's `use_second` flag (carried in the tolerances' size, for the test) picks the path.
struct AlternativeDemo {
  static constexpr const char* owner = "demo";
  struct shared : kobie::BufferDecl<kobie::DType::real> {
    static constexpr const char* name = "demo_shared";
    static constexpr int count(const kobie::SystemSizes&) { return 1; }
  };
  struct matrix : kobie::BufferDecl<kobie::DType::real> {
    static constexpr const char* name = "demo_matrix";
    static constexpr int alternative = 1;
    static constexpr int count(const kobie::SystemSizes& s) { return s.n_states * s.n_states; }
  };
  struct workspace : kobie::BufferDecl<kobie::DType::real> {
    static constexpr const char* name = "demo_workspace";
    static constexpr int alternative = 2;
    static constexpr int count(const kobie::SystemSizes&) { return 5; }
    static int used(const kobie::ComponentParts&, const kobie::SystemSizes&) { return 4; }
  };
  struct pivots : kobie::BufferDecl<kobie::DType::int32> {
    static constexpr const char* name = "demo_pivots";
    static constexpr int alternative = 1;
    static constexpr int count(const kobie::SystemSizes& s) { return s.n_states; }
  };
  using buffers = kobie::TypeList<shared, matrix, workspace, pivots>;
  using children = kobie::TypeList<>;
  static int alternative_in_use(const kobie::ComponentParts& parts, const kobie::SystemSizes&) {
    return parts.tolerances.atol.size() == 2 ? 2 : 1;
  }
};
}  // namespace

TEST(TEST_CATEGORY, algorithm_buffer_alternatives_share_one_region_at_compile_time_and_in_the_registry) {
  // shared [0, 8); path 1: matrix [8, 80), pivots [80, 92); path 2: workspace [8, 48). The alternatives take the
  // larger one's room (96 bytes in all), not the sum (136).
  using Binding = kobie::StaticBinding<kobie::SizesOf<kobie_test::Lorenz>, double, AlternativeDemo>;
  const kobie::SystemSizes sizes = kobie::SystemTraits<kobie_test::Lorenz>::sizes();
  kobie::BufferSet<AlternativeDemo, Binding> set;
  alignas(8) char block[256];
  kobie::RunMemory m;
  m.base[0] = block;
  auto offset = [&](const void* p) { return static_cast<std::uint32_t>(static_cast<const char*>(p) - block); };
  EXPECT_EQ(offset(kobie::at<AlternativeDemo::matrix>(set, m)), 8u);
  EXPECT_EQ(offset(kobie::at<AlternativeDemo::pivots>(set, m)), 80u);
  EXPECT_EQ(offset(kobie::at<AlternativeDemo::workspace>(set, m)), 8u);
  EXPECT_EQ((kobie::local_capacity<AlternativeDemo, double>(sizes)), 96u);
  // A kernel compiled for one alternative reserves only its room: 8 + 84 → 96, or 8 + 40 = 48.
  EXPECT_EQ((kobie::local_capacity<AlternativeDemo, double, 1>(sizes)), 96u);
  EXPECT_EQ((kobie::local_capacity<AlternativeDemo, double, 2>(sizes)), 48u);
  using Only2 = kobie::StaticBinding<kobie::SizesOf<kobie_test::Lorenz>, double, AlternativeDemo, 0, 2>;
  kobie::BufferSet<AlternativeDemo, Only2> only2;
  EXPECT_EQ(offset(kobie::at<AlternativeDemo::workspace>(only2, m)), 8u);
  for (int path : {1, 2}) {
    kobie::ComponentParts parts;
    parts.tolerances.atol.assign(path == 2 ? 2 : 1, 1e-6);
    kobie::BufferRegistry registry = kobie::BufferRegistry::for_real<double>();
    kobie::register_component<AlternativeDemo>(registry, "", parts, sizes);
    set.bind(registry);
    // The chosen path registers its elements (the workspace its `used` 4), the other none; offsets as above.
    EXPECT_EQ(registry.allocator("demo", "demo_matrix").count, path == 1 ? 9u : 0u);
    EXPECT_EQ(registry.allocator("demo", "demo_pivots").count, path == 1 ? 3u : 0u);
    EXPECT_EQ(registry.allocator("demo", "demo_workspace").count, path == 2 ? 4u : 0u);
    EXPECT_EQ(registry.allocator("demo", "demo_matrix").offset, 8u);
    EXPECT_EQ(registry.allocator("demo", "demo_workspace").offset, 8u);
    EXPECT_EQ(registry.allocator("demo", "demo_pivots").offset, path == 1 ? 80u : 8u);
    EXPECT_EQ(registry.totals().local_bytes, path == 1 ? 96u : 40u);
    EXPECT_EQ(registry.alternative_in_use(), path);
  }
  // Owners that chose different alternatives cannot share one kernel.
  kobie::BufferRegistry mixed = kobie::BufferRegistry::for_real<double>();
  mixed.use_alternative("a", 1);
  mixed.use_alternative("b", 2);
  EXPECT_THROW(mixed.alternative_in_use(), kobie::RegistryError);
  EXPECT_THROW(mixed.use_alternative("c", 0), kobie::RegistryError);
  // An alternative moved to team scratch starts its region there.
  kobie::ComponentParts moved;
  moved.locations.buffers["demo_matrix"] = kobie::Location::scratch;
  kobie::BufferRegistry scratch = kobie::BufferRegistry::for_real<double>();
  kobie::register_component<AlternativeDemo>(scratch, "", moved, sizes);
  EXPECT_EQ(scratch.allocator("demo", "demo_matrix").location, kobie::Location::scratch);
  EXPECT_EQ(scratch.allocator("demo", "demo_matrix").offset, 0u);
  EXPECT_EQ(scratch.allocator("demo", "demo_pivots").offset, 8u);
  // The registry refuses a negative alternative and an alias that is one.
  kobie::BufferRegistry bad = kobie::BufferRegistry::for_real<double>();
  kobie::BufferOptions negative;
  negative.alternative = -1;
  EXPECT_THROW(bad.register_buffer("demo", "x", 1, kobie::Location::local, negative), kobie::RegistryError);
  kobie::BufferOptions alias;
  alias.alternative = 1;
  alias.alias_of = "x";
  EXPECT_THROW(bad.register_buffer("demo", "y", 1, kobie::Location::local, alias), kobie::RegistryError);
}

TEST(TEST_CATEGORY, algorithm_rosenbrock_residual_scratch_lives_inside_its_stage_buffers) {
  // RODAS5P's residual test reuses stage buffers through declared aliases: inside their targets, costing nothing.
  using A = kobie::algorithms::Rodas5p;
  kobie::Settings settings;
  kobie::BufferRegistry registry = kobie::BufferRegistry::for_real<double>();
  kobie::register_component<kobie::IvpLoop<A>>(registry, "", kobie::Impl::loop_parts(settings, kobie::SummaryPlan{}),
                                               kobie::SystemTraits<kobie_test::Lorenz>::sizes());
  EXPECT_EQ(registry.allocator("algorithm", "residual_state").offset,
            registry.allocator("algorithm", "stage_state").offset);
  EXPECT_EQ(registry.allocator("algorithm", "residual_defect").offset,
            registry.allocator("algorithm", "stage_rhs").offset);
  for (const auto& b : registry.buffers()) {
    if (!b.alias_of.empty()) EXPECT_TRUE(b.aliased) << b.qualified_name();
  }
}

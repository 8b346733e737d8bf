#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "kobie/memory/buffer_registry.hpp"
#include "kobie/memory/launch.hpp"

namespace {

using Exec = TEST_EXECSPACE;
constexpr int kMaxBuffers = 12;
constexpr std::size_t kLocalCapacity = 512;

// The value run `run` writes into element i of buffer b: exact in float32 for the run counts used here.
KOKKOS_INLINE_FUNCTION double pattern(int run, int b, int i) { return run * 64.0 + b * 5.0 + i * 0.25 + 1.0; }

// The pattern as stored in an element of type T (integers store 4x the pattern, which is an integer).
template <class T>
KOKKOS_INLINE_FUNCTION T stored(int run, int b, int i) {
  return std::is_integral<T>::value ? static_cast<T>(4.0 * pattern(run, b, i)) : static_cast<T>(pattern(run, b, i));
}

// Writes the pattern into every element of every buffer, then reads all of them back into `values`, and records each
// buffer's address. Any overlap between two buffers of a run shows up as a mismatch; overlap between runs of one team
// shows up in the recorded address ranges.
struct PatternKernel {
  Kokkos::Array<kobie::Allocator, kMaxBuffers> buffers;
  Kokkos::Array<int, kMaxBuffers> first;  // column of a buffer's first element in `values`
  int n_buffers;
  Kokkos::View<double**, Exec> values;
  Kokkos::View<std::uint64_t**, Exec> addresses;

  template <class T>
  KOKKOS_INLINE_FUNCTION void write(const kobie::Allocator& a, const kobie::RunMemory& m, int run, int b) const {
    T* p = a.get<T>(m);
    for (int i = 0; i < static_cast<int>(a.count); ++i) p[i] = stored<T>(run, b, i);
  }
  template <class T>
  KOKKOS_INLINE_FUNCTION void read(const kobie::Allocator& a, const kobie::RunMemory& m, int run, int b) const {
    const T* p = a.get<T>(m);
    for (int i = 0; i < static_cast<int>(a.count); ++i) values(run, first[b] + i) = static_cast<double>(p[i]);
  }

  KOKKOS_INLINE_FUNCTION void operator()(int run, const kobie::RunMemory& m) const {
    for (int b = 0; b < n_buffers; ++b) {
      const auto& a = buffers[b];
      if (a.dtype == kobie::DType::float64) write<double>(a, m, run, b);
      if (a.dtype == kobie::DType::float32) write<float>(a, m, run, b);
      if (a.dtype == kobie::DType::int32) write<std::int32_t>(a, m, run, b);
      addresses(run, b) = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(a.get<char>(m)));
    }
    for (int b = 0; b < n_buffers; ++b) {
      const auto& a = buffers[b];
      if (a.dtype == kobie::DType::float64) read<double>(a, m, run, b);
      if (a.dtype == kobie::DType::float32) read<float>(a, m, run, b);
      if (a.dtype == kobie::DType::int32) read<std::int32_t>(a, m, run, b);
    }
  }
};

struct Registered {
  std::string owner, name;
};

// Launches PatternKernel over n_runs and checks every value and the address ranges.
void check_round_trip(const kobie::BufferRegistry& reg, const std::vector<Registered>& names, int n_runs) {
  PatternKernel k;
  k.n_buffers = static_cast<int>(names.size());
  ASSERT_LE(k.n_buffers, kMaxBuffers);
  int columns = 0;
  for (int b = 0; b < k.n_buffers; ++b) {
    k.buffers[b] = reg.allocator(names[b].owner, names[b].name);
    k.first[b] = columns;
    columns += static_cast<int>(k.buffers[b].count);
  }
  k.values = Kokkos::View<double**, Exec>("values", n_runs, std::max(columns, 1));
  k.addresses = Kokkos::View<std::uint64_t**, Exec>("addresses", n_runs, std::max(k.n_buffers, 1));
  const auto plan = kobie::make_launch_plan<Exec>(reg, n_runs, 64);
  kobie::launch_runs<kLocalCapacity>(Exec(), reg, plan, "kobie::test::pattern", k);
  kobie::fence("kobie::test::pattern");

  auto values = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), k.values);
  auto addresses = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), k.addresses);
  long bad = 0;
  for (int run = 0; run < n_runs; ++run) {
    for (int b = 0; b < k.n_buffers; ++b) {
      const bool integer = k.buffers[b].dtype == kobie::DType::int32;
      for (int i = 0; i < static_cast<int>(k.buffers[b].count); ++i) {
        const double expected = integer ? stored<std::int32_t>(run, b, i) : pattern(run, b, i);
        if (values(run, k.first[b] + i) != expected && ++bad < 10) {
          ADD_FAILURE() << "run " << run << " buffer " << names[b].owner << "/" << names[b].name << "[" << i
                        << "] = " << values(run, k.first[b] + i) << ", expected " << expected;
        }
      }
    }
  }
  EXPECT_EQ(bad, 0);

  // Address ranges of team-scratch buffers must be disjoint within a team (teams reuse scratch, runs of one team
  // must not). Thread-private buffers are private by construction.
  const int rpt = plan.runs_per_team;
  for (int team_start = 0; team_start < n_runs; team_start += rpt) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
    for (int run = team_start; run < std::min(n_runs, team_start + rpt); ++run) {
      for (int b = 0; b < k.n_buffers; ++b) {
        const auto& a = k.buffers[b];
        if (a.location == kobie::Location::local || a.count == 0) continue;
        ranges.emplace_back(addresses(run, b), addresses(run, b) + a.count * kobie::size_of(a.dtype));
      }
    }
    std::sort(ranges.begin(), ranges.end());
    for (std::size_t i = 1; i < ranges.size(); ++i) {
      ASSERT_LE(ranges[i - 1].second, ranges[i].first)
          << "overlapping buffers in the team starting at run " << team_start;
    }
  }
}

kobie::BufferOptions with(bool persistent, kobie::DType dtype, std::string alias = "") {
  kobie::BufferOptions o;
  o.persistent = persistent;
  o.dtype = dtype;
  o.alias_of = std::move(alias);
  return o;
}

// A component tree like the IVP loop's: loop -> algorithm -> newton, every dtype, every location at once.
template <class Real>
void mixed_tree_round_trip() {
  auto reg = kobie::BufferRegistry::for_real<Real>();
  reg.register_buffer("loop", "state", 3, kobie::Location::local, with(true, kobie::DType::real));
  reg.register_buffer("loop", "counters", 2, kobie::Location::local, with(true, kobie::DType::int32));
  reg.register_buffer("loop", "history", 2, kobie::Location::shared, with(true, kobie::DType::real));
  reg.register_buffer("loop", "accumulators", 5, kobie::Location::scratch, with(false, kobie::DType::real));
  reg.register_child("loop", "algorithm");
  reg.register_buffer("algorithm", "stages", 7, kobie::Location::shared, with(false, kobie::DType::real));
  reg.register_buffer("algorithm", "iterations", 1, kobie::Location::shared, with(false, kobie::DType::int32));
  reg.register_buffer("algorithm", "unused", 0, kobie::Location::shared, with(false, kobie::DType::real));
  reg.register_buffer("algorithm", "error", 3, kobie::Location::scratch, with(false, kobie::DType::float64));
  reg.register_child("algorithm", "newton");
  reg.register_buffer("newton", "residual", 3, kobie::Location::local, with(false, kobie::DType::float32));
  reg.register_buffer("newton", "krylov_iters", 1, kobie::Location::scratch, with(false, kobie::DType::int32));
  check_round_trip(reg,
                   {{"loop", "state"},
                    {"loop", "counters"},
                    {"loop", "history"},
                    {"loop", "accumulators"},
                    {"algorithm", "stages"},
                    {"algorithm", "iterations"},
                    {"algorithm", "unused"},
                    {"algorithm", "error"},
                    {"newton", "residual"},
                    {"newton", "krylov_iters"}},
                   5003);
}

}  // namespace

TEST(TEST_CATEGORY, registry_kernel_mixed_tree_double) { mixed_tree_round_trip<double>(); }

TEST(TEST_CATEGORY, registry_kernel_mixed_tree_float) { mixed_tree_round_trip<float>(); }

TEST(TEST_CATEGORY, registry_kernel_every_location_alone) {
  for (const char* location : {"local", "shared", "scratch"}) {
    SCOPED_TRACE(location);
    kobie::BufferRegistry reg;
    reg.register_buffer("a", "x", 5, location);
    reg.register_buffer("a", "n", 3, location, with(true, kobie::DType::int32));
    reg.register_buffer("a", "f", 1, location, with(false, kobie::DType::float32));
    reg.register_buffer("a", "y", 4, location);
    check_round_trip(reg, {{"a", "x"}, {"a", "n"}, {"a", "f"}, {"a", "y"}}, 4099);
  }
}

namespace {

// Writes through an alias and reads through its target: both must see the same memory.
struct AliasKernel {
  kobie::TypedAllocator<double> target, alias, fallback;
  Kokkos::View<double**, Exec> out;
  KOKKOS_INLINE_FUNCTION void operator()(int run, const kobie::RunMemory& m) const {
    double* t = target(m);
    for (int i = 0; i < target.size(); ++i) t[i] = -1.0;
    double* f = fallback(m);
    for (int i = 0; i < fallback.size(); ++i) f[i] = 1000.0 * run + i;
    double* a = alias(m);
    for (int i = 0; i < alias.size(); ++i) a[i] = run + 0.5 * i;
    for (int i = 0; i < target.size(); ++i) out(run, i) = t[i];
    for (int i = 0; i < fallback.size(); ++i) out(run, target.size() + i) = f[i];
  }
};

}  // namespace

TEST(TEST_CATEGORY, registry_kernel_alias_shares_target_memory) {
  kobie::BufferRegistry reg;
  reg.register_buffer("algo", "stages", 6, kobie::Location::shared);
  reg.register_child("algo", "newton");
  reg.register_buffer("newton", "delta", 4, kobie::Location::shared, with(false, kobie::DType::real, "algo/stages"));
  reg.register_buffer("newton", "big", 7, kobie::Location::shared, with(false, kobie::DType::real, "algo/stages"));
  AliasKernel k{reg.typed_allocator<double>("algo", "stages"), reg.typed_allocator<double>("newton", "delta"),
                reg.typed_allocator<double>("newton", "big"), Kokkos::View<double**, Exec>("out", 2000, 13)};
  kobie::launch_runs<0>(Exec(), reg, kobie::make_launch_plan<Exec>(reg, 2000), "kobie::test::alias", k);
  auto out = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), k.out);
  int bad = 0;
  for (int run = 0; run < 2000; ++run) {
    for (int i = 0; i < 6; ++i) bad += out(run, i) != (i < 4 ? run + 0.5 * i : -1.0);
    for (int i = 0; i < 7; ++i) bad += out(run, 6 + i) != 1000.0 * run + i;
  }
  EXPECT_EQ(bad, 0);
}

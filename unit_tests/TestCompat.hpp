#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kobie/core/compat.hpp"

namespace {

using Exec = TEST_EXECSPACE;

struct MathKernel {
  Kokkos::View<double*, Exec> out;
  KOKKOS_FUNCTION void operator()(int) const {
    namespace km = kobie::math;
    out(0) = km::sqrt(2.0);
    out(1) = km::cbrt(27.0);
    out(2) = km::pow(2.0, 0.5);
    out(3) = km::exp(1.0);
    out(4) = km::log(10.0);
    out(5) = km::sin(0.5);
    out(6) = km::cos(0.5);
    out(7) = km::abs(-3.5);
    out(8) = km::abs(-7);
    out(9) = km::fmin(1.0, km::quiet_nan<double>());
    out(10) = km::fmax(km::quiet_nan<double>(), 2.0);
    out(11) = km::isfinite(km::infinity<double>()) ? 1.0 : 0.0;
    out(12) = km::isnan(km::quiet_nan<double>()) ? 1.0 : 0.0;
    out(13) = km::min(3.0, -1.0);
    out(14) = km::max(3.0, -1.0);
    out(15) = km::clamp(5.0, 0.0, 2.0);
    out(16) = km::epsilon<double>();
    out(17) = static_cast<double>(km::epsilon<float>());
    out(18) = km::finite_max<double>();
    out(19) = static_cast<double>(km::sqrt(2.0f));
    out(20) = km::isfinite(1.0f) ? 1.0 : 0.0;
  }
};

}  // namespace

TEST(TEST_CATEGORY, compat_math_in_kernel_matches_std) {
  Kokkos::View<double*, Exec> out("out", 21);
  Kokkos::parallel_for("kobie::test::compat_math", Kokkos::RangePolicy<Exec>(0, 1), MathKernel{out});
  kobie::fence("kobie::test::compat_math");
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), out);
  EXPECT_DOUBLE_EQ(h(0), std::sqrt(2.0));
  EXPECT_DOUBLE_EQ(h(1), 3.0);
  EXPECT_DOUBLE_EQ(h(2), std::sqrt(2.0));
  EXPECT_DOUBLE_EQ(h(3), std::exp(1.0));
  EXPECT_DOUBLE_EQ(h(4), std::log(10.0));
  EXPECT_DOUBLE_EQ(h(5), std::sin(0.5));
  EXPECT_DOUBLE_EQ(h(6), std::cos(0.5));
  EXPECT_EQ(h(7), 3.5);
  EXPECT_EQ(h(8), 7.0);
  EXPECT_EQ(h(9), 1.0);
  EXPECT_EQ(h(10), 2.0);
  EXPECT_EQ(h(11), 0.0);
  EXPECT_EQ(h(12), 1.0);
  EXPECT_EQ(h(13), -1.0);
  EXPECT_EQ(h(14), 3.0);
  EXPECT_EQ(h(15), 2.0);
  EXPECT_EQ(h(16), std::numeric_limits<double>::epsilon());
  EXPECT_EQ(h(17), static_cast<double>(std::numeric_limits<float>::epsilon()));
  EXPECT_EQ(h(18), std::numeric_limits<double>::max());
  EXPECT_EQ(h(19), static_cast<double>(std::sqrt(2.0f)));
  EXPECT_EQ(h(20), 1.0);
}

TEST(TEST_CATEGORY, compat_constexpr_helpers) {
  static_assert(kobie::math::min(2, 3) == 2, "min");
  static_assert(kobie::math::max(2, 3) == 3, "max");
  static_assert(kobie::math::clamp(-4, 0, 9) == 0, "clamp");
  static_assert(kobie::math::epsilon<double>() == std::numeric_limits<double>::epsilon(), "epsilon");
  static_assert(kobie::view_rank_v<Kokkos::View<double***, Exec>> == 3, "rank");
  EXPECT_TRUE(std::isinf(kobie::math::infinity<float>()));
  EXPECT_TRUE(std::isnan(kobie::math::quiet_nan<float>()));
}

TEST(TEST_CATEGORY, compat_host_space_trait_and_fences) {
  const bool host = kobie::is_host_execution_space_v<Exec>;
  const bool expected = Kokkos::SpaceAccessibility<Exec, Kokkos::HostSpace>::accessible;
  EXPECT_EQ(host, expected);
  EXPECT_TRUE(kobie::is_host_execution_space_v<Kokkos::DefaultHostExecutionSpace>);
  {
    kobie::ProfilingRegion region("kobie::test::region");
    kobie::fence(Exec(), "kobie::test::instance_fence");
    kobie::fence("kobie::test::global_fence");
  }
  SUCCEED();
}

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "TestSystems.hpp"
#include "kobie/batch/solver.hpp"

namespace {

// Final states at t = 1 of the Lorenz system (sigma = 10, beta = 8/3, x0 = (1, 0, 0)) over rho in [0, 21]: the
// values of reference/lorenz_rho_sweep_t1.csv (mpmath Taylor integration at 30 digits, checked against scipy DOP853 at
// rtol 1e-13 to 3.3e-13; see reference/README.md).
struct LorenzReference {
  double rho, x, y, z;
};
const LorenzReference kLorenzT1[] = {
    {0, 4.5399929762484852e-05, 0.0000000000000000e+00, 0.0000000000000000e+00},
    {0.5, 3.2436417815865546e-02, 3.0867416067759734e-02, 6.7157665606790843e-04},
    {1, 9.0601332989166584e-02, 9.0558017285179793e-02, 3.1906986239901276e-03},
    {2, 3.3481332115462790e-01, 3.6241385516589287e-01, 2.8179982336049674e-02},
    {3, 8.7011942724221334e-01, 1.0006198920198594e+00, 1.5252527528362353e-01},
    {4, 1.8756088575689699e+00, 2.2394704648489260e+00, 6.2482735019057503e-01},
    {5, 3.4391956175469058e+00, 4.0961105355498518e+00, 2.0023265027158417e+00},
    {6, 5.2050869477181422e+00, 5.7603826120881739e+00, 4.8236105598734653e+00},
    {7, 6.2298952589934229e+00, 5.8239114056956694e+00, 8.3485937002134864e+00},
    {7.25, 6.2734423876561763e+00, 5.5452972713978445e+00, 9.1091236712176441e+00},
    {8, 5.9085019901735542e+00, 4.3293840419110332e+00, 1.0742227549521887e+01},
    {9, 4.7171771569230205e+00, 2.6942029306293577e+00, 1.1487221065564144e+01},
    {10, 3.4076073208445051e+00, 1.6262273589692625e+00, 1.1320198206336441e+01},
    {11, 2.3261492862181211e+00, 1.0246730357801797e+00, 1.0868510533873313e+01},
    {12, 1.4970524591321566e+00, 6.3682731308069761e-01, 1.0396143645667353e+01},
    {13, 8.3411356072468528e-01, 2.8190360512017650e-01, 9.9894597419604962e+00},
    {13.75, 3.8687445603117004e-01, -3.2464492431629613e-02, 9.7468989843481526e+00},
    {14, 2.3998420441040926e-01, -1.5358336478069888e-01, 9.6798503872445628e+00},
    {15, -3.6766581321112136e-01, -7.4896640794320944e-01, 9.4927505271294411e+00},
    {16, -1.0538658449198332e+00, -1.5665140901873829e+00, 9.4680146006617594e+00},
    {17, -1.8667820382094480e+00, -2.6508781201673198e+00, 9.6705265180670765e+00},
    {18, -2.8341442028116609e+00, -4.0137707213921113e+00, 1.0193273180251941e+01},
    {19, -3.9547643436790598e+00, -5.6083579513871956e+00, 1.1146549928641470e+01},
    {20, -5.1882709579321134e+00, -7.3054932879047241e+00, 1.2624469943206303e+01},
    {20.5, -5.8226300348507063e+00, -8.1290615135361725e+00, 1.3571570583444738e+01},
    {21, -6.4505791473189070e+00, -8.8952114786677926e+00, 1.4649145866604445e+01},
};
constexpr int kRows = sizeof(kLorenzT1) / sizeof(kLorenzT1[0]);

template <class Real>
void check_lorenz_sweep(const std::string& algorithm, double tol, double max_error) {
  SCOPED_TRACE(algorithm);
  std::vector<double> rhos;
  for (const auto& r : kLorenzT1) rhos.push_back(r.rho);
  kobie::Solver<kobie_test::Lorenz, Real, TEST_EXECSPACE, kobie::ExplicitAlgorithms> solver;
  solver.set("algorithm", algorithm);
  solver.set("atol", tol);
  solver.set("rtol", tol);
  solver.set("duration", 1.0);
  const auto grid = kobie::combinatorial_grid<kobie_test::Lorenz>(
      {{"rho", rhos}}, {{"x", {1.0}}, {"y", {0.0}}, {"z", {0.0}}, {"sigma", {10.0}}, {"beta", {8.0 / 3.0}}});
  const auto result = solver.solve(grid);
  ASSERT_EQ(result.n_runs, kRows);
  ASSERT_EQ(result.n_saves, 2);
  EXPECT_EQ(result.n_failed(), 0);
  auto state = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.state);
  double worst = 0;
  for (int run = 0; run < kRows; ++run) {
    const double ref[3] = {kLorenzT1[run].x, kLorenzT1[run].y, kLorenzT1[run].z};
    for (int i = 0; i < 3; ++i) {
      const double err = std::abs(static_cast<double>(state(run, 1, i)) - ref[i]) / (1.0 + std::abs(ref[i]));
      worst = std::max(worst, err);
      EXPECT_LE(err, max_error) << "rho " << kLorenzT1[run].rho << " component " << i;
    }
    EXPECT_EQ(static_cast<double>(state(run, 0, 0)), 1.0);  // save 0 is the initial state
  }
  ::testing::Test::RecordProperty("worst_relative_error_" + algorithm, std::to_string(worst));
}

}  // namespace

TEST(TEST_CATEGORY, lorenz_sweep_double_matches_reference) {
  check_lorenz_sweep<double>("dormand-prince-54", 1e-10, 1e-8);
  check_lorenz_sweep<double>("tsit5", 1e-10, 1e-8);
  check_lorenz_sweep<double>("dop853", 1e-12, 1e-10);
  check_lorenz_sweep<double>("vern9", 1e-13, 1e-11);
}

TEST(TEST_CATEGORY, lorenz_sweep_float_matches_reference) {
  check_lorenz_sweep<float>("dormand-prince-54", 1e-6f, 1e-4);
  check_lorenz_sweep<float>("vern7", 1e-6f, 1e-4);
}

namespace {

// Classical RK4 written the plain way (y + h/6 (k1 + 2 k2 + 2 k3 + k4)), in float: the rounding yardstick.
void plain_float_rk4(float* y, float rho) {
  const kobie_test::Lorenz lorenz;
  const float p[3] = {10.0f, rho, static_cast<float>(8.0 / 3.0)};
  const float h = 1e-3f;
  const float* none = nullptr;
  float k1[3], k2[3], k3[3], k4[3], s[3];
  for (int step = 0; step < 1000; ++step) {
    lorenz.rhs(0.0f, y, p, none, k1);
    for (int d = 0; d < 3; ++d) s[d] = y[d] + h / 2 * k1[d];
    lorenz.rhs(0.0f, s, p, none, k2);
    for (int d = 0; d < 3; ++d) s[d] = y[d] + h / 2 * k2[d];
    lorenz.rhs(0.0f, s, p, none, k3);
    for (int d = 0; d < 3; ++d) s[d] = y[d] + h * k3[d];
    lorenz.rhs(0.0f, s, p, none, k4);
    for (int d = 0; d < 3; ++d) y[d] = y[d] + h / 6 * (k1[d] + 2 * k2[d] + 2 * k3[d] + k4[d]);
  }
}

}  // namespace

TEST(TEST_CATEGORY, lorenz_float_rk4_rounding_matches_a_plain_loop) {
  // Classical RK4 in float, 1000 steps of 1e-3 to t = 1, over the reference rows with rho >= 5 (RK4's own error there
  // is about 2e-10 relative, so what remains is rounding). A step that adds every stage product to y on its own
  // rounds at the scale of y once per stage: RMS relative error 1.56e-6, against 8.2e-7 for the plain loop above.
  // kobie sums each increment at its own scale and adds it to y once: 8.1e-7 on the Serial backend.
  std::vector<double> rhos;
  for (const auto& r : kLorenzT1) {
    if (r.rho >= 5) rhos.push_back(r.rho);
  }
  kobie::Solver<kobie_test::Lorenz, float, TEST_EXECSPACE, kobie::ExplicitAlgorithms> solver;
  solver.set("algorithm", "rk4");
  solver.set("controller", "fixed");
  solver.set("dt", 1e-3);
  solver.set("duration", 1.0);
  const auto grid = kobie::verbatim_grid<kobie_test::Lorenz>(
      {{"rho", rhos}}, {{"x", {1.0}}, {"y", {0.0}}, {"z", {0.0}}, {"sigma", {10.0}}, {"beta", {8.0 / 3.0}}});
  const auto result = solver.solve(grid).to_host();
  double kobie_sq = 0, plain_sq = 0;
  int run = 0;
  for (const auto& ref : kLorenzT1) {
    if (ref.rho < 5) continue;
    const double r[3] = {ref.x, ref.y, ref.z};
    float y[3] = {1.0f, 0.0f, 0.0f};
    plain_float_rk4(y, static_cast<float>(ref.rho));
    double ek = 0, ep = 0, norm = 0;
    for (int i = 0; i < 3; ++i) {
      ek += (result.state(run, 1, i) - r[i]) * (result.state(run, 1, i) - r[i]);
      ep += (y[i] - r[i]) * (y[i] - r[i]);
      norm += r[i] * r[i];
    }
    kobie_sq += ek / norm;
    plain_sq += ep / norm;
    ++run;
  }
  const double kobie_rms = std::sqrt(kobie_sq / run), plain_rms = std::sqrt(plain_sq / run);
  std::printf("[ float    ] rk4, %d values of rho, t = 1: RMS relative error %.3g (plain loop %.3g)\n", run, kobie_rms,
              plain_rms);
  EXPECT_LE(kobie_rms, 1.25 * plain_rms);
  EXPECT_LE(kobie_rms, 1.2e-6);
}

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "TestSystems.hpp"
#include "kobie/batch/solver.hpp"
#include "kobie/loop/component_catalog.hpp"

namespace {

using LorenzSolver = kobie::Solver<kobie_test::Lorenz, double, TEST_EXECSPACE, kobie::ExplicitAlgorithms>;
using HostMatrix = Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace>;

// Runs `f` and expects a kobie::SettingsError whose message holds every fragment.
void expect_settings_error(const std::function<void()>& f, std::initializer_list<const char*> fragments) {
  try {
    f();
    ADD_FAILURE() << "no SettingsError thrown";
  } catch (const kobie::SettingsError& e) {
    const std::string what = e.what();
    for (const char* frag : fragments) EXPECT_NE(what.find(frag), std::string::npos) << "'" << frag << "' in: " << what;
  }
}

HostMatrix lorenz_y0(int n_runs) {
  HostMatrix y0("y0", n_runs, 3);
  for (int r = 0; r < n_runs; ++r) y0(r, 0) = 1.0;
  return y0;
}

HostMatrix lorenz_params(int n_runs) {
  HostMatrix p("p", n_runs, 3);
  for (int r = 0; r < n_runs; ++r) {
    p(r, 0) = 10.0;
    p(r, 1) = 28.0;
    p(r, 2) = 8.0 / 3.0;
  }
  return p;
}

// Sets key = value on a fresh solver and solves a small batch: the error may come from set() or from solve().
void expect_bad(const std::string& key, const std::string& value, std::initializer_list<const char*> fragments) {
  SCOPED_TRACE(key + " = " + value);
  expect_settings_error(
      [&] {
        LorenzSolver solver;
        solver.set(key, value);
        solver.solve(lorenz_y0(2), lorenz_params(2));
      },
      fragments);
}

}  // namespace

TEST(TEST_CATEGORY, settings_reject_bad_values_with_clear_errors) {
  expect_bad("duration", "-1", {"'duration'", "'-1'", "> 0"});
  expect_bad("duration", "nan", {"'duration'", "finite"});
  expect_bad("t0", "inf", {"'t0'", "finite"});
  expect_bad("settling_time", "-0.5", {"'settling_time'", ">= 0"});
  expect_bad("save_every", "-0.1", {"'save_every'", "> 0"});
  expect_bad("atol", "0", {"'atol'", "> 0"});
  expect_bad("rtol", "-1e-6", {"'rtol'", "> 0"});
  expect_bad("rtol", "1e-6, nan", {"'rtol'", "finite"});
  expect_bad("atol", "1e-6, 1e-6", {"'atol'", "2 values", "n_states = 3"});
  expect_bad("dt_min", "0.5", {"'dt_min'", "<= dt"});
  expect_bad("dt_max", "1e-5", {"'dt'", "<= dt_max"});
  expect_bad("dt", "abc", {"'dt'", "'abc'", "expected a number"});
  expect_bad("max_steps", "0", {"'max_steps'", "[1, 2147483647]"});
  expect_bad("max_rejections", "-3", {"'max_rejections'", "[1, 1000000000]"});
  expect_bad("progress_window", "0", {"'progress_window'", "[1, 2147483647]"});
  expect_bad("min_progress", "1", {"'min_progress'", "[0, 1)"});
  expect_bad("min_progress", "nan", {"'min_progress'", "[0, 1)"});
  expect_bad("algorithm", "rk5", {"'rk5'", "'algorithm'", "dormand-prince-54", "vern9", "tsit5"});
  expect_bad("controller", "p", {"'p'", "'controller'", "auto, fixed, i, pi, pid, gustafsson"});
  expect_bad("stage_location", "L1", {"'L1'", "'stage_location'", "'local'", "'shared'", "'scratch'"});
  expect_bad("timestep_memory", "L2", {"'L2'", "'timestep_memory'", "'local'", "'shared'", "'scratch'"});
  expect_bad("proposed_counters_location", "registers", {"'registers'", "'proposed_counters_location'", "'local'"});
  expect_bad("safety", "1.5", {"'safety'", "(0, 1]"});
  expect_bad("min_gain", "0", {"'min_gain'", "(0, 1]"});
  expect_bad("max_gain", "0.5", {"'max_gain'", ">= 1"});
  expect_bad("deadband_max", "0.9", {"'deadband_max'", ">= 1"});
  expect_bad("gamma", "2", {"'gamma'", "(0, 1]"});
  expect_bad("outputs", "state, states", {"'states'", "'outputs'", "observables", "did you mean 'state'"});
  expect_bad("outputs", "observables", {"'outputs'", "no observables"});
  expect_bad("saved_states", "x, w", {"'w'", "'saved_states'", "x, y, z"});
  expect_bad("nan_on_failure", "maybe", {"'nan_on_failure'", "true or false"});
  expect_bad("error_norm", "l2", {"'l2'", "'error_norm'", "rms, max"});
  expect_bad("tolerance_proportional", "yes please", {"'tolerance_proportional'", "'yes please'", "true or false"});
  expect_bad("linear_solver", "gmress", {"'gmress'", "'linear_solver'", "dense-lu", "did you mean 'gmres'"});
  expect_bad("preconditioner", "ilu", {"'ilu'", "'preconditioner'", "none, jacobi, neumann"});
  expect_bad("newton_max_iters", "0", {"'newton_max_iters'", "[1, 1000]"});
  expect_bad("newton_tolerance", "1.5", {"'newton_tolerance'", "(0, 1)"});
  expect_bad("krylov_tolerance", "-1e-3", {"'krylov_tolerance'", "'-1e-3'", "(0, 1)"});
  expect_bad("krylov_max_iters", "0", {"'krylov_max_iters'", "[1, 100000]"});
  expect_bad("restart", "65", {"'restart'", "[1, 64]"});
  expect_bad("neumann_order", "-1", {"'neumann_order'", "[0, 16]"});
  expect_bad("pivots_location", "L3", {"'L3'", "'pivots_location'", "'local'"});
}

// Runs `f` and returns the message of the kobie::SettingsError it throws ("" and a failure when it throws none).
std::string settings_error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const kobie::SettingsError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no SettingsError thrown";
  return "";
}

TEST(TEST_CATEGORY, settings_unknown_key_suggests_first_and_counts_the_location_keys) {
  kobie::Settings s;
  const std::size_t n_keys = kobie::Settings::keys().size();
  // Nothing close: each component with its number of settings, the per-buffer location keys counted, not listed.
  const std::string none = settings_error_of([&] { s.set("tolerance", "1e-6"); });
  for (const char* fragment : {"unknown setting 'tolerance'", "time 4", "controller 15", "memory 2 and",
                               "<buffer>_location keys", "kobie::Settings::keys()"}) {
    EXPECT_NE(none.find(fragment), std::string::npos) << "'" << fragment << "' in: " << none;
  }
  EXPECT_NE(none.find("lists all " + std::to_string(n_keys)), std::string::npos) << none;
  for (const char* listed_no_more : {"stage_derivatives_location", "newton_matrix_location", "pivots_location"}) {
    EXPECT_EQ(none.find(listed_no_more), std::string::npos) << none;
  }
  // A likely typo: the fix and where the full list is, nothing else.
  const std::string typo = settings_error_of([&] { s.set("rtoll", "1e-6"); });
  EXPECT_EQ(typo.rfind("kobie: unknown setting 'rtoll'; did you mean 'rtol'?", 0), 0u) << typo;
  EXPECT_NE(typo.find("kobie::Settings::keys()"), std::string::npos) << typo;
  EXPECT_EQ(typo.find("atol"), std::string::npos) << typo;
  EXPECT_LT(typo.size(), 200u) << typo;
  // Any other list: the suggestion comes before it.
  const std::string value = settings_error_of([&] { s.set("algorithm", "tsit6"); });
  EXPECT_LT(value.find("did you mean 'tsit5'?"), value.find("allowed values are")) << value;
}

TEST(TEST_CATEGORY, settings_echo_input_short_and_escaped) {
  using kobie::settings_text::quote_input;
  EXPECT_EQ(quote_input("rk4"), "'rk4'");
  EXPECT_EQ(quote_input(std::string("a\x01\xff\n\0b", 6)), "'a\\x01\\xff\\x0a\\x00b'");
  const std::string mib(1 << 20, 'q');
  EXPECT_EQ(quote_input(mib), "'" + std::string(80, 'q') + "...' (1048576 bytes)");
  EXPECT_EQ(quote_input(std::string(80, 'q')), "'" + std::string(80, 'q') + "'");  // 80 characters: not cut
  // Escapes are never cut in half: 20 of 4 characters fill the 80.
  EXPECT_EQ(
      quote_input(std::string(30, '\x7f')), "'" + [] {
        std::string e;
        for (int i = 0; i < 20; ++i) e += "\\x7f";
        return e;
      }() + "...' (30 bytes)");

  // Every setting's value, an unknown key and a settings-file line are echoed that way, whatever else is said.
  kobie::Settings s;
  const std::string junk = std::string("\x01\x02\xfe") + mib;
  const std::string echoed = "'\\x01\\x02\\xfe" + std::string(68, 'q') + "...' (1048579 bytes)";
  EXPECT_EQ(quote_input(junk), echoed);
  for (const auto& f :
       std::vector<std::function<void()>>{[&] { s.set("algorithm", junk); }, [&] { s.set("max_steps", junk); },
                                          [&] { s.set("rtol", junk); }, [&] { s.set("outputs", "state, " + junk); },
                                          [&] { s.set(junk, "1"); }, [&] { s.load_string(junk + "\n"); }}) {
    const std::string what = settings_error_of(f);
    EXPECT_LT(what.size(), 1000u) << what.substr(0, 1000);
    EXPECT_NE(what.find(echoed), std::string::npos) << what.substr(0, 1000);
    EXPECT_EQ(what.find_first_of("\x01\x02\xfe"), std::string::npos) << "raw bytes echoed";
  }
}

TEST(TEST_CATEGORY, settings_integers_accept_whole_numbers_written_as_numbers) {
  kobie::Settings s;
  s.set("max_steps", "1e5");
  EXPECT_EQ(s.step.max_steps, 100000);
  s.set("max_steps", "1.0e7");  // the README's default as written there
  EXPECT_EQ(s.step.max_steps, 10000000);
  s.set("max_steps", " 100000.0 ");
  EXPECT_EQ(s.step.max_steps, 100000);
  s.set("max_steps", "2147483647");
  EXPECT_EQ(s.step.max_steps, 2147483647);
  s.set("krylov_max_iters", "2E2");
  EXPECT_EQ(s.linear.krylov_max_iters, 200);
  s.set("neumann_order", "0.0");
  EXPECT_EQ(s.linear.neumann_order, 0);
  s.set("max_steps", "1e5");
  // Not whole, out of range (nothing wraps) or not a number: the range in the message, the value unchanged.
  expect_settings_error([&] { s.set("max_steps", "1.5"); }, {"'max_steps'", "'1.5'", "integer in [1, 2147483647]"});
  expect_settings_error([&] { s.set("max_steps", "1e40"); }, {"'1e40'", "integer in [1, 2147483647]"});
  expect_settings_error([&] { s.set("max_steps", "2147483648"); }, {"'2147483648'", "[1, 2147483647]"});
  expect_settings_error([&] { s.set("max_steps", "99999999999999999999"); }, {"[1, 2147483647]"});
  expect_settings_error([&] { s.set("max_steps", "1e19"); }, {"'1e19'", "[1, 2147483647]"});
  expect_settings_error([&] { s.set("max_steps", "-1e3"); }, {"'-1e3'", "[1, 2147483647]"});
  expect_settings_error([&] { s.set("max_steps", "inf"); }, {"'inf'", "[1, 2147483647]"});
  expect_settings_error([&] { s.set("max_steps", "nan"); }, {"'nan'", "[1, 2147483647]"});
  expect_settings_error([&] { s.set("max_steps", "0x10"); }, {"'0x10'", "[1, 2147483647]"});
  expect_settings_error([&] { s.set("max_steps", "1e5x"); }, {"'1e5x'", "[1, 2147483647]"});
  expect_settings_error([&] { s.set("restart", "6.45e1"); }, {"'restart'", "'6.45e1'", "[1, 64]"});
  EXPECT_EQ(s.step.max_steps, 100000);
  EXPECT_EQ(s.linear.restart, kobie::Settings().linear.restart);
}

TEST(TEST_CATEGORY, settings_memory_budget_is_checked_before_conversion) {
  kobie::Settings s;
  for (const char* huge : {"1e20", "1e300", "1e16", "inf", "nan"}) {
    expect_settings_error([&] { s.set("memory_budget", huge); },
                          {"'memory_budget'", huge, "(0, 1]", "(1, 9007199254740992]"});
  }
  s.set("memory_budget", "9e15");  // bytes up to 2^53 are taken as written
  EXPECT_EQ(s.launch.budget_bytes(1000), 9000000000000000u);
  s.set("memory_budget", "0.25");  // a fraction of the free memory
  EXPECT_EQ(s.launch.budget_bytes(1000), 250u);
  LorenzSolver solver;
  solver.set("memory_budget", 9007199254740992.0);
  EXPECT_EQ(solver.memory_budget(), std::size_t(1) << 53);
  // Stored directly and not validated: saturated, never converted past 2^64; validate() refuses it.
  s.launch.memory_budget = 1e300;
  EXPECT_EQ(s.launch.budget_bytes(1000), std::size_t(1) << 53);
  expect_settings_error([&] { s.validate(); }, {"'memory_budget'", "'1e300'"});
  s.launch.memory_budget = std::nan("");
  EXPECT_EQ(s.launch.budget_bytes(1000), 0u);
  // A batch whose bytes overflow size_t does not fit (2^24 runs of 2^40 bytes wrapped to 0 bytes): it is chunked.
  EXPECT_EQ(kobie::Impl::chunk_runs(1 << 24, 0, std::size_t(1) << 40, std::size_t(1) << 50, "outputs"), 1024);
  EXPECT_EQ(kobie::Impl::chunk_runs(3, 16, 8, 1000, "outputs"), 3);
}

TEST(TEST_CATEGORY, settings_for_a_system_without_observables_say_so) {
  const std::string what = settings_error_of([&] {
    LorenzSolver solver;  // Lorenz has no observables
    solver.set("outputs", "state, max");
    solver.set("sample_summaries_every", 0.5);
    solver.set("summarised_observables", "energy");
    solver.solve(lorenz_y0(2), lorenz_params(2));
  });
  for (const char* fragment : {"'energy'", "'summarised_observables'", "the System has no observables"}) {
    EXPECT_NE(what.find(fragment), std::string::npos) << "'" << fragment << "' in: " << what;
  }
  EXPECT_EQ(what.find("allowed"), std::string::npos) << what;
}

TEST(TEST_CATEGORY, settings_files_skip_a_byte_order_mark_and_name_folders) {
  const std::string path = "kobie_test_settings_bom.txt";
  {
    std::ofstream f(path, std::ios::binary);
    f << "\xEF\xBB\xBF"
      << "algorithm = vern7\r\nrtol = 1e-9\r\n";  // "UTF-8 with BOM", Windows line ends
  }
  kobie::Settings s;
  s.load_file(path);
  EXPECT_EQ(s.algorithm.algorithm, "vern7");
  EXPECT_EQ(s.controller.rtol[0], 1e-9);
  std::remove(path.c_str());
  expect_settings_error([&] { s.load_file("."); }, {"cannot read the settings file '.'", "folder"});
  expect_settings_error([&] { s.load_file("/nonexistent/kobie.cfg"); },
                        {"cannot read the settings file '/nonexistent/kobie.cfg'", "does not exist"});
}

TEST(TEST_CATEGORY, settings_reject_input_views_of_the_wrong_shape) {
  LorenzSolver solver;
  expect_settings_error([&] { solver.solve(HostMatrix("y0", 4, 2), lorenz_params(4)); },
                        {"initial values", "4 x 2", "expected 4 x 3"});
  expect_settings_error([&] { solver.solve(lorenz_y0(4), lorenz_params(3)); },
                        {"parameters", "3 x 3", "expected 4 x 3"});
}

TEST(TEST_CATEGORY, settings_key_value_routing_and_files) {
  kobie::Settings s;
  EXPECT_EQ(s.set("algorithm", " tsit5 "), kobie::SettingsComponent::algorithm);
  EXPECT_EQ(s.algorithm.algorithm, "tsit5");
  EXPECT_EQ(s.set("atol", "1e-8, 1e-9, 1e-10"), kobie::SettingsComponent::controller);
  ASSERT_EQ(s.controller.atol.size(), 3u);
  EXPECT_EQ(s.controller.atol[2], 1e-10);
  EXPECT_EQ(s.set("save_every", "0.25"), kobie::SettingsComponent::time);
  EXPECT_EQ(s.time.save_every, 0.25);
  EXPECT_EQ(s.set("dt_max", "inf"), kobie::SettingsComponent::step);
  EXPECT_TRUE(std::isinf(s.step.dt_max));
  EXPECT_EQ(s.set("outputs", "state, time,counters"), kobie::SettingsComponent::output);
  EXPECT_EQ(s.output.outputs.size(), 3u);
  EXPECT_EQ(s.get("controller"), "auto");  // the algorithm's default
  EXPECT_EQ(s.set("linear_solver", "bicgstab"), kobie::SettingsComponent::linear_solver);
  EXPECT_EQ(s.set("preconditioner", "neumann"), kobie::SettingsComponent::linear_solver);
  EXPECT_EQ(s.set("newton_max_iters", "5"), kobie::SettingsComponent::newton);
  EXPECT_EQ(s.newton.newton_max_iters, 5);
  EXPECT_EQ(kobie::Settings::component_of("krylov_iters_local_location"), kobie::SettingsComponent::memory);
  EXPECT_EQ(kobie::Settings::component_of("newton_matrix_location"), kobie::SettingsComponent::memory);
  EXPECT_EQ(kobie::Settings::component_of("timestep_memory"), kobie::SettingsComponent::memory);
  EXPECT_EQ(kobie::Settings::component_of("stage_derivatives_location"), kobie::SettingsComponent::memory);

  const std::string path = "kobie_test_settings.txt";
  {
    std::ofstream f(path);
    f << "# a comment\nalgorithm = vern7   # trailing comment\n\nrtol = 1e-9\nduration=2.5\n";
  }
  kobie::Settings from_file;
  from_file.load_file(path);
  EXPECT_EQ(from_file.algorithm.algorithm, "vern7");
  EXPECT_EQ(from_file.controller.rtol[0], 1e-9);
  EXPECT_EQ(from_file.time.duration, 2.5);
  {
    std::ofstream f(path);
    f << "algorithm = vern7\nrtol 1e-9\n";
  }
  expect_settings_error([&] { from_file.load_file(path); }, {"kobie_test_settings.txt:2", "expected 'key = value'"});
  {
    std::ofstream f(path);
    f << "algorithm = vern7\n\nspeed = 3\n";
  }
  expect_settings_error([&] { from_file.load_file(path); }, {"kobie_test_settings.txt:3", "unknown setting 'speed'"});
  std::remove(path.c_str());
  expect_settings_error([&] { from_file.load_file("/nonexistent/kobie.cfg"); },
                        {"cannot read", "/nonexistent/kobie.cfg"});
}

TEST(TEST_CATEGORY, settings_changes_rebuild_only_what_depends_on_them) {
  LorenzSolver solver;
  const auto generation = solver.registry().generation();
  EXPECT_EQ(solver.layout_builds(), 1);
  solver.set("rtol", 1e-9);
  solver.set("duration", 3.0);
  solver.set("kp", 0.5);
  EXPECT_EQ(solver.registry().generation(), generation);
  EXPECT_EQ(solver.layout_builds(), 1);  // tolerances, times and gains do not touch the layout

  solver.set("stage_location", "shared");
  EXPECT_EQ(solver.registry().allocator("algorithm", "stage_derivatives").location, kobie::Location::shared);
  EXPECT_EQ(solver.layout_builds(), 2);

  EXPECT_EQ(solver.registry().allocator("controller", "timestep_memory").count, 1u);  // PI keeps one error
  solver.set("controller", "pid");
  EXPECT_EQ(solver.registry().allocator("controller", "timestep_memory").count, 2u);
  solver.set("controller", "i");
  EXPECT_EQ(solver.registry().allocator("controller", "timestep_memory").count, 0u);
  solver.set("timestep_memory", "shared");
  solver.set("controller", "gustafsson");
  EXPECT_EQ(solver.registry().allocator("controller", "timestep_memory").location, kobie::Location::shared);
  EXPECT_EQ(solver.layout_builds(), 5);

  solver.set("algorithm", "vern9");
  EXPECT_EQ(solver.registry().allocator("algorithm", "stage_derivatives").count, 16u * 3u);
  EXPECT_EQ(solver.layout_builds(), 6);
  const auto result = solver.solve(lorenz_y0(3), lorenz_params(3));  // the new layout solves
  EXPECT_EQ(result.n_failed(), 0);
}

TEST(TEST_CATEGORY, settings_fixed_step_algorithm_with_adaptive_controller_warns) {
  LorenzSolver solver;
  solver.set("algorithm", "rk4");
  solver.set("controller", "pid");
  EXPECT_EQ(solver.effective_controller(), "fixed");
  ASSERT_EQ(solver.warnings().size(), 1u);
  EXPECT_NE(solver.warnings()[0].find("'rk4' has no error estimate"), std::string::npos);
  EXPECT_NE(solver.warnings()[0].find("fixed controller"), std::string::npos);
  EXPECT_EQ(solver.registry().allocator("controller", "timestep_memory").count, 0u);
  solver.set("algorithm", "tsit5");
  EXPECT_EQ(solver.effective_controller(), "pid");
  EXPECT_TRUE(solver.warnings().empty());
}

TEST(TEST_CATEGORY, settings_are_checked_when_set_and_quote_the_value_as_written) {
  // The error comes from set() itself, not from a later solve, and prints the value as the user wrote it.
  LorenzSolver solver;
  expect_settings_error([&] { solver.set("rtol", -1e-6); }, {"'rtol'", "'-1e-6'", "> 0"});
  expect_settings_error([&] { solver.set("safety", 1.5); }, {"'safety'", "'1.5'", "(0, 1]"});
  expect_settings_error([&] { solver.set("max_steps", 0); }, {"'max_steps'", "'0'"});
  expect_settings_error([&] { solver.set("dt", "2.50e-3x"); }, {"'dt'", "'2.50e-3x'", "expected a number"});
  kobie::Settings s;
  expect_settings_error([&] { s.set("save_every", " -1E-3 "); }, {"'save_every'", "'-1E-3'"});
  EXPECT_EQ(s.time.save_every, 0.0);  // a rejected value changes nothing
  // Values stored straight into the structs are checked by validate() (and so at solve time), with the shortest text
  // that reads back as the value.
  s.controller.safety = 2.0;
  expect_settings_error([&] { s.validate(); }, {"'safety'", "'2'", "(0, 1]"});
  s.controller.safety = 0.9;
  s.step.dt_min = 0.01;
  expect_settings_error([&] { s.validate(); }, {"'dt_min'", "'0.01'", "<= dt (0.001)"});
  EXPECT_EQ(kobie::settings_text::format_number(-1e-6), "-1e-6");
  EXPECT_EQ(kobie::settings_text::format_number(0.1), "0.1");
  EXPECT_EQ(kobie::settings_text::format_number(1e300), "1e300");
  EXPECT_EQ(kobie::settings_text::format_number(8.0 / 3.0), "2.6666666666666665");
}

TEST(TEST_CATEGORY, settings_suggest_the_closest_valid_name) {
  kobie::Settings s;
  expect_settings_error([&] { s.set("rtoll", "1e-6"); }, {"unknown setting 'rtoll'", "did you mean 'rtol'?"});
  expect_settings_error([&] { s.set("stage_locaton", "shared"); }, {"did you mean 'stage_location'?"});
  expect_settings_error([&] { s.set("algorithm", "dormand-prince-45"); }, {"did you mean 'dormand-prince-54'?"});
  expect_settings_error([&] { s.set("controller", "gustafson"); }, {"did you mean 'gustafsson'?"});
  expect_settings_error([&] { s.set("state_location", "sharde"); }, {"did you mean 'shared'?"});
  expect_settings_error([&] { s.set("outputs", "state, tme"); }, {"'tme'", "did you mean 'time'?"});
  expect_bad("saved_states", "xx", {"'xx'", "did you mean 'x'?"});
  // Nothing close: no suggestion, each component with its number of settings (short, not the list of ~90).
  try {
    s.set("zzzzzzzz", "1");
    ADD_FAILURE() << "no error";
  } catch (const kobie::SettingsError& e) {
    EXPECT_EQ(std::string(e.what()).find("did you mean"), std::string::npos) << e.what();
    const std::string what = e.what();
    EXPECT_NE(what.find("the settings by component: time 4, step 7, algorithm 1,"), std::string::npos) << what;
    EXPECT_NE(what.find("<buffer>_location keys (kobie::Settings::keys() lists all"), std::string::npos) << what;
    EXPECT_LT(what.size(), 400u) << what;
  }
}

TEST(TEST_CATEGORY, settings_every_declared_buffer_has_a_location_setting) {
  // Made from the components' declarations: `<buffer>_location` for every buffer any solve may register, plus the
  // shorthands of their groups.
  const auto declared = kobie::all_declared_buffers();
  EXPECT_GE(declared.size(), 14u);
  std::vector<std::string> names, groups;
  for (const auto& b : declared) groups.push_back(b.group);
  for (const auto& b : declared) {
    SCOPED_TRACE(b.owner + "/" + b.name);
    EXPECT_EQ(std::count(names.begin(), names.end(), b.name), 0) << "buffer names are unique across components";
    names.push_back(b.name);
    kobie::Settings s;
    EXPECT_EQ(s.get(b.name + "_location"), kobie::to_string(b.default_location));  // local but run-time-sized ones
    EXPECT_EQ(b.default_location == kobie::Location::local, b.name != "summary_accumulators");
    s.set(b.name + "_location", "scratch");
    EXPECT_EQ(s.locations.of(b.name), kobie::Location::scratch);
    if (std::count(groups.begin(), groups.end(), b.group) > 1 && !b.group.empty()) {
      EXPECT_EQ(s.get(b.group), "mixed");  // one buffer of the shorthand's group moved
    }
  }
  for (const char* seed : {"proposed_counters", "step_counters", "stage_derivatives", "timestep_memory"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), seed), names.end()) << seed;
  }
  kobie::Settings s;
  s.set("stage_location", "shared");
  EXPECT_EQ(s.get("stage_location"), "shared");
  EXPECT_EQ(s.get("stage_state_location"), "shared");
  EXPECT_EQ(s.get("state_location"), "local");
  const auto keys = kobie::Settings::keys();
  for (const auto& k : keys) EXPECT_EQ(std::count(keys.begin(), keys.end(), k), 1) << "one meaning per key: " << k;
  s.set("timestep_memory", "scratch");  // the controller history's setting keeps its name and accepts every location
  EXPECT_EQ(s.get("timestep_memory_location"), "scratch");
  LorenzSolver solver;
  solver.set("timestep_memory", "scratch");
  solver.set("proposed_counters_location", "shared");
  EXPECT_EQ(solver.registry().allocator("controller", "timestep_memory").location, kobie::Location::scratch);
  EXPECT_EQ(solver.registry().allocator("loop", "proposed_counters").location, kobie::Location::shared);
  EXPECT_EQ(solver.solve(lorenz_y0(2), lorenz_params(2)).n_failed(), 0);
}

TEST(TEST_CATEGORY, settings_fixed_steps_longer_than_the_span_warn) {
  LorenzSolver solver;
  solver.set("algorithm", "rk4");
  solver.set("controller", "fixed");
  solver.set("dt", 0.5);
  solver.set("duration", 0.1);
  solver.registry();
  ASSERT_EQ(solver.warnings().size(), 1u);
  EXPECT_NE(solver.warnings()[0].find("dt = 0.5 is longer than duration = 0.1"), std::string::npos);
  solver.set("duration", 2.0);
  solver.set("save_every", 0.25);
  solver.registry();
  ASSERT_EQ(solver.warnings().size(), 1u);
  EXPECT_NE(solver.warnings()[0].find("longer than save_every = 0.25"), std::string::npos);
  solver.set("dt", 0.01);
  solver.registry();
  EXPECT_TRUE(solver.warnings().empty());
  // An adaptive controller adapts: no warning.
  LorenzSolver adaptive;
  adaptive.set("dt", 0.5);
  adaptive.set("duration", 0.1);
  adaptive.registry();
  EXPECT_TRUE(adaptive.warnings().empty());
}

TEST(TEST_CATEGORY, settings_solver_limited_to_some_algorithms) {
  using Few = kobie::TypeList<kobie::algorithms::Tsit5, kobie::algorithms::Rk4>;
  kobie::Solver<kobie_test::Lorenz, double, TEST_EXECSPACE, Few> solver;
  EXPECT_EQ(solver.compiled_algorithms(), (std::vector<std::string>{"tsit5", "rk4"}));
  solver.set("algorithm", "tsit5");
  EXPECT_EQ(solver.solve(lorenz_y0(2), lorenz_params(2)).n_failed(), 0);
  // A kobie algorithm, but not compiled into this Solver: set() says so.
  expect_settings_error([&] { solver.set("algorithm", "vern9"); },
                        {"'vern9'", "compiled with the algorithms tsit5, rk4 only", "Algorithms"});
  EXPECT_EQ(solver.settings().algorithm.algorithm, "tsit5");
  kobie::Settings s;
  s.algorithm.algorithm = "tsit6";  // stored directly: the Solver names its own algorithms
  solver.set_settings(s);
  expect_settings_error([&] { solver.solve(lorenz_y0(2), lorenz_params(2)); },
                        {"'tsit6'", "allowed values are auto, tsit5, rk4", "did you mean 'tsit5'?"});
}

TEST(TEST_CATEGORY, settings_default_algorithm_follows_the_solvers_list) {
  // algorithm = auto (the default): dormand-prince-54 when compiled, else the list's first; never an error about a
  // value the user did not write.
  kobie::Solver<kobie_test::Lorenz, double, TEST_EXECSPACE, kobie::TypeList<kobie::algorithms::Rk4>> rk4;
  EXPECT_EQ(rk4.settings().algorithm.algorithm, "auto");
  EXPECT_EQ(rk4.effective_algorithm(), "rk4");
  rk4.set("duration", 0.1);
  EXPECT_EQ(rk4.solve(lorenz_y0(2), lorenz_params(2)).n_failed(), 0);
  EXPECT_EQ(rk4.effective_controller(), "fixed");
  using Pair = kobie::TypeList<kobie::algorithms::Tsit5, kobie::algorithms::DormandPrince54>;
  EXPECT_EQ((kobie::Solver<kobie_test::Lorenz, double, TEST_EXECSPACE, Pair>().effective_algorithm()),
            "dormand-prince-54");
  LorenzSolver explicit_solver;
  EXPECT_EQ(explicit_solver.effective_algorithm(), "dormand-prince-54");
  explicit_solver.set("algorithm", "tsit5");
  explicit_solver.set("algorithm", "auto");  // back to the default
  EXPECT_EQ(explicit_solver.effective_algorithm(), "dormand-prince-54");
  EXPECT_EQ(kobie::resolve_algorithm("auto", {}), "auto");
  EXPECT_EQ(kobie::resolve_algorithm("vern7", {"tsit5"}), "vern7");
  // kobie::Settings accepts auto like any algorithm name.
  kobie::Settings s;
  s.set("algorithm", "auto");
  EXPECT_EQ(s.get("algorithm"), "auto");
}

TEST(TEST_CATEGORY, settings_algorithm_not_compiled_names_the_type_to_add) {
  kobie::Solver<kobie_test::Lorenz, double, TEST_EXECSPACE, kobie::TypeList<kobie::algorithms::Tsit5>> solver;
  expect_settings_error([&] { solver.set("algorithm", "rodas4"); },
                        {"'rodas4'", "compiled with the algorithms tsit5 only", "kobie::algorithms::Rodas4",
                         "kobie::TypeList<kobie::algorithms::Rodas4>", "kobie::AllAlgorithms"});
  // Every algorithm has its type spelled, each a different one.
  std::vector<std::string> types;
  for (const auto& name : kobie::algorithm_names()) {
    const std::string type = kobie::algorithm_type_name(name);
    EXPECT_EQ(type.rfind("kobie::algorithms::", 0), 0u) << name;
    EXPECT_EQ(std::count(types.begin(), types.end(), type), 0) << name;
    types.push_back(type);
  }
  EXPECT_EQ(kobie::algorithm_type_name("dormand-prince-54"), "kobie::algorithms::DormandPrince54");
  EXPECT_EQ(kobie::algorithm_type_name("radau-iia-5"), "kobie::algorithms::RadauIIA5");
  EXPECT_EQ(kobie::algorithm_type_name("rodas5p"), "kobie::algorithms::Rodas5p");
  EXPECT_EQ(kobie::algorithm_type_name("my-own"), "");
  // The default list compiles the algorithms the README names for a first program.
  const auto defaults = kobie::algorithm_names_in<kobie::DefaultAlgorithms>();
  for (const char* name : {"dormand-prince-54", "tsit5", "rk4", "rodas5p"}) {
    EXPECT_NE(std::find(defaults.begin(), defaults.end(), name), defaults.end()) << name;
  }
}

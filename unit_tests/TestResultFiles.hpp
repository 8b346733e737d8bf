#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "kobie/algorithms/algorithm_list.hpp"
#include "kobie/batch/solver.hpp"
#include "kobie/io/grid_csv.hpp"
#include "kobie/io/npy.hpp"
#include "kobie/io/result_files.hpp"
#include "kobie_problems/lorenz.hpp"

namespace {

namespace fs = std::filesystem;

/// A fresh directory under the system's temporary directory, removed with everything in it at the end of the scope.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path = fs::temp_directory_path() /
           ("kobie_" + std::string(info->name()) + "_" + std::to_string(std::random_device()()));
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

/// Same value, bit for bit (any NaN matches any NaN: CSV keeps NaN, not its payload).
template <class T>
bool same(T a, T b) {
  if constexpr (std::is_floating_point<T>::value) {
    if (std::isnan(a) && std::isnan(b)) return true;
  }
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

/// Element (i, j, k) of a View of rank 1 to 3 (the indices past its rank are ignored).
template <class View>
auto& at(const View& v, std::size_t i, std::size_t j, std::size_t k) {
  if constexpr (kobie::view_rank_v<View> == 1) {
    return v(i);
  } else if constexpr (kobie::view_rank_v<View> == 2) {
    return v(i, j);
  } else {
    return v(i, j, k);
  }
}

/// Calls f(i, j, k, flat) for every element of `v` in C order.
template <class View, class F>
void for_each_c_order(const View& v, F f) {
  constexpr int rank = kobie::view_rank_v<View>;
  const std::size_t n1 = rank > 1 ? v.extent(1) : 1, n2 = rank > 2 ? v.extent(2) : 1;
  std::size_t flat = 0;
  for (std::size_t i = 0; i < v.extent(0); ++i)
    for (std::size_t j = 0; j < n1; ++j)
      for (std::size_t k = 0; k < n2; ++k) f(i, j, k, flat++);
}

/// The .npy file at `path` holds exactly the View `expected` (type, shape, every element).
template <class View>
void expect_npy_holds(const std::string& path, const View& expected) {
  using T = typename View::non_const_value_type;
  SCOPED_TRACE(path);
  const auto a = kobie::read_npy(path);
  ASSERT_EQ(a.type, kobie::npy_type_of<T>());
  ASSERT_EQ(a.shape.size(), static_cast<std::size_t>(kobie::view_rank_v<View>));
  for (std::size_t r = 0; r < a.shape.size(); ++r) ASSERT_EQ(a.shape[r], expected.extent(r));
  const auto values = a.values<T>();
  for_each_c_order(expected, [&](std::size_t i, std::size_t j, std::size_t k, std::size_t flat) {
    EXPECT_TRUE(same(values[flat], at(expected, i, j, k))) << i << "," << j << "," << k;
  });
}

/// Fill a View of rank 1-3 with distinct values, some negative or large, of its element type.
template <class View>
View filled(View v) {
  using T = typename View::non_const_value_type;
  for_each_c_order(v, [&](std::size_t i, std::size_t j, std::size_t k, std::size_t flat) {
    if constexpr (std::is_same<T, std::uint32_t>::value) {
      at(v, i, j, k) = 4000000000u + static_cast<T>(flat);
    } else if constexpr (std::is_integral<T>::value) {
      at(v, i, j, k) = static_cast<T>(flat) * (flat % 2 ? -100000 : 1);
    } else {
      at(v, i, j, k) = static_cast<T>(std::sin(1.0 + flat) * std::pow(10.0, double(i) - double(k)) / 3);
    }
  });
  return v;
}

template <class T>
void check_npy_round_trips(const ScratchDir& dir) {
  const std::string name = kobie::npy_descr(kobie::npy_type_of<T>()) + 1;  // "f8", ...
  SCOPED_TRACE(name);
  const auto r1 = filled(Kokkos::View<T*, Kokkos::HostSpace>("r1", 5));
  const auto r2 = filled(Kokkos::View<T**, Kokkos::LayoutRight, Kokkos::HostSpace>("r2", 3, 4));
  const auto r3 = filled(Kokkos::View<T***, Kokkos::LayoutRight, Kokkos::HostSpace>("r3", 2, 3, 4));
  const auto left2 = filled(Kokkos::View<T**, Kokkos::LayoutLeft, Kokkos::HostSpace>("l2", 3, 4));
  const auto left3 = filled(Kokkos::View<T***, Kokkos::LayoutLeft, Kokkos::HostSpace>("l3", 2, 3, 4));
  const auto empty = Kokkos::View<T**, Kokkos::HostSpace>("empty", 3, 0);
  kobie::write_npy(dir.file(name + "_r1.npy"), r1);
  kobie::write_npy(dir.file(name + "_r2.npy"), r2);
  kobie::write_npy(dir.file(name + "_r3.npy"), r3);
  kobie::write_npy(dir.file(name + "_l2.npy"), left2);
  kobie::write_npy(dir.file(name + "_l3.npy"), left3);
  kobie::write_npy(dir.file(name + "_empty.npy"), empty);
  expect_npy_holds(dir.file(name + "_r1.npy"), r1);
  expect_npy_holds(dir.file(name + "_r2.npy"), r2);
  expect_npy_holds(dir.file(name + "_r3.npy"), r3);
  expect_npy_holds(dir.file(name + "_l2.npy"), left2);
  expect_npy_holds(dir.file(name + "_l3.npy"), left3);
  expect_npy_holds(dir.file(name + "_empty.npy"), empty);
}

/// The command that runs a Python with numpy ("" when there is none).
const std::string& python_with_numpy() {
  static const std::string python = [] {
    for (const char* p : {"python3", "/usr/bin/python3"}) {
      if (std::system((std::string(p) + " -c \"import numpy\" > /dev/null 2>&1").c_str()) == 0) return std::string(p);
    }
    return std::string();
  }();
  return python;
}

/// Runs `script` with python_with_numpy(); true when it exits with 0.
bool run_python(const ScratchDir& dir, const std::string& script) {
  const std::string path = dir.file("check.py");
  write_text(path, script);
  return std::system((python_with_numpy() + " " + path).c_str()) == 0;
}

/// A hand-made host result: 2 runs, 3 saves, states a and b, observable energy, 2 summary windows of 3 columns,
/// parameter k; outputs state and observables (no time: the planned save times stand in). Holds a NaN and a -0.
template <class Real>
kobie::HostResult<Real> summary_result() {
  kobie::SolveResult<Real, Kokkos::HostSpace> r;
  r.n_runs = 2;
  r.n_saves = 3;
  r.n_summaries = 2;
  r.outputs = {"state", "observables"};
  r.state_legend = {"a", "b"};
  r.observable_legend = {"energy"};
  r.summary_legend = {"a_mean", "a_max", "b_mean"};
  r.parameter_legend = {"k"};
  r.save_times = {0.0, double(Real(0.1)), double(Real(0.2))};
  r.summary_times = {double(Real(0.1)), double(Real(0.2))};
  r.state = filled(decltype(r.state)("state", 2, 3, 2));
  r.state(1, 2, 0) = std::numeric_limits<Real>::quiet_NaN();
  r.state(1, 2, 1) = Real(-0.0);
  r.observables = filled(decltype(r.observables)("observables", 2, 3, 1));
  r.time = decltype(r.time)("time", 2, 0);
  r.counters = decltype(r.counters)("counters", 2, 3, 0);
  r.summaries = filled(decltype(r.summaries)("summaries", 2, 2, 3));
  r.parameters = filled(decltype(r.parameters)("parameters", 2, 1));
  r.status = decltype(r.status)("status", 2);
  r.status(1) = kobie::status::nonfinite_state | 0x80000000u;
  r.accepted_steps = filled(decltype(r.accepted_steps)("accepted", 2));
  r.rejected_steps = filled(decltype(r.rejected_steps)("rejected", 2));
  r.end_time = filled(decltype(r.end_time)("end_time", 2));
  return r.to_host();
}

/// A CSV file as text fields.
struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Csv read_csv(const std::string& path) {
  auto split = [](const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream s(line);
    for (std::string f; std::getline(s, f, ',');) fields.push_back(f);
    return fields;
  };
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  Csv csv;
  std::string line;
  if (std::getline(in, line)) csv.header = split(line);
  while (std::getline(in, line)) csv.rows.push_back(split(line));
  return csv;
}

/// A CSV field read back as T (strtof for float, so that 9 digits give back the same float).
template <class T>
T parse(const std::string& field) {
  char* end = nullptr;
  T value;
  if constexpr (std::is_same<T, float>::value) {
    value = std::strtof(field.c_str(), &end);
  } else if constexpr (std::is_floating_point<T>::value) {
    value = std::strtod(field.c_str(), &end);
  } else {
    value = static_cast<T>(std::strtoll(field.c_str(), &end, 10));
  }
  EXPECT_TRUE(*end == '\0' && !field.empty()) << "'" << field << "'";
  return value;
}

/// Field `col` of `row` reads back as exactly `expected`.
template <class T>
void expect_field(const Csv& csv, std::size_t row, std::size_t col, T expected) {
  ASSERT_LT(row, csv.rows.size());
  ASSERT_LT(col, csv.rows[row].size());
  EXPECT_TRUE(same(parse<T>(csv.rows[row][col]), expected))
      << "row " << row << " column " << csv.header[col] << ": '" << csv.rows[row][col] << "' vs " << expected;
}

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

/// The per-run files every result writes (.npy and CSV), checked against `result`.
template <class Real>
void expect_per_run_files(const kobie::HostResult<Real>& result, const std::string& prefix) {
  const auto& v = result.views();
  expect_npy_holds(prefix + "_status.npy", v.status);
  expect_npy_holds(prefix + "_end_time.npy", v.end_time);
  expect_npy_holds(prefix + "_parameters.npy", v.parameters);
  Kokkos::View<std::int32_t**, Kokkos::HostSpace> steps("steps", v.n_runs, 2);
  for (int r = 0; r < v.n_runs; ++r) {
    steps(r, 0) = v.accepted_steps(r);
    steps(r, 1) = v.rejected_steps(r);
  }
  expect_npy_holds(prefix + "_steps.npy", steps);

  const auto runs = read_csv(prefix + "_runs.csv");
  EXPECT_EQ(runs.header,
            concat(concat({"run"}, v.parameter_legend), {"status", "accepted_steps", "rejected_steps", "end_time"}));
  ASSERT_EQ(runs.rows.size(), static_cast<std::size_t>(v.n_runs));
  const std::size_t np = v.parameter_legend.size();
  for (int r = 0; r < v.n_runs; ++r) {
    expect_field(runs, r, 0, r);
    for (std::size_t p = 0; p < np; ++p) expect_field(runs, r, 1 + p, v.parameters(r, p));
    expect_field(runs, r, np + 1, v.status(r));
    expect_field(runs, r, np + 2, v.accepted_steps(r));
    expect_field(runs, r, np + 3, v.rejected_steps(r));
    expect_field(runs, r, np + 4, v.end_time(r));
  }
}

template <class Real>
void check_lorenz_files() {
  SCOPED_TRACE(sizeof(Real) == 4 ? "float" : "double");
  using Lorenz = kobie_problems::Lorenz;
  kobie::Solver<Lorenz, Real, TEST_EXECSPACE, kobie::TypeList<kobie::algorithms::Tsit5>> solver;
  solver.set("algorithm", "tsit5");
  solver.set("outputs", "state, time, counters");
  solver.set("save_every", 0.1);
  solver.set("duration", 1.0);
  const auto grid =
      kobie::combinatorial_grid<Lorenz>({{"rho", {14.0, 28.0}}, {"x", {1.0, -2.5}}},
                                        {{"y", {1.0}}, {"z", {1.0}}, {"sigma", {10.0}}, {"beta", {8.0 / 3}}});
  const auto result = solver.solve(grid).to_host();
  const auto& v = result.views();
  ASSERT_EQ(result.n_runs(), 4);
  ASSERT_EQ(result.n_saves(), 11);
  ASSERT_EQ(result.n_failed(), 0);

  ScratchDir dir;
  const std::string prefix = dir.file("lorenz");
  const auto npy_files = kobie::write_result_npy(result, prefix);
  std::vector<std::string> expected_npy;
  for (const char* f : {"state", "time", "counters", "status", "steps", "end_time", "parameters"}) {
    expected_npy.push_back(prefix + "_" + f + ".npy");
  }
  expected_npy.push_back(prefix + "_legend.json");
  EXPECT_EQ(npy_files, expected_npy);
  expect_npy_holds(prefix + "_state.npy", v.state);
  expect_npy_holds(prefix + "_time.npy", v.time);
  expect_npy_holds(prefix + "_counters.npy", v.counters);
  const std::string legend = read_text(prefix + "_legend.json");
  EXPECT_NE(legend.find("\"state_legend\": [\"x\", \"y\", \"z\"]"), std::string::npos) << legend;
  EXPECT_NE(legend.find("\"parameter_legend\": [\"sigma\", \"rho\", \"beta\"]"), std::string::npos) << legend;
  EXPECT_NE(legend.find("\"n_saves\": 11"), std::string::npos) << legend;

  const auto csv_files = kobie::write_result_csv(result, prefix);
  EXPECT_EQ(csv_files,
            (std::vector<std::string>{prefix + "_trajectories.csv", prefix + "_counters.csv", prefix + "_runs.csv"}));
  const auto traj = read_csv(prefix + "_trajectories.csv");
  EXPECT_EQ(traj.header, (std::vector<std::string>{"run", "save", "t", "x", "y", "z"}));
  const auto counters = read_csv(prefix + "_counters.csv");
  EXPECT_EQ(counters.header, concat({"run", "save"}, v.counter_legend));
  ASSERT_EQ(traj.rows.size(), 44u);
  ASSERT_EQ(counters.rows.size(), 44u);
  for (int r = 0, row = 0; r < 4; ++r) {
    for (int s = 0; s < 11; ++s, ++row) {
      expect_field(traj, row, 0, r);
      expect_field(traj, row, 1, s);
      expect_field(traj, row, 2, v.time(r, s));
      for (int c = 0; c < 3; ++c) expect_field(traj, row, 3 + c, v.state(r, s, c));
      for (int c = 0; c < 4; ++c) expect_field(counters, row, 2 + c, v.counters(r, s, c));
    }
  }
  expect_per_run_files(result, prefix);
  // The parameters each run used are the grid's.
  for (int r = 0; r < 4; ++r) {
    for (int p = 0; p < 3; ++p) EXPECT_EQ(v.parameters(r, p), static_cast<Real>(grid.parameters(r, p)));
  }
}

template <class Real>
void check_summary_files() {
  SCOPED_TRACE(sizeof(Real) == 4 ? "float" : "double");
  const auto result = summary_result<Real>();
  const auto& v = result.views();
  ScratchDir dir;
  const std::string prefix = dir.file("hand");
  const auto npy_files = kobie::write_result_npy(result, prefix);
  std::vector<std::string> expected_npy;
  for (const char* f : {"state", "observables", "save_times", "summaries", "summary_times", "status", "steps",
                        "end_time", "parameters"}) {
    expected_npy.push_back(prefix + "_" + f + ".npy");
  }
  expected_npy.push_back(prefix + "_legend.json");
  EXPECT_EQ(npy_files, expected_npy);
  expect_npy_holds(prefix + "_state.npy", v.state);
  expect_npy_holds(prefix + "_observables.npy", v.observables);
  expect_npy_holds(prefix + "_summaries.npy", v.summaries);
  const auto save_times = kobie::read_npy(prefix + "_save_times.npy").values<Real>();
  const auto summary_times = kobie::read_npy(prefix + "_summary_times.npy").values<Real>();
  EXPECT_EQ(save_times, (std::vector<Real>{Real(0), Real(0.1), Real(0.2)}));
  EXPECT_EQ(summary_times, (std::vector<Real>{Real(0.1), Real(0.2)}));
  const std::string legend = read_text(prefix + "_legend.json");
  EXPECT_NE(legend.find("\"summary_legend\": [\"a_mean\", \"a_max\", \"b_mean\"]"), std::string::npos) << legend;
  EXPECT_NE(legend.find("\"observable_legend\": [\"energy\"]"), std::string::npos) << legend;
  EXPECT_NE(legend.find("\"n_summaries\": 2"), std::string::npos) << legend;

  const auto csv_files = kobie::write_result_csv(result, prefix);
  EXPECT_EQ(csv_files,
            (std::vector<std::string>{prefix + "_trajectories.csv", prefix + "_summaries.csv", prefix + "_runs.csv"}));
  const auto traj = read_csv(prefix + "_trajectories.csv");
  EXPECT_EQ(traj.header, (std::vector<std::string>{"run", "save", "t", "a", "b", "energy"}));
  ASSERT_EQ(traj.rows.size(), 6u);
  for (int r = 0, row = 0; r < 2; ++r) {
    for (int s = 0; s < 3; ++s, ++row) {
      expect_field(traj, row, 2, save_times[s]);
      for (int c = 0; c < 2; ++c) expect_field(traj, row, 3 + c, v.state(r, s, c));
      expect_field(traj, row, 5, v.observables(r, s, 0));
    }
  }
  EXPECT_TRUE(std::signbit(parse<Real>(traj.rows[5][4])));  // -0 stays -0
  const auto sums = read_csv(prefix + "_summaries.csv");
  EXPECT_EQ(sums.header, (std::vector<std::string>{"run", "summary", "t", "a_mean", "a_max", "b_mean"}));
  ASSERT_EQ(sums.rows.size(), 4u);
  for (int r = 0, row = 0; r < 2; ++r) {
    for (int k = 0; k < 2; ++k, ++row) {
      expect_field(sums, row, 0, r);
      expect_field(sums, row, 1, k);
      expect_field(sums, row, 2, summary_times[k]);
      for (int c = 0; c < 3; ++c) expect_field(sums, row, 3 + c, v.summaries(r, k, c));
    }
  }
  expect_per_run_files(result, prefix);
}

/// Writes `contents` as a grid file and expects read_grid_csv (Lorenz names) to throw SettingsError mentioning each
/// of `needles`.
void expect_grid_error(const std::string& contents, const std::vector<std::string>& needles,
                       const kobie::NamedValues& defaults = {}) {
  ScratchDir dir;
  const std::string path = dir.file("grid.csv");
  write_text(path, contents);
  SCOPED_TRACE(contents);
  try {
    kobie::grid_from_csv<kobie_problems::Lorenz>(path, defaults);
    ADD_FAILURE() << "no SettingsError";
  } catch (const kobie::SettingsError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << what;
    for (const auto& n : needles) EXPECT_NE(what.find(n), std::string::npos) << "'" << n << "' not in: " << what;
  }
}

}  // namespace

TEST(TEST_CATEGORY, npy_round_trips_every_dtype_rank_and_layout) {
  ScratchDir dir;
  check_npy_round_trips<float>(dir);
  check_npy_round_trips<double>(dir);
  check_npy_round_trips<std::int32_t>(dir);
  check_npy_round_trips<std::uint32_t>(dir);
  // numpy's own header, and the data aligned to 64 bytes.
  auto expect_header = [&](const char* file, const std::string& dict, std::size_t data_bytes) {
    const std::string text = read_text(dir.file(file));
    EXPECT_EQ(text.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
    EXPECT_EQ(text.substr(10, dict.size()), dict);
    EXPECT_EQ(text.size(), 128 + data_bytes);  // 10 + the padded header: 128 bytes, the data starts at 64 * 2
    EXPECT_EQ(text.substr(10 + dict.size(), 118 - dict.size()), std::string(117 - dict.size(), ' ') + "\n");
  };
  expect_header("f8_r2.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", 12 * 8);
  expect_header("i4_r1.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }", 5 * 4);
  expect_header("u4_r3.npy", "{'descr': '<u4', 'fortran_order': False, 'shape': (2, 3, 4), }", 24 * 4);
}

TEST(TEST_CATEGORY, npy_reader_rejects_bad_files) {
  ScratchDir dir;
  const std::string good = dir.file("good.npy");
  kobie::write_npy(good, filled(Kokkos::View<double*, Kokkos::HostSpace>("v", 4)));
  const std::string text = read_text(good);
  auto expect_error = [&](const std::string& contents, const std::string& needle) {
    const std::string path = dir.file("bad.npy");
    write_text(path, contents);
    try {
      kobie::read_npy(path);
      ADD_FAILURE() << "no Error for " << needle;
    } catch (const kobie::Error& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
  };
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    return t.replace(t.find(from), from.size(), to);
  };
  expect_error("PK" + text.substr(2), "bad magic");
  expect_error(replaced("False", "True "), "Fortran");
  expect_error(replaced("<f8", "<i8"), "unsupported .npy element type '<i8'");
  expect_error(text.substr(0, text.size() - 1), "truncated .npy data");
  expect_error(text.substr(0, 40), "truncated .npy header");
  EXPECT_THROW(kobie::read_npy(dir.file("missing.npy")), kobie::Error);
  EXPECT_THROW(kobie::read_npy(good).values<float>(), kobie::Error);  // holds doubles
}

/// The bytes of a version-1 .npy file with header dict `dict` (padded as numpy pads it) and `data` after it.
std::string npy_bytes(const std::string& dict, const std::string& data = "", char major = 1) {
  std::string header = dict;
  header.append(63 - (10 + header.size()) % 64, ' ');
  header += '\n';
  const char preamble[] = {'\x93',
                           'N',
                           'U',
                           'M',
                           'P',
                           'Y',
                           major,
                           0,
                           static_cast<char>(header.size() & 0xff),
                           static_cast<char>(header.size() >> 8)};
  return std::string(preamble, sizeof preamble) + header + data;
}

TEST(TEST_CATEGORY, npy_reader_checks_sizes_before_allocating_and_names_the_file) {
  ScratchDir dir;
  const std::string path = dir.file("bad.npy");
  // Every failure is a kobie::Error naming the file and the problem (and echoing no wrapped integer).
  auto expect_error = [&](const std::string& file, const std::vector<std::string>& needles) {
    SCOPED_TRACE(needles.front());
    try {
      const auto a = kobie::read_npy(file);
      ADD_FAILURE() << "no Error; read " << a.shape.size() << " extents, " << a.data.size() << " bytes";
    } catch (const kobie::Error& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(file), std::string::npos) << what;
      for (const auto& n : needles) EXPECT_NE(what.find(n), std::string::npos) << "'" << n << "' not in: " << what;
      EXPECT_EQ(what.find("18446744073709551615"), std::string::npos) << what;
      EXPECT_LT(what.size(), 400u) << what;
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not a kobie::Error: " << e.what();
    }
  };
  auto expect_header_error = [&](const std::string& dict, const std::vector<std::string>& needles,
                                 const std::string& data = "") {
    write_text(path, npy_bytes(dict, data));
    expect_error(path, needles);
  };
  const std::string f8 = "{'descr': '<f8', 'fortran_order': False, 'shape': ";
  expect_header_error(f8 + "(4294967296, 4294967296), }", {"shape (4294967296, 4294967296)", "overflows"});
  expect_header_error(f8 + "(2305843009213693952,), }", {"shape (2305843009213693952,)", "overflows"});  // 2^64 B
  expect_header_error(f8 + "(1152921504606846976,), }",  // 2^63 bytes, none in the file
                      {"truncated .npy data", "needs 9223372036854775808 bytes", "the file holds 0"});
  expect_header_error(f8 + "(-1,), }", {"negative dimension '-1'", "(-1,)"});
  expect_header_error(f8 + "(18446744073709551616,), }", {"larger than 2^64"});
  expect_header_error(f8 + "(3, x), }", {"malformed dimension", "'(3, x)'"});
  expect_header_error(f8 + "(2,), }", {"truncated .npy data", "needs 16 bytes", "holds 15"}, std::string(15, '\0'));
  expect_header_error("{'descr': '\x01\xfe', 'fortran_order': False, 'shape': (1,), }",
                      {"unsupported .npy element type '\\x01\\xfe'"});
  expect_header_error("{'descr': <f8, 'fortran_order': False, 'shape': (1,), }", {"malformed 'descr'"});
  write_text(path, npy_bytes(f8 + "(1,), }", std::string(8, '\0'), 9));
  expect_error(path, {"unsupported .npy version 9"});
  write_text(path, npy_bytes(f8 + "(1,), }").substr(0, 9));
  expect_error(path, {"truncated .npy header"});
  write_text(path, "\x93NUM");
  expect_error(path, {"bad magic"});
  expect_error(dir.path.string(), {"cannot read", "it is a folder"});
  expect_error(dir.file("missing.npy"), {"cannot read", "does not exist"});
  write_text(path, npy_bytes(f8 + "(3, 0, 1152921504606846976), }"));  // zero elements: an empty array
  EXPECT_EQ(kobie::read_npy(path).size(), 0u);
}

TEST(TEST_CATEGORY, npy_and_result_files_load_in_numpy) {
  if (python_with_numpy().empty()) GTEST_SKIP() << "no python3 with numpy: the numpy check is skipped";
  ScratchDir dir;
  kobie::write_npy(dir.file("f8.npy"),
                   filled(Kokkos::View<double**, Kokkos::LayoutLeft, Kokkos::HostSpace>("a", 3, 4)));
  kobie::write_npy(dir.file("f4.npy"),
                   filled(Kokkos::View<float***, Kokkos::LayoutLeft, Kokkos::HostSpace>("b", 2, 3, 4)));
  kobie::write_npy(dir.file("i4.npy"), filled(Kokkos::View<std::int32_t*, Kokkos::HostSpace>("c", 5)));
  kobie::write_npy(dir.file("u4.npy"), filled(Kokkos::View<std::uint32_t**, Kokkos::HostSpace>("d", 2, 2)));
  const auto result = summary_result<float>();
  kobie::write_result_npy(result, dir.file("hand"));
  const auto a = filled(Kokkos::View<double**, Kokkos::HostSpace>("a", 3, 4));
  const auto b = filled(Kokkos::View<float***, Kokkos::HostSpace>("b", 2, 3, 4));
  std::ostringstream expected;  // values as Python reads them back exactly
  expected.precision(17);
  expected << "a01, a23, b123 = " << a(0, 1) << ", " << a(2, 3) << ", " << double(b(1, 2, 3)) << "\n";
  const std::string script =
      "import json, math, os, numpy as np\nos.chdir('" + dir.path.string() + "')\n" + expected.str() + R"(
a = np.load('f8.npy'); assert a.shape == (3, 4) and a.dtype == np.float64 and a.flags.c_contiguous, a
assert a[0, 1] == a01 and a[2, 3] == a23, a
b = np.load('f4.npy'); assert b.shape == (2, 3, 4) and b.dtype == np.float32 and b[1, 2, 3] == b123, b
c = np.load('i4.npy'); assert c.shape == (5,) and c.dtype == np.int32 and list(c) == [0, -100000, 2, -300000, 4], c
d = np.load('u4.npy'); assert d.shape == (2, 2) and d.dtype == np.uint32 and d[1, 1] == 4000000003, d
legend = json.load(open('hand_legend.json'))
s = np.load('hand_state.npy'); assert s.dtype == np.float32
assert s.shape == (legend['n_runs'], legend['n_saves'], len(legend['state_legend'])), s.shape
assert math.isnan(s[1, 2, 0]) and s[1, 2, 1] == 0 and math.copysign(1, s[1, 2, 1]) == -1
m = np.load('hand_summaries.npy'); assert m.shape == (2, legend['n_summaries'], len(legend['summary_legend']))
assert legend['summary_legend'] == ['a_mean', 'a_max', 'b_mean'] and legend['parameter_legend'] == ['k']
assert np.load('hand_status.npy').dtype == np.uint32 and np.load('hand_steps.npy').shape == (2, 2)
)";
  EXPECT_TRUE(run_python(dir, script)) << script;
}

TEST(TEST_CATEGORY, lorenz_result_files_read_back_bit_exactly) {
  check_lorenz_files<float>();
  check_lorenz_files<double>();
}

TEST(TEST_CATEGORY, summary_result_files_read_back_bit_exactly) {
  check_summary_files<float>();
  check_summary_files<double>();
}

TEST(TEST_CATEGORY, result_files_create_missing_folders_or_say_why_not) {
  const auto result = summary_result<double>();
  using Writer = std::vector<std::string> (*)(const kobie::HostResult<double>&, const std::string&);
  ScratchDir dir;
  write_text(dir.file("a_file"), "not a folder");
  for (Writer write : {static_cast<Writer>(&kobie::write_result_npy), static_cast<Writer>(&kobie::write_result_csv)}) {
    // Missing folders are created.
    const std::string prefix = dir.file("out/nested/run");
    const auto files = write(result, prefix);
    ASSERT_FALSE(files.empty());
    for (const auto& f : files) EXPECT_TRUE(fs::is_regular_file(f)) << f;
    // A folder that cannot be created: the path, which folder and why.
    try {
      write(result, dir.file("a_file/out"));
      ADD_FAILURE() << "no Error";
    } catch (const kobie::Error& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(dir.file("a_file/out_")), std::string::npos) << what;
      EXPECT_NE(what.find("creating its folder '" + dir.file("a_file") + "' failed: Not a directory"),
                std::string::npos)
          << what;
    }
  }
  // A file that cannot be opened: the system's reason.
  fs::create_directories(dir.file("taken.npy"));
  try {
    kobie::write_npy(dir.file("taken.npy"), Kokkos::View<float*, Kokkos::HostSpace>("v", 1));
    ADD_FAILURE() << "no Error";
  } catch (const kobie::Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot open '" + dir.file("taken.npy") + "' for writing: Is a directory"),
              std::string::npos)
        << e.what();
  }
  EXPECT_NO_THROW(kobie::write_npy(dir.file("no/such/dir.npy"), Kokkos::View<float*, Kokkos::HostSpace>("v", 1)));
  EXPECT_EQ(kobie::read_npy(dir.file("no/such/dir.npy")).size(), 1u);
}

TEST(TEST_CATEGORY, summary_accessor_errors_say_how_to_request_the_summary) {
  const auto result = summary_result<double>();
  auto error_of = [](const auto& f) {
    try {
      f();
    } catch (const kobie::Error& e) {
      return std::string(e.what());
    }
    ADD_FAILURE() << "no Error";
    return std::string();
  };
  // Summaries exist, but not that one: which exist, and how to add it.
  const std::string absent = error_of([&] { result.summary(0, 0, "z_max"); });
  for (const char* fragment : {"'z_max' is not among the summary columns (a_mean, a_max, b_mean)", "'outputs'",
                               "outputs = state, observables, max", "summarised_states"}) {
    EXPECT_NE(absent.find(fragment), std::string::npos) << "'" << fragment << "' in: " << absent;
  }
  // No summaries at all: the metric in outputs and sample_summaries_every, not an empty list of saved variables.
  auto views = result.views();
  views.summary_legend.clear();
  views.n_summaries = 0;
  const kobie::HostResult<double> none(views);
  for (const auto& what : {error_of([&] { none.summary(0, 0, "z_max"); }), error_of([&] { none.summary(0, 0, 0); })}) {
    for (const char* fragment :
         {"no summary metric was requested", "outputs = state, observables, max", "sample_summaries_every"}) {
      EXPECT_NE(what.find(fragment), std::string::npos) << "'" << fragment << "' in: " << what;
    }
    EXPECT_EQ(what.find("()"), std::string::npos) << what;
  }
  EXPECT_NE(error_of([&] { none.summary(0, 0, "z_max"); }).find("no summary 'z_max'"), std::string::npos);
  // Saved variables: an output that was not requested is named before any legend.
  views.outputs = {"observables"};
  const kobie::HostResult<double> no_state(views);
  EXPECT_NE(error_of([&] { no_state.state(0, 0, "q"); }).find("the 'state' output was not requested"),
            std::string::npos);
  EXPECT_NE(error_of([&] { result.state(0, 0, "q"); }).find("'q' is not among the saved states (a, b)"),
            std::string::npos);
}

TEST(TEST_CATEGORY, grid_csv_reads_reordered_subset_columns_with_defaults) {
  ScratchDir dir;
  const std::string path = dir.file("grid.csv");
  write_text(path, "# a Lorenz sweep\n\n rho , x,sigma \r\n28, 1.5, 10\n   # another comment\n14,-2e-1,11\n\n");
  const kobie::NamedValues defaults = {{"y", {0.5}}, {"z", {2.0}}, {"beta", {8.0 / 3}}, {"x", {99.0}}};
  const auto grid = kobie::grid_from_csv<kobie_problems::Lorenz>(path, defaults);
  const auto same_grid = kobie::read_grid_csv(path, {"x", "y", "z"}, {"sigma", "rho", "beta"}, defaults);
  ASSERT_EQ(grid.n_runs(), 2);
  const double y0[2][3] = {{1.5, 0.5, 2.0}, {-0.2, 0.5, 2.0}};
  const double p[2][3] = {{10, 28, 8.0 / 3}, {11, 14, 8.0 / 3}};
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 3; ++c) {
      EXPECT_EQ(grid.initial_values(r, c), y0[r][c]);
      EXPECT_EQ(grid.parameters(r, c), p[r][c]);
      EXPECT_EQ(same_grid.initial_values(r, c), y0[r][c]);
      EXPECT_EQ(same_grid.parameters(r, c), p[r][c]);
    }
  }
}

TEST(TEST_CATEGORY, grid_csv_errors_name_the_file_line_and_problem) {
  const std::string all = "x,y,z,sigma,rho,beta\n";
  expect_grid_error("x,y,q\n1,2,3\n", {"line 1", "unknown column 'q'", "valid names: x, y, z, sigma, rho, beta"});
  expect_grid_error("# c\nx, sigma, x\n1,2,3\n", {"line 2", "column 'x' appears twice"});
  expect_grid_error(all + "1,2,3,4,5,6\n1,2,3\n", {"line 3", "expected 6 fields", "got 3"});
  expect_grid_error(all + "1,2,abc,4,5,6\n", {"line 2", "'abc' of column 'z' is not a finite number"});
  expect_grid_error(all + "1,2,3,4,inf,6\n", {"line 2", "'inf' of column 'rho' is not a finite number"});
  expect_grid_error(all + "1,2,3,4,5,nan\n", {"'nan' of column 'beta'"});
  expect_grid_error(all + "1,2,3,4,5,\n", {"'' of column 'beta'"});
  expect_grid_error("", {"is empty"});
  expect_grid_error("# only\n\n# comments\n", {"is empty"});
  expect_grid_error(all, {"no rows"});
  expect_grid_error("1,2,3\n", {"line 1", "header row"});
  expect_grid_error("x,y,z\n1,2,3\n", {"line 1", "'sigma' has neither a column nor a default"},
                    {{"rho", {28.0}}, {"beta", {1.0}}});
  EXPECT_THROW(kobie::grid_from_csv<kobie_problems::Lorenz>("/nonexistent_kobie_dir/grid.csv"), kobie::SettingsError);
}

TEST(TEST_CATEGORY, grid_csv_skips_a_byte_order_mark_and_echoes_junk_short_and_escaped) {
  // "CSV UTF-8" from a spreadsheet: a byte-order mark before the first column name.
  ScratchDir dir;
  const std::string path = dir.file("grid.csv");
  write_text(path, "\xEF\xBB\xBFrho,x\r\n28,1.5\r\n");
  const auto grid = kobie::grid_from_csv<kobie_problems::Lorenz>(
      path, {{"y", {0.5}}, {"z", {2.0}}, {"sigma", {10.0}}, {"beta", {8.0 / 3}}});
  ASSERT_EQ(grid.n_runs(), 1);
  EXPECT_EQ(grid.parameters(0, 1), 28.0);
  EXPECT_EQ(grid.initial_values(0, 0), 1.5);

  // A 1 MiB junk field: a short message with the field cut and its size.
  const std::string all = "x,y,z,sigma,rho,beta\n";
  auto error_of = [&](const std::string& contents) {
    write_text(path, contents);
    try {
      kobie::grid_from_csv<kobie_problems::Lorenz>(path);
    } catch (const kobie::SettingsError& e) {
      return std::string(e.what());
    }
    ADD_FAILURE() << "no SettingsError";
    return std::string();
  };
  const std::string junk = error_of(all + "1,2," + std::string(1 << 20, '7') + "x,4,5,6\n");
  EXPECT_LT(junk.size(), 300u) << junk.substr(0, 400);
  EXPECT_NE(junk.find("the value '" + std::string(80, '7') + "...' (1048577 bytes) of column 'z'"), std::string::npos)
      << junk.substr(0, 400);
  // Binary garbage as a column name: escaped, no raw bytes in the message.
  const std::string binary = error_of("x,\x01\x80\xff\x1b[2J,y\n1,2,3\n");
  EXPECT_NE(binary.find("unknown column '\\x01\\x80\\xff\\x1b[2J'"), std::string::npos) << binary;
  for (const char c : binary) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << "raw byte " << int(c) << " in " << binary;
  // Folders and unreadable paths: named, and why.
  for (const auto& [where, why] : {std::pair<std::string, std::string>{dir.path.string(), "it is a folder"},
                                   {dir.file("missing.csv"), "it does not exist"}}) {
    try {
      kobie::grid_from_csv<kobie_problems::Lorenz>(where);
      ADD_FAILURE() << "no SettingsError";
    } catch (const kobie::SettingsError& e) {
      EXPECT_NE(std::string(e.what()).find("cannot read the grid file '" + where + "': " + why), std::string::npos)
          << e.what();
    }
  }
}

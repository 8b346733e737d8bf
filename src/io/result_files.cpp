#include "kobie/io/result_files.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "kobie/core/file_access.hpp"
#include "kobie/io/csv_writer.hpp"
#include "kobie/io/npy.hpp"

namespace kobie {

namespace {

template <class Real>
bool requested(const HostResult<Real>& result, const char* output) {
  const auto& o = result.views().outputs;
  return std::find(o.begin(), o.end(), output) != o.end();
}

/// A host View over `values` narrowed to Real (save and summary times are stored widened to double).
template <class Real>
Kokkos::View<Real*, Kokkos::HostSpace> as_real_view(const std::vector<double>& values, const std::string& label) {
  Kokkos::View<Real*, Kokkos::HostSpace> v(label, values.size());
  for (std::size_t i = 0; i < values.size(); ++i) v(i) = static_cast<Real>(values[i]);
  return v;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string json_list(const std::vector<std::string>& names) {
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + json_string(names[i]);
  return out + "]";
}

void write_text(const std::string& path, const std::string& text) {
  Impl::FilePtr f = Impl::open_for_writing(path, "w");
  const bool ok = std::fwrite(text.data(), 1, text.size(), f.get()) == text.size();
  if (!ok || std::fclose(f.release()) != 0) throw Error("kobie: writing '" + path + "' failed");
}

template <class Real>
std::vector<std::string> write_npy_files(const HostResult<Real>& result, const std::string& prefix) {
  const auto& v = result.views();
  std::vector<std::string> files;
  const auto npy = [&](const char* name, const auto& view) {
    files.push_back(prefix + "_" + name + ".npy");
    write_npy(files.back(), view);
  };
  if (requested(result, "state")) npy("state", v.state);
  if (requested(result, "observables")) npy("observables", v.observables);
  if (requested(result, "time")) {
    npy("time", v.time);
  } else {
    npy("save_times", as_real_view<Real>(v.save_times, "kobie::save_times"));
  }
  if (requested(result, "counters")) npy("counters", v.counters);
  if (!v.summary_legend.empty()) {
    npy("summaries", v.summaries);
    npy("summary_times", as_real_view<Real>(v.summary_times, "kobie::summary_times"));
  }
  npy("status", v.status);
  Kokkos::View<std::int32_t**, Kokkos::HostSpace> steps("kobie::steps", v.n_runs, 2);
  for (int run = 0; run < v.n_runs; ++run) {
    steps(run, 0) = v.accepted_steps(run);
    steps(run, 1) = v.rejected_steps(run);
  }
  npy("steps", steps);
  npy("end_time", v.end_time);
  npy("parameters", v.parameters);

  files.push_back(prefix + "_legend.json");
  write_text(files.back(),
             "{\n  \"outputs\": " + json_list(v.outputs) + ",\n  \"state_legend\": " + json_list(v.state_legend) +
                 ",\n  \"observable_legend\": " + json_list(v.observable_legend) + ",\n  \"summary_legend\": " +
                 json_list(v.summary_legend) + ",\n  \"parameter_legend\": " + json_list(v.parameter_legend) +
                 ",\n  \"counter_legend\": " + json_list(v.counter_legend) +
                 ",\n  \"n_runs\": " + std::to_string(v.n_runs) + ",\n  \"n_saves\": " + std::to_string(v.n_saves) +
                 ",\n  \"n_summaries\": " + std::to_string(v.n_summaries) + ",\n  \"dtype\": \"" +
                 npy_descr(npy_type_of<Real>()) + "\"\n}\n");
  return files;
}

/// Names and printed digits of a CSV file's columns.
struct Columns {
  std::vector<std::string> names;
  std::vector<int> digits;
  void add(const std::vector<std::string>& more, int d) {
    names.insert(names.end(), more.begin(), more.end());
    digits.insert(digits.end(), more.size(), d);
  }
};

template <class Real>
std::vector<std::string> write_csv_files(const HostResult<Real>& result, const std::string& prefix) {
  const auto& v = result.views();
  constexpr int int_digits = 17;  // counts and indices, exact
  constexpr int real_digits = std::numeric_limits<Real>::max_digits10;
  std::vector<std::string> files;
  const auto open = [&](const char* name, const Columns& c) {
    files.push_back(prefix + "_" + name + ".csv");
    return CsvWriter(files.back(), c.names, c.digits);
  };
  const bool state = requested(result, "state"), observables = requested(result, "observables");
  const bool time = requested(result, "time");
  const int n_states = state ? static_cast<int>(v.state.extent(2)) : 0;
  const int n_observables = observables ? static_cast<int>(v.observables.extent(2)) : 0;

  if (state || observables || time) {
    Columns c;
    c.add({"run", "save"}, int_digits);
    c.add({"t"}, real_digits);
    if (state) c.add(v.state_legend, real_digits);
    if (observables) c.add(v.observable_legend, real_digits);
    auto out = open("trajectories", c);
    for (int run = 0; run < v.n_runs; ++run) {
      for (int save = 0; save < v.n_saves; ++save) {
        std::vector<double> row = {double(run), double(save),
                                   time ? double(v.time(run, save)) : double(Real(v.save_times[save]))};
        for (int j = 0; j < n_states; ++j) row.push_back(v.state(run, save, j));
        for (int j = 0; j < n_observables; ++j) row.push_back(v.observables(run, save, j));
        out.row(row);
      }
    }
    out.close();
  }
  if (!v.summary_legend.empty()) {
    Columns c;
    c.add({"run", "summary"}, int_digits);
    c.add({"t"}, real_digits);
    c.add(v.summary_legend, real_digits);
    auto out = open("summaries", c);
    for (int run = 0; run < v.n_runs; ++run) {
      for (int k = 0; k < v.n_summaries; ++k) {
        std::vector<double> row = {double(run), double(k), double(Real(v.summary_times[k]))};
        for (std::size_t j = 0; j < v.summaries.extent(2); ++j) row.push_back(v.summaries(run, k, j));
        out.row(row);
      }
    }
    out.close();
  }
  if (requested(result, "counters")) {
    Columns c;
    c.add({"run", "save"}, int_digits);
    c.add(v.counter_legend, int_digits);
    auto out = open("counters", c);
    for (int run = 0; run < v.n_runs; ++run) {
      for (int save = 0; save < v.n_saves; ++save) {
        std::vector<double> row = {double(run), double(save)};
        for (std::size_t j = 0; j < v.counters.extent(2); ++j) row.push_back(v.counters(run, save, j));
        out.row(row);
      }
    }
    out.close();
  }
  Columns c;
  c.add({"run"}, int_digits);
  c.add(v.parameter_legend, real_digits);
  c.add({"status", "accepted_steps", "rejected_steps"}, int_digits);
  c.add({"end_time"}, real_digits);
  auto out = open("runs", c);
  for (int run = 0; run < v.n_runs; ++run) {
    std::vector<double> row = {double(run)};
    for (std::size_t j = 0; j < v.parameters.extent(1); ++j) row.push_back(v.parameters(run, j));
    row.insert(row.end(), {double(v.status(run)), double(v.accepted_steps(run)), double(v.rejected_steps(run)),
                           double(v.end_time(run))});
    out.row(row);
  }
  out.close();
  return files;
}

}  // namespace

std::vector<std::string> write_result_npy(const HostResult<double>& result, const std::string& prefix) {
  return write_npy_files(result, prefix);
}

std::vector<std::string> write_result_npy(const HostResult<float>& result, const std::string& prefix) {
  return write_npy_files(result, prefix);
}

std::vector<std::string> write_result_csv(const HostResult<double>& result, const std::string& prefix) {
  return write_csv_files(result, prefix);
}

std::vector<std::string> write_result_csv(const HostResult<float>& result, const std::string& prefix) {
  return write_csv_files(result, prefix);
}

}  // namespace kobie

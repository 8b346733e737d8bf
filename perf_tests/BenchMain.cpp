// kobie's benchmark driver: Google Benchmark with a context block describing the build, and a summary of the
// kobie/peer ratios at the end (benchmark BM_kobie_<case>/<args> pairs with BM_<peer>_<case>/<args>, and
// BM_kobie_<case>/<algorithm>/<args> with BM_<peer>_<case>/<args>).
#include <benchmark/benchmark.h>

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "kobie/core/version.hpp"

namespace {

/// Forwards everything to the reporter Google Benchmark would have used, and remembers each benchmark's median
/// counters and times to print the kobie/peer ratios after the last benchmark.
class RatioSummaryReporter : public benchmark::BenchmarkReporter {
 public:
  RatioSummaryReporter(benchmark::BenchmarkReporter* inner, bool console) : inner_(inner), console_(console) {}

  bool ReportContext(const Context& context) override { return inner_->ReportContext(context); }

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      const std::string name = run.run_name.str();
      if (entries_.find(name) == entries_.end()) order_.push_back(name);
      Entry& e = entries_[name];
      Sample sample{run.counters, run.GetAdjustedRealTime(), run.GetAdjustedCPUTime()};
      if (run.run_type == Run::RT_Aggregate) {
        if (run.aggregate_name == "median") e.median = sample, e.has_median = true;
      } else {
        e.samples.push_back(sample);
      }
    }
    inner_->ReportRuns(runs);
  }

  void Finalize() override {
    inner_->Finalize();
    std::ostream& out = console_ ? inner_->GetOutputStream() : inner_->GetErrorStream();
    const std::string kobie = "BM_kobie_";
    bool header = false;
    for (const std::string& name : order_) {
      if (name.compare(0, kobie.size(), kobie) != 0) continue;
      const std::string tail = name.substr(kobie.size());  // "<case>/<args>[/real_time]"
      for (const std::string& peer_name : order_) {
        const std::string::size_type sep = peer_name.find('_', 3);
        if (peer_name == name || peer_name.compare(0, 3, "BM_") != 0 || sep == std::string::npos ||
            peer_name.compare(0, sep + 1, kobie) == 0 || !same_case(tail, peer_name.substr(sep + 1))) {
          continue;
        }
        const Sample k = median(name), p = median(peer_name);
        const double k_runs = counter(k, "runs_per_s"), p_runs = counter(p, "runs_per_s");
        if (!(k_runs > 0) || !(p_runs > 0)) continue;
        if (!header) {
          print(out,
                "\nkobie / peer, medians. runs: runs/s (wall clock); cpu: the same by CPU time (meaningful for "
                "one-thread backends on a busy machine);\nsteps: (accepted + rejected) per run; steps/s: runs ratio x "
                "steps ratio\n");
          print(out, "%-34s %-7s %12s %12s %7s %7s %10s %10s %7s %8s\n", "case", "peer", "kobie runs/s", "peer runs/s",
                "runs", "cpu", "kobie st.", "peer st.", "steps", "steps/s");
          header = true;
        }
        const double runs_ratio = k_runs / p_runs;
        const double cpu_ratio = runs_ratio * (k.real_time / k.cpu_time) / (p.real_time / p.cpu_time);
        const double k_steps = counter(k, "steps_per_s") / k_runs, p_steps = counter(p, "steps_per_s") / p_runs;
        const std::string shown = tail.size() > 10 && tail.compare(tail.size() - 10, 10, "/real_time") == 0
                                      ? tail.substr(0, tail.size() - 10)
                                      : tail;
        print(out, "%-34s %-7s %12.5g %12.5g %7.3f %7.3f %10.2f %10.2f %7.4f %8.3f\n", shown.c_str(),
              peer_name.substr(3, sep - 3).c_str(), k_runs, p_runs, runs_ratio, cpu_ratio, k_steps, p_steps,
              k_steps / p_steps, runs_ratio * k_steps / p_steps);
      }
    }
    out.flush();
  }

 private:
  struct Sample {
    benchmark::UserCounters counters;
    double real_time = 0;
    double cpu_time = 0;
  };
  struct Entry {
    bool has_median = false;
    Sample median;
    std::vector<Sample> samples;
  };

  static std::vector<std::string> split(const std::string& name) {
    std::vector<std::string> parts;
    std::string::size_type begin = 0, end;
    while ((end = name.find('/', begin)) != std::string::npos) {
      parts.push_back(name.substr(begin, end - begin));
      begin = end + 1;
    }
    parts.push_back(name.substr(begin));
    return parts;
  }

  /// A part that can name a kobie variant (an algorithm): not a number, not a suffix such as real_time or threads:2.
  static bool variant_part(const std::string& part) {
    const bool number = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
    return !number && part.find(':') == std::string::npos && part != "real_time" && part != "process_time" &&
           part != "manual_time";
  }

  /// True when BM_kobie_<kobie_tail> is measured against BM_<peer>_<peer_tail>: the same tail, or the kobie tail with
  /// variant parts right after the case that the peer lacks (<case>/<algorithm>/<args> against <case>/<args>), as in
  /// scripts/compare_benchmarks.py.
  static bool same_case(const std::string& kobie_tail, const std::string& peer_tail) {
    const std::vector<std::string> k = split(kobie_tail), p = split(peer_tail);
    if (k == p) return true;
    if (k.size() <= p.size() || k[0] != p[0]) return false;
    const std::size_t drop = k.size() - p.size();
    for (std::size_t i = 1; i <= drop; ++i) {
      if (!variant_part(k[i])) return false;
    }
    return std::equal(p.begin() + 1, p.end(), k.begin() + 1 + static_cast<std::ptrdiff_t>(drop));
  }

  template <class... Args>
  static void print(std::ostream& out, const char* format, Args... args) {
    char line[512];
    std::snprintf(line, sizeof line, format, args...);
    out << line;
  }

  static double counter(const Sample& s, const std::string& name) {
    const auto c = s.counters.find(name);
    return c == s.counters.end() ? 0 : c->second.value;
  }

  /// The median aggregate when repetitions were reported as aggregates, else the sample with the median runs/s.
  Sample median(const std::string& name) const {
    const auto it = entries_.find(name);
    if (it == entries_.end()) return Sample();
    const Entry& e = it->second;
    if (e.has_median || e.samples.empty()) return e.median;
    std::vector<Sample> v = e.samples;
    std::sort(v.begin(), v.end(),
              [](const Sample& a, const Sample& b) { return counter(a, "runs_per_s") < counter(b, "runs_per_s"); });
    return v[(v.size() - 1) / 2];
  }

  benchmark::BenchmarkReporter* inner_;
  bool console_;
  std::map<std::string, Entry> entries_;
  std::vector<std::string> order_;
};

/// True unless --benchmark_format selects json or csv for the display.
bool console_format(int argc, char* argv[]) {
  bool console = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const std::string key = "--benchmark_format=";
    if (a.compare(0, key.size(), key) == 0) console = a.substr(key.size()) == "console";
  }
  return console;
}

}  // namespace

int main(int argc, char* argv[]) {
  Kokkos::ScopeGuard guard(argc, argv);
  const bool console = console_format(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::ostringstream kokkos_version;
  kokkos_version << KOKKOS_VERSION / 10000 << "." << KOKKOS_VERSION / 100 % 100 << "." << KOKKOS_VERSION % 100;
  benchmark::AddCustomContext("kobie_version", kobie::version_string);
  benchmark::AddCustomContext("kobie_git_hash", KOBIE_GIT_HASH);
  benchmark::AddCustomContext("kokkos_version", kokkos_version.str());
  benchmark::AddCustomContext("kokkos_execution_space", Kokkos::DefaultExecutionSpace::name());
  benchmark::AddCustomContext("kokkos_concurrency", std::to_string(Kokkos::DefaultExecutionSpace().concurrency()));
  RatioSummaryReporter reporter(benchmark::CreateDefaultDisplayReporter(), console);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}

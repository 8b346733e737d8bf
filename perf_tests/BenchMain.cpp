// kobie's benchmark driver: Google Benchmark with a context block describing the build.
#include <benchmark/benchmark.h>

#include <Kokkos_Core.hpp>
#include <sstream>

#include "kobie/core/version.hpp"

int main(int argc, char* argv[]) {
  Kokkos::ScopeGuard guard(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::ostringstream kokkos_version;
  kokkos_version << KOKKOS_VERSION / 10000 << "." << KOKKOS_VERSION / 100 % 100 << "." << KOKKOS_VERSION % 100;
  benchmark::AddCustomContext("kobie_version", kobie::version_string);
  benchmark::AddCustomContext("kobie_git_hash", KOBIE_GIT_HASH);
  benchmark::AddCustomContext("kokkos_version", kokkos_version.str());
  benchmark::AddCustomContext("kokkos_execution_space", Kokkos::DefaultExecutionSpace::name());
  benchmark::AddCustomContext("kokkos_concurrency", std::to_string(Kokkos::DefaultExecutionSpace().concurrency()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// Builds the buffer registry of a sample component tree (the IVP loop of a Dormand-Prince 5(4) integrator with a
// PID controller and a Newton-Krylov child, as in kobie's execution model) for a 3-state system, prints its layout
// table and the launch plan on the default execution space, then launches one pass over the runs. Last, the layout
// kobie's own components register for a Lorenz solve.
#include <cstdio>
#include <iostream>
#include <kobie/kobie.hpp>
#include <kobie_problems/lorenz.hpp>

int main(int argc, char* argv[]) {
  Kokkos::ScopeGuard guard(argc, argv);
  using Exec = Kokkos::DefaultExecutionSpace;
  constexpr int n = 3;       // states
  constexpr int stages = 7;  // Dormand-Prince 5(4)
  const int n_runs = 100000;

  kobie::BufferRegistry reg = kobie::BufferRegistry::for_real<double>();
  kobie::BufferOptions persistent{true, kobie::DType::real, ""};
  reg.register_buffer("loop", "state", n, "local", persistent);
  reg.register_buffer("loop", "proposed_state", n, "local");
  reg.register_buffer("loop", "observables", 0, "local");
  reg.register_buffer("loop", "output_accumulators", 2 * n, "scratch", persistent);
  reg.register_child("loop", "controller");
  reg.register_buffer("controller", "timestep_memory", 2, "local", persistent);  // PID: two past errors
  reg.register_child("loop", "algorithm");
  reg.register_buffer("algorithm", "stage_derivatives", stages * n, "shared");
  reg.register_buffer("algorithm", "error", n, "local");
  reg.register_buffer("algorithm", "proposed_counters", 2, "local",
                      kobie::BufferOptions{false, kobie::DType::int32, ""});
  reg.register_child("algorithm", "newton");
  reg.register_buffer("newton", "residual", n, "shared",
                      kobie::BufferOptions{false, kobie::DType::real, "algorithm/stage_derivatives"});
  reg.register_buffer("newton", "krylov_iters_local", 1, "local", kobie::BufferOptions{false, kobie::DType::int32, ""});

  std::cout << "kobie " << kobie::version_string << " buffer registry of a sample component tree (" << n << " states, "
            << stages << " stages):\n\n"
            << reg.format_table() << "\n";

  const auto plan = kobie::make_launch_plan<Exec>(reg, n_runs);
  std::printf("launch on %s: %d runs, %d runs per team, %d teams, level 0 %zu B/team, level 1 %zu B/team\n",
              Exec::name(), plan.n_runs, plan.runs_per_team, plan.league_size, plan.level0_per_team(),
              plan.level1_per_team());

  // One pass over every run: each run writes its index into its state and reads it back.
  const auto state = reg.typed_allocator<double>("loop", "state");
  Kokkos::View<double*, Exec> sums("kobie::demo::sums", n_runs);
  kobie::launch_runs<256>(
      Exec(), reg, plan, "kobie::demo::touch", KOKKOS_LAMBDA(int run, const kobie::RunMemory& m) {
        double* y = state(m);
        for (int i = 0; i < n; ++i) y[i] = run;
        sums(run) = y[0] + y[1] + y[2];
      });
  double total = 0;
  Kokkos::parallel_reduce(
      "kobie::demo::check", Kokkos::RangePolicy<Exec>(0, n_runs), KOKKOS_LAMBDA(int i, double& acc) { acc += sums(i); },
      total);
  const double expected = 3.0 * (static_cast<double>(n_runs) - 1.0) * n_runs / 2.0;
  std::printf("checksum %.0f (expected %.0f): %s\n", total, expected, total == expected ? "ok" : "MISMATCH");

  // The real thing: the IVP loop, Dormand-Prince 5(4) and a PID controller register their declared buffers.
  kobie::Solver<kobie_problems::Lorenz, double, Exec, kobie::TypeList<kobie::algorithms::DormandPrince54>> solver;
  solver.set("controller", "pid");
  solver.set("stage_derivatives_location", "shared");
  std::cout
      << "\nkobie's components for a Lorenz solve (dormand-prince-54, pid, stage_derivatives_location = shared):\n\n"
      << solver.registry().format_table();
  return total == expected ? 0 : 1;
}

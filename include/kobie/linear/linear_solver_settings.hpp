/// \file
/// \brief Settings of the linear solver and preconditioner inside Newton's iteration.
#pragma once

#include <string>
#include <vector>

#include "kobie/core/setting_key.hpp"
#include "kobie/memory/component_parts.hpp"

namespace kobie {

/// \brief The linear solvers.
enum class LinearSolverKind : int {
  dense_lu = 0,          ///< the matrix, frozen at the step start, factored by partial-pivoting LU
  minimal_residual = 1,  ///< matrix-free one-dimensional minimal-residual projection
  steepest_descent = 2,  ///< matrix-free steepest descent (symmetric positive definite matrices)
  bicgstab = 3,          ///< matrix-free BiCGSTAB
  gmres = 4,             ///< matrix-free GMRES(restart)
};

/// \brief The preconditioners of the matrix-free solvers.
enum class PreconditionerKind : int {
  none = 0,     ///< identity
  jacobi = 1,   ///< the inverse of the matrix's diagonal
  neumann = 2,  ///< truncated Neumann series of order neumann_order around the diagonal
};

/// \brief Largest dimension of the linear system (coupled stages × states) that `linear_solver = auto` solves by dense
/// LU; larger systems get GMRES. Measured by perf_tests/BenchLinearSolverChoice.cpp (docs/stiff.md).
inline constexpr int auto_dense_lu_max_dim = 192;

/// \brief The solver `linear_solver = auto` stands for on a linear system of dimension `dim`, in every family: dense LU
/// up to auto_dense_lu_max_dim, GMRES above.
constexpr LinearSolverKind auto_linear_solver(int dim) {
  return dim <= auto_dense_lu_max_dim ? LinearSolverKind::dense_lu : LinearSolverKind::gmres;
}

/// \brief Parse a linear_solver value ("auto" is `fallback`: auto_linear_solver() of the system's dimension);
/// SettingsError listing the valid ones otherwise.
LinearSolverKind parse_linear_solver(const std::string& text, LinearSolverKind fallback);
/// \brief Parse a preconditioner value; SettingsError listing the valid ones otherwise.
PreconditionerKind parse_preconditioner(const std::string& text);
/// \brief Every linear_solver value: "auto" and the solver names.
std::vector<std::string> linear_solver_names();
/// \brief Every preconditioner name.
std::vector<std::string> preconditioner_names();

/// \brief How the implicit algorithms' linear systems (Newton's (I − h A⊗J) δ = −G, Rosenbrock's stages) are solved.
///
/// Matrix-free solvers apply the matrix through Jacobian-vector products (the System's `jvp`, its dense `jacobian`,
/// or finite differences) and stop when ‖r‖₂ ≤ krylov_tolerance ‖b‖₂. `auto` chooses by the linear system's
/// dimension (coupled stages × states), in every family: dense LU up to auto_dense_lu_max_dim, GMRES above.
struct LinearSolverSettings {
  std::string linear_solver = "auto";     ///< auto, dense-lu, minimal-residual, steepest-descent, bicgstab, gmres
  std::string preconditioner = "jacobi";  ///< none, jacobi, neumann
  int krylov_max_iters = 100;             ///< iterations per linear solve before linear_iterations_exceeded
  double krylov_tolerance = 1e-5;         ///< relative residual of a converged linear solve
  int restart = 20;                       ///< GMRES: Krylov vectors per cycle (capped at the system size)
  int neumann_order = 2;                  ///< terms of the Neumann series after the first

  /// \brief linear_solver, preconditioner, krylov_max_iters, krylov_tolerance, restart, neumann_order.
  static const std::vector<SettingKey<LinearSolverSettings>>& keys();
  /// \brief Checks every value.
  void validate() const;
};

/// \brief What the linear solver reads: its settings, the buffer locations and the tolerances.
struct LinearSolverParts : ComponentParts {
  LinearSolverSettings linear;
};

}  // namespace kobie

#include "kobie/linear/linear_solver_settings.hpp"

#include <cmath>

#include "kobie/core/errors.hpp"

namespace kobie {

namespace {
struct NamedSolver {
  const char* name;
  LinearSolverKind kind;
};
constexpr NamedSolver kSolvers[] = {{"dense-lu", LinearSolverKind::dense_lu},
                                    {"minimal-residual", LinearSolverKind::minimal_residual},
                                    {"steepest-descent", LinearSolverKind::steepest_descent},
                                    {"bicgstab", LinearSolverKind::bicgstab},
                                    {"gmres", LinearSolverKind::gmres}};
struct NamedPreconditioner {
  const char* name;
  PreconditionerKind kind;
};
constexpr NamedPreconditioner kPreconditioners[] = {{"none", PreconditionerKind::none},
                                                    {"jacobi", PreconditionerKind::jacobi},
                                                    {"neumann", PreconditionerKind::neumann}};

bool in_open_zero_one(double v) { return std::isfinite(v) && v > 0 && v < 1; }
}  // namespace

std::vector<std::string> linear_solver_names() {
  std::vector<std::string> out = {"auto"};
  for (const auto& s : kSolvers) out.push_back(s.name);
  return out;
}

std::vector<std::string> preconditioner_names() {
  std::vector<std::string> out;
  for (const auto& p : kPreconditioners) out.push_back(p.name);
  return out;
}

LinearSolverKind parse_linear_solver(const std::string& text, LinearSolverKind fallback) {
  if (text == "auto") return fallback;
  for (const auto& s : kSolvers) {
    if (text == s.name) return s.kind;
  }
  settings_text::bad_value("linear_solver", text, settings_text::allowed_values(text, linear_solver_names()));
}

PreconditionerKind parse_preconditioner(const std::string& text) {
  for (const auto& p : kPreconditioners) {
    if (text == p.name) return p.kind;
  }
  settings_text::bad_value("preconditioner", text, settings_text::allowed_values(text, preconditioner_names()));
}

const std::vector<SettingKey<LinearSolverSettings>>& LinearSolverSettings::keys() {
  using S = LinearSolverSettings;
  namespace k = setting_keys;
  static const std::vector<SettingKey<S>> table = {
      k::choice<S>("linear_solver", &S::linear_solver, linear_solver_names),
      k::choice<S>("preconditioner", &S::preconditioner, preconditioner_names),
      k::integer<S>("krylov_max_iters", &S::krylov_max_iters, 1, 100000),
      k::number<S>("krylov_tolerance", &S::krylov_tolerance, in_open_zero_one, "must be in (0, 1)"),
      k::integer<S>("restart", &S::restart, 1, 64),
      k::integer<S>("neumann_order", &S::neumann_order, 0, 16),
  };
  return table;
}

void LinearSolverSettings::validate() const { setting_keys::check_all(*this); }

}  // namespace kobie

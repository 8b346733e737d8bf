// The SUNDIALS CVODE peer of kobie's stiff benchmarks (see CvodeBatch.hpp): BDF, Newton, dense direct linear solver
// and the analytic Jacobian, one run after another on one core, with one CVODE memory per batch.
#include "CvodeBatch.hpp"

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace kobie_bench {

static_assert(std::is_same<sunrealtype, double>::value, "the CVODE peer needs SUNDIALS built in double precision");

namespace {

/// What CVODE's callbacks see: the model, the current run's parameters and a row-major Jacobian buffer.
struct RunData {
  const CvodeModel* model;
  const double* params;
  std::vector<double> jacobian;
};

int rhs(sunrealtype t, N_Vector y, N_Vector dydt, void* user_data) {
  const RunData& d = *static_cast<RunData*>(user_data);
  d.model->rhs(t, N_VGetArrayPointer(y), d.params, N_VGetArrayPointer(dydt));
  return 0;
}

/// kobie's Jacobian is row-major; SUNDIALS' dense matrix is column-major.
int jacobian(sunrealtype t, N_Vector y, N_Vector /*fy*/, SUNMatrix J, void* user_data, N_Vector, N_Vector, N_Vector) {
  RunData& d = *static_cast<RunData*>(user_data);
  const int n = d.model->n_states;
  d.model->jacobian(t, N_VGetArrayPointer(y), d.params, d.jacobian.data());
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) SM_ELEMENT_D(J, i, j) = d.jacobian[static_cast<std::size_t>(i * n + j)];
  }
  return 0;
}

/// Failures are reported through the flags; keep CVODE's messages off the benchmark output.
void quiet(int, const char*, const char*, char*, void*) {}

/// The SUNDIALS objects of one batch, freed in reverse order.
struct CvodeObjects {
  SUNContext context = nullptr;
  N_Vector y = nullptr;
  SUNMatrix matrix = nullptr;
  SUNLinearSolver linear_solver = nullptr;
  void* memory = nullptr;
  ~CvodeObjects() {
    if (memory) CVodeFree(&memory);
    if (linear_solver) SUNLinSolFree(linear_solver);
    if (matrix) SUNMatDestroy(matrix);
    if (y) N_VDestroy(y);
    if (context) SUNContext_Free(&context);
  }
};

void check(int flag, const char* call) {
  if (flag < 0) throw std::runtime_error(std::string("CVODE peer: ") + call + " returned " + std::to_string(flag));
}

}  // namespace

int CvodeBatchResult::n_failed() const {
  return static_cast<int>(std::count_if(flags.begin(), flags.end(), [](int f) { return f < 0; }));
}

CvodeBatchResult cvode_solve_batch(const CvodeModel& model, const CvodeOptions& options, const std::vector<double>& y0,
                                   const std::vector<double>& params) {
  const int n = model.n_states;
  const std::size_t runs = y0.size() / static_cast<std::size_t>(n);
  if (y0.size() != runs * n || params.size() != runs * static_cast<std::size_t>(model.n_parameters)) {
    throw std::runtime_error("CVODE peer: y0 and params do not hold the same number of runs");
  }
  CvodeBatchResult out;
  out.final_states.resize(runs * n);
  out.accepted_steps.resize(runs);
  out.rejected_steps.resize(runs);
  out.flags.resize(runs);
  if (runs == 0) return out;

  RunData data{&model, params.data(), std::vector<double>(static_cast<std::size_t>(n) * n)};
  CvodeObjects cv;
  check(SUNContext_Create(nullptr, &cv.context), "SUNContext_Create");
  cv.y = N_VNew_Serial(n, cv.context);
  cv.matrix = SUNDenseMatrix(n, n, cv.context);
  if (!cv.y || !cv.matrix) throw std::runtime_error("CVODE peer: cannot allocate the vector or the matrix");
  cv.linear_solver = SUNLinSol_Dense(cv.y, cv.matrix, cv.context);
  cv.memory = CVodeCreate(CV_BDF, cv.context);
  if (!cv.linear_solver || !cv.memory) throw std::runtime_error("CVODE peer: cannot create CVODE");
  double* y = N_VGetArrayPointer(cv.y);
  std::copy(y0.begin(), y0.begin() + n, y);
  check(CVodeInit(cv.memory, rhs, 0.0, cv.y), "CVodeInit");
  check(CVodeSetUserData(cv.memory, &data), "CVodeSetUserData");
  check(CVodeSStolerances(cv.memory, options.rtol, options.atol), "CVodeSStolerances");
  check(CVodeSetLinearSolver(cv.memory, cv.linear_solver, cv.matrix), "CVodeSetLinearSolver");
  check(CVodeSetJacFn(cv.memory, jacobian), "CVodeSetJacFn");
  check(CVodeSetMaxNumSteps(cv.memory, options.max_steps), "CVodeSetMaxNumSteps");
  check(CVodeSetErrHandlerFn(cv.memory, quiet, nullptr), "CVodeSetErrHandlerFn");

  for (std::size_t r = 0; r < runs; ++r) {
    std::copy(y0.begin() + r * n, y0.begin() + (r + 1) * n, y);
    data.params = params.data() + r * model.n_parameters;
    int flag = CVodeReInit(cv.memory, 0.0, cv.y);
    if (flag >= 0) flag = CVodeSetStopTime(cv.memory, options.t_end);  // land on t_end, no interpolation
    sunrealtype t = 0.0;
    if (flag >= 0) flag = CVode(cv.memory, options.t_end, cv.y, &t, CV_NORMAL);
    long steps = 0, error_test_fails = 0, convergence_fails = 0;
    CVodeGetNumSteps(cv.memory, &steps);
    CVodeGetNumErrTestFails(cv.memory, &error_test_fails);
    CVodeGetNumNonlinSolvConvFails(cv.memory, &convergence_fails);
    std::copy(y, y + n, out.final_states.begin() + r * n);
    out.accepted_steps[r] = steps;
    out.rejected_steps[r] = error_test_fails + convergence_fails;
    out.flags[r] = flag;
  }
  return out;
}

}  // namespace kobie_bench

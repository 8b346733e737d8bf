// The Lorenz ensemble of the GPU case (BenchLorenzGpu.cpp) and its peers: "register-only" hand-written kernels, one
// thread per run, every stage value a named scalar local (no arrays, no pointers to locals), writing only the final
// state. They use the right-hand side of kobie_problems::Lorenz with the same operations in the same order, the
// tableau coefficients of kobie's rk4.hpp and dormand_prince_54.hpp, and the landing and I-controller rules of kobie's
// IVP loop and StepController, so they take the same steps as kobie. Nothing here includes kobie.
#pragma once

#include <Kokkos_Core.hpp>
#include <cmath>
#include <cstdint>

namespace kobie_gpu_bench {

// ---- The ensemble -------------------------------------------------------------------------------------------------
// sigma = 10, beta = 8/3, rho = 21 i / (N - 1) for run i, x0 = (1, 0, 0), t in [0, 1], final state only.
constexpr double kSigma = 10.0;
constexpr double kBeta = 8.0 / 3.0;
constexpr double kRhoMax = 21.0;
constexpr double kX0 = 1.0, kY0 = 0.0, kZ0 = 0.0;
constexpr double kT0 = 0.0;
constexpr double kDuration = 1.0;
constexpr double kFixedDt = 1e-3;  // RK4: 1000 steps
constexpr int kFixedSteps = 1000;
constexpr double kDt0 = 1e-3;  // DP5: initial step
constexpr double kTol = 1e-8;  // DP5: rtol = atol

// The I controller as kobie configures it (kobie's defaults; BenchLorenzGpu.cpp sets them explicitly on the kobie
// side too): gain = safety * nrm2^(-kp / (2 (p + 1))) with p = 4, clamped to [min_gain, max_gain], capped at safety
// after a rejection; a rejected step that needs dt < dt_min, max_rejections consecutive rejections or max_steps step
// attempts end the run.
constexpr double kSafety = 0.9;
constexpr double kMinGain = 0.2;
constexpr double kMaxGain = 5.0;
constexpr double kKp = 1.0;
constexpr int kErrorOrder = 4;  // min(order, embedded order) of Dormand–Prince 5(4)
constexpr double kDtMin = 1e-12;
constexpr std::int32_t kMaxSteps = 10000000;
constexpr std::int32_t kMaxRejections = 64;

/// rho of run `run` out of `n_runs`.
inline double rho_of(long long run, long long n_runs) {
  return n_runs > 1 ? kRhoMax * static_cast<double>(run) / static_cast<double>(n_runs - 1) : kRhoMax;
}

// ---- Math on every Kokkos version -----------------------------------------------------------------------------------

namespace math {
#if KOKKOS_VERSION >= 30700
using Kokkos::ceil;
using Kokkos::fabs;
using Kokkos::isfinite;
using Kokkos::pow;
#else
using Kokkos::Experimental::ceil;
using Kokkos::Experimental::fabs;
using Kokkos::Experimental::isfinite;
using Kokkos::Experimental::pow;
#endif
template <class T>
KOKKOS_FORCEINLINE_FUNCTION constexpr T min(T a, T b) {
  return b < a ? b : a;
}
template <class T>
KOKKOS_FORCEINLINE_FUNCTION constexpr T max(T a, T b) {
  return a < b ? b : a;
}
}  // namespace math

// ---- Right-hand side: kobie_problems::Lorenz, component by component ------------------------------------------------

template <class Real>
KOKKOS_FORCEINLINE_FUNCTION Real lorenz_dx(Real sigma, Real x, Real y) {
  return sigma * (y - x);
}
template <class Real>
KOKKOS_FORCEINLINE_FUNCTION Real lorenz_dy(Real rho, Real x, Real y, Real z) {
  return x * (rho - z) - y;
}
template <class Real>
KOKKOS_FORCEINLINE_FUNCTION Real lorenz_dz(Real beta, Real x, Real y, Real z) {
  return x * y - beta * z;
}

// ---- Tableaus (values of kobie's tableaus/rk4.hpp and tableaus/dormand_prince_54.hpp, as double) --------------------

namespace rk4 {
constexpr double a10 = 1.0 / 2.0, a21 = 1.0 / 2.0, a32 = 1.0;
constexpr double b0 = 1.0 / 6.0, b1 = 1.0 / 3.0, b2 = 1.0 / 3.0, b3 = 1.0 / 6.0;
}  // namespace rk4

namespace dp5 {
constexpr double a10 = 1.0 / 5.0;
constexpr double a20 = 3.0 / 40.0, a21 = 9.0 / 40.0;
constexpr double a30 = 44.0 / 45.0, a31 = -56.0 / 15.0, a32 = 32.0 / 9.0;
constexpr double a40 = 19372.0 / 6561.0, a41 = -25360.0 / 2187.0, a42 = 64448.0 / 6561.0, a43 = -212.0 / 729.0;
constexpr double a50 = 9017.0 / 3168.0, a51 = -355.0 / 33.0, a52 = 46732.0 / 5247.0, a53 = 49.0 / 176.0,
                 a54 = -5103.0 / 18656.0;
// Row 6 is b (first same as last): the seventh stage is evaluated at y_new.
constexpr double a60 = 35.0 / 384.0, a62 = 500.0 / 1113.0, a63 = 125.0 / 192.0, a64 = -2187.0 / 6784.0,
                 a65 = 11.0 / 84.0;
// Error weights b - b_hat (b_1 - b_hat_1 = 0).
constexpr double e0 = 35.0 / 384.0 - 5179.0 / 57600.0;
constexpr double e2 = 500.0 / 1113.0 - 7571.0 / 16695.0;
constexpr double e3 = 125.0 / 192.0 - 393.0 / 640.0;
constexpr double e4 = -2187.0 / 6784.0 - -92097.0 / 339200.0;
constexpr double e5 = 11.0 / 84.0 - 187.0 / 2100.0;
constexpr double e6 = 0.0 - 1.0 / 40.0;
}  // namespace dp5

// ---- The kernels --------------------------------------------------------------------------------------------------

/// Inputs and outputs shared by both kernels: (run, state) initial values, (run, parameter) parameters (sigma, rho,
/// beta), the (run, state) final state. With Count, each run's accepted and rejected steps and a failure flag too
/// (the untimed check); without, only the final state is written.
template <class Real, class MemorySpace, bool Count>
struct HandKernelData {
  Kokkos::View<const Real**, MemorySpace> y0;
  Kokkos::View<const Real**, MemorySpace> params;
  Kokkos::View<Real**, MemorySpace> y_final;
  Kokkos::View<std::int32_t*, MemorySpace> accepted;  ///< Count only
  Kokkos::View<std::int32_t*, MemorySpace> rejected;  ///< Count only
  Kokkos::View<std::int32_t*, MemorySpace> failed;    ///< Count only: 1 when the run ended early

  KOKKOS_FORCEINLINE_FUNCTION void finish(int run, Real x, Real y, Real z, std::int32_t n_accepted,
                                          std::int32_t n_rejected, bool ok) const {
    y_final(run, 0) = x;
    y_final(run, 1) = y;
    y_final(run, 2) = z;
    if constexpr (Count) {
      accepted(run) = n_accepted;
      rejected(run) = n_rejected;
      failed(run) = ok ? 0 : 1;
    }
  }
};

/// Classical RK4 with fixed steps, kobie's schedule: whole steps of dt land on t0 + k dt (k an integer), then one last
/// step, shortened or stretched by up to 0.1 % of dt, lands exactly on t_end.
template <class Real, class MemorySpace, bool Count = false>
struct HandRk4Fixed : HandKernelData<Real, MemorySpace, Count> {
  Real t0 = Real(kT0);
  Real t_end = Real(kT0 + kDuration);
  Real dt = Real(kFixedDt);

  /// One RK4 step of size h from (x, y, z), in place.
  KOKKOS_FORCEINLINE_FUNCTION static void step(Real sigma, Real rho, Real beta, Real h, Real& x, Real& y, Real& z) {
    const Real ha10 = h * Real(rk4::a10), ha21 = h * Real(rk4::a21), ha32 = h * Real(rk4::a32);
    const Real hb0 = h * Real(rk4::b0), hb1 = h * Real(rk4::b1), hb2 = h * Real(rk4::b2), hb3 = h * Real(rk4::b3);
    const Real k1x = lorenz_dx(sigma, x, y);
    const Real k1y = lorenz_dy(rho, x, y, z);
    const Real k1z = lorenz_dz(beta, x, y, z);
    Real nx = x + hb0 * k1x;
    Real ny = y + hb0 * k1y;
    Real nz = z + hb0 * k1z;
    Real sx = x + ha10 * k1x;
    Real sy = y + ha10 * k1y;
    Real sz = z + ha10 * k1z;
    const Real k2x = lorenz_dx(sigma, sx, sy);
    const Real k2y = lorenz_dy(rho, sx, sy, sz);
    const Real k2z = lorenz_dz(beta, sx, sy, sz);
    nx += hb1 * k2x;
    ny += hb1 * k2y;
    nz += hb1 * k2z;
    sx = x + ha21 * k2x;
    sy = y + ha21 * k2y;
    sz = z + ha21 * k2z;
    const Real k3x = lorenz_dx(sigma, sx, sy);
    const Real k3y = lorenz_dy(rho, sx, sy, sz);
    const Real k3z = lorenz_dz(beta, sx, sy, sz);
    nx += hb2 * k3x;
    ny += hb2 * k3y;
    nz += hb2 * k3z;
    sx = x + ha32 * k3x;
    sy = y + ha32 * k3y;
    sz = z + ha32 * k3z;
    const Real k4x = lorenz_dx(sigma, sx, sy);
    const Real k4y = lorenz_dy(rho, sx, sy, sz);
    const Real k4z = lorenz_dz(beta, sx, sy, sz);
    x = nx + hb3 * k4x;
    y = ny + hb3 * k4y;
    z = nz + hb3 * k4z;
  }

  KOKKOS_INLINE_FUNCTION void operator()(const int run) const {
    const Real sigma = this->params(run, 0), rho = this->params(run, 1), beta = this->params(run, 2);
    Real x = this->y0(run, 0), y = this->y0(run, 1), z = this->y0(run, 2);
    const Real wanted = math::max(Real(1), math::ceil((t_end - t0) / dt - Real(1e-3)));
    const std::int32_t whole = static_cast<std::int32_t>(wanted - Real(1));
    for (std::int32_t k = 0; k < whole; ++k) step(sigma, rho, beta, dt, x, y, z);
    step(sigma, rho, beta, t_end - (t0 + Real(whole) * dt), x, y, z);
    const bool ok = math::isfinite(x) && math::isfinite(y) && math::isfinite(z);
    this->finish(run, x, y, z, whole + 1, 0, ok);
  }
};

/// Dormand–Prince 5(4) with kobie's I controller and landing rule: a step that would end within 0.1 % of dt of t_end
/// (or beyond) is shortened or stretched to land on it, and an accepted step so truncated leaves dt unchanged.
template <class Real, class MemorySpace, bool Count = false>
struct HandDp54Adaptive : HandKernelData<Real, MemorySpace, Count> {
  Real t0 = Real(kT0);
  Real t_end = Real(kT0 + kDuration);
  Real dt0 = Real(kDt0);
  Real atol = Real(kTol);
  Real rtol = Real(kTol);
  Real safety = Real(kSafety);
  Real min_gain = Real(kMinGain);
  Real max_gain = Real(kMaxGain);
  Real expo = Real(kKp / (2.0 * (kErrorOrder + 1)));
  Real dt_min = Real(kDtMin);
  /// Accepted errors below this give max_gain (safety e^-expo > max_gain), so pow() is skipped there, as kobie does;
  /// set by prepare() (-1: never).
  Real max_gain_below = Real(-1);

  /// Host: the pow-free range of the controller, computed as kobie's StepController::set_shortcuts() does.
  void prepare() {
    max_gain_below =
        static_cast<Real>(std::pow(static_cast<double>(safety / max_gain), 1.0 / static_cast<double>(expo)));
  }

  KOKKOS_INLINE_FUNCTION void operator()(const int run) const {
    using namespace dp5;
    const Real sigma = this->params(run, 0), rho = this->params(run, 1), beta = this->params(run, 2);
    Real x = this->y0(run, 0), y = this->y0(run, 1), z = this->y0(run, 2);
    Real k1x = lorenz_dx(sigma, x, y);  // first stage; carried over from the last stage after an accepted step
    Real k1y = lorenz_dy(rho, x, y, z);
    Real k1z = lorenz_dz(beta, x, y, z);
    Real t = t0, dt = dt0;
    std::int32_t n_accepted = 0, n_rejected = 0, consecutive_rejections = 0;
    bool ok = true;
    while (t < t_end) {
      if (n_accepted + n_rejected >= kMaxSteps) {
        ok = false;
        break;
      }
      Real h = dt;
      Real t_next = t + h;
      if (t_next >= t_end - Real(1e-3) * h) {  // land exactly on t_end
        h = t_end - t;
        t_next = t_end;
      }
      const bool truncated = h < dt;

      Real sx = x + (h * Real(a10)) * k1x;
      Real sy = y + (h * Real(a10)) * k1y;
      Real sz = z + (h * Real(a10)) * k1z;
      const Real k2x = lorenz_dx(sigma, sx, sy);
      const Real k2y = lorenz_dy(rho, sx, sy, sz);
      const Real k2z = lorenz_dz(beta, sx, sy, sz);

      sx = x + (h * Real(a20)) * k1x + (h * Real(a21)) * k2x;
      sy = y + (h * Real(a20)) * k1y + (h * Real(a21)) * k2y;
      sz = z + (h * Real(a20)) * k1z + (h * Real(a21)) * k2z;
      const Real k3x = lorenz_dx(sigma, sx, sy);
      const Real k3y = lorenz_dy(rho, sx, sy, sz);
      const Real k3z = lorenz_dz(beta, sx, sy, sz);

      sx = x + (h * Real(a30)) * k1x + (h * Real(a31)) * k2x + (h * Real(a32)) * k3x;
      sy = y + (h * Real(a30)) * k1y + (h * Real(a31)) * k2y + (h * Real(a32)) * k3y;
      sz = z + (h * Real(a30)) * k1z + (h * Real(a31)) * k2z + (h * Real(a32)) * k3z;
      const Real k4x = lorenz_dx(sigma, sx, sy);
      const Real k4y = lorenz_dy(rho, sx, sy, sz);
      const Real k4z = lorenz_dz(beta, sx, sy, sz);

      sx = x + (h * Real(a40)) * k1x + (h * Real(a41)) * k2x + (h * Real(a42)) * k3x + (h * Real(a43)) * k4x;
      sy = y + (h * Real(a40)) * k1y + (h * Real(a41)) * k2y + (h * Real(a42)) * k3y + (h * Real(a43)) * k4y;
      sz = z + (h * Real(a40)) * k1z + (h * Real(a41)) * k2z + (h * Real(a42)) * k3z + (h * Real(a43)) * k4z;
      const Real k5x = lorenz_dx(sigma, sx, sy);
      const Real k5y = lorenz_dy(rho, sx, sy, sz);
      const Real k5z = lorenz_dz(beta, sx, sy, sz);

      sx = x + (h * Real(a50)) * k1x + (h * Real(a51)) * k2x + (h * Real(a52)) * k3x + (h * Real(a53)) * k4x +
           (h * Real(a54)) * k5x;
      sy = y + (h * Real(a50)) * k1y + (h * Real(a51)) * k2y + (h * Real(a52)) * k3y + (h * Real(a53)) * k4y +
           (h * Real(a54)) * k5y;
      sz = z + (h * Real(a50)) * k1z + (h * Real(a51)) * k2z + (h * Real(a52)) * k3z + (h * Real(a53)) * k4z +
           (h * Real(a54)) * k5z;
      const Real k6x = lorenz_dx(sigma, sx, sy);
      const Real k6y = lorenz_dy(rho, sx, sy, sz);
      const Real k6z = lorenz_dz(beta, sx, sy, sz);

      // The seventh stage is evaluated at the proposed state y_new (first same as last).
      const Real nx = x + (h * Real(a60)) * k1x + (h * Real(a62)) * k3x + (h * Real(a63)) * k4x +
                      (h * Real(a64)) * k5x + (h * Real(a65)) * k6x;
      const Real ny = y + (h * Real(a60)) * k1y + (h * Real(a62)) * k3y + (h * Real(a63)) * k4y +
                      (h * Real(a64)) * k5y + (h * Real(a65)) * k6y;
      const Real nz = z + (h * Real(a60)) * k1z + (h * Real(a62)) * k3z + (h * Real(a63)) * k4z +
                      (h * Real(a64)) * k5z + (h * Real(a65)) * k6z;
      const Real k7x = lorenz_dx(sigma, nx, ny);
      const Real k7y = lorenz_dy(rho, nx, ny, nz);
      const Real k7z = lorenz_dz(beta, nx, ny, nz);

      // Error estimate h * sum (b_j - b_hat_j) k_j and its scaled mean square.
      const Real ex =
          h * (Real(e0) * k1x + Real(e2) * k3x + Real(e3) * k4x + Real(e4) * k5x + Real(e5) * k6x + Real(e6) * k7x);
      const Real ey =
          h * (Real(e0) * k1y + Real(e2) * k3y + Real(e3) * k4y + Real(e4) * k5y + Real(e5) * k6y + Real(e6) * k7y);
      const Real ez =
          h * (Real(e0) * k1z + Real(e2) * k3z + Real(e3) * k4z + Real(e4) * k5z + Real(e5) * k6z + Real(e6) * k7z);
      const Real rx = ex / (atol + rtol * math::max(math::fabs(nx), math::fabs(x)));
      const Real ry = ey / (atol + rtol * math::max(math::fabs(ny), math::fabs(y)));
      const Real rz = ez / (atol + rtol * math::max(math::fabs(nz), math::fabs(z)));
      const Real nrm2 = (rx * rx + ry * ry + rz * rz) / Real(3);

      const bool accept = nrm2 <= Real(1);  // false for NaN
      if (accept) {
        if (!(math::isfinite(nx) && math::isfinite(ny) && math::isfinite(nz)) || !(t_next > t)) {
          ok = false;
          break;
        }
        x = nx;
        y = ny;
        z = nz;
        k1x = k7x;
        k1y = k7y;
        k1z = k7z;
        t = t_next;
        ++n_accepted;
        consecutive_rejections = 0;
      } else {
        ++n_rejected;
        if (++consecutive_rejections >= kMaxRejections) {
          ok = false;
          break;
        }
      }

      // I controller.
      const Real e =
          math::isfinite(nrm2) ? math::max(nrm2, Real(1e-30)) : Kokkos::Experimental::finite_max<Real>::value;
      Real gain = max_gain;
      if (!accept || !(e < max_gain_below)) {
        gain = safety * math::pow(e, -expo);
        gain = gain < min_gain ? min_gain : (max_gain < gain ? max_gain : gain);
        if (!accept) gain = math::min(gain, safety);  // a rejected step always shrinks
      }
      if (!(accept && truncated)) {  // a step shortened to land on t_end says nothing of the natural dt
        Real dt_new = h * gain;
        if (dt_new < dt_min) {
          if (!accept) {
            ok = false;
            break;
          }
          dt_new = dt_min;
        }
        dt = dt_new;
      }
    }
    this->finish(run, x, y, z, n_accepted, n_rejected, ok);
  }
};

}  // namespace kobie_gpu_bench

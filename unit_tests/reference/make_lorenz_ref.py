#!/usr/bin/env python3
"""Reference values for the Lorenz system at t = 1 over a sweep of rho.

    dx/dt = sigma (y - x)
    dy/dt = x (rho - z) - y
    dz/dt = x y - beta z
    sigma = 10, beta = 8/3, (x, y, z)(0) = (1, 0, 0), integrate t = 0 -> 1.

Solvers:
  (1) scipy.integrate.solve_ivp, method='DOP853', rtol=1e-13, atol=1e-15 (float64)
  (2) mpmath.odefun (adaptive-degree Taylor series), mp.dps = 30   <- written to CSV
  (3) check of (2): mpmath.odefun again at mp.dps = 45, to bound the error of (2)
  (4) sensitivity note: mpmath at dps = 45 with beta = float64(8/3) instead of the
      exact 8/3, to show how much the float64 rounding of beta moves the answer.

Writes lorenz_rho_sweep_t1.csv (rho,x,y,z; 17 significant digits from solver (2))
and prints the agreement figures used in PROVENANCE.md.
"""
import os
import sys
import time
import platform
from decimal import Decimal

import numpy as np
import scipy
from scipy.integrate import solve_ivp
import mpmath
from mpmath import mp, mpf

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, "lorenz_rho_sweep_t1.csv")

RHOS_INT = list(range(22))                 # 0, 1, ..., 21
RHOS_EXTRA = ["0.5", "7.25", "13.75", "20.5"]  # exactly representable in binary
# rows in ascending rho order; keep rho as a decimal string (exact input)
RHO_STRS = sorted([str(r) for r in RHOS_INT] + RHOS_EXTRA, key=float)

T1 = 1
SIG_DIGITS = 17


def fmt17(v):
    """Exactly 17 significant digits, scientific notation, round-half-even.

    The mpf value is first converted exactly to a decimal string with 40
    significant digits (far more than the ~30 that are meaningful), then rounded
    once to 17 digits with the decimal module."""
    if v == 0:
        return "0." + "0" * (SIG_DIGITS - 1) + "e+00"
    with mp.workdps(50):
        d = Decimal(mp.nstr(v, 40, min_fixed=-mp.inf, max_fixed=mp.inf))
    mant, exp = format(d, ".%de" % (SIG_DIGITS - 1)).split("e")
    return "%se%+03d" % (mant, int(exp))   # same exponent style as Python floats


def solve_scipy(rho):
    sigma, beta, rho = 10.0, 8.0 / 3.0, float(rho)

    def f(t, u):
        x, y, z = u
        return [sigma * (y - x), x * (rho - z) - y, x * y - beta * z]

    sol = solve_ivp(f, (0.0, float(T1)), [1.0, 0.0, 0.0], method="DOP853",
                    rtol=1e-13, atol=1e-15)
    assert sol.success and sol.t[-1] == float(T1), sol.message
    return sol.y[:, -1].copy(), sol.nfev


def solve_mpmath(rho_str, dps, beta=None):
    with mp.workdps(dps):
        sigma = mpf(10)
        beta = mpf(8) / 3 if beta is None else mpf(beta)
        rho = mpf(rho_str)

        def f(t, u):
            x, y, z = u
            return [sigma * (y - x), x * (rho - z) - y, x * y - beta * z]

        F = mp.odefun(f, 0, [mpf(1), mpf(0), mpf(0)])
        return [+v for v in F(mpf(T1))]


def main():
    print(f"python {platform.python_version()}, numpy {np.__version__}, "
          f"scipy {scipy.__version__}, mpmath {mpmath.__version__} "
          f"(backend {mpmath.libmp.BACKEND})")
    rows = []
    d_scipy = np.zeros(3)   # max |scipy - mp30| per component
    r_scipy = np.zeros(3)   # max relative |scipy - mp30| / max(1, |mp30|)
    d_prec = [mpf(0)] * 3   # max |mp30 - mp45| per component
    d_beta = [mpf(0)] * 3   # max |mp45(beta exact) - mp45(beta = float64 8/3)|
    t_start = time.time()
    for rs in RHO_STRS:
        t0 = time.time()
        u30 = solve_mpmath(rs, 30)
        u45 = solve_mpmath(rs, 45)
        u45b = solve_mpmath(rs, 45, beta=8.0 / 3.0)  # exact binary value of float64
        us, nfev = solve_scipy(rs)
        with mp.workdps(45):
            for i in range(3):
                d_prec[i] = max(d_prec[i], abs(u30[i] - u45[i]))
                d_beta[i] = max(d_beta[i], abs(u45[i] - u45b[i]))
        with mp.workdps(45):  # difference taken exactly, then rounded
            diff = np.array([abs(float(mpf(float(us[i])) - u30[i])) for i in range(3)])
        rel = diff / np.maximum(1.0, np.abs([float(v) for v in u30]))
        d_scipy = np.maximum(d_scipy, diff)
        r_scipy = np.maximum(r_scipy, rel)
        rows.append((rs, u30))
        print(f"rho={rs:>6}  x={mp.nstr(u30[0], 17):>22} y={mp.nstr(u30[1], 17):>22} "
              f"z={mp.nstr(u30[2], 17):>22}  |scipy-mp|={diff.max():.2e} "
              f"nfev={nfev} ({time.time() - t0:.1f}s)")
        sys.stdout.flush()

    with open(CSV, "w") as fh:
        fh.write("rho,x,y,z\n")
        for rs, u in rows:
            vals = [fmt17(v) for v in u]
            fh.write(",".join([rs] + vals) + "\n")

    # analytic check: for rho = 0, y = z = 0 identically and x = exp(-10 t)
    with mp.workdps(45):
        u0 = dict(rows)["0"]
        print("rho=0 analytic check: |x - exp(-10)| =",
              mp.nstr(abs(u0[0] - mp.exp(-10)), 3), " y, z =", u0[1], u0[2])
    print(f"\nwrote {CSV} ({len(rows)} rows) in {time.time() - t_start:.1f}s")
    print("max |DOP853 - mpmath(dps=30)|       x,y,z:",
          ", ".join(f"{v:.3e}" for v in d_scipy))
    print("max |DOP853 - mpmath| / max(1,|ref|) x,y,z:",
          ", ".join(f"{v:.3e}" for v in r_scipy))
    print("max |mpmath dps30 - mpmath dps45|    x,y,z:",
          ", ".join(mp.nstr(v, 3) for v in d_prec))
    print("max |exact beta - float64(8/3) beta| x,y,z:",
          ", ".join(mp.nstr(v, 3) for v in d_beta))


if __name__ == "__main__":
    main()

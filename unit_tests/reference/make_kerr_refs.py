#!/usr/bin/env python3
"""Exact reference trajectories of the Kerr oscillator (used by TestErkTableaus.hpp, nonlinear convergence test).

Problem: KerrOscillator in problems/kobie_problems/kerr_oscillator.hpp, a nonlinear oscillator whose frequency grows
with its amplitude (Hamiltonian H = r^2/2 + r^4/4, r^2 = x^2 + y^2):

    x' = -(1 + x^2 + y^2) y,   y' = (1 + x^2 + y^2) x,      i.e.  z' = i (1 + |z|^2) z  for z = x + i y.

|z| is conserved, so the exact solution is a uniform rotation at the amplitude-dependent frequency w = 1 + |z0|^2:

    x(t) = x0 cos(w t) - y0 sin(w t),   y(t) = x0 sin(w t) + y0 cos(w t).

The 8 initial values in INITIAL are exact in binary (|z0| from 0.5 to 0.625, w from 1.25 to 1.39), so w is an exact
rational and the only approximation is mpmath's cos/sin at DPS digits. The script evaluates the formula at DPS and at
2*DPS digits (asserting agreement to 1e-30) and prints the values, rounded once to 17 significant digits, as the C++
initializers kKerrRef10 (saves at t = 0, 1, ..., 10) and kKerrRef100 (t = 0, 10, ..., 100), [run][save][state].

With --orders it also runs every tableau of erk_coefficients.py with fixed steps in numpy float64 (and, nearly
free of round-off, in numpy longdouble) over the durations and step counts of kKerrCases in the test, and prints
the RMS errors against these references and the observed orders. This is how the problem and step counts were chosen:
on this problem every tableau, Vern9 included, shows its nominal order within 0.1 well above round-off (Vern9: 9.05
and 9.00 between 3, 4 and 6 steps per unit time over t <= 100, errors 2e-8 .. 4e-11; float64 and longdouble differ by
at most 3e-13 in this RMS). The radial error of these non-symmetric methods drifts linearly in t (at order p for odd
p, p + 1 for even p) and the frequency depends on the amplitude, so the phase error grows as t^2: over t <= 100 the
order-p term dominates for the odd orders >= 5; the others use t <= 10.

Run:  python3 make_kerr_refs.py [--orders]  (CPython 3.11, mpmath 1.3.0, numpy 2.4 for --orders; about a second, or
20 seconds with --orders)
"""
import os
import sys
from decimal import Decimal
from fractions import Fraction

import mpmath
from mpmath import mp, mpf
from cpp_text import wrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

DPS = 40
INITIAL = [
    (0.5, 0.25),
    (-0.375, 0.5),
    (0.625, 0.0),
    (0.0, -0.5),
    (-0.25, -0.5),
    (0.375, -0.375),
    (-0.5, 0.125),
    (0.125, 0.5625),
]
N_SAVES = 11
DURATIONS = (10, 100)  # saves every duration / 10

# (name, duration, steps per unit time): kKerrCases in TestErkTableaus.hpp.
CASES = [
    ("euler", 10, (200, 400, 800)),
    ("heun-21", 10, (16, 32, 64)),
    ("ralston-33", 10, (8, 16, 32)),
    ("rk4", 10, (8, 16, 32)),
    ("bogacki-shampine-32", 10, (8, 16, 32)),
    ("dormand-prince-54", 100, (32, 64, 128)),
    ("fehlberg-45", 100, (32, 64, 128)),
    ("cash-karp-54", 100, (16, 32, 64)),
    ("tsit5", 100, (32, 64, 128)),
    ("dop853", 10, (3, 4, 6)),
    ("vern7", 100, (8, 12, 16)),
    ("vern9", 100, (3, 4, 6)),
]


def coef(tag):
    """A coefficient of erk_coefficients.py as an mpf (same tags as make_one_step_refs.py)."""
    kind, _, body = tag.partition(":")
    if kind == "r":
        f = Fraction(body)
        return mpf(f.numerator) / f.denominator
    if kind == "d":
        f = Fraction(Decimal(body))
        return mpf(f.numerator) / f.denominator
    if kind == "q6":
        p, q = (Fraction(v) for v in body.split(","))
        return mpf(p.numerator) / p.denominator + mpf(q.numerator) / q.denominator * mpmath.sqrt(6)
    raise ValueError(tag)


def exact(x0, y0, t):
    x0, y0, t = mpf(x0), mpf(y0), mpf(t)
    phase = (1 + x0 * x0 + y0 * y0) * t
    c, s = mpmath.cos(phase), mpmath.sin(phase)
    return [x0 * c - y0 * s, x0 * s + y0 * c]


def trajectories(duration, dps):
    with mp.workdps(dps):
        return [[exact(x0, y0, duration * s // (N_SAVES - 1)) for s in range(N_SAVES)] for x0, y0 in INITIAL]


def print_table(duration, ref):
    print(f"constexpr double kKerrRef{duration}[kKerrRuns][kKerrSaves][2] = {{")
    for run in ref:
        saves = ["{" + f"{mpmath.nstr(s[0], 17)}, {mpmath.nstr(s[1], 17)}" + "}" for s in run]
        saves[0] = "{" + saves[0]
        saves[-1] += "},"
        print(wrap(saves, 4))
    print("};")


def observed_orders(refs):
    """Fixed-step solves in numpy float64 and longdouble with the exact coefficients of erk_coefficients.py."""
    import numpy as np

    from erk_coefficients import TABLEAUS

    def rhs(y):
        w = 1 + y[:, 0] * y[:, 0] + y[:, 1] * y[:, 1]
        return np.stack([-w * y[:, 1], w * y[:, 0]], axis=1)

    def solve(tab, dtype, steps_per_unit, duration):
        with mp.workdps(50):
            a = np.array([[dtype(str(coef(x))) for x in row] for row in tab["a"]], dtype=dtype)
            b = np.array([dtype(str(coef(x))) for x in tab["b"]], dtype=dtype)
        s = tab["stages"]
        h = dtype(1) / dtype(steps_per_unit)
        y = np.array(INITIAL, dtype=dtype)
        out = [y.copy()]
        for _ in range(N_SAVES - 1):
            for _ in range(steps_per_unit * duration // (N_SAVES - 1)):
                k = []
                for i in range(s):
                    yi = y.copy()
                    for j in range(i):
                        if a[i, j] != 0:
                            yi = yi + h * a[i, j] * k[j]
                    k.append(rhs(yi))
                y = y + h * sum(b[i] * k[i] for i in range(s) if b[i] != 0)
            out.append(y.copy())
        return np.array(out)

    tableaus = {t["name"]: t for t in TABLEAUS}
    for name, duration, steps in CASES:
        ref = np.array([[[float(v) for v in save] for save in run] for run in refs[duration]]).transpose(1, 0, 2)
        for dtype in (np.float64, np.longdouble):
            e = []
            for n in steps:
                y = solve(tableaus[name], dtype, n, duration).astype(np.float64)
                e.append(float(np.sqrt(np.mean((y[1:] - ref[1:]) ** 2))))
            p = [np.log(e[i] / e[i + 1]) / np.log(steps[i + 1] / steps[i]) for i in range(len(steps) - 1)]
            print(f"// {name:20s} {dtype.__name__:10s} t <= {duration:3d} steps {steps}: errors "
                  + " ".join(f"{x:.2e}" for x in e) + "  p = " + " ".join(f"{x:.2f}" for x in p))


def main():
    refs = {}
    for duration in DURATIONS:
        ref = trajectories(duration, DPS)
        check = trajectories(duration, 2 * DPS)
        worst = max(abs(a - b) for ra, rb in zip(ref, check) for sa, sb in zip(ra, rb) for a, b in zip(sa, sb))
        assert worst < mpf(10) ** -30, worst
        refs[duration] = ref
    print(f"// Generated by unit_tests/reference/make_kerr_refs.py (mpmath {mpmath.__version__}, exact solution at "
          f"{DPS} digits).")
    for duration in DURATIONS:
        print_table(duration, refs[duration])
    if "--orders" in sys.argv[1:]:
        observed_orders(refs)


if __name__ == "__main__":
    main()

"""Coefficients of kobie's implicit Runge-Kutta tableaus (DIRK and FIRK families): the exact or 60-digit values, their
verification, and the C++ headers generated from them.

    /usr/bin/python3 unit_tests/reference/implicit_coefficients.py            # verify; compare with the headers
    /usr/bin/python3 unit_tests/reference/implicit_coefficients.py --write    # verify; (re)write the headers
    /usr/bin/python3 unit_tests/reference/implicit_coefficients.py --print    # verify; print the headers

Needs mpmath (Debian's 1.2.1 and pip's 1.3.0 both work) and the standard library; no numpy / sympy. The headers are
passed through clang-format (repository .clang-format) when it is on PATH. Exit status 1 if any check fails.

Values: `Fraction` = exact rational (written 'P.0 / Q.0'); `mpf` = irrational, computed at 60 digits from a closed
form or a defining equation (written rounded to 30 significant digits). See README.md for the provenance of every
method. What is verified, per method:

  * row sums of a equal c; a lower triangular (DIRK); b equals the last row of a exactly when stiffly_accurate;
  * the order conditions of every rooted tree up to the claimed order hold (exactly for rational tableaus, to 1e-45
    otherwise) and some tree of the next order fails, so the order is exact; the same for the embedded weights
    (Radau IIA: with f(t0, y0) as an extra explicit stage at c = 0 carrying b_hat0);
  * the stability function R(z) = 1 + z b^T (I - zA)^{-1} 1 = det(I - zA + z 1 b^T) / det(I - zA), built from exact
    characteristic polynomials: R(-inf) (0 for the L-stable methods, modulus 1 for the symmetric ones), poles in the
    right half-plane (eigenvalues of A), |R(iy)| <= 1 for all real y (the E-polynomial |D(iy)|^2 - |N(iy)|^2 is
    non-negative) and, as requested, |R(iy)| sampled on a grid of y;
  * method-specific cross-checks against published decimals (Kvaerno 3 and 5, Radau IIA closed forms, Hairer's
    RADAU5 / RADAU constants).
"""

import argparse
import math
import pathlib
import shutil
import subprocess
import sys
from fractions import Fraction as F
from functools import lru_cache

from mpmath import mp, mpf, mpc

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from cpp_text import wrap  # noqa: E402

mp.dps = 60
HOLDS = mpf(10) ** -45  # an order condition "holds" (irrational tableaus)
FAILS = mpf(10) ** -20  # an order condition "fails"
REPO = pathlib.Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------------------------------------------------ numbers
def is_exact(x):
    return isinstance(x, (int, F))


def to_mpf(x):
    return mpf(x.numerator) / x.denominator if isinstance(x, F) else mpf(x)


def exact_method(m):
    """True if every coefficient is rational (all checks then run in exact arithmetic)."""
    vals = list(m["c"]) + list(m["b"]) + list(m["b_hat"]) + [x for row in m["a"] for x in row]
    vals += [m.get("b_hat0", F(0)), m.get("error_gamma", F(0))]
    return all(is_exact(v) for v in vals)


def field(m):
    return (lambda x: F(x)) if exact_method(m) else to_mpf


def flatten(x):
    if isinstance(x, (list, tuple)):
        return [y for item in x for y in flatten(item)]
    return [x]


def is_zero(x, scale=1):
    return x == 0 if is_exact(x) else abs(x) <= HOLDS * max(1, scale)


# ------------------------------------------------------------------------------------------------------ rooted trees
def _grow(t):
    """Every tree obtained from t (a sorted tuple of child trees) by attaching one new leaf to one of its nodes."""
    out = [tuple(sorted(t + ((),)))]
    for i, child in enumerate(t):
        for g in _grow(child):
            out.append(tuple(sorted(t[:i] + (g,) + t[i + 1:])))
    return out


@lru_cache(maxsize=None)
def trees_of_order(n):
    if n == 1:
        return ((),)
    return tuple(sorted({u for t in trees_of_order(n - 1) for u in _grow(t)}))


@lru_cache(maxsize=None)
def density(t):
    """gamma(t) = |t| * prod gamma(children); the order condition is b . Phi(t) = 1 / gamma(t)."""
    n = 1 + sum(tree_order(ch) for ch in t)
    return n * math.prod(density(ch) for ch in t)


@lru_cache(maxsize=None)
def tree_order(t):
    return 1 + sum(tree_order(ch) for ch in t)


assert [len(trees_of_order(n)) for n in range(1, 11)] == [1, 1, 2, 4, 9, 20, 48, 115, 286, 719]


def order_residuals(A, w, n, memo):
    """Largest |w . Phi(t) - 1/gamma(t)| over the trees of order n (A, w already in one number field)."""
    s = len(A)
    one = A[0][0] * 0 + 1

    def phi(t):
        if t not in memo:
            v = [one] * s
            for ch in t:
                u = phi(ch)
                au = [sum(A[i][j] * u[j] for j in range(s)) for i in range(s)]
                v = [v[i] * au[i] for i in range(s)]
            memo[t] = v
        return memo[t]

    worst = 0
    for t in trees_of_order(n):
        r = sum(w[i] * phi(t)[i] for i in range(s)) - one / density(t)
        worst = max(worst, abs(r))
    return worst


def verify_order(A, w, p, exact):
    """Checks that the weights w have order exactly p: every tree up to order p holds, some tree of order p+1 fails.
    Returns (ok, largest residual up to order p, largest residual at order p+1)."""
    memo = {}
    held = max((order_residuals(A, w, n, memo) for n in range(1, p + 1)), default=0)
    nxt = order_residuals(A, w, p + 1, memo)
    if exact:
        ok = held == 0 and nxt != 0
    else:
        ok = held <= HOLDS and nxt > FAILS
    return ok, held, nxt


# ------------------------------------------------------------------------------------------------ stability function
def det_poly(M):
    """Coefficients p[0..n] of det(I - z M) = sum_j p[j] z^j (Faddeev-LeVerrier; exact for rational M)."""
    n = len(M)
    zero = M[0][0] * 0
    ident = [[zero + (1 if i == j else 0) for j in range(n)] for i in range(n)]
    c = [zero] * (n + 1)
    c[n] = zero + 1
    Mk = [[zero] * n for _ in range(n)]
    for k in range(1, n + 1):
        AM = [[sum(M[i][l] * Mk[l][j] for l in range(n)) for j in range(n)] for i in range(n)]
        Mk = [[AM[i][j] + c[n - k + 1] * ident[i][j] for j in range(n)] for i in range(n)]
        AMk = [[sum(M[i][l] * Mk[l][j] for l in range(n)) for j in range(n)] for i in range(n)]
        c[n - k] = -sum(AMk[i][i] for i in range(n)) / k
    return [c[n - j] for j in range(n + 1)]


def stability_polys(A, b, b0=None):
    """(N, D) with R(z) = N(z) / D(z). With b0, the weights act on an extra explicit stage at c = 0 (Radau IIA)."""
    if b0 is not None:
        zero = A[0][0] * 0
        A = [[zero] * (len(A) + 1)] + [[zero] + list(row) for row in A]
        b = [b0] + list(b)
    s = len(A)
    D = det_poly(A)
    N = det_poly([[A[i][j] - b[j] for j in range(s)] for i in range(s)])
    return N, D


def degree(p):
    scale = max(abs(x) for x in p)
    d = len(p) - 1
    while d > 0 and is_zero(p[d], scale):
        d -= 1
    return d


def r_at_minus_infinity(N, D):
    """R(-inf) as a number, or None when R is unbounded there."""
    dn, dd = degree(N), degree(D)
    if dn > dd:
        return None
    if dn < dd:
        return N[0] * 0
    return N[dn] / D[dd]


def e_polynomial(N, D):
    """Coefficients in x = y^2 of E = |D(iy)|^2 - |N(iy)|^2 (real polynomials N, D)."""
    n = max(len(N), len(D))
    N = list(N) + [N[0] * 0] * (n - len(N))
    D = list(D) + [D[0] * 0] * (n - len(D))
    out = []
    for m in range(n):
        acc = N[0] * 0
        for j in range(0, 2 * m + 1):
            k = 2 * m - j
            if j < n and k < n:
                sign = -1 if (k + m) % 2 else 1
                acc += sign * (D[j] * D[k] - N[j] * N[k])
        out.append(acc)
    return out


def polyval(p, z):
    acc = 0
    for coef in reversed(p):
        acc = acc * z + to_mpf(coef)
    return acc


def imaginary_axis_ok(N, D):
    """E(x) >= 0 for all x >= 0 (x = y^2): coefficients all >= 0, or else no sign change at its positive roots."""
    E = [to_mpf(x) for x in e_polynomial(N, D)]
    scale = max([abs(x) for x in E] + [mpf(1)])
    if all(x >= -HOLDS * scale for x in E):
        return True, min(E)
    while len(E) > 1 and abs(E[-1]) <= HOLDS * scale:
        E.pop()
    roots = mp.polyroots(list(reversed(E)), maxsteps=400, extraprec=400)
    pos = sorted(mp.re(r) for r in roots if abs(mp.im(r)) < mpf(10) ** -30 and mp.re(r) > 0)
    probes = [mpf(0)] + [(u + v) / 2 for u, v in zip([mpf(0)] + pos, pos + [2 * (pos[-1] if pos else 1) + 1])]
    worst = min(polyval(E, x) for x in probes)
    return worst >= -HOLDS * scale, worst


def sampled_max_modulus(N, D):
    """max |R(iy)| over y = +-10^(k/20), k = -80 .. 120, and y = 0."""
    ys = [mpf(0)] + [sgn * mpf(10) ** (mpf(k) / 20) for k in range(-80, 121) for sgn in (1, -1)]
    return max(abs(polyval(N, mpc(0, y)) / polyval(D, mpc(0, y))) for y in ys)


def eigenvalues(A):
    M = mp.matrix([[to_mpf(x) for x in row] for row in A])
    ev, _ = mp.eig(M)
    return list(ev)


# ------------------------------------------------------------------------------------------------- the DIRK methods
def backward_euler():
    return dict(struct="BackwardEuler", name="backward-euler", family="dirk", file="backward_euler.hpp",
                title="Backward (implicit) Euler method", order=1, embedded_order=0, stiffly_accurate=True,
                expect_r_inf="0",
                cite=["Standard; see E. Hairer and G. Wanner (1996), Solving Ordinary Differential Equations II, "
                      "2nd ed., Springer, Sect. IV.3."],
                notes=["One implicit stage, L-stable, stiffly accurate. Fixed steps only (no embedded estimate)."],
                c=[F(1)], a=[[F(1)]], b=[F(1)], b_hat=[F(0)])


def implicit_midpoint():
    return dict(struct="ImplicitMidpoint", name="implicit-midpoint", family="dirk", file="implicit_midpoint.hpp",
                title="Implicit midpoint rule", order=2, embedded_order=0, stiffly_accurate=False,
                expect_r_inf="1",
                cite=["Standard (the one-stage Gauss-Legendre method); see E. Hairer and G. Wanner (1996), Solving "
                      "Ordinary Differential Equations II, 2nd ed., Springer, Sect. IV.3."],
                notes=["A-stable, symmetric, |R(-inf)| = 1 (stiff components are not damped). Fixed steps only."],
                c=[F(1, 2)], a=[[F(1, 2)]], b=[F(1)], b_hat=[F(0)])


def trapezoidal():
    return dict(struct="Trapezoidal", name="trapezoidal", family="dirk", file="trapezoidal.hpp",
                title="Trapezoidal rule", order=2, embedded_order=0, stiffly_accurate=True,
                expect_r_inf="1",
                cite=["Standard (two-stage Lobatto IIIA); see E. Hairer and G. Wanner (1996), Solving Ordinary "
                      "Differential Equations II, 2nd ed., Springer, Sect. IV.3."],
                notes=["ESDIRK form: the first stage is explicit (k1 = f(t0, y0)), the second implicit with c = 1. b "
                       "equals the last row of a, but a is singular, so R(-inf) = -1: A-stable, not L-stable. Fixed "
                       "steps only."],
                c=[F(0), F(1)], a=[[F(0), F(0)], [F(1, 2), F(1, 2)]], b=[F(1, 2), F(1, 2)], b_hat=[F(0), F(0)])


def crank_nicolson():
    return dict(struct="CrankNicolson", name="crank-nicolson", family="dirk", file="crank_nicolson.hpp",
                title="Crank-Nicolson (trapezoidal rule) with a backward-Euler error estimate",
                order=2, embedded_order=1, stiffly_accurate=False, expect_r_inf="1",
                cite=["J. Crank and P. Nicolson (1947), \"A practical method for numerical evaluation of solutions "
                      "of partial differential equations of the heat-conduction type\", Proc. Cambridge Philos. Soc. "
                      "43(1):50-67."],
                notes=["Stages 1-2 are the trapezoidal rule (b = (1/2, 1/2, 0), order 2); stage 3 is a separate "
                       "backward-Euler solve from the same start, k3 = f(t0 + h, y0 + h k3), whose result is the "
                       "embedded solution (b_hat = (0, 0, 1), order 1): the error estimate is CN - BE. The last row "
                       "of a is not b, so the method is not stiffly accurate; R(-inf) = -1 (A-stable, not L-stable)."],
                c=[F(0), F(1), F(1)],
                a=[[F(0), F(0), F(0)], [F(1, 2), F(1, 2), F(0)], [F(0), F(0), F(1)]],
                b=[F(1, 2), F(1, 2), F(0)], b_hat=[F(0), F(0), F(1)])


def sdirk22():
    g = 1 - mp.sqrt(2) / 2
    alpha = 2 - 5 * mp.sqrt(2) / 4
    return dict(struct="Sdirk22", name="sdirk-2-2", family="dirk", file="sdirk22.hpp",
                title="Alexander's two-stage L-stable SDIRK method of order 2",
                order=2, embedded_order=1, stiffly_accurate=True, expect_r_inf="0",
                cite=["R. Alexander (1977), \"Diagonally implicit Runge-Kutta methods for stiff O.D.E.'s\", SIAM J. "
                      "Numer. Anal. 14(6):1006-1021 (gamma = 1 - 1/sqrt(2)).",
                      "Embedded weights b_hat = (1 - alpha, alpha), alpha = 2 - 5 sqrt(2)/4: D. S. Blom et al. "
                      "(2016), \"A comparison of Rosenbrock and ESDIRK methods combined with iterative solvers for "
                      "unsteady compressible flows\", Adv. Comput. Math. 42:1401-1426, Table 4 (as used by Drake's "
                      "Sdirk2Integrator)."],
                notes=["Stiffly accurate and L-stable. The embedded formula has order 1 and R_hat(-inf) = -1/2."],
                c=[g, F(1)], a=[[g, F(0)], [1 - g, g]], b=[1 - g, g], b_hat=[1 - alpha, alpha])


def alexander_gamma():
    """The root of x^3 - 3x^2 + 3x/2 - 1/6 = 0 in (1/6, 1/2): L-stability of the 3-stage SDIRK / Kvaerno 3(2)."""
    g = mp.findroot(lambda x: x**3 - 3 * x**2 + mpf(3) / 2 * x - mpf(1) / 6, mpf("0.4358665215"))
    assert mpf(1) / 6 < g < mpf(1) / 2
    return g


def lstable_dirk3():
    g = alexander_gamma()
    b1 = -(6 * g**2 - 16 * g + 1) / 4
    b2 = (6 * g**2 - 20 * g + 5) / 4
    z = F(0)
    return dict(struct="LStableDirk3", name="lstable-dirk-3", family="dirk", file="lstable_dirk3.hpp",
                title="Alexander's three-stage L-stable SDIRK method of order 3",
                order=3, embedded_order=0, stiffly_accurate=True, expect_r_inf="0",
                cite=["R. Alexander (1977), \"Diagonally implicit Runge-Kutta methods for stiff O.D.E.'s\", SIAM J. "
                      "Numer. Anal. 14(6):1006-1021 (three-stage method of order 3)."],
                notes=["gamma = 0.43586652150845899941601945... is the root of x^3 - 3x^2 + 3x/2 - 1/6 = 0 in (1/6, "
                       "1/2); c = (gamma, (1 + gamma)/2, 1), a21 = (1 - gamma)/2, b1 = -(6 gamma^2 - 16 gamma + 1)/4, "
                       "b2 = (6 gamma^2 - 20 gamma + 5)/4, b3 = gamma. Stiffly accurate and L-stable. No embedded "
                       "formula is provided: fixed steps only."],
                c=[g, (1 + g) / 2, F(1)],
                a=[[g, z, z], [(1 - g) / 2, g, z], [b1, b2, g]],
                b=[b1, b2, g], b_hat=[z, z, z])


KVAERNO3_PUBLISHED = {  # OrdinaryDiffEq.jl Kvaerno3Tableau (15 digits, computed with the 10-digit gamma)
    (2, 0): "0.490563388419108", (2, 1): "0.073570090080892",
    (3, 0): "0.308809969973036", (3, 1): "1.490563388254106", (3, 2): "-1.235239879727145"}


def kvaerno3():
    g = alexander_gamma()
    a32 = (1 - 2 * g) / (4 * g)
    a42 = 1 / (12 * g * (1 - 2 * g))
    a43 = mpf(1) / 2 - g - 1 / (6 * (1 - 2 * g))
    z = F(0)
    a = [[z, z, z, z],
         [g, g, z, z],
         [1 - g - a32, a32, g, z],
         [1 - g - a42 - a43, a42, a43, g]]
    return dict(struct="Kvaerno3", name="kvaerno-3", family="dirk", file="kvaerno3.hpp",
                title="Kvaerno's ESDIRK 3(2) method (4 stages, stiffly accurate, L-stable)",
                order=3, embedded_order=2, stiffly_accurate=True, expect_r_inf="0",
                cite=["A. Kvaerno (2004), \"Singly diagonally implicit Runge-Kutta methods with an explicit first "
                      "stage\", BIT Numer. Math. 44(3):489-502 (the 4-stage method of order 3 with embedded order 2)."],
                notes=["Exact form: gamma is the root of x^3 - 3x^2 + 3x/2 - 1/6 = 0 in (1/6, 1/2) (L-stability; "
                       "0.4358665215 to 10 digits), c = (0, 2 gamma, 1, 1), a32 = (1 - 2 gamma)/(4 gamma), "
                       "a42 = 1/(12 gamma (1 - 2 gamma)), a43 = 1/2 - gamma - 1/(6 (1 - 2 gamma)), a31 and a41 from "
                       "the row sums. b is the last row of a; b_hat, the third row, is the embedded formula.",
                       "The commonly circulated 15-digit decimals were computed with the 10-digit gamma and differ "
                       "from these by up to 2e-10.",
                       "The embedded formula is not L-stable: R_hat(-inf) = -0.957."],
                c=[z, 2 * g, F(1), F(1)], a=a, b=list(a[3]), b_hat=list(a[2][:3]) + [z],
                published=KVAERNO3_PUBLISHED, published_tol=mpf("5e-10"))


KVAERNO5_PUBLISHED = {  # OrdinaryDiffEq.jl Kvaerno5Tableau (17 decimals, as in Kvaerno's paper)
    (2, 1): "0.84033320996790809",
    (3, 0): "0.22371961478320505", (3, 1): "0.47675532319799699", (3, 2): "-0.06470895363112615",
    (4, 0): "0.16648564323248321", (4, 1): "0.10450018841591720", (4, 2): "0.03631482272098715",
    (4, 3): "-0.13090704451073998",
    (5, 0): "0.13855640231268224", (5, 2): "-0.04245337201752043", (5, 3): "0.02446657898003141",
    (5, 4): "0.61943039072480676",
    (6, 0): "0.13659751177640291", (6, 2): "-0.05496908796538376", (6, 3): "-0.04118626728321046",
    (6, 4): "0.62993304899016403", (6, 5): "0.06962479448202728"}
KVAERNO5_UNKNOWNS = [k for k in sorted(KVAERNO5_PUBLISHED) if k[0] >= 3]


def _kvaerno5_matrix(x):
    g = F(13, 50)
    z = mpf(0)
    a = [[z] * 7 for _ in range(7)]
    a[1][0] = a[1][1] = to_mpf(g)
    a[2][0] = to_mpf(g) / 2
    a[2][1] = to_mpf(g) * (3 + 2 * mp.sqrt(3)) / 2
    for i in range(2, 7):
        a[i][i] = to_mpf(g)
    for (i, j), v in zip(KVAERNO5_UNKNOWNS, x):
        a[i][j] = v
    return a


def _kvaerno5_equations(*x):
    a = _kvaerno5_matrix(x)
    c = [sum(row) for row in a]
    dot = lambda u, v: sum(p * q for p, q in zip(u, v))  # noqa: E731
    E = []
    for i in (3, 4, 5, 6):  # stage order 3 of stages 4..7: C(2) and C(3)
        E.append(dot(a[i], c) - c[i] ** 2 / 2)
        E.append(dot(a[i], [cj**2 for cj in c]) - c[i] ** 3 / 3)
    for i in (5, 6):  # c6 = c7 = 1 and the quadrature condition of order 4
        E.append(c[i] - 1)
        E.append(dot(a[i], [cj**3 for cj in c]) - mpf(1) / 4)
    b = a[6]
    E.append(dot(b, [cj**4 for cj in c]) - mpf(1) / 5)  # order 5: quadrature
    ac3 = [dot(row, [cj**3 for cj in c]) for row in a]
    E.append(dot(b, ac3) - mpf(1) / 20)  # order 5: b^T A c^3 = 1/20
    E.append(sum(b[i] * a[i][1] for i in range(7)))  # order 5: stage 2 (C(3) fails there) does not propagate
    # L-stability: R(-inf) = e_7^T (-A~^{-1} a~_1) where A~ is the implicit 6x6 block and a~_1 its first column.
    At = mp.matrix([[a[i][j] for j in range(1, 7)] for i in range(1, 7)])
    a1 = mp.matrix([a[i][0] for i in range(1, 7)])
    E.append(-mp.lu_solve(At, a1)[5])
    return E


def kvaerno5():
    x0 = [mpf(KVAERNO5_PUBLISHED[k]) for k in KVAERNO5_UNKNOWNS]
    sol = mp.findroot(_kvaerno5_equations, x0, tol=mpf(10) ** -110, maxsteps=60)
    x = [sol[i] for i in range(len(x0))]
    resid = max(abs(e) for e in _kvaerno5_equations(*x))
    # Conditioning of the system at the solution: smallest singular value of its Jacobian (central differences).
    n, h = len(x), mpf(10) ** -25
    J = mp.matrix(n, n)
    for j in range(n):
        xp, xm = list(x), list(x)
        xp[j] += h
        xm[j] -= h
        ep, em = _kvaerno5_equations(*xp), _kvaerno5_equations(*xm)
        for i in range(n):
            J[i, j] = (ep[i] - em[i]) / (2 * h)
    smin = min(mp.svd_r(J, compute_uv=False))
    a = _kvaerno5_matrix(x)
    g = F(13, 50)
    for i in range(1, 7):  # exact entries back as rationals
        a[i][i] = g
    a[1][0] = g
    a[2][0] = g / 2
    a[5][1] = a[6][1] = F(0)
    for i in range(7):
        for j in range(i + 1, 7):
            a[i][j] = F(0)
    a[0][0] = F(0)
    c = [F(0), 2 * g, to_mpf(g) * (3 + mp.sqrt(3))] + [sum(to_mpf(v) for v in a[i]) for i in (3, 4)] + [F(1), F(1)]
    return dict(struct="Kvaerno5", name="kvaerno-5", family="dirk", file="kvaerno5.hpp",
                title="Kvaerno's ESDIRK 5(4) method (7 stages, stiffly accurate, L-stable)",
                order=5, embedded_order=4, stiffly_accurate=True, expect_r_inf="0",
                cite=["A. Kvaerno (2004), \"Singly diagonally implicit Runge-Kutta methods with an explicit first "
                      "stage\", BIT Numer. Math. 44(3):489-502 (the 7-stage method of order 5 with embedded order "
                      "4, gamma = 0.26)."],
                notes=["The coefficients are published as 17-decimal values. These are the exact solution of the design equations "
                       "nearest to them (60-digit Newton solve, unit_tests/reference/implicit_coefficients.py): "
                       "gamma = 13/50, a21 = gamma, a31 = gamma/2, a32 = gamma (3 + 2 sqrt 3)/2, c3 = gamma (3 + "
                       "sqrt 3), a62 = a72 = 0, stages 3-7 of stage order 3, c6 = c7 = 1, the order conditions "
                       "(order 5 for row 7 = b, order 4 for row 6 = b_hat) and R(-inf) = 0. They agree with every "
                       "published decimal to 1e-17.",
                       "b is the last row of a; b_hat, the sixth row, is the embedded formula (not L-stable: "
                       "R_hat(-inf) = -0.748)."],
                c=c, a=a, b=list(a[6]), b_hat=list(a[5][:6]) + [F(0)],
                published={k: v for k, v in KVAERNO5_PUBLISHED.items()}, published_tol=mpf("1e-17"),
                solve_report=(resid, smin))


def lstable_sdirk4():
    z = F(0)
    g = F(1, 4)
    a = [[g, z, z, z, z],
         [F(1, 2), g, z, z, z],
         [F(17, 50), F(-1, 25), g, z, z],
         [F(371, 1360), F(-137, 2720), F(15, 544), g, z],
         [F(25, 24), F(-49, 48), F(125, 16), F(-85, 12), g]]
    return dict(struct="LStableSdirk4", name="lstable-sdirk-4", family="dirk", file="lstable_sdirk4.hpp",
                title="Hairer and Wanner's L-stable SDIRK method of order 4 (gamma = 1/4)",
                order=4, embedded_order=3, stiffly_accurate=True, expect_r_inf="0",
                cite=["E. Hairer and G. Wanner (1996), Solving Ordinary Differential Equations II, 2nd ed., "
                      "Springer, Sect. IV.6, Table 6.5 (the gamma = 1/4 method of the code SDIRK4)."],
                notes=["Five implicit stages with gamma = 1/4, c = (1/4, 3/4, 11/20, 1/2, 1). b is the last row of a; "
                       "b_hat is the third-order embedded formula of the same table (not A-stable: R_hat(-inf) = 10/3)."],
                c=[g, F(3, 4), F(11, 20), F(1, 2), F(1)], a=a, b=list(a[4]),
                b_hat=[F(59, 48), F(-17, 96), F(225, 32), F(-85, 12), z])


# ------------------------------------------------------------------------------------------------- the FIRK methods
def shifted_legendre(n):
    """Coefficients (ascending powers of x) of P_n(2x - 1), exact."""
    return [F((-1) ** (n + k) * math.comb(n, k) * math.comb(n + k, k)) for k in range(n + 1)]


def poly_roots(coeffs):
    """Real roots (ascending) of a polynomial with exact coefficients, refined by Newton's method at 60 digits."""
    p = [to_mpf(x) for x in coeffs]
    dp = [k * p[k] for k in range(1, len(p))]
    roots = mp.polyroots(list(reversed(p)), maxsteps=500, extraprec=500)
    out = []
    for r in roots:
        assert abs(mp.im(r)) < mpf(10) ** -40
        x = mp.re(r)
        for _ in range(5):
            x -= polyval(p, x) / polyval(dp, x)
        out.append(x)
    return sorted(out)


def collocation(c):
    """a_ij = int_0^{c_i} l_j, b_j = int_0^1 l_j for the Lagrange basis l_j on the nodes c."""
    s = len(c)
    A, b = [[None] * s for _ in range(s)], [None] * s
    for j in range(s):
        poly = [mpf(1)]
        for m in range(s):
            if m == j:
                continue
            den = c[j] - c[m]
            poly = [(poly[k - 1] if k > 0 else 0) / den - (poly[k] if k < len(poly) else 0) * c[m] / den
                    for k in range(len(poly) + 1)]
        integ = lambda x: sum(coef * x ** (k + 1) / (k + 1) for k, coef in enumerate(poly))  # noqa: E731
        for i in range(s):
            A[i][j] = integ(c[i])
        b[j] = integ(mpf(1))
    return A, b


def snap(x, max_den=1000):
    """x as a Fraction when it lies within 1e-55 of one with denominator <= max_den (e.g. b_s = a_ss = 1/s^2 of
    Radau IIA, a_ii = 1/4 of Gauss-Legendre 4), else unchanged."""
    if is_exact(x):
        return x
    q = F(str(mp.nstr(x, 50))).limit_denominator(max_den)
    return q if abs(to_mpf(q) - x) < mpf(10) ** -55 else x


def gauss_nodes(s):
    return poly_roots(shifted_legendre(s))


def radau_nodes(s):
    p, q = shifted_legendre(s), shifted_legendre(s - 1)
    return poly_roots([p[k] - (q[k] if k < len(q) else 0) for k in range(s + 1)])


def gauss_legendre(s):
    c = gauss_nodes(s)
    A, b = collocation(c)
    return [snap(x) for x in c], [[snap(x) for x in row] for row in A], [snap(x) for x in b]


def radau_iia(s):
    c = radau_nodes(s)
    c[-1] = F(1)  # exactly
    A, b = collocation([to_mpf(x) for x in c])
    return [snap(x) for x in c], [[snap(x) for x in row] for row in A], [snap(x) for x in b]


def radau_error_weights(c, A, b, gamma0):
    """Hairer's embedded formula: y_hat - y1 = gamma0 (h f(t0, y0) + sum_i d_i Z_i), Z = stage increments, with d
    solving sum d_i c_i = -1, sum d_i c_i^k = 0 (k = 2..s). Returns (d, b_hat) with b_hat = b + gamma0 A^T d."""
    s = len(c)
    V = mp.matrix([[to_mpf(c[i]) ** k for i in range(s)] for k in range(1, s + 1)])
    rhs = mp.matrix([-1] + [0] * (s - 1))
    d = mp.lu_solve(V, rhs)
    d = [d[i] for i in range(s)]
    bh = [to_mpf(b[j]) + to_mpf(gamma0) * sum(to_mpf(A[i][j]) * d[i] for i in range(s)) for j in range(s)]
    return d, bh


def gauss_method(s):
    c, A, b = gauss_legendre(s)
    checks = []
    if s == 2:
        r3 = mp.sqrt(3)
        closed = dict(c=[mpf(1) / 2 - r3 / 6, mpf(1) / 2 + r3 / 6],
                      a=[[mpf(1) / 4, mpf(1) / 4 - r3 / 6], [mpf(1) / 4 + r3 / 6, mpf(1) / 4]], b=[mpf(1) / 2] * 2)
        checks.append(("closed form c = 1/2 -+ sqrt(3)/6, a, b", {k: (v_got, closed[k])
                                                                for k, v_got in (("c", c), ("a", A), ("b", b))}))
    z = F(0)
    return dict(struct="GaussLegendre%d" % (2 * s), name="gauss-legendre-%d" % (2 * s), family="firk",
                file="gauss_legendre%d.hpp" % (2 * s),
                title="Gauss-Legendre collocation method, %d stages, order %d" % (s, 2 * s),
                order=2 * s, embedded_order=0, stiffly_accurate=False, expect_r_inf="1",
                cite=["J. C. Butcher (1964), \"Implicit Runge-Kutta processes\", Math. Comp. 18(85):50-64; see also "
                      "E. Hairer and G. Wanner (1996), Solving Ordinary Differential Equations II, 2nd ed., "
                      "Springer, Sect. IV.5."],
                notes=["Collocation at the zeros of the shifted Legendre polynomial P_%d(2c - 1); a_ij = int_0^c_i "
                       "l_j, b_j = int_0^1 l_j (l_j the Lagrange basis on c), computed in 60-digit arithmetic. "
                       "A-stable, symmetric, |R(-inf)| = 1. No embedded estimate (fixed steps): b_hat0, b_hat and "
                       "error_gamma are zero." % s],
                c=c, a=A, b=b, b_hat=[z] * s, b_hat0=z, error_gamma=z, closed_forms=checks)


RADAU9_HAIRER = dict(  # Hairer's radau.f (NS = 5), as copied in OrdinaryDiffEq.jl RadauIIA9Tableau, 22 digits
    c=["5.710419611451768219312e-2", "2.7684301363812382768e-1", "5.835904323689168200567e-1",
       "8.602401356562194478479e-1"],
    inv_gamma0="6.286704751729276645173",
    d=["-2.778093394406463730479e1", "3.641478498049213152712", "-1.252547721169118720491",
       "5.920031671845428725662e-1", "-2.0e-1"])


def radau_method(s):
    c, A, b = radau_iia(s)
    checks = []
    if s == 2:
        exact = dict(c=[F(1, 3), F(1)], a=[[F(5, 12), F(-1, 12)], [F(3, 4), F(1, 4)]], b=[F(3, 4), F(1, 4)])
        checks.append(("exact rationals c = (1/3, 1), a, b", {k: (v_got, exact[k])
                                                               for k, v_got in (("c", c), ("a", A), ("b", b))}))
        c, A, b = exact["c"], exact["a"], exact["b"]
        gamma0 = F(1, 3)
        d, bh = radau_error_weights(c, A, b, gamma0)
        d_exact = [F(-9, 2), F(1, 2)]
        bh_exact = [F(1, 4), F(5, 12)]
        checks.append(("d = (-9/2, 1/2), b_hat = (1/4, 5/12)", dict(d=(d, d_exact), b_hat=(bh, bh_exact))))
        bh = bh_exact
        gamma_note = ("s = 2: A has no real eigenvalue (its eigenvalues are 1/3 +- i sqrt(2)/6); we take gamma0 = 1/3, "
                      "their common real part (Hairer's codes have odd s only, so there is no reference "
                      "choice).")
    else:
        ev = eigenvalues(A)
        real = [mp.re(e) for e in ev if abs(mp.im(e)) < mpf(10) ** -40]
        assert len(real) == 1
        gamma0 = real[0]
        d, bh = radau_error_weights(c, A, b, gamma0)
        if s == 3:
            r6 = mp.sqrt(6)
            cbrt9 = mp.cbrt(9)
            closed = dict(c=[(4 - r6) / 10, (4 + r6) / 10, mpf(1)],
                          a=[[(88 - 7 * r6) / 360, (296 - 169 * r6) / 1800, (-2 + 3 * r6) / 225],
                             [(296 + 169 * r6) / 1800, (88 + 7 * r6) / 360, (-2 - 3 * r6) / 225],
                             [(16 - r6) / 36, (16 + r6) / 36, mpf(1) / 9]],
                          b=[(16 - r6) / 36, (16 + r6) / 36, mpf(1) / 9])
            checks.append(("closed form (Hairer-Wanner II, Sect. IV.5)",
                           {k: (v_got, closed[k]) for k, v_got in (("c", c), ("a", A), ("b", b))}))
            checks.append(("gamma0 = (6 + 81^(1/3) - 9^(1/3))/30 (RADAU5), d = (-(13 + 7 sqrt 6)/3, (-13 + 7 sqrt "
                           "6)/3, -1/3) (HW II (8.19))",
                           dict(gamma0=(gamma0, (6 + cbrt9**2 - cbrt9) / 30),
                                d=(d, [-(13 + 7 * r6) / 3, (-13 + 7 * r6) / 3, -mpf(1) / 3]))))
        if s == 5:
            hw = RADAU9_HAIRER
            checks.append(("Hairer's radau.f constants (22 digits): c1..c4, 1/gamma0, d",
                           dict(c=(c[:4], [mpf(x) for x in hw["c"]]),
                                inv_gamma0=(1 / gamma0, mpf(hw["inv_gamma0"])),
                                d=(d, [mpf(x) for x in hw["d"]]), tol=mpf("1e-20"))))
        gamma_note = ("gamma0 = the real eigenvalue of A (1/gamma0 is the real eigenvalue of A^{-1}), as in Hairer's "
                      "RADAU5 (s = 3) and RADAU (s = 5), so that the estimate reuses the real factorisation of the "
                      "Newton iteration.")
    cite = ["B. L. Ehle (1969), \"On Pade approximations to the exponential function and A-stable methods for the "
            "numerical solution of initial value problems\", Research Report CSRR 2010, Univ. of Waterloo; J. C. "
            "Butcher (1964), \"Integration processes based on Radau quadrature formulas\", Math. Comp. "
            "18(86):233-244.",
            "Error estimate: E. Hairer and G. Wanner (1996), Solving Ordinary Differential Equations II, 2nd ed., "
            "Springer, Sect. IV.8, (8.19)-(8.20), and E. Hairer and G. Wanner (1999), \"Stiff differential equations "
            "solved by Radau methods\", J. Comput. Appl. Math. 111:93-111 (codes RADAU5 and RADAU)."]
    notes = ["Collocation at the zeros of P_%d(2c - 1) - P_%d(2c - 1) (c_s = 1); a_ij = int_0^c_i l_j, b_j = "
             "int_0^1 l_j, computed in 60-digit arithmetic. Stiffly accurate, L-stable, order %d." % (s, s - 1,
                                                                                                   2 * s - 1),
             "Embedded estimate (Hairer): y_hat = y0 + h (b_hat0 f(t0, y0) + sum_j b_hat_j k_j) has order %d; use "
             "err = (I - h error_gamma J)^{-1} (y_hat - y1), J ~ df/dy (the sign of err is immaterial). b_hat0 = "
             "error_gamma = gamma0 and b_hat = b + gamma0 A^T d, so that y_hat - y1 = gamma0 (h f(t0, y0) + sum_i d_i "
             "(Y_i - y0)) with Y_i the stage values and d the solution of sum_i d_i c_i = -1, sum_i d_i c_i^k = 0 "
             "(%s). %s" % (s, "k = 2" if s == 2 else "k = 2..%d" % s, gamma_note)]
    return dict(struct="RadauIIA%d" % (2 * s - 1), name="radau-iia-%d" % (2 * s - 1), family="firk",
                file="radau_iia%d.hpp" % (2 * s - 1),
                title="Radau IIA collocation method, %d stages, order %d" % (s, 2 * s - 1),
                order=2 * s - 1, embedded_order=s, stiffly_accurate=True, expect_r_inf="0",
                cite=cite, notes=notes, c=c, a=A, b=list(b), b_hat=bh, b_hat0=gamma0, error_gamma=gamma0,
                closed_forms=checks, radau_d=d)


def all_methods():
    return [backward_euler(), implicit_midpoint(), trapezoidal(), crank_nicolson(), sdirk22(), lstable_dirk3(),
            kvaerno3(), kvaerno5(), lstable_sdirk4(), gauss_method(2), gauss_method(4), radau_method(2),
            radau_method(3), radau_method(5)]


# ------------------------------------------------------------------------------------------------------------ checks
def fmt(x, digits=3):
    if x is None:
        return "unbounded"
    if is_exact(x):
        return str(x)
    return mp.nstr(to_mpf(x), digits)


def verify(m):
    """Runs every check on one method; returns (list of failure messages, summary dict)."""
    fails = []
    conv = field(m)
    exact = exact_method(m)
    s = len(m["c"])
    A = [[conv(x) for x in row] for row in m["a"]]
    c = [conv(x) for x in m["c"]]
    b = [conv(x) for x in m["b"]]
    bh = [conv(x) for x in m["b_hat"]]
    bh0 = conv(m["b_hat0"]) if "b_hat0" in m else None
    summary = {}

    def need(cond, what):
        if not cond:
            fails.append(what)

    need(len(A) == s and all(len(r) == s for r in A) and len(b) == s and len(bh) == s, "shapes")
    for i in range(s):
        need(is_zero(sum(A[i]) - c[i]), "row %d of a does not sum to c" % i)
    if m["family"] == "dirk":
        need(all(A[i][j] == 0 for i in range(s) for j in range(i + 1, s)), "a is not lower triangular")
    sa = all(is_zero(b[j] - A[s - 1][j]) for j in range(s))
    need(sa == m["stiffly_accurate"], "stiffly_accurate flag is %s, data says %s" % (m["stiffly_accurate"], sa))

    ok, held, nxt = verify_order(A, b, m["order"], exact)
    need(ok, "order %d not exact (residual %s up to it, %s at the next)" % (m["order"], fmt(held), fmt(nxt)))
    summary["order"] = (m["order"], held, nxt)

    pe = m["embedded_order"]
    if pe == 0:
        need(all(x == 0 for x in bh) and (bh0 is None or bh0 == 0), "b_hat must be zero without an embedded formula")
    else:
        if bh0 is None:
            Ae, we = A, bh
        else:
            zero = A[0][0] * 0
            Ae = [[zero] * (s + 1)] + [[zero] + list(r) for r in A]
            we = [bh0] + bh
        ok, held, nxt = verify_order(Ae, we, pe, exact)
        need(ok, "embedded order %d not exact (%s, next %s)" % (pe, fmt(held), fmt(nxt)))
        summary["embedded"] = (pe, held, nxt)

    N, D = stability_polys(A, b)
    rinf = r_at_minus_infinity(N, D)
    summary["r_inf"] = rinf
    if m["expect_r_inf"] == "0":
        need(rinf is not None and is_zero(rinf), "not L-stable: R(-inf) = %s" % fmt(rinf))
    else:
        need(rinf is not None and is_zero(abs(rinf) - 1), "|R(-inf)| = %s, expected 1" % fmt(rinf))
    poles = [to_mpf(A[i][i]) for i in range(s)] if m["family"] == "dirk" else eigenvalues(A)
    poles_ok = all(mp.re(e) > 0 for e in poles if abs(e) > mpf(10) ** -40)
    need(poles_ok, "a pole of R lies in the closed left half-plane")
    axis_ok, _ = imaginary_axis_ok(N, D)
    need(axis_ok, "E-polynomial negative somewhere: |R(iy)| > 1")
    sampled = sampled_max_modulus(N, D)
    need(sampled <= 1 + HOLDS, "sampled |R(iy)| = %s > 1" % fmt(sampled))
    summary["a_stable"] = poles_ok and axis_ok and sampled <= 1 + HOLDS
    summary["sampled"] = sampled
    if pe:
        Nh, Dh = stability_polys(A, bh, bh0)
        summary["r_hat_inf"] = r_at_minus_infinity(Nh, Dh)
        if bh0 is not None:  # filtered estimate (1 - gamma0 z)^{-1} (R_hat - R) at z -> -inf
            zz = -mpf(10) ** 30
            g0 = to_mpf(m["error_gamma"])
            est = (polyval(Nh, zz) / polyval(Dh, zz) - polyval(N, zz) / polyval(D, zz)) / (1 - g0 * zz)
            summary["filtered_inf"] = est
            need(is_zero(bh0 - conv(m["error_gamma"])), "b_hat0 != error_gamma")

    for label, ref in m.get("closed_forms", []):
        tol = ref.get("tol", mpf(10) ** -50)
        worst = mpf(0)
        for key, (got, want) in ((k, v) for k, v in ref.items() if k != "tol"):
            worst = max([worst] + [abs(to_mpf(x) - to_mpf(y)) for x, y in zip(flatten(got), flatten(want))])
        need(worst <= tol, "cross-check '%s' off by %s" % (label, fmt(worst)))
        summary.setdefault("cross", []).append((label, worst))

    if "published" in m:
        worst = max(abs(to_mpf(m["a"][i][j]) - mpf(v)) for (i, j), v in m["published"].items())
        need(worst <= m["published_tol"], "published decimals off by %s" % fmt(worst))
        summary["published"] = worst
    if "solve_report" in m:
        resid, smin = m["solve_report"]
        need(resid <= mpf(10) ** -50 and smin > mpf(10) ** -4, "Kvaerno 5 design equations not solved cleanly")
        summary["solve"] = (resid, smin)
    return fails, summary


# ------------------------------------------------------------------------------------------------------- C++ output
def cpp_number(x):
    """'P.0 / Q.0' for a rational, else the value rounded to 30 significant digits (d.ddd...e-N)."""
    if is_exact(x):
        x = F(x)
        if x.denominator == 1:
            return "%d.0" % x.numerator
        return "%d.0 / %d.0" % (x.numerator, x.denominator)
    x = to_mpf(x)
    if x == 0:
        return "0.0"
    sign = "-" if x < 0 else ""
    x = abs(x)
    e = int(mp.floor(mp.log10(x)))
    mant = int(mp.nint(x / mpf(10) ** e * mpf(10) ** 29))
    if mant >= 10**30:
        e += 1
        mant = int(mp.nint(x / mpf(10) ** e * mpf(10) ** 29))
    if mant < 10**29:
        e -= 1
        mant = int(mp.nint(x / mpf(10) ** e * mpf(10) ** 29))
    digits = str(mant)
    assert len(digits) == 30
    return sign + digits[0] + "." + digits[1:] + ("e%d" % e if e != 0 else "")


def comment_block(paragraphs, prefix="/// "):
    out = []
    for k, para in enumerate(paragraphs):
        if k:
            out.append(prefix.rstrip())
        words, line = [], ""
        for w in para.split():  # an operator stays with the word before it: no line starts with '-', '=' ...
            if words and w in ("-", "+", "=", "*", "/", "~", "->"):
                words[-1] += " " + w
            else:
                words.append(w)
        for w in words:
            if line and len(prefix) + len(line) + 1 + len(w) > 120:
                out.append(prefix + line)
                line = w
            else:
                line = (line + " " + w) if line else w
        out.append(prefix + line)
    return out


def cpp_array(decl, values, indent=2):
    items = [cpp_number(v) for v in values]
    one = " " * indent + decl + " = {" + ", ".join(items) + "};"
    if len(one) <= 120:
        return [one]
    return [" " * indent + decl + " = {", wrap(items, indent + 4) + ",", " " * indent + "};"]


def header_text(m):
    s = len(m["c"])
    fam = m["family"]
    lines = ["/// \\file", "/// \\brief %s: tableau data." % m["title"], "#pragma once", "", "namespace kobie {",
             "namespace tableaus {", ""]
    brief = ["\\brief " + m["cite"][0]] + m["cite"][1:] + m["notes"]
    brief.append("Generated by unit_tests/reference/implicit_coefficients.py, which verifies the order conditions "
                 "and stability claims. Spelling: 'P.0 / Q.0' = exact rational; long decimals = irrational values "
                 "rounded to 30 significant digits.")
    lines += comment_block(brief)
    lines.append("struct %s {" % m["struct"])
    lines.append("  static constexpr const char* name = \"%s\";" % m["name"])
    lines.append("  static constexpr int stages = %d;" % s)
    lines.append("  static constexpr int order = %d;" % m["order"])
    lines.append("  static constexpr int embedded_order = %d;  // 0: no embedded error estimate" % m["embedded_order"])
    lines.append("  static constexpr bool stiffly_accurate = %s;  // b equals the last row of a"
                 % ("true" if m["stiffly_accurate"] else "false"))
    lines += cpp_array("static constexpr double c[stages]", m["c"])
    rows = []
    for row in m["a"]:
        items = [cpp_number(v) for v in row]
        one = "      {" + ", ".join(items) + "},"
        rows.append(one if len(one) <= 120 else "      {\n" + wrap(items, 10) + ",\n      },")
    lines.append("  static constexpr double a[stages][stages] = {")
    lines += rows
    if fam == "dirk":
        lines.append("  };  // lower triangular including the diagonal, zeros above")
    else:
        lines.append("  };  // full")
    lines += cpp_array("static constexpr double b[stages]", m["b"])
    if fam == "dirk":
        lines.append("  // embedded weights; all zero when embedded_order == 0")
        lines += cpp_array("static constexpr double b_hat[stages]", m["b_hat"])
    else:
        lines.append("  // embedded estimate: y_hat = y0 + h (b_hat0 f(t0, y0) + sum_j b_hat[j] k_j),")
        lines.append("  // err = (I - h error_gamma J)^{-1} (y_hat - y1); all zero when embedded_order == 0")
        lines.append("  static constexpr double b_hat0 = %s;" % cpp_number(m["b_hat0"]))
        lines += cpp_array("static constexpr double b_hat[stages]", m["b_hat"])
        lines.append("  static constexpr double error_gamma = %s;" % cpp_number(m["error_gamma"]))
    lines += ["};", "", "}  // namespace tableaus", "}  // namespace kobie", ""]
    return "\n".join(lines)


def header_path(m):
    return REPO / "include" / "kobie" / "algorithms" / m["family"] / "tableaus" / m["file"]


def formatted(text, path):
    exe = shutil.which("clang-format")
    if not exe:
        return text
    res = subprocess.run([exe, "--style=file", "--assume-filename=%s" % path], input=text, capture_output=True,
                         text=True, check=True)
    return res.stdout


# -------------------------------------------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="(re)write the C++ headers")
    ap.add_argument("--print", action="store_true", help="print the C++ headers")
    args = ap.parse_args()
    if not shutil.which("clang-format"):
        print("note: clang-format not found; headers are compared/written unformatted")

    methods = all_methods()
    failed = False
    print("%-18s %2s %-24s %-24s %-6s %-12s %-8s %s" % ("method", "s", "order (max res; next)",
                                                         "embedded (max res; next)", "SA", "R(-inf)", "A-stable",
                                                         "R_hat(-inf)"))
    for m in methods:
        fails, sm = verify(m)
        o = sm["order"]
        order_txt = "%d (%s; %s)" % (o[0], fmt(o[1], 2), fmt(o[2], 2))
        if "embedded" in sm:
            e = sm["embedded"]
            emb_txt = "%d (%s; %s)" % (e[0], fmt(e[1], 2), fmt(e[2], 2))
        else:
            emb_txt = "-"
        rh = fmt(sm.get("r_hat_inf"), 4) if "embedded" in sm else "-"
        if "filtered_inf" in sm:
            rh += ", filtered est. -> %s" % fmt(sm["filtered_inf"], 4)
        print("%-18s %2d %-24s %-24s %-6s %-12s %-8s %s" % (m["name"], len(m["c"]), order_txt, emb_txt,
                                                            "yes" if m["stiffly_accurate"] else "no",
                                                            fmt(sm["r_inf"], 4), "yes" if sm["a_stable"] else "NO",
                                                            rh))
        for label, worst in sm.get("cross", []):
            print("    cross-check %s: max difference %s" % (label, fmt(worst, 2)))
        if "published" in sm:
            print("    published decimals: max difference %s" % fmt(sm["published"], 2))
        if "solve" in sm:
            print("    design equations: residual %s, smallest singular value of the Jacobian %s"
                  % (fmt(sm["solve"][0], 2), fmt(sm["solve"][1], 3)))
        for f in fails:
            print("    FAILED: " + f)
        failed |= bool(fails)

    print()
    for m in methods:
        path = header_path(m)
        text = formatted(header_text(m), path)
        if args.print:
            print("// ---- %s\n%s" % (path.relative_to(REPO), text))
        if args.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            print("wrote %s" % path.relative_to(REPO))
        elif not args.print:
            state = "up to date" if path.exists() and path.read_text() == text else "DIFFERS (run with --write)"
            print("%s: %s" % (path.relative_to(REPO), state))
            failed |= state != "up to date"
    print("\nall checks passed" if not failed else "\nSOME CHECKS FAILED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

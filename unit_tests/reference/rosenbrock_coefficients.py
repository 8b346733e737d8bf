"""Offline verification of kobie's Rosenbrock tableaus against the Rosenbrock order conditions.

    /usr/bin/python3 unit_tests/reference/rosenbrock_coefficients.py        # exit status 1 if any check fails

Reads the coefficients out of the headers include/kobie/algorithms/rosenbrock/tableaus/*.hpp (so what is checked is
what the C++ code compiles) and checks them in exact rational arithmetic (Fraction), twice: once with the literals
exactly as written (decimal literals exactly, 'P.0 / Q.0' as the rational P/Q) and once with the doubles the compiler
makes of them. Needs only the standard library and mpmath (for the closed-form cross-checks).

The form of the tableaus (Hairer & Wanner, Solving ODEs II, 2nd ed. 1996, Sect. IV.7, "transformed variables", the form
of their code RODAS): stage i solves
    (I/(h gamma) - J) U_i = f(t + c_i h, y + sum_{j<i} a_ij U_j) + sum_{j<i} (C_ij / h) U_j + h d_i df/dt,
y_new = y + sum_i m_i U_i and the error estimate is sum_i e_i U_i with e = m - m_hat (m_hat: the embedded solution).
With Gamma = (gamma_ij) lower triangular with diagonal gamma, Gamma^{-1} = diag(1/gamma) - C, and the original
coefficients of the method y_new = y + sum b_j k_j,
    (I - h gamma J) k_i = h f(t + alpha_i h, y + sum_{j<i} alpha_ij k_j) + h J sum_{j<i} gamma_ij k_j + gamma_i h^2 f_t,
are alpha = a Gamma, b = m Gamma, b_hat = (m - e) Gamma, and the U_i = sum_{j<=i} gamma_ij k_j. The tableau also
carries c_i = alpha_i = sum_j alpha_ij and d_i = gamma_i = sum_{j<=i} gamma_ij, which are checked (step 1).

Order conditions (step 2). Exact Jacobian: Hairer & Wanner II, Sect. IV.7 ("Order conditions", Table 7.1; E. Hairer,
G. Wanner, Solving Ordinary Differential Equations II, 2nd ed., Springer 1996): the method has order p iff
    sum_j b_j Phi_j(t) = 1 / gamma(t)     for every rooted tree t with |t| <= p,
where gamma(t) is Butcher's density and the elementary weight is built recursively with beta = alpha + Gamma (Gamma
including its diagonal): Phi_j(leaf) = 1; Phi_j([t1]) = sum_k beta_jk Phi_k(t1) at a vertex with exactly one child
(the hJ sum gamma_ij k_j term contributes to exactly those); Phi_j([t1, ..., tm]) = prod_l sum_k alpha_jk Phi_k(tl) at
a vertex with m >= 2 children. (With the diagonal gamma split off this is Hairer & Wanner's table, e.g. sum b_j
beta'_jk = 1/2 - gamma.) Non-autonomous problems need no extra conditions once c_i = sum_j alpha_ij and
d_i = sum_j gamma_ij hold (autonomization; step 1). The script checks every tree up to the claimed order, for b and
for b_hat, and that some tree of order + 1 fails, so the order is exact.

W-method conditions (step 3, Rosenbrock23): for an arbitrary matrix A in place of J (W-methods; Steihaug & Wolfbrandt
1979, Math. Comp. 33:521-534; Hairer & Wanner II, Sect. IV.7, "W-methods") order 2 holds iff
    sum_j b_j = 1,   sum_j b_j alpha_j = 1/2,   sum_j b_j gamma_j = 0      (gamma_j = sum_{k<=j} gamma_jk),
since k_i = h f + h^2 (alpha_i f'f + gamma_i A f) + O(h^3) and the exact solution has no A term. Checked for b and
b_hat of every method against what the headers state (Rosenbrock23: both; Rodas3P: b_hat, the W-method Rodas23W;
Rodas5P: b; ROS3P and RODAS4: neither).

Stability (step 4): R(z) = 1 + z b^T (I - z B)^{-1} 1 with B = alpha + Gamma (Hairer & Wanner II, Sect. IV.7);
R(inf) = 1 - b^T B^{-1} 1. A stiffly accurate method (m_j = a_sj for j < s, m_s = 1, i.e. b = last row of B) has
R(inf) = 0. |R(iy)| is sampled on a logarithmic grid (an indication of A-stability, not a proof).

Dense output (extra): y(t + theta h) = (1 - theta) y + theta (y_new + (1 - theta) sum_k theta^k sum_i H[k][i] U_i),
i.e. weights m(theta) = theta m + theta (1 - theta) sum_k theta^k H[k]; its order is the largest q with
sum_j b_j(theta) Phi_j(t) = theta^|t| / gamma(t) (b(theta) = m(theta) Gamma) for all |t| <= q, checked at theta = k/9,
k = 1..9 (enough points for these polynomials in theta to vanish identically).

Sources of the coefficients (what each header holds and where it was cross-checked):

* ros3p.hpp: J. Lang, J. Verwer (2001), "ROS3P - an accurate third-order Rosenbrock solver designed for parabolic
  problems", BIT 41(4):731-738. The published 16-digit decimals (gamma = 7.886751345948129e-01, a21 = a31 =
  1.267949192431123, C21 = -1.607695154586736, C31 = -3.464101615137755, C32 = -1.732050807568877, m = (2,
  5.773502691896258e-01, 4.226497308103742e-01), m_hat = (2.113248654051871, 1, 4.226497308103742e-01), gamma_i =
  (7.886751345948129e-01, -2.113248654051871e-01, -1.077350269189626), alpha_i = (0, 1, 1)) are the values of closed
  forms in sqrt 3: gamma = (3 + sqrt 3)/6, alpha21 = alpha31 = 1, alpha32 = 0, gamma21 = -1, gamma31 = -gamma,
  gamma32 = 1/2 - 2 gamma, b = (2/3, 0, 1/3), b_hat = (1/3, 1/3, 1/3). The header holds those closed forms to 25
  digits; the script checks them against the closed forms (mpmath) and against the published decimals. The same
  decimals appear in OrdinaryDiffEq.jl (ROS3PRodasTableau, in closed form for a, C, m), DUNE-based and MATLAB/Fortran
  codes. No dense output is published.
* rosenbrock23.hpp: L. F. Shampine, M. W. Reichelt (1997), "The MATLAB ODE suite", SIAM J. Sci. Comput. 18(1):1-22
  (the ode23s pair, d = 1/(2 + sqrt 2), e32 = 6 + sqrt 2). Transformed here exactly (see the header); cross-checked
  with several independent re-implementations of the published algorithm (k3 with + h d T) and with OrdinaryDiffEq.jl's
  Rosenbrock23 (constants, interpolant c1 = theta(1-theta)/(1-2d), c2 = theta(theta-2d)/(1-2d)); OrdinaryDiffEq.jl
  puts + h T (not + h d T) into k3, which would make d3 = 1 - 2d inconsistent with sum_j gamma_3j = -d (it affects
  only the error estimate). Sign: the header's e = m - m_hat is minus ode23s's estimate h/6 (k1 - 2 k2 + k3) =
  y_hat - y_new; with the other sign m - e would be (-1/6, 4/3, -1/6) in the original form, of order 2 only.
* rodas3p.hpp: G. Steinebach (2024), "Rosenbrock methods within OrdinaryDiffEq.jl - overview, recent developments and
  applications", Proceedings of the JuliaCon Conferences. Exact rationals (the published decimals terminate, e.g.
  2.90625 = 93/32), as in OrdinaryDiffEq.jl's Rodas3PRodasTableau and its earlier Rodas3PTableau (h2x/h3x rows =
  dense rows; h2_2x = the embedded solution's interpolation row, checked below as RODAS3P_EMBEDDED_DENSE).
* rodas4.hpp: E. Hairer, G. Wanner, Solving ODEs II (1996), Sect. IV.7, the RODAS code (rodas.f, subroutine
  ROCOE, METH = 1): 16-digit values. Cross-checked against two further transcriptions of rodas.f (KPP's atmrodas, an
  f2c translation) and OrdinaryDiffEq.jl's RODAS4 tables: identical except d4, which rodas.f gives as
  -0.3620000000000023D-01 and OrdinaryDiffEq.jl rounds to -0.0362 (the rodas.f value is kept).
* rodas5p.hpp: G. Steinebach (2023), "Construction of Rosenbrock-Wanner method Rodas5P and numerical benchmarks within
  the Julia Differential Equations package", BIT 63(2):27, doi:10.1007/s10543-023-00967-x: the 16/17-digit values as
  contributed by the author to OrdinaryDiffEq.jl (RODAS5PA/C/c/d/H; identical in its older Rodas5PTableau and in
  Quokka's transcription).
"""

import math
import pathlib
import re
import sys
from fractions import Fraction as F

from mpmath import mp, mpf, sqrt

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from implicit_coefficients import density, tree_order, trees_of_order  # noqa: E402

mp.dps = 50
REPO = pathlib.Path(__file__).resolve().parents[2]
HEADERS = REPO / "include" / "kobie" / "algorithms" / "rosenbrock" / "tableaus"

TOL = 1e-14  # a condition holds: |residual| <= TOL * max(1, sum of the magnitudes of its terms)
FAILS = 1e-8  # a condition fails: |residual| > FAILS


# ------------------------------------------------------------------------------------------------- header parsing
NUMBER = r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?"
TERM = re.compile(r"^\s*([+-]?)\s*(" + NUMBER + r")\s*(?:/\s*(" + NUMBER + r"))?\s*$")


def parse_number(text):
    """(exact value of the literal, exact value of the double the compiler makes of it)."""
    m = TERM.match(text)
    if not m:
        raise ValueError("cannot parse number %r" % text)
    sign = -1 if m.group(1) == "-" else 1
    num = F(m.group(2))
    if m.group(3) is None:
        return sign * num, sign * F(float(num))
    den = F(m.group(3))
    # 'P.0 / Q.0' with P, Q exact doubles: the quotient is correctly rounded, i.e. float(P/Q).
    assert F(float(num)) == num and F(float(den)) == den, text
    return sign * num / den, sign * F(float(num / den))


def split_top(text):
    """Splits the inside of a brace initializer at top-level commas."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur)
    return [x.strip() for x in out]


def parse_init(text):
    text = text.strip()
    if text.startswith("{"):
        assert text.endswith("}"), text
        return [parse_init(x) for x in split_top(text[1:-1])]
    return parse_number(text)


def read_header(path, struct):
    """Every static constexpr member of `struct` in the header: ints, bools, the name string and the double data as
    (exact, double) pairs (nested lists for arrays)."""
    src = path.read_text()
    code = re.sub(r"//[^\n]*", "", src)
    m = re.search(r"struct\s+" + struct + r"\s*\{(.*?)\n\};", code, re.S)
    if not m:
        raise ValueError("struct %s not found in %s" % (struct, path))
    out = {}
    for dm in re.finditer(r"static\s+constexpr\s+(int|bool|double|const\s+char\s*\*)\s+(\w+)\s*((?:\[[^\]]*\])*)\s*="
                          r"\s*(.*?);", m.group(1), re.S):
        kind, name, dims, init = dm.group(1), dm.group(2), dm.group(3), dm.group(4)
        if kind == "int":
            out[name] = int(init)
        elif kind == "bool":
            out[name] = {"true": True, "false": False}[init.strip()]
        elif kind.startswith("const"):
            out[name] = init.strip().strip('"')
        else:
            out[name] = parse_init(init)
    return out, src


def pick(x, k):
    """Component k (0: literal, 1: double) of a nested structure of pairs."""
    if isinstance(x, list):
        return [pick(y, k) for y in x]
    return x[k]


# ----------------------------------------------------------------------------------------------------- rooted trees
# Butcher's rooted trees (generation, order |t|, density gamma(t)) are shared with implicit_coefficients.py.


assert [len(trees_of_order(n)) for n in range(1, 9)] == [1, 1, 2, 4, 9, 20, 48, 115]


class Weights:
    """Elementary weights Phi(t) of a Rosenbrock method (alpha, beta = alpha + Gamma), memoized per tree."""

    def __init__(self, alpha, beta):
        self.alpha, self.beta, self.s, self.memo = alpha, beta, len(alpha), {}

    def phi(self, t):
        if t not in self.memo:
            s = self.s
            if len(t) == 0:
                v = [F(1)] * s
            elif len(t) == 1:
                u = self.phi(t[0])
                v = [sum(self.beta[i][j] * u[j] for j in range(s)) for i in range(s)]
            else:
                v = [F(1)] * s
                for ch in t:
                    u = self.phi(ch)
                    v = [v[i] * sum(self.alpha[i][j] * u[j] for j in range(s)) for i in range(s)]
            self.memo[t] = v
        return self.memo[t]

    def residual(self, v, G, t, scale=F(1)):
        """Residual of the condition b . Phi(t) = scale / gamma(t) for the weights b = v Gamma given in transformed
        form (v = m, m_hat or m(theta)), and the magnitude of its terms, sum_ij |v_i Gamma_ij Phi_j(t)| + |rhs|."""
        p = self.phi(t)
        s = self.s
        terms = [v[i] * G[i][j] * p[j] for i in range(s) for j in range(s)]
        rhs = scale / density(t)
        return sum(terms) - rhs, sum(abs(x) for x in terms) + abs(rhs)


def order_table(wts, v, G, upto, theta=None):
    """Per order n = 1..upto: (largest |residual|, all conditions hold within TOL) for the weights b = v Gamma. With
    theta: the dense-output conditions b(theta) . Phi(t) = theta^|t| / gamma(t)."""
    rows = []
    for n in range(1, upto + 1):
        worst, ok = F(0), True
        for t in trees_of_order(n):
            r, mag = wts.residual(v, G, t, F(1) if theta is None else theta**n)
            worst = max(worst, abs(r))
            ok &= abs(r) <= TOL * max(1, mag)
        rows.append((float(worst), ok))
    return rows


# --------------------------------------------------------------------------------------------------- linear algebra
def lower_inverse(M):
    """Inverse of a lower triangular matrix (exact)."""
    s = len(M)
    X = [[F(0)] * s for _ in range(s)]
    for j in range(s):
        for i in range(j, s):
            acc = F(1 if i == j else 0) - sum(M[i][k] * X[k][j] for k in range(j, i))
            X[i][j] = acc / M[i][i]
    return X


def matmul(A, B):
    return [[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))] for i in range(len(A))]


def vecmat(v, B):
    return [sum(v[k] * B[k][j] for k in range(len(v))) for j in range(len(B[0]))]


def r_at_infinity(b, B):
    """R(inf) = 1 - b^T B^{-1} 1 (B lower triangular, invertible)."""
    s = len(B)
    x = lower_inverse(B)
    return 1 - sum(b[i] * sum(x[i][j] for j in range(s)) for i in range(s))


def max_modulus_imaginary_axis(b, B):
    """max |R(iy)| over y = +-10^(k/20), k = -80 .. 120 (floats; an indication of A-stability)."""
    s = len(B)
    Bf = [[float(x) for x in row] for row in B]
    bf = [float(x) for x in b]
    worst = 0.0
    for k in range(-80, 121):
        for sgn in (1, -1):
            z = complex(0, sgn * 10 ** (k / 20))
            x = [0j] * s
            for i in range(s):  # (I - z B) x = 1, forward substitution
                x[i] = (1 + z * sum(Bf[i][j] * x[j] for j in range(i))) / (1 - z * Bf[i][i])
            worst = max(worst, abs(1 + z * sum(bf[i] * x[i] for i in range(s))))
    return worst


# ------------------------------------------------------------------------------------------- the methods, expectations
def ros3p_closed_forms():
    r3 = sqrt(3)
    g = (3 + r3) / 6
    z = mpf(0)
    return dict(gamma=g, a=[[z, z, z], [1 / g, z, z], [1 / g, z, z]],
                C=[[z, z, z], [6 * r3 - 12, z, z], [-2 * r3, -r3, z]], c=[z, mpf(1), mpf(1)],
                d=[g, g - 1, mpf(1) / 2 - 2 * g], m=[mpf(2), r3 / 3, 1 - r3 / 3],
                e=[5 * r3 / 3 - 3, r3 / 3 - 1, z])


ROS3P_PUBLISHED = dict(  # Lang & Verwer (2001): 16-digit decimals (m_hat given; e = m - m_hat)
    gamma="7.886751345948129e-01", a=[[0, 0, 0], ["1.267949192431123", 0, 0], ["1.267949192431123", 0, 0]],
    C=[[0, 0, 0], ["-1.607695154586736", 0, 0], ["-3.464101615137755", "-1.732050807568877", 0]], c=[0, 1, 1],
    d=["7.886751345948129e-01", "-2.113248654051871e-01", "-1.077350269189626"],
    m=[2, "5.773502691896258e-01", "4.226497308103742e-01"], m_hat=["2.113248654051871", 1, "4.226497308103742e-01"])


def rosenbrock23_closed_forms():
    r2 = sqrt(2)
    g = 1 / (2 + r2)
    e32 = 6 + r2
    z = mpf(0)
    return dict(gamma=g, a=[[z, z, z], [1 / (2 * g), z, z], [1 / g, 1 / g, z]],
                C=[[z, z, z], [-1 / g, z, z], [-2 / g, -e32 / g, z]], c=[z, mpf(1) / 2, mpf(1)], d=[g, z, -g],
                m=[1 / g, 1 / g, z], e=[-1 / (6 * g), -(e32 - 2) / (6 * g), -1 / (6 * g)],
                dense=[[z, -1 / (g * (1 - 2 * g)), z], [z, z, z]])


# Rodas3P: interpolation row of the embedded (second-order, U4) solution, y2(theta) = (1 - theta) y + theta (y_hat +
# (1 - theta) sum_i h2[i] U_i) (OrdinaryDiffEq.jl h2_2x; its difference to the main interpolant is Rodas3P's extra
# interpolation error test, and it is Rodas23W's interpolant).
RODAS3P_EMBEDDED_DENSE = [F(135, 32), F(-81, 40), F(-261, 160), F(-17, 10), F(-1, 10)]

METHODS = [
    dict(file="ros3p.hpp", struct="Ros3p", name="ros3p", stages=3, order=3, embedded_order=2, w_method=False,
         w_order2=(False, False), stiffly_accurate=False, a_stable=True, dense_order=None, closed=ros3p_closed_forms,
         published=ROS3P_PUBLISHED),
    dict(file="rosenbrock23.hpp", struct="Rosenbrock23", name="rosenbrock-23", stages=3, order=2, embedded_order=3,
         w_method=True, w_order2=(True, True), stiffly_accurate=False, a_stable=True, dense_order=2,
         closed=rosenbrock23_closed_forms),
    dict(file="rodas3p.hpp", struct="Rodas3p", name="rodas3p", stages=5, order=3, embedded_order=2, w_method=False,
         w_order2=(False, True), stiffly_accurate=True, a_stable=True, dense_order=3, exact=True),
    dict(file="rodas4.hpp", struct="Rodas4", name="rodas4", stages=6, order=4, embedded_order=3, w_method=False,
         w_order2=(False, False), stiffly_accurate=True, a_stable=True, dense_order=3),
    dict(file="rodas5p.hpp", struct="Rodas5p", name="rodas5p", stages=8, order=5, embedded_order=4, w_method=False,
         w_order2=(True, False), stiffly_accurate=True, a_stable=True, dense_order=4),
]


# ----------------------------------------------------------------------------------------------------- verification
def fmt(x):
    return "%.1e" % x if x != 0 else "0"


def analyse(h, k):
    """All checks on one variant (k = 0: literals, 1: doubles). Returns a dict of derived data."""
    s = h["stages"]
    gamma = h["gamma"][k]
    a, C = pick(h["a"], k), pick(h["C"], k)
    c, d, m, e = pick(h["c"], k), pick(h["d"], k), pick(h["m"], k), pick(h["e"], k)
    Ginv = [[(1 / gamma if i == j else F(0)) - C[i][j] for j in range(s)] for i in range(s)]
    G = lower_inverse(Ginv)
    alpha = matmul(a, G)
    beta = [[alpha[i][j] + G[i][j] for j in range(s)] for i in range(s)]
    b = vecmat(m, G)
    m_hat = [m[j] - e[j] for j in range(s)]
    b_hat = vecmat(m_hat, G)
    res_c = max(abs(sum(alpha[i]) - c[i]) for i in range(s))
    res_d = max(abs(sum(G[i]) - d[i]) for i in range(s))
    scale_c = max(1, max(sum(abs(x) for x in row) for row in alpha))
    scale_d = max(1, max(sum(abs(x) for x in row) for row in G))
    return dict(G=G, alpha=alpha, beta=beta, b=b, b_hat=b_hat, m_hat=m_hat, res_c=res_c, res_d=res_d,
                ok_c=res_c <= TOL * scale_c, ok_d=res_d <= TOL * scale_d)


def verify(spec):
    fails, lines = [], []
    path = HEADERS / spec["file"]
    h, src = read_header(path, spec["struct"])
    s = spec["stages"]
    say = lines.append

    # --- declared traits
    for key in ("name", "stages", "order", "embedded_order", "w_method"):
        if h.get(key) != spec[key]:
            fails.append("%s = %r, expected %r" % (key, h.get(key), spec[key]))
    has_dense = h.get("has_dense_output")
    if has_dense is None or has_dense != (spec["dense_order"] is not None):
        fails.append("has_dense_output = %r does not match the expectation" % has_dense)
    shape_ok = (len(h["a"]) == s and all(len(r) == s for r in h["a"]) and len(h["C"]) == s
                and all(len(r) == s for r in h["C"]) and all(len(h[v]) == s for v in ("c", "d", "m", "e")))
    if not shape_ok:
        fails.append("array sizes differ from stages")
        return fails, lines
    lower = all(h["a"][i][j][0] == 0 and h["C"][i][j][0] == 0 for i in range(s) for j in range(i, s))
    if not lower:
        fails.append("a or C is not strictly lower triangular")
    if has_dense:
        rows = h.get("dense_rows")
        if rows is None or len(h["dense"]) != rows or any(len(r) != s for r in h["dense"]):
            fails.append("dense[dense_rows][stages] malformed")
    elif "dense" in h or "dense_rows" in h:
        fails.append("dense data present although has_dense_output is false")
    say("%s (%s, %s): %d stages, order %d, embedded order %d, W-method: %s, dense output: %s"
        % (spec["name"], spec["file"], spec["struct"], s, spec["order"], spec["embedded_order"],
           "yes" if spec["w_method"] else "no", "%d rows" % h["dense_rows"] if has_dense else "none"))

    for k, label in ((0, "literals"), (1, "doubles")):
        D = analyse(h, k)
        say("  [%s] rows: max |sum_j alpha_ij - c_i| = %s, max |sum_j gamma_ij - d_i| = %s"
            % (label, fmt(float(D["res_c"])), fmt(float(D["res_d"]))))
        if not D["ok_c"]:
            fails.append("[%s] rows of alpha = a Gamma do not sum to c" % label)
        if not D["ok_d"]:
            fails.append("[%s] rows of Gamma do not sum to d" % label)
        wts = Weights(D["alpha"], D["beta"])
        for wname, v, p in (("b", pick(h["m"], k), spec["order"]), ("b_hat", D["m_hat"], spec["embedded_order"])):
            tab = order_table(wts, v, D["G"], p + 1)
            held = all(ok for _, ok in tab[:p])
            nxt = tab[p][0]
            say("  [%s] %-5s order conditions, max |residual| by order: %s; order %d: %s%s"
                % (label, wname, ", ".join("%d: %s" % (n + 1, fmt(r)) for n, (r, _) in enumerate(tab[:p])), p + 1,
                   fmt(nxt), " (fails, as it must)" if nxt > FAILS else " (HOLDS: order not exact)"))
            if not held:
                fails.append("[%s] %s does not satisfy the order conditions up to order %d" % (label, wname, p))
            if nxt <= FAILS:
                fails.append("[%s] %s satisfies the conditions of order %d too" % (label, wname, p + 1))
            if spec.get("exact") and k == 0 and any(r != 0 for r, _ in tab[:p]):
                fails.append("[literals] %s: exact rational tableau with non-zero residuals" % wname)
        # --- W-method conditions (order 2, arbitrary Jacobian approximation)
        for wname, w in (("b", D["b"]), ("b_hat", D["b_hat"])):
            gam = [sum(row) for row in D["G"]]
            alp = [sum(row) for row in D["alpha"]]
            w1 = abs(sum(w) - 1)
            w2 = abs(sum(w[j] * alp[j] for j in range(s)) - F(1, 2))
            w3 = abs(sum(w[j] * gam[j] for j in range(s)))
            worst = max(w1, w2, w3)
            mag = max(1, sum(abs(w[j]) * (1 + abs(alp[j]) + abs(gam[j])) for j in range(s)))
            holds = worst <= TOL * mag
            if k == 0:
                say("  [%s] %-5s W-method order-2 conditions (sum b = 1, sum b alpha = 1/2, sum b gamma = 0): "
                    "max |residual| %s -> %s" % (label, wname, fmt(float(worst)),
                                                 "hold" if holds else "do not hold"))
            if spec["w_method"] and wname == "b" and not holds:
                fails.append("[%s] w_method = true but b violates the W-method order-2 conditions" % label)
            if holds != spec["w_order2"][0 if wname == "b" else 1]:
                fails.append("[%s] %s: W-method order-2 conditions %s, not as documented"
                             % (label, wname, "hold" if holds else "fail"))
        # --- stability at infinity
        r_inf = r_at_infinity(D["b"], D["beta"])
        r_hat_inf = r_at_infinity(D["b_hat"], D["beta"])
        if k == 0:
            stiffly = all(h["m"][j][0] == h["a"][s - 1][j][0] for j in range(s - 1)) and h["m"][s - 1][0] == 1
            say("  [%s] R(inf) = %.17g (m), %.17g (m_hat); stiffly accurate (m = a_s + e_s): %s"
                % (label, float(r_inf), float(r_hat_inf), "yes" if stiffly else "no"))
            if stiffly != spec["stiffly_accurate"]:
                fails.append("stiffly accurate structure is %s, expected %s" % (stiffly, spec["stiffly_accurate"]))
            mm = max_modulus_imaginary_axis(D["b"], D["beta"])
            mmh = max_modulus_imaginary_axis(D["b_hat"], D["beta"])
            say("  [%s] max |R(iy)| sampled: %.15f (m), %.15f (m_hat)" % (label, mm, mmh))
            if spec["a_stable"] and mm > 1 + 1e-12:
                fails.append("|R(iy)| > 1 on the imaginary axis (expected A-stable)")
        if spec["stiffly_accurate"] and abs(r_inf) > TOL * 10:
            fails.append("[%s] stiffly accurate method with R(inf) = %g" % (label, float(r_inf)))
        # --- dense output
        if has_dense:
            H = pick(h["dense"], k)
            thetas = [F(j, 9) for j in range(1, 10)]
            q_expect = spec["dense_order"]
            worst_by_order = [0.0] * (q_expect + 1)
            ok_by_order = [True] * (q_expect + 1)
            for th in thetas:
                poly = [th**r for r in range(len(H))]
                mt = [th * D_m + th * (1 - th) * sum(poly[r] * H[r][j] for r in range(len(H)))
                      for j, D_m in enumerate(pick(h["m"], k))]
                tab = order_table(wts, mt, D["G"], q_expect + 1, theta=th)
                for n, (r, ok) in enumerate(tab):
                    worst_by_order[n] = max(worst_by_order[n], r)
                    ok_by_order[n] &= ok
            q = 0
            while q < len(ok_by_order) and ok_by_order[q]:
                q += 1
            say("  [%s] dense output order %d (max |residual| by order over theta = k/9: %s)"
                % (label, q, ", ".join("%d: %s" % (n + 1, fmt(r)) for n, r in enumerate(worst_by_order))))
            if q != q_expect:
                fails.append("[%s] dense output has order %d, expected %d" % (label, q, q_expect))
            if spec["name"] == "rodas3p":
                # The header's embedded_dense row (the interpolation error test) must be this row.
                if "embedded_dense" not in h or [v[0] for v in h["embedded_dense"]] != RODAS3P_EMBEDDED_DENSE:
                    fails.append("[%s] embedded_dense differs from the embedded interpolation row" % label)
                qs, worst2 = [], []
                for th in thetas:
                    mt = [th * D_m + th * (1 - th) * RODAS3P_EMBEDDED_DENSE[j]
                          for j, D_m in enumerate(D["m_hat"])]
                    tab = order_table(wts, mt, D["G"], 3, theta=th)
                    qq = 0
                    while qq < 3 and tab[qq][1]:
                        qq += 1
                    qs.append(qq)
                    worst2.append(max(r for r, _ in tab[:2]))
                say("  [%s] embedded solution's interpolant (h2 row): order %d (max |residual| up to order 2: %s)"
                    % (label, min(qs), fmt(max(worst2))))
                if min(qs) != 2:
                    fails.append("[%s] Rodas3P embedded interpolant has order %d, expected 2" % (label, min(qs)))

    # --- cross-checks of the literals against closed forms / published decimals
    if "closed" in spec:
        ref = spec["closed"]()
        worst = mpf(0)
        for key in ("a", "C", "c", "d", "m", "e"):
            for x, y in zip(flat(pick(h[key], 0)), flat(ref[key])):
                worst = max(worst, abs(mpf(x.numerator) / x.denominator - y))
        worst = max(worst, abs(mpf(h["gamma"][0].numerator) / h["gamma"][0].denominator - ref["gamma"]))
        if "dense" in ref:
            for x, y in zip(flat(pick(h["dense"], 0)), flat(ref["dense"])):
                worst = max(worst, abs(mpf(x.numerator) / x.denominator - y))
        say("  closed forms (mpmath, 50 digits) vs header literals: max |difference| = %s" % mp.nstr(worst, 2))
        if worst > mpf("1e-23"):
            fails.append("header literals differ from the closed forms by %s" % mp.nstr(worst, 3))
    if "published" in spec:
        pub = spec["published"]
        worst = F(0)
        lit = {key: pick(h[key], 0) for key in ("a", "C", "c", "d", "m", "e")}
        lit["m_hat"] = [lit["m"][j] - lit["e"][j] for j in range(s)]
        lit["gamma"] = h["gamma"][0]
        for key, val in pub.items():
            for x, y in zip(flat(lit[key]), flat(val)):
                worst = max(worst, abs(x - F(str(y))))
        say("  published 16-digit decimals vs header literals: max |difference| = %s" % fmt(float(worst)))
        if worst > F(1, 10**15):
            fails.append("header literals differ from the published decimals by %s" % fmt(float(worst)))
    return fails, lines


def flat(x):
    if isinstance(x, list):
        return [y for item in x for y in flat(item)]
    return [x]


def main():
    failed = False
    for spec in METHODS:
        fails, lines = verify(spec)
        print("\n".join(lines))
        for f in fails:
            print("  FAILED: " + f)
        print()
        failed |= bool(fails)
    print("all checks passed" if not failed else "SOME CHECKS FAILED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

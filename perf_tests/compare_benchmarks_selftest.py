#!/usr/bin/env python3
"""Self-test of scripts/compare_benchmarks.py on synthetic Google Benchmark JSON (run by ctest as
perf.compare_script_selftest, or by `compare_benchmarks.py --self-test`).

    compare_benchmarks_selftest.py [path/to/compare_benchmarks.py]
"""

import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "scripts", "compare_benchmarks.py")

spec = importlib.util.spec_from_file_location("compare_benchmarks", SCRIPT)
cb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cb)

N = 16384


def entry(name, runs_per_s, steps_per_run=None, aggregate=None, real_time=None, cpu_time=None, error=False):
    """One benchmark object as Google Benchmark 1.7 writes it (time in ms for N runs)."""
    real = real_time if real_time is not None else 1e3 * N / runs_per_s
    run_name = name + "/%d/real_time" % N
    e = {
        "name": run_name + ("_" + aggregate if aggregate else ""),
        "family_index": 0,
        "per_family_instance_index": 0,
        "run_name": run_name,
        "run_type": "aggregate" if aggregate else "iteration",
        "repetitions": 3,
        "threads": 1,
        "iterations": 3 if aggregate else 1,
        "real_time": real,
        "cpu_time": cpu_time if cpu_time is not None else real,
        "time_unit": "ms",
        "runs_per_s": runs_per_s,
    }
    if aggregate:
        e["aggregate_name"] = aggregate
        e["aggregate_unit"] = "time"
    if steps_per_run is not None:
        e["steps_per_s"] = runs_per_s * steps_per_run
    if error:
        e["error_occurred"] = True
        e["error_message"] = "synthetic failure"
    return e


def aggregates(name, runs_per_s, steps_per_run=None, mean_factor=1.3, **kw):
    """mean, median, stddev, cv as --benchmark_report_aggregates_only writes them; the mean is off on purpose."""
    return [entry(name, runs_per_s * mean_factor, steps_per_run, "mean", **kw),
            entry(name, runs_per_s, steps_per_run, "median", **kw),
            entry(name, runs_per_s * 0.01, steps_per_run, "stddev"),
            entry(name, 0.01, None, "cv")]


def write(tmp, fname, benchmarks):
    path = os.path.join(tmp, fname)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"context": {"library_build_type": "release"}, "benchmarks": benchmarks}, f)
    return path


def run(*args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = cb.main(list(args))
        except SystemExit as e:
            code = e.code
    return code, out.getvalue()


failures = []


def check(what, got, expected, output):
    if got != expected:
        failures.append("%s: exit %r, expected %r\n%s" % (what, got, expected, output))


def pair(kobie, odeint, steps=(None, None)):
    return aggregates("BM_kobie_rk4_fixed", kobie, steps[0]) + aggregates("BM_odeint_rk4_fixed", odeint, steps[1])


with tempfile.TemporaryDirectory() as tmp:
    base = write(tmp, "base.json", pair(1000.0, 1000.0, (90.0, 94.0)) + aggregates("BM_launch_runs_local", 5e6))

    # Machine speed cancels: everything twice as fast, same ratio.
    code, out = run(base, write(tmp, "fast.json", pair(2000.0, 2000.0, (90.0, 94.0))))
    check("same ratio on a faster machine", code, 0, out)
    # Ratio 0.85 vs 1.0: a 15 % drop fails at the default 10 % and passes at 20 %.
    slow = write(tmp, "slow.json", pair(850.0, 1000.0))
    check("15% ratio drop", run(base, slow)[0], 1, run(base, slow)[1])
    check("15% ratio drop, --threshold 0.2", run(base, slow, "--threshold", "0.2")[0], 0, "")
    # A 5 % drop passes; a gain passes.
    check("5% ratio drop", run(base, write(tmp, "ok.json", pair(950.0, 1000.0)))[0], 0, "")
    check("ratio gain", run(base, write(tmp, "gain.json", pair(1300.0, 1000.0)))[0], 0, "")
    # The peer getting faster is a kobie regression in ratio terms.
    check("peer faster", run(base, write(tmp, "peer.json", pair(1000.0, 1200.0)))[0], 1, "")

    # The median aggregate is used, not the mean: here only the mean dropped.
    skew = aggregates("BM_kobie_rk4_fixed", 1000.0, mean_factor=0.5) + aggregates("BM_odeint_rk4_fixed", 1000.0)
    code, out = run(base, write(tmp, "skew.json", skew))
    check("median aggregate, not mean", code, 0, out)

    # Iterations only (no aggregates): the median of the repetitions, not the mean (one outlier).
    iters = [entry("BM_kobie_rk4_fixed", v) for v in (990.0, 100.0, 1000.0)] + \
            [entry("BM_odeint_rk4_fixed", v) for v in (1000.0, 1000.0, 5000.0)]
    code, out = run(base, write(tmp, "iters.json", iters))
    check("iterations only, median", code, 0, out)

    # Failed benchmarks are ignored; with nothing left to compare, exit 2.
    errs = write(tmp, "errors.json", [entry("BM_kobie_rk4_fixed", 1.0, error=True)] +
                 aggregates("BM_odeint_rk4_fixed", 1000.0))
    check("only failed kobie entries", run(base, errs)[0], 2, "")

    # --absolute: a machine twice as slow fails on the kobie benchmark; the peer alone slower does not fail.
    half = write(tmp, "half.json", pair(500.0, 500.0))
    check("absolute, slower machine", run(base, half, "--absolute")[0], 1, "")
    check("ratio, slower machine", run(base, half)[0], 0, "")
    check("absolute, peer slower", run(base, write(tmp, "ps.json", pair(1000.0, 500.0)), "--absolute")[0], 0, "")

    # --cpu-time: kobie's wall clock inflated by a busy machine, CPU time unchanged.
    busy = aggregates("BM_kobie_rk4_fixed", 700.0, real_time=1e3 * N / 700.0, cpu_time=1e3 * N / 1000.0) + \
        aggregates("BM_odeint_rk4_fixed", 1000.0)
    busy_path = write(tmp, "busy.json", busy)
    check("busy machine, wall clock", run(base, busy_path)[0], 1, "")
    check("busy machine, --cpu-time", run(base, busy_path, "--cpu-time")[0], 0, "")

    # --filter, one-file summary, bad input.
    check("filter to nothing", run(base, slow, "--filter", "dp5")[0], 2, "")
    code, out = run(base)
    check("summary of one file", code, 0, out)
    if "BM_kobie_rk4_fixed/16384/real_time" not in out or "0.9574" not in out:  # steps ratio 90 / 94
        failures.append("summary does not show the pair and its steps ratio:\n" + out)
    check("missing file", run(base, os.path.join(tmp, "nope.json"))[0], 2, "")
    check("not benchmark JSON", run(base, write(tmp, "junk.json", []))[0], 2, "")
    with open(os.path.join(tmp, "broken.json"), "w") as f:
        f.write("{")
    check("broken JSON", run(base, os.path.join(tmp, "broken.json"))[0], 2, "")

    # The pairing rule.
    names = ["BM_kobie_dp5_adaptive/4/real_time", "BM_odeint_dp5_adaptive/4/real_time",
             "BM_odeint_dp5_adaptive/8/real_time", "BM_other_peer_dp5_adaptive/4/real_time"]
    got = cb.peers_of(names[0], names)
    if got != [("odeint", "BM_odeint_dp5_adaptive/4/real_time")]:
        failures.append("peers_of: %r" % (got,))

    # A kobie case that names its algorithm pairs with the peer that has one configuration; numbers (sizes) and
    # Google Benchmark suffixes are not variants.
    names = ["BM_kobie_pollu_batch/kvaerno-5/real_time", "BM_cvode_pollu_batch/real_time",
             "BM_cvode_pollu_batch/64/real_time", "BM_cvode_pollu/real_time", "BM_kobie_pollu_batch/real_time"]
    got = cb.peers_of(names[0], names)
    if got != [("cvode", "BM_cvode_pollu_batch/real_time")]:
        failures.append("peers_of with an algorithm part: %r" % (got,))
    got = cb.peers_of("BM_kobie_dp5_adaptive/16384/real_time", ["BM_odeint_dp5_adaptive/real_time"])
    if got:
        failures.append("peers_of paired across a size: %r" % (got,))
    got = cb.peers_of("BM_kobie_dp5_adaptive/real_time", ["BM_odeint_dp5_adaptive"])
    if got:
        failures.append("peers_of dropped real_time: %r" % (got,))
    variants = [dict(entry("BM_kobie_pollu_batch", 400.0, 140.0), run_name="BM_kobie_pollu_batch/kvaerno-5/real_time"),
                dict(entry("BM_kobie_pollu_batch", 200.0, 190.0), run_name="BM_kobie_pollu_batch/radau-iia-5/real_time"),
                dict(entry("BM_cvode_pollu_batch", 100.0, 700.0), run_name="BM_cvode_pollu_batch/real_time")]
    code, out = run(write(tmp, "variants.json", variants))
    check("summary with algorithm variants", code, 0, out)
    rows = [line.split() for line in out.splitlines()]
    if ["BM_kobie_pollu_batch/kvaerno-5/real_time", "cvode", "400", "100", "4.000", "0.2000"] not in rows or \
            ["BM_kobie_pollu_batch/radau-iia-5/real_time", "cvode", "200", "100", "2.000", "0.2714"] not in rows:
        failures.append("summary does not pair both algorithms with cvode:\n" + out)

if failures:
    print("compare_benchmarks self-test: %d failure(s)" % len(failures))
    for f in failures:
        print(" - " + f)
    sys.exit(1)
print("compare_benchmarks self-test: all checks passed")

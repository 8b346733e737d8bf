#!/usr/bin/env python3
"""Compare a kobie benchmark run (Google Benchmark JSON) against a baseline.

    compare_benchmarks.py BASELINE.json NEW.json [--threshold 0.10] [--absolute] [--cpu-time] [--filter REGEX]
    compare_benchmarks.py RUN.json                 # print the kobie/peer ratios of one run
    compare_benchmarks.py --self-test              # check this script on synthetic JSON

Default (ratio) mode: every kobie benchmark BM_kobie_<case>/<args> is paired with the peers that ran in the same
binary, BM_<peer>_<case>/<args> (e.g. BM_odeint_rk4_fixed/16384/real_time). A kobie name may also name a variant
(an algorithm: non-numeric parts) right after the case, which its peer lacks: BM_kobie_pollu_batch/kvaerno-5/real_time
pairs with BM_cvode_pollu_batch/real_time. The figure compared is the throughput ratio kobie runs_per_s / peer
runs_per_s, so the speed of the machine cancels. A pair fails when its ratio in NEW is
more than THRESHOLD (a fraction, default 0.10) below its ratio in BASELINE.

--absolute compares each benchmark's runs_per_s directly (same machine only); a kobie benchmark that dropped by more
than THRESHOLD fails, peers are shown for reference.

--cpu-time rates runs by CPU time instead of wall-clock time (runs_per_s x real_time / cpu_time). Use it on a busy
machine for one-thread backends (Serial); not for OpenMP or device backends, whose work is not on the main thread.

Each benchmark is represented by its median: the "median" aggregate when the run has repetitions
(--benchmark_repetitions, with or without --benchmark_report_aggregates_only), else the median of its iterations.

Exit status: 0 when nothing regressed, 1 when something did, 2 for bad input (unreadable file, nothing to compare).
Python 3 standard library only.
"""

import argparse
import json
import os
import re
import signal
import sys

KOBIE_PREFIX = "BM_kobie_"


class InputError(Exception):
    pass


def natural(key):
    """Sort key that orders BM_x/16384 before BM_x/131072 (numbers by value)."""
    text = key if isinstance(key, str) else " ".join(key)
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def load_medians(path):
    """{run_name: {"runs_per_s": float, "real_time": float, "cpu_time": float, "counters": dict}} of one JSON file."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise InputError("cannot read %s: %s" % (path, e))
    if not isinstance(data, dict) or not isinstance(data.get("benchmarks"), list):
        raise InputError("%s is not Google Benchmark JSON (no 'benchmarks' list)" % path)
    iterations, aggregates = {}, {}
    for b in data["benchmarks"]:
        if not isinstance(b, dict) or b.get("error_occurred") or b.get("skipped"):
            continue
        name = b.get("run_name") or b.get("name")
        if not name or not isinstance(b.get("runs_per_s"), (int, float)):
            continue
        entry = {
            "runs_per_s": float(b["runs_per_s"]),
            "real_time": float(b.get("real_time") or 0.0),
            "cpu_time": float(b.get("cpu_time") or 0.0),
            "steps_per_s": float(b["steps_per_s"]) if isinstance(b.get("steps_per_s"), (int, float)) else None,
        }
        if b.get("run_type") == "aggregate":
            aggregates.setdefault(name, {})[b.get("aggregate_name", "")] = entry
        else:
            iterations.setdefault(name, []).append(entry)
    medians = {}
    for name in set(iterations) | set(aggregates):
        agg = aggregates.get(name, {})
        if "median" in agg:
            medians[name] = agg["median"]
        elif iterations.get(name):
            runs = sorted(iterations[name], key=lambda e: e["runs_per_s"])
            n = len(runs)
            if n % 2:
                medians[name] = runs[n // 2]
            else:  # average the two middle samples, field by field
                a, b = runs[n // 2 - 1], runs[n // 2]
                medians[name] = {k: (None if a[k] is None or b[k] is None else 0.5 * (a[k] + b[k])) for k in a}
        elif "mean" in agg:
            medians[name] = agg["mean"]
    if not medians:
        raise InputError("%s holds no benchmark with a runs_per_s counter" % path)
    return medians


def throughput(entry, cpu_time):
    """runs/s by wall-clock time, or by CPU time when cpu_time is set."""
    rate = entry["runs_per_s"]
    if cpu_time:
        if not (entry["real_time"] > 0 and entry["cpu_time"] > 0):
            return None
        rate *= entry["real_time"] / entry["cpu_time"]
    return rate


GB_SUFFIXES = ("real_time", "process_time", "manual_time")


def variant_part(part):
    """True for a name part that can name a kobie variant (an algorithm): not a number, not a Google Benchmark
    suffix such as real_time or threads:2."""
    return not part.isdigit() and ":" not in part and part not in GB_SUFFIXES


def same_case(kobie_tail, peer_tail):
    """True when BM_kobie_<kobie_tail> is measured against BM_<peer>_<peer_tail>: the same tail, or the kobie tail with
    variant parts right after the case that the peer lacks (<case>/<algorithm>/<args> against <case>/<args>)."""
    k, p = kobie_tail.split("/"), peer_tail.split("/")
    if k == p:
        return True
    drop = len(k) - len(p)
    return drop > 0 and k[0] == p[0] and k[1 + drop:] == p[1:] and all(variant_part(v) for v in k[1:1 + drop])


def peers_of(name, names):
    """(peer label, peer run_name) for each BM_<peer>_<case>/<args> that matches BM_kobie_<case>/<args> or
    BM_kobie_<case>/<variant>/<args> (see same_case)."""
    tail = name[len(KOBIE_PREFIX):]
    out = []
    for other in sorted(names):
        if other == name or not other.startswith("BM_"):
            continue
        sep = other.find("_", 3)
        if sep > 3 and other[3:sep] != "kobie" and same_case(tail, other[sep + 1:]):
            out.append((other[3:sep], other))
    return out


def ratios(medians, cpu_time):
    """{(kobie run_name, peer label): (throughput ratio, steps-per-run ratio or None)}."""
    out = {}
    for name in medians:
        if not name.startswith(KOBIE_PREFIX):
            continue
        for label, peer in peers_of(name, medians):
            k, p = throughput(medians[name], cpu_time), throughput(medians[peer], cpu_time)
            if not k or not p:
                continue
            steps = None
            ke, pe = medians[name], medians[peer]
            if ke["steps_per_s"] and pe["steps_per_s"]:
                steps = (ke["steps_per_s"] / ke["runs_per_s"]) / (pe["steps_per_s"] / pe["runs_per_s"])
            out[(name, label)] = (k / p, steps)
    return out


def print_table(rows, header):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    for r in [header] + rows:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))))


def summarize(path, cpu_time, pattern):
    medians = load_medians(path)
    table = []
    for (name, peer), (ratio, steps) in sorted(ratios(medians, cpu_time).items(), key=lambda kv: natural(kv[0])):
        if pattern and not pattern.search(name):
            continue
        table.append([name, peer, "%.4g" % throughput(medians[name], cpu_time),
                      "%.4g" % throughput(medians[dict(peers_of(name, medians))[peer]], cpu_time), "%.3f" % ratio,
                      "-" if steps is None else "%.4f" % steps])
    if not table:
        raise InputError("%s has no BM_kobie_* benchmark with a peer" % path)
    print_table(table, ["benchmark", "peer", "kobie runs/s", "peer runs/s", "ratio", "steps ratio"])
    return 0


def compare(base_path, new_path, threshold, absolute, cpu_time, pattern):
    base, new = load_medians(base_path), load_medians(new_path)
    table, failed, compared = [], [], 0
    if absolute:
        names = sorted((n for n in set(base) | set(new) if not pattern or pattern.search(n)), key=natural)
        for name in names:
            if name not in base or name not in new:
                table.append([name, "-", "-", "-", "missing in " + ("NEW" if name in base else "BASELINE")])
                continue
            b, n = throughput(base[name], cpu_time), throughput(new[name], cpu_time)
            if not b or not n:
                continue
            change = n / b - 1.0
            kobie = name.startswith(KOBIE_PREFIX)
            status = "ok"
            if change < -threshold:
                status = "REGRESSION" if kobie else "slower (peer)"
                if kobie:
                    failed.append(name)
            compared += 1
            table.append([name, "%.4g" % b, "%.4g" % n, "%+.1f%%" % (100 * change), status])
        header = ["benchmark", "base runs/s", "new runs/s", "change", "status"]
    else:
        rb, rn = ratios(base, cpu_time), ratios(new, cpu_time)
        for key in sorted(set(rb) | set(rn), key=natural):
            name, peer = key
            if pattern and not pattern.search(name):
                continue
            if key not in rb or key not in rn:
                table.append([name, peer, "-", "-", "-", "missing in " + ("NEW" if key in rb else "BASELINE")])
                continue
            b, n = rb[key][0], rn[key][0]
            change = n / b - 1.0
            status = "ok"
            if change < -threshold:
                status = "REGRESSION"
                failed.append("%s vs %s" % (name, peer))
            compared += 1
            table.append([name, peer, "%.3f" % b, "%.3f" % n, "%+.1f%%" % (100 * change), status])
        header = ["benchmark", "peer", "base ratio", "new ratio", "change", "status"]
    if compared == 0:
        raise InputError("nothing to compare: no %s present in both files" %
                         ("benchmark" if absolute else "BM_kobie_* benchmark with its peer"))
    print_table(table, header)
    what = "runs/s" if absolute else "kobie/peer throughput ratio"
    clock = "CPU time" if cpu_time else "wall-clock time"
    if failed:
        print("\nFAIL: %d of %d dropped by more than %.0f%% (%s, %s): %s" %
              (len(failed), compared, 100 * threshold, what, clock, ", ".join(failed)))
        return 1
    print("\nOK: %d compared, none dropped by more than %.0f%% (%s, %s)" % (compared, 100 * threshold, what, clock))
    return 0


def self_test():
    here = os.path.dirname(os.path.abspath(__file__))
    test = os.path.join(here, "..", "perf_tests", "compare_benchmarks_selftest.py")
    if not os.path.exists(test):
        print("self-test file not found: %s" % test, file=sys.stderr)
        return 2
    import runpy
    sys.argv = [test, os.path.abspath(__file__)]
    try:
        runpy.run_path(test, run_name="__main__")
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__[__doc__.index("Default (ratio) mode"):])
    parser.add_argument("files", nargs="*", metavar="JSON", help="BASELINE.json NEW.json, or one run to summarize")
    parser.add_argument("--threshold", type=float, default=0.10,
                        help="largest tolerated drop, as a fraction (default 0.10 = 10%%)")
    parser.add_argument("--absolute", action="store_true", help="compare runs_per_s per benchmark, not ratios")
    parser.add_argument("--cpu-time", action="store_true", help="rate runs by CPU time (one-thread backends)")
    parser.add_argument("--filter", metavar="REGEX", help="only benchmarks whose run name matches REGEX")
    parser.add_argument("--self-test", action="store_true", help="run the self-test on synthetic JSON and exit")
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test()
    if not 0 <= args.threshold < 1:
        parser.error("--threshold must be in [0, 1)")
    pattern = re.compile(args.filter) if args.filter else None
    try:
        if len(args.files) == 1:
            return summarize(args.files[0], args.cpu_time, pattern)
        if len(args.files) == 2:
            return compare(args.files[0], args.files[1], args.threshold, args.absolute, args.cpu_time, pattern)
        parser.error("give BASELINE.json NEW.json (or one file to summarize)")
    except InputError as e:
        print("compare_benchmarks.py: %s" % e, file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    sys.exit(main())

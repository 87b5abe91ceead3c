#!/usr/bin/env python3
"""Writes docs/performance.md from a BenchmarkDotNet run and an asyncio_bench.py run (standard library only).

Usage: make_table.py --mode quick|full --cpython cpython.jsonl --results DIR --out docs/performance.md

The .NET side comes from BenchmarkDotNet's JSON reports (DIR/*-report-full.json): Statistics.Mean is
nanoseconds per operation (OperationsPerInvoke already applied), Memory.BytesAllocatedPerOperation is
bytes per operation. A benchmark's workload is the part of its description before the colon, as the
"workload" field of the CPython lines. In each workload the [Benchmark(Baseline = true)] is the .NET
baseline; a description whose text after the colon starts with "(.NET)" is another .NET alternative;
every other benchmark is an AsyncioGen variant.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import subprocess
import sys

GOAL_CPYTHON_RATIO = 20.0


def command_output(args):
    try:
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        return "unknown (%s)" % error


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_cpython(path):
    results = {}
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                line = line.strip()
                if line.startswith("{"):
                    record = json.loads(line)
                    results[record["workload"]] = record
    return results


def load_dotnet(results_dir):
    """Benchmarks by workload, in first-seen order; a later report replaces an earlier one's entry."""
    benchmarks = {}
    for path in sorted(glob.glob(os.path.join(results_dir, "*-report-full.json"))):
        with open(path, encoding="utf-8") as report:
            data = json.load(report)
        for bench in data.get("Benchmarks", []):
            title = bench.get("MethodTitle", bench.get("Method", "")).strip("'")
            workload, _, what = title.partition(":")
            stats = bench.get("Statistics") or {}
            mean = stats.get("Mean")
            if not mean:
                continue  # the benchmark failed: no measurement
            memory = bench.get("Memory") or {}
            benchmarks[bench["FullName"]] = {
                "workload": workload.strip(),
                "what": what.strip(),
                "type": bench.get("Type", ""),
                "method": bench.get("Method", ""),
                "mean_ns": mean,
                "ops": 1e9 / mean,
                "bytes": memory.get("BytesAllocatedPerOperation"),
                "baseline": False,
            }
    return benchmarks


def baseline_methods():
    """Baseline methods by type, from the sources ([Benchmark(Baseline = true ...)] before the method)."""
    here = os.path.dirname(os.path.abspath(__file__))
    baselines = set()
    for path in glob.glob(os.path.join(here, "*.cs")):
        with open(path, encoding="utf-8") as source:
            text = source.read()
        type_name = None
        pending = False
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith("public class ") or stripped.startswith("public sealed class "):
                type_name = stripped.split("class ", 1)[1].split()[0]
            if stripped.startswith("[Benchmark(") and "Baseline = true" in stripped:
                pending = True
            elif pending and stripped.startswith("public ") and "(" in stripped:
                method = stripped.split("(", 1)[0].split()[-1]
                baselines.add((type_name, method))
                pending = False
    return baselines


def fmt_ops(value):
    if value is None:
        return "—"
    if value >= 1e6:
        return "%.2f M" % (value / 1e6)
    if value >= 1e3:
        return "%.1f k" % (value / 1e3)
    return "%.0f" % value


def fmt_ratio(value):
    return "—" if value is None else "%.2fx" % value


def fmt_bytes(value):
    return "—" if value is None else "%d" % value


# Workloads with goals of their own: (times CPython, times the .NET baseline).
WORKLOAD_GOALS = {
    "queue producer/consumer": (50.0, 1.0),
    "semaphore-limited fan-out": (50.0, 1.0),
    "tcp echo, 1 connection": (5.0, 0.8),
    "tcp echo, 100 connections": (5.0, 0.8),
    "nested coroutine calls": (50.0, 1.0),
}


def goals(ops, py_ops, base_ops, workload=None):
    """Which speed goals a loop workload meets (a workload without a CPython counterpart has none)."""
    if not py_ops:
        return "—"
    cpython_ratio, base_ratio = WORKLOAD_GOALS.get(workload, (GOAL_CPYTHON_RATIO, 1.0))
    missed = []
    if ops / py_ops < cpython_ratio:
        missed.append("< %gx CPython" % cpython_ratio)
    if base_ops and ops < base_ratio * base_ops:
        missed.append("slower than the .NET baseline" if base_ratio == 1.0 else "< %gx the .NET baseline" % base_ratio)
    return "met" if not missed else "not met: " + ", ".join(missed)


def goal_lines(dotnet, cpython):
    """The per-workload goals of goals.json (beside this script), each a figure or a ratio from this run."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goals.json")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as source:
        goals = json.load(source)
    lines = ["", "## Goals", "", "Each goal is a ratio (or a rate) measured in this run.", "",
             "| Goal | Measured | Met | Where the time goes when not met |", "|---|--:|---|---|"]
    for goal in goals:
        benches = [b for b in dotnet.values() if b["workload"] == goal["workload"]]
        ours = next((b for b in benches if not b["baseline"] and not b["what"].startswith("(.NET)")
                     and goal["variant"] in b["what"]), None)
        against = goal["against"]
        if against == "ops":
            reference = 1.0
        elif against == "cpython":
            py = cpython.get(goal["workload"])
            reference = py["ops_per_sec"] if py else None
        elif against == "baseline":
            base = next((b for b in benches if b["baseline"]), None)
            reference = base["ops"] if base else None
        else:
            other = next((b for b in benches if b["what"].startswith("(.NET)") and against in b["what"]), None)
            reference = other["ops"] if other else None
        if ours is None or not reference:
            lines.append("| %s | not measured | — | |" % goal["goal"])
            continue
        value = ours["ops"] / reference
        met = value >= goal["target"]
        measured = fmt_ops(value) + " ops/s" if against == "ops" else fmt_ratio(value)
        if "bytes" in goal:
            met = met and ours["bytes"] is not None and ours["bytes"] <= goal["bytes"]
            measured += ", %s B/op" % fmt_bytes(ours["bytes"])
        why = "" if met else goal.get("why_not_met", "")
        lines.append("| %s | %s | %s | %s |" % (goal["goal"], measured, "met" if met else "not met", why))
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", default="full")
    parser.add_argument("--cpython", default=None)
    parser.add_argument("--results", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    cpython = load_cpython(args.cpython)
    dotnet = load_dotnet(args.results)
    if not dotnet:
        sys.exit("no BenchmarkDotNet reports with measurements under " + args.results)
    baselines = baseline_methods()
    for bench in dotnet.values():
        bench["baseline"] = (bench["type"], bench["method"]) in baselines

    workloads = []
    for bench in dotnet.values():
        if bench["workload"] not in workloads:
            workloads.append(bench["workload"])
    # CPython order first (the loop workloads), then the compiler workloads.
    order = [w for w in cpython if w in workloads] + [w for w in workloads if w not in cpython]

    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Performance",
        "",
        "Produced by `tests/AsyncioGen.Benchmarks/run-benchmarks.sh%s` (do not edit by hand: rerun the script)." % (" --quick" if args.mode == "quick" else ""),
        "",
        "- Machine: %s cores (`nproc`), %s, %s" % (command_output(["nproc"]), cpu_model(), platform.platform()),
        "- .NET SDK: %s (`dotnet --version`); CPython: %s" % (command_output(["dotnet", "--version"]), command_output(["python3", "--version"])),
        "- Date: %s; mode: **%s**%s" % (now, args.mode,
            " (BenchmarkDotNet: 1 launch, 2 warmups, 5 iterations; CPython: best of 3)" if args.mode == "quick"
            else " (BenchmarkDotNet default job; CPython: best of 7)"),
        "- Load average when the table was written: %s (the machine may be shared: figures are noisy)." % command_output(["cat", "/proc/loadavg"]),
        "",
        "ops/s is operations per second (an operation is one callback, one round trip, one task, one exchange,",
        "one post, one twin call; for the compiler workloads one `[Future]` method or one source line).",
        "Ratios are ops/s over ops/s: above 1x, AsyncioGen is faster. Bytes/op is BenchmarkDotNet's allocated bytes per operation.",
        "Goals (docs/architecture.md, \"Tests, stress and benchmarks\"): at least %gx CPython on every loop workload, at least 1x the .NET baseline." % GOAL_CPYTHON_RATIO,
        "The TCP echo workloads (sockets on 127.0.0.1, one round trip of 64 bytes per op) aim at 5x CPython and 0.8x the .NET baseline.",
        "The compiler workloads (generator, analyzers) have no CPython counterpart; their baseline is compiling the same input",
        "(`GetDiagnostics`) with no generator / no analyzers, so their ratio is the share of that cost: the generator row times",
        "the generator run alone, the analyzers row times compiler diagnostics plus every AsyncioGen analyzer.",
        "",
        "## Summary",
        "",
        "| Workload | CPython ops/s | .NET baseline ops/s | AsyncioGen ops/s | AsyncioGen / CPython | AsyncioGen / baseline | AsyncioGen bytes/op | Speed goals |",
        "|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    details = []
    for workload in order:
        benches = [b for b in dotnet.values() if b["workload"] == workload]
        base = next((b for b in benches if b["baseline"]), None)
        others = [b for b in benches if not b["baseline"] and b["what"].startswith("(.NET)")]
        ours = [b for b in benches if not b["baseline"] and not b["what"].startswith("(.NET)")]
        py = cpython.get(workload)
        py_ops = py["ops_per_sec"] if py else None
        base_ops = base["ops"] if base else None

        details += ["### %s" % workload, ""]
        details.append("| AsyncioGen variant | CPython ops/s | .NET baseline ops/s | AsyncioGen ops/s | AsyncioGen / CPython | AsyncioGen / baseline | AsyncioGen bytes/op |")
        details.append("|---|--:|--:|--:|--:|--:|--:|")
        for i, bench in enumerate(ours):
            row = [
                fmt_ops(py_ops),
                fmt_ops(base_ops),
                fmt_ops(bench["ops"]),
                fmt_ratio(bench["ops"] / py_ops if py_ops else None),
                fmt_ratio(bench["ops"] / base_ops if base_ops else None),
                fmt_bytes(bench["bytes"]),
            ]
            details.append("| %s | %s |" % (bench["what"], " | ".join(row)))
            name = workload if len(ours) == 1 else "%s (%s)" % (workload, bench["what"])
            lines.append("| %s | %s | %s |" % (name, " | ".join(row), goals(bench["ops"], py_ops, base_ops, workload)))
        details.append("")
        if base:
            details.append("- .NET baseline: %s — %s ops/s, %s bytes/op" % (base["what"], fmt_ops(base["ops"]), fmt_bytes(base["bytes"])))
        for other in others:
            details.append("- other .NET: %s — %s ops/s, %s bytes/op" % (other["what"][len("(.NET)"):].strip(), fmt_ops(other["ops"]), fmt_bytes(other["bytes"])))
        if py:
            details.append("- CPython asyncio: %s operations, best of runs %.3f s" % (py["ops"], py["seconds"]))
        details.append("")

    lines += goal_lines(dotnet, cpython)
    lines += ["", "## By workload", ""] + details
    # Sections measured by other tools (the analyzer cost report) follow this marker and are kept.
    marker = "<!-- kept by make_table.py: sections below are written by other tools -->"
    if os.path.exists(args.out):
        with open(args.out, encoding="utf-8") as old:
            previous = old.read()
        if marker in previous:
            lines += ["", marker + previous.split(marker, 1)[1].rstrip()]
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("\n".join(lines).rstrip() + "\n")
    print("wrote " + args.out)


if __name__ == "__main__":
    main()

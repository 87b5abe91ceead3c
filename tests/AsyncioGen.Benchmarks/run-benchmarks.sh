#!/usr/bin/env bash
# Runs the CPython asyncio workloads and the BenchmarkDotNet suite on this machine, then writes
# docs/performance.md. Usage: tests/AsyncioGen.Benchmarks/run-benchmarks.sh [--quick] [BenchmarkDotNet args]
# --quick: one launch, 2 warmups, 5 iterations (a few minutes on 2 cores); without it, BenchmarkDotNet's default job.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mode=full
quick=()
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
    # Only the usage: anything else starts the CPython suite and a Release build.
    sed -n '2,4p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    echo "BenchmarkDotNet args go through to it, e.g. --filter '*CallSoon*'; the benchmark program's own switches: see Program.cs."
    exit 0
fi
if [[ "${1:-}" == "--quick" ]]; then
    mode=quick
    quick=(--quick)
    shift
fi

cd "$root"
artifacts="$root/BenchmarkDotNet.Artifacts"   # BenchmarkDotNet writes here (kept out of git by .gitignore)
rm -rf "$artifacts/results"
mkdir -p "$artifacts"

echo "== CPython asyncio ($(python3 --version))"
python3 "$here/asyncio_bench.py" "${quick[@]}" | tee "$artifacts/cpython.jsonl"

echo "== BenchmarkDotNet ($mode)"
dotnet build -c Release "$here/AsyncioGen.Benchmarks.csproj" -nologo -v quiet
dotnet run -c Release --no-build --project "$here/AsyncioGen.Benchmarks.csproj" -- "${quick[@]}" --filter '*' "$@"

echo "== Table"
python3 "$here/make_table.py" --mode "$mode" --cpython "$artifacts/cpython.jsonl" --results "$artifacts/results" --out "$root/docs/performance.md"

#!/usr/bin/env bash
# Builds the tour once per diagnostic with that example switched on and prints what the build reports.
#   ./tour.sh            every diagnostic
#   ./tour.sh AIO001     one of them
set -uo pipefail
cd "$(dirname "$0")"
ids=("$@")
if [ ${#ids[@]} -eq 0 ]; then
  ids=(AIO001 AIO002 AIO003 AIO004 AIO005 AIO006 AIO007 AIO008 AIO009 AIO010 AIO011 AIO012 AIO013 AIO014 AIO015 AIO016 AIO017 AIO018 AIO019 AIO020 AIO021 AIO022 AIO023 AIO024 AIO101 AIO102 AIO103 AIO104 AIO105)
fi
# Build the runtime, generator and analyzers once; each tour build then recompiles only this project.
dotnet build -nologo -v:q -clp:NoSummary > /dev/null || { echo "the clean build failed" >&2; exit 1; }
for id in "${ids[@]}"; do
  echo "== $id"
  dotnet build --no-dependencies --no-incremental -nologo -v:q -clp:NoSummary -p:Tour="$id" 2>&1 \
    | grep -E "(warning|error|info) $id" | sed -e "s#$PWD/##g" -e "s# \[AnalyzerTour.csproj\]##" | sort -u
done

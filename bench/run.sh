#!/usr/bin/env bash
# Prints the benchmark figures the README records: publishes reconciler ReadyToRun (as shipped), then runs it
# end to end on generated portfolios. usage: bench/run.sh [validate|plan|apply|posture|all] [--sizes 1000,10000]
#   bench/run.sh dns [--sizes 1000] [--passes 20] [--parallelism N] [--baseline OTHER-RECONCILER-BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/bench-reconciler
dotnet publish src/Reconciler/Reconciler.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out" --nologo -v q >/dev/null
dotnet run --project bench/Bench -c Release -- --reconciler "$PWD/$out/reconciler" "$@"

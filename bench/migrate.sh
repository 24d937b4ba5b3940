#!/bin/sh
# Migration benchmark: 10,000 messages of ~20 kB across 10 mailboxes, Dovecot to Dovecot on loopback, through the
# real `reconciler migrate` (Release); then one 50 MB message. Prints messages/s, MB/s, client CPU seconds and
# the client's peak memory (VmHWM). Needs dovecot installed and root (the mail folders belong to uid 65534).
# Extra arguments go to the benchmark, e.g. --parallelism 4 --batch 200 --no-verify.
set -eu
cd "$(dirname "$0")/.."
dotnet build bench/MigrateBench/MigrateBench.csproj -c Release -v quiet -nologo >/dev/null
exec dotnet bench/MigrateBench/bin/Release/net10.0/MigrateBench.dll "$@"

#!/usr/bin/env bash
# Start-up against a bare framework: ./pmlab -c 'pci:tree' (start to output to exit) against
# Felix with the same third-party bundles and no pmlab bundle running one Gogo command (lb),
# both with the launcher's JVM options. Runs them in turn, A B A B ..., and prints each one's
# median wall time and the median of the pairwise ratios A/B.
#   bench/startup.sh [RUNS]        (default 11 pairs, after one warm-up pair)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-11}"

if [[ ! -f bench/target/bare.jar ]]; then
  echo "startup: building bench/target/bare.jar ..." >&2
  mvn -q -B -DskipTests -Pstartup -pl bench -am package >&2
fi
./pmlab -c 'pci:tree' >/dev/null # builds cnf/target/pmlab.jar when stale

jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dorg.jline.terminal.provider=dumb)
pmlab() { ./pmlab -c 'pci:tree' >/dev/null; }
bare() {
  local status=0
  java "${jvm[@]}" -Dgosh.home=bench/startup/gosh -Dgosh.args=--nointeractive -jar bench/target/bare.jar \
    </dev/null >/dev/null || status=$?
  ((status == 117)) # 'stop 0' ends the bnd launcher with 117
}
ms() { local t0 t1; t0=$(date +%s%N); "$@"; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

pmlab; bare # warm-up pair (file cache, JIT of the JDK's own startup)
a=(); b=(); r=()
for ((i = 0; i < runs; i++)); do
  ta=$(ms pmlab); tb=$(ms bare)
  a+=("$ta"); b+=("$tb"); r+=("$(awk -v x="$ta" -v y="$tb" 'BEGIN {printf "%.3f", x / y}')")
done
printf "./pmlab -c 'pci:tree'          median %s ms\n" "$(printf '%s\n' "${a[@]}" | median)"
printf "bare Felix + Gogo, same bundles median %s ms\n" "$(printf '%s\n' "${b[@]}" | median)"
printf "ratio (median of %d pairs)      %s\n" "$runs" "$(printf '%s\n' "${r[@]}" | median)"

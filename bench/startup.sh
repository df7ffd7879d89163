#!/usr/bin/env bash
# Start-up against a bare framework: ./pmlab -c 'pci:tree' (start to output to exit) against
# Felix with the same third-party bundles and no pmlab bundle running one Gogo command (lb),
# both with the launcher's JVM options. Runs them in turn, A B A B ..., and prints each one's
# median wall time and CPU time (user + system, every thread of the JVM), the medians of the
# pairwise ratios A/B, and the load average before and after. The baseline gets the launcher's
# class data sharing too: a dynamic archive of its own (bench/target/bare.jsa), recorded by the
# warm-up run when missing or stale, as ./pmlab records cnf/target/pmlab.jsa; PMLAB_NO_CDS=1
# runs both without.
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
archive=bench/target/bare.jsa
cds() {
  [[ ${PMLAB_NO_CDS:-} == 1 ]] && return 0
  if [[ -f $archive && $archive -nt bench/target/bare.jar && $archive -nt "$(readlink -f -- "$(command -v java)")" ]]; then
    jvm+=(-XX:SharedArchiveFile="$archive" -Xlog:cds*=off)
  else
    rm -f "$archive"
    jvm+=(-XX:ArchiveClassesAtExit="$archive" -Xlog:cds*=off)
  fi
}
cds
pmlab() { ./pmlab -c 'pci:tree' >/dev/null; }
bare() {
  local status=0
  java "${jvm[@]}" -Dgosh.home=bench/startup/gosh -jar bench/target/bare.jar \
    </dev/null >/dev/null || status=$?
  ((status == 117)) # 'stop 0' ends the bnd launcher with 117
}
# One run: its wall and CPU milliseconds (user + system) in $wall and $cpu; its output is discarded.
tf="$(mktemp)"; trap 'rm -f "$tf"' EXIT
timed() {
  local TIMEFORMAT='%R %U %S'
  { time "$@" >/dev/null 2>&1; } 2>"$tf" || { echo "startup: '$*' failed" >&2; exit 1; }
  read -r wall cpu < <(awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$tf")
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN {printf "%.3f", x / y}'; }

echo "load average before: $(uptime | sed 's/.*load average: //')"
pmlab; bare # warm-up pair (file cache, JIT of the JDK's own startup; the baseline's archive)
if [[ ${PMLAB_NO_CDS:-} != 1 ]]; then
  jvm=("${jvm[@]:0:3}"); cds
  [[ ${jvm[*]} == *SharedArchiveFile* ]] || { echo "startup: the baseline recorded no class data archive" >&2; exit 1; }
fi
echo "baseline JVM options: ${jvm[*]}"
aw=(); ac=(); bw=(); bc=(); rw=(); rc=()
for ((i = 0; i < runs; i++)); do
  timed pmlab; aw+=("$wall"); ac+=("$cpu")
  timed bare; bw+=("$wall"); bc+=("$cpu")
  rw+=("$(ratio "${aw[i]}" "${bw[i]}")"); rc+=("$(ratio "${ac[i]}" "${bc[i]}")")
done
m() { printf '%s\n' "$@" | median; }
printf "./pmlab -c 'pci:tree'           wall median %s ms, CPU median %s ms\n" "$(m "${aw[@]}")" "$(m "${ac[@]}")"
printf "bare Felix + Gogo, same bundles wall median %s ms, CPU median %s ms\n" "$(m "${bw[@]}")" "$(m "${bc[@]}")"
printf "ratio (median of %d pairs)      wall %s, CPU %s\n" "$runs" "$(m "${rw[@]}")" "$(m "${rc[@]}")"
echo "load average after: $(uptime | sed 's/.*load average: //')"

#!/bin/sh
# Captures a host's /sys/bus/pci tree as a test fixture, read-only: the regular attribute files
# of every function (and its power/ directory) under OUT/devices/..., and every link the import
# follows in OUT/links.txt ("PATH -> TARGET", relative as in sysfs). Usage: capture.sh OUT
set -eu
out=$1
mkdir -p "$out"
: > "$out/links.txt"
for link in /sys/bus/pci/devices/*; do
  bdf=$(basename "$link")
  target=$(readlink "$link")
  echo "bus/pci/devices/$bdf -> $target" >> "$out/links.txt"
  real=$(cd "$link" && pwd -P)
  rel=${real#/sys/}
  mkdir -p "$out/$rel/power"
  for f in "$real"/* "$real"/power/*; do
    name=${f#"$real"/}
    case "$name" in resource[0-9]*|rom|remove|rescan|reset|uevent) continue ;; esac
    if [ -L "$f" ]; then
      case "$name" in driver|physfn) echo "$rel/$name -> $(readlink "$f")" >> "$out/links.txt" ;; esac
    elif [ -f "$f" ] && [ -r "$f" ]; then
      cat "$f" > "$out/$rel/$name" 2>/dev/null || rm -f "$out/$rel/$name"
    fi
  done
done

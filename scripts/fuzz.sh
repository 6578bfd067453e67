#!/usr/bin/env bash
# Runs the libFuzzer targets built in build-fuzz (see fuzz/README.md).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   fuzz each target for SECONDS (default 20)
#   scripts/fuzz.sh --replay [TARGET...]    run the committed seeds once through each target
#
# Options: --bin-dir DIR (where the targets are; default build-fuzz/fuzz), --work-dir DIR
# (temporary corpora, logs and crashes; default build-fuzz/fuzz-work). The committed seeds in
# fuzz/corpus/ are copied to a working corpus first: a run never writes into the repository.
# Exits 1 when a target crashes, leaks, times out or runs out of memory, naming the saved input.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="$root/build-fuzz/fuzz"
work_dir=""
seconds=20
replay=0
targets=()
all_targets=(fuzz_dates fuzz_csv_import fuzz_config fuzz_recurrence)

while [ $# -gt 0 ]; do
  case "$1" in
  --replay) replay=1 ;;
  --bin-dir) bin_dir="$2"; shift ;;
  --work-dir) work_dir="$2"; shift ;;
  -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  [0-9]*) seconds="$1" ;;
  fuzz_*) targets+=("$1") ;;
  *) echo "fuzz.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
[ -n "$work_dir" ] || work_dir="$(dirname "$bin_dir")/fuzz-work"
mkdir -p "$work_dir"

# Leaks are bugs too; UBSan stops at the first report (the targets are also built that way).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
for target in "${targets[@]}"; do
  exe="$bin_dir/$target"
  if [ ! -x "$exe" ]; then
    echo "fuzz.sh: $exe is missing; build it first (make fuzz, or cmake --build build-fuzz --target fuzz_all)" >&2
    exit 2
  fi
  seeds="$root/fuzz/corpus/$target"
  dict=()
  [ -f "$root/fuzz/dicts/$target.dict" ] && dict=(-dict="$root/fuzz/dicts/$target.dict")
  crashes="$work_dir/crashes/$target"
  log="$work_dir/$target.log"
  mkdir -p "$crashes"

  if [ "$replay" -eq 1 ]; then
    # Each seed once, no mutation: seconds, not minutes; a crashing seed fails here too.
    if "$exe" -runs=0 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" "$seeds" >"$log" 2>&1; then
      echo "$target: $(find "$seeds" -type f | wc -l) seeds replayed, no crash"
    else
      failed+=("$target")
      echo "$target: FAILED replaying the seeds; log: $log" >&2
      tail -n 30 "$log" >&2
    fi
    continue
  fi

  corpus="$(mktemp -d "$work_dir/$target.corpus.XXXXXX")"
  cp "$seeds"/* "$corpus"/
  echo "$target: fuzzing for ${seconds}s (log: $log)"
  status=0
  "$exe" "$corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -workers=1 \
    -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1 || status=$?
  rm -rf "$corpus"
  # The last status line: how many inputs ran and the coverage reached.
  grep -E '^#[0-9]+' "$log" | tail -n 1 || true
  grep -E 'stat::(number_of_executed_units|average_exec_per_sec)' "$log" || true
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    echo "$target: FAILED (exit $status); log: $log" >&2
    grep -E 'ERROR:|fuzz: |SUMMARY:|Test unit written to' "$log" >&2 || tail -n 30 "$log" >&2
    echo "reproduce: $exe <the input above>" >&2
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: ${failed[*]} failed; inputs saved under $work_dir/crashes/" >&2
  exit 1
fi
echo "fuzz.sh: no crash in ${targets[*]}"

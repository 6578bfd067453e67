#!/usr/bin/env bash
# A day in the life of a virtual IOP, as a clinician sees it at the terminal: set up, three
# clinicians, a small program of clients, a couple paired with their couples therapist, a
# discharge, and the audit trail of it all. Runs on a fresh database in a temporary folder,
# with examples/config.toml, and removes the folder on exit. `make demo` runs it.
#
#   IOP_BIN   the iop binary to run (default: iop on PATH)
# The clock is fixed with IOP_NOW (Tuesday 1 December 2026, Portland time), so every run prints
# the same dates.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
iop_bin=${IOP_BIN:-iop}
if ! command -v "$iop_bin" >/dev/null 2>&1; then
  echo "day-in-the-life: cannot run '$iop_bin'; build iop (make build) or set IOP_BIN" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/iop-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
export IOP_DB="$work/data/iop.db"
export IOP_CONFIG="$work/config.toml"
cp "$here/config.toml" "$IOP_CONFIG"
export IOP_USER=intake # the intake coordinator, unless --as says otherwise
unset IOP_BUSY_TIMEOUT_MS

# A heading, and the time of day it happens (Portland time, UTC-8 in December).
heading() {
  export IOP_NOW="2026-12-01T$1:00-08:00"
  printf '\n== %s  %s\n\n' "$1" "$2"
}

# Prints the command as one would type it.
show() {
  local line="\$ iop" arg
  for arg in "$@"; do
    if [[ -z $arg || $arg =~ [^[:alnum:]_./:,=@+%-] ]]; then
      arg=${arg//\\/\\\\}
      arg=${arg//\"/\\\"}
      arg=${arg//\$/\\\$}
      arg=${arg//\`/\\\`}
      line+=" \"$arg\""
    else
      line+=" $arg"
    fi
  done
  printf '%s\n' "$line"
}

run() {
  show "$@"
  "$iop_bin" "$@"
}

# Runs a command that creates a record with -q: prints the new id and keeps it in $new_id.
new_id=""
create() {
  show -q "$@"
  new_id=$("$iop_bin" -q "$@")
  printf '%s\n' "$new_id"
}

heading 08:05 "A fresh database and the practice's config"
run init
run config check

heading 08:10 "Three clinicians"
create clinician add --name "Dana Reyes" --credential LMFT --npi 1234567893 \
  --role individual,couples --tz America/Los_Angeles --email dana.reyes@example.org
dana=$new_id
create clinician add --name "Sam Ito" --credential LADC --role addiction,group
sam=$new_id
create clinician add --name "Priya Natarajan" --credential MD --npi 1987654328 \
  --role medical --tz America/Chicago
printf '\n'
run clinician list

heading 09:30 "Enrolling the program"
create client enroll --first "Siobhán" --last "O'Brien" --dob 1988-04-12 --sex F \
  --phone "503 555 0142" --track dual --clinician "$dana" --admit 2026-11-02 --diagnosis F10.20,F41.1
siobhan=$new_id
create client enroll --first "José" --last "Núñez" --dob 1986-09-30 --sex M \
  --track sud --clinician "$sam" --admit 2026-11-09 --diagnosis F11.20,F33.1
jose=$new_id
create client enroll --first Tanya --last Whitehorse --dob 1979-01-22 --sex F \
  --track mh --clinician "$dana" --admit 2026-11-16 --diagnosis F33.1
tanya=$new_id
create client enroll --first Marcus --last Bell --dob 1992-06-05 --sex M \
  --track sud --clinician "$sam" --admit 2026-11-23 --diagnosis F10.20
create client enroll --first Keisha --last Daniels --dob 1995-11-17 --sex F \
  --tz America/New_York --track mh --clinician "$dana" --admit today --diagnosis F41.1
create client enroll --first Robert --last Kowalski --dob 1970-03-08 --sex M \
  --track dual --clinician "$sam" --admit 2026-09-14 --diagnosis F10.20,F33.1
robert=$new_id
printf '\n'
run client list

heading 13:00 "Siobhán and José start couples work with Dana"
run --as dreyes couple pair "$siobhan" "$jose" --therapist "$dana" --since 2026-11-10
printf '\n'
run client show "$siobhan"

heading 13:05 "Pairing José again is refused: he is already in a couple"
status=0
run --as dreyes couple pair "$jose" "$tanya" --therapist "$dana" || status=$?
printf '(exit %s: conflict, nothing changed)\n' "$status"

heading 13:06 "Couples in the program"
run couple list

heading 16:45 "Robert completes the program"
run --as sito client discharge "$robert" --date today --reason completed
printf '\n'
run client list --status all

heading 17:30 "The audit trail, newest first (no clinical details in it)"
run audit log --limit 8

printf '\nThe day used %s; it is removed now.\n' "$work"

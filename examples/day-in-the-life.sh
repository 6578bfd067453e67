#!/usr/bin/env bash
# A day in the life of a virtual IOP, as a clinician sees it at the terminal: set up, three
# clinicians, a small program of clients, a couple paired with their couples therapist, their
# week of individual and joint sessions, a recovery group, attendance, a refused double
# booking, a discharge, the audit trail, and the next morning's agenda and hours report. Runs on
# a fresh database in a temporary folder, with examples/config.toml, and removes the folder on
# exit. `make demo` runs it.
#
#   IOP_BIN   the iop binary to run (default: iop on PATH)
# The clock is fixed with IOP_NOW (Tuesday 1 December 2026, then Wednesday morning, Portland
# time), so every run prints the same dates.
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

# A heading, and the time of day it happens on $day (Portland time, UTC-8 in December).
day=2026-12-01
heading() {
  export IOP_NOW="${day}T$1:00-08:00"
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
priya=$new_id
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
marcus=$new_id
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

heading 13:15 "A week of sessions for Siobhán and José"
# Individual work: Siobhán with Dana this afternoon; José with Sam, twice a week for two weeks.
create --as dreyes session schedule --type individual --clinician "$dana" --client "$siobhan" \
  --start "today 15:45"
siobhan_today=$new_id
run --as sito session schedule --type addiction --clinician "$sam" --client "$jose" \
  --start "2026-12-03 10:00" --weekly mon,thu --count 4
printf '\n'
# Joint sessions: every Wednesday evening for six weeks.
couple=$("$iop_bin" -q couple list --client "$siobhan")
run --as dreyes session schedule --type couples --clinician "$dana" --couple "$couple" \
  --start "2026-12-02 17:30" --weekly wed --count 6 --link https://meet.example.org/reyes-couples

heading 13:25 "Sam's recovery group, Tuesdays and Thursdays"
create --as sito group create --name "Recovery Skills" --clinician "$sam" --capacity 10
recovery=$new_id
run --as sito group add "$jose" "$marcus" "$tanya" --group "$recovery"
printf '\n'
run --as sito session schedule --type group --clinician "$sam" --group "$recovery" \
  --start "today 14:00" --minutes 90 --weekly tue,thu --count 4
group_today=$("$iop_bin" -q session list --from today --to today --clinician "$sam")

heading 13:30 "José cannot see Priya during his couples session: a double booking is refused"
# Priya works from Chicago; the verb's own --tz reads the start in Portland time instead.
status=0
run --as intake session schedule --type medical --clinician "$priya" --client "$jose" \
  --start "2026-12-02 17:45" --tz America/Los_Angeles || status=$?
printf '(exit %s: conflict, nothing booked)\n' "$status"

heading 15:35 "The group has ended: Tanya did not come"
run --as sito session attend "$group_today" --absent "$tanya"

heading 16:40 "Siobhán's session with Dana has ended (it started two minutes late)"
run --as dreyes session attend "$siobhan_today" --start 15:47 --end 16:35

heading 16:45 "Robert completes the program"
run --as sito client discharge "$robert" --date today --reason completed
printf '\n'
run client list --status all

heading 17:30 "The audit trail, newest first (no clinical details in it)"
run audit log --limit 8

day=2026-12-02
printf '\n\n######## Wednesday 2 December 2026\n'

heading 07:50 "Dana's morning: today's agenda"
run agenda --clinician "$dana"

heading 07:55 "The whole program's agenda for the day"
run agenda

heading 08:00 "Hours this week (Monday 30 November to Sunday 6 December)"
run report hours

heading 08:05 "Dana's calendar for her phone (client initials only, no notes)"
(cd "$work" && run session export --ics --clinician "$dana" --out dana.ics)
printf '\n$ grep -m 3 -E "^(DTSTART|SUMMARY|URL)" dana.ics\n'
grep -m 3 -E '^(DTSTART|SUMMARY|URL)' "$work/dana.ics"

printf '\nThe demo used %s; it is removed now.\n' "$work"

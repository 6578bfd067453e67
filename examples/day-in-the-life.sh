#!/usr/bin/env bash
# A day in the life of a virtual IOP, as a clinician sees it at the terminal: set up, three
# clinicians, a small program of clients, a couple paired with their couples therapist, their
# week of individual and joint sessions, a recovery group, attendance, a refused double
# booking, a progress note written, signed and amended, PHQ-9 scores trended and one safety
# flag, a discharge, the audit trail, and the next morning's agenda and hours report. Runs on
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

# Runs a command with its standard input from $1, shown as a here-document.
run_with_input() {
  local input=$1
  shift
  printf '%s <<EOF\n%sEOF\n' "$(show "$@")" "$input"
  printf '%s' "$input" | "$iop_bin" "$@"
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

heading 16:50 "Dana writes Siobhán's progress note (SOAP, from stdin), signs it, and it is sealed"
siobhan_note=$(printf 'S: Reports four days without drinking; cravings in the evenings.\nO: Engaged, on time, calm affect.\nA: Early remission skills taking hold; anxiety lower.\nP: Continue weekly; practise urge surfing before Wednesday.\n' |
  "$iop_bin" -q --as dreyes note add "$siobhan_today" --file -)
show --as dreyes note add "$siobhan_today" --file -
printf '(note %s saved as a draft)\n' "$siobhan_note"
run --as dreyes note sign "$siobhan_note" --by "$dana"
printf '\n'
run note verify "$siobhan_note"

heading 16:52 "A signed note cannot be changed, not even with the sqlite3 shell"
status=0
run_with_input $'S: Reports three days without drinking.\n' --as dreyes note edit "$siobhan_note" --file - || status=$?
printf '(exit %s: conflict; corrections are addenda)\n' "$status"
# shellcheck disable=SC2016 # the command is printed as typed, $IOP_DB unexpanded
printf '$ sqlite3 "$IOP_DB" "UPDATE notes SET body = '"'"'rewritten'"'"' WHERE id = %s"\n' "$siobhan_note"
sqlite3 "$IOP_DB" "UPDATE notes SET body = 'rewritten' WHERE id = $siobhan_note" 2>&1 || true

heading 16:55 "Her PHQ-9 today, after four weekly ones: the trend"
for entry in 2026-11-03:2,3,2,2,2,2,2,1,0 2026-11-10:2,2,2,2,1,2,2,1,0 2026-11-17:2,2,1,2,1,1,1,1,0 2026-11-24:1,1,1,1,1,1,1,0,0; do
  "$iop_bin" -q --as dreyes measure record "$siobhan" --instrument phq-9 --date "${entry%%:*}" --answers "${entry#*:}" >/dev/null
done
run --as dreyes measure record "$siobhan" --instrument phq-9 --session "$siobhan_today" --answers 1,1,0,1,1,0,1,0,0
printf '\n'
run measure trend "$siobhan" --instrument phq-9

heading 17:00 "José's PHQ-9 at group: item 9 is not 0, and iop says so loudly"
run --as sito measure record "$jose" --instrument phq-9 --session "$group_today" --answers 2,2,1,2,1,1,1,1,1
printf '\n'
run measure list --flagged

heading 17:05 "Sam's group notes: one drafted, what is still open"
printf 'B: Shared a relapse-prevention plan; supported peers.\nI: Skills practice on refusal phrases.\nR: Practised twice with feedback.\nP: Bring the plan to Thursday.\n' |
  "$iop_bin" -q --as sito note add "$group_today" --client "$jose" --template birp --file - >/dev/null
run note list --unsigned --clinician "$sam"

heading 17:10 "Robert completes the program"
run --as sito client discharge "$robert" --date today --reason completed
printf '\n'
run client list --status all

heading 17:30 "The audit trail, newest first (no clinical details in it)"
run audit log --limit 10

day=2026-12-02
printf '\n\n######## Wednesday 2 December 2026\n'

heading 07:50 "Dana's morning: today's agenda"
run agenda --clinician "$dana"

heading 07:55 "The whole program's agenda for the day"
run agenda

heading 07:52 "Dana adds a late entry to yesterday's signed note: an addendum"
run --as dreyes note addend "$siobhan_note" --by "$dana" \
  --text "Late entry: client confirmed her sponsor's number is in her safety plan."
printf '\n'
run note show "$siobhan_note"

heading 08:00 "Hours this week (Monday 30 November to Sunday 6 December)"
run report hours

heading 08:05 "Dana's calendar for her phone (client initials only, no notes)"
(cd "$work" && run session export --ics --clinician "$dana" --out dana.ics)
printf '\n$ grep -m 3 -E "^(DTSTART|SUMMARY|URL)" dana.ics\n'
grep -m 3 -E '^(DTSTART|SUMMARY|URL)' "$work/dana.ics"

heading 08:20 "Billing: the payer, Siobhán's own PPO plan, and José on it as her partner"
create --as billing payer add --name "Cascade Health PPO" --payer-id 93221 --plan ppo
cascade=$new_id
run --as billing coverage add "$siobhan" --payer "$cascade" --member-id CHP448812 --group G-2291 --from 2026-11-01
printf '\n'
run --as billing coverage add "$jose" --payer "$cascade" --member-id CHP448812 --group G-2291 \
  --subscriber "client:$siobhan" --relationship partner --from 2026-11-01

heading 08:25 "What yesterday would bill, and what it leaves out (a dry run)"
run --as billing claim build --to yesterday --dry-run

heading 08:30 "The claims, built; a second build bills nothing twice"
run --as billing claim build --to yesterday
printf '\n'
run --as billing claim build --to yesterday
printf '\n'
claim=$("$iop_bin" -q claim list --client "$siobhan")
run claim show "$claim"

heading 08:35 "The nightly export (what cron runs at 02:00): one 837P batch of every new claim"
mkdir -p "$work/outbox"
(cd "$work" && run --as billing claim export --x12 --since-last --out-dir outbox)
printf '\n$ head -c 300 outbox/claims-batch-000001.837\n'
head -c 300 "$work/outbox/claims-batch-000001.837"
printf '...\n\n'
(cd "$work" && run --as billing claim export --x12 --since-last --out-dir outbox)
printf '\n'
run claim batches

heading 08:40 "A superbill Siobhán can send her insurer herself"
run claim superbill "$siobhan" --from 2026-12-01 --to 2026-12-01

printf '\nThe demo used %s; it is removed now.\n' "$work"

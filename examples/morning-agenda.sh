#!/bin/sh
# Morning agenda: what a clinician reads first thing, in one screen: the day's sessions (with a
# client's own time beside yours when they live elsewhere), the notes still to write or sign
# (overdue first), PHQ-9 safety flags of the last week, and authorizations running low. Run it
# by hand, from a login script, or from cron at 07:00 to have it mailed:
#
#   examples/morning-agenda.sh 3              clinician 3, today
#   examples/morning-agenda.sh 3 tomorrow     clinician 3, tomorrow (DATE as `iop agenda` takes it)
#   IOP_CLINICIAN=3 examples/morning-agenda.sh
#   0 7 * * 1-5 IOP_CLINICIAN=3 /path/to/morning-agenda.sh
#
# Environment: IOP_CLINICIAN (the clinician id when none is given), IOP_LOW_UNITS (an
# authorization with this many units left or fewer is listed; default 4), IOP_BIN (the iop to
# run; default iop on PATH), and iop's own IOP_DB, IOP_CONFIG, TZ.
# Exit codes are iop's: 0 done; 2 a bad argument; 3 no such clinician; 5 the database was busy
# (run it again); 6 a config value is wrong. Nothing here writes to the database.
set -eu

iop=${IOP_BIN:-iop}
clinician=${1:-${IOP_CLINICIAN:-}}
day=${2:-today}
low=${IOP_LOW_UNITS:-4}

if [ -z "$clinician" ]; then
    echo "morning-agenda: give a clinician id (morning-agenda.sh ID [DATE]) or set IOP_CLINICIAN" >&2
    exit 2
fi
case $low in
    '' | *[!0-9]*)
        echo "morning-agenda: IOP_LOW_UNITS must be a whole number, not '$low'" >&2
        exit 2
        ;;
esac

# An unknown clinician stops here, with iop's exit 3, before anything is printed.
"$iop" -q clinician show "$clinician" >/dev/null

# The sessions, and under them how many notes are still open.
"$iop" agenda "$day" --clinician "$clinician"

printf '\n== Notes to write or sign\n\n'
"$iop" note list --unsigned --clinician "$clinician"

printf '\n== Safety flags of the last 7 days (every client)\n\n'
"$iop" measure list --flagged --since "7 days ago"

printf '\n== Authorizations with %s units or fewer left\n\n' "$low"
"$iop" auth list --active --low "$low"

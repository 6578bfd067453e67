#!/bin/sh
# Nightly claims: build claims from the day's attended, signed, covered sessions, then export
# every claim not sent yet as one ANSI X12 837P batch into the outbox the clearinghouse client
# picks up. Run it from cron, which mails what it prints: one line on stderr (the batch summary,
# or "no new claims to export"), warnings, and on failure what to fix.
#
#   crontab -e
#   0 2 * * * /path/to/nightly-claims.sh
#
# Environment: IOP_OUTBOX (default ~/claims-outbox), and iop's own IOP_DB, IOP_CONFIG.
# Exit codes are iop's:
#   0  done, or nothing new to send (no file is written)
#   5  the database was busy past the timeout: nothing was recorded, safe to run again
#   6  a config value is missing or wrong (the message names the key, e.g. practice.npi)
#   other  see `iop --help`; nothing is marked exported unless its file was written
set -eu

outbox="${IOP_OUTBOX:-$HOME/claims-outbox}"
mkdir -p "$outbox"

status=0
iop -q claim build >/dev/null || status=$?
if [ "$status" -ne 0 ]; then
    echo "nightly-claims: iop claim build failed (exit $status)" >&2
    [ "$status" -eq 5 ] && echo "nightly-claims: the database was busy; run again later" >&2
    exit "$status"
fi

iop claim export --x12 --since-last --out-dir "$outbox" || status=$?
if [ "$status" -ne 0 ]; then
    echo "nightly-claims: iop claim export failed (exit $status)" >&2
    [ "$status" -eq 5 ] && echo "nightly-claims: the database was busy; run again later" >&2
fi
exit "$status"

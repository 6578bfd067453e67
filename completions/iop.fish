# fish completion for iop: nouns, verbs, options and the fixed values of --format, --track, --sex,
# --status, --reason, --role, --kind, --type, --modality, --weekly, --template, --instrument, --plan,
# --filing-code, --billing, the modifiers, --active, --priority, --subscriber, --subscriber-sex and
# --relationship;
# a file name or - for --file. Hand-written for now: keep it in step with `iop --help`
# (tests/e2e/test_docs.py checks that every noun, verb and option appears here).
# Installed to share/fish/vendor_completions.d.

# The nouns and verbs typed so far, options and their values left out.
function __iop_words
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    set -l words
    for t in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $t
            case --db --config --format --tz --as --name --credential --npi --role --email \
                --first --last --dob --sex --phone --track --clinician --admit --diagnosis \
                --status --search --date --reason --therapist --since --client --limit --kind --record \
                --capacity --group --type --couple --start --end --minutes --modality --link --note-text \
                --weekly --rrule --count --until --from --to --present --absent --out --min \
                --session --template --file --by --text --instrument --answers --identified-patient \
                --payer-id --plan --filing-code --billing --telehealth-modifier --audio-modifier --active \
                --payer --member-id --priority --subscriber --subscriber-name --subscriber-dob --subscriber-sex \
                --relationship --number --code --units --address --city --state --zip
                set skip 1
            case --week
                # A day after `report hours`; a flag of `agenda`.
                contains -- report $words; and set skip 1
            case '-*'
                continue
            case '*'
                set -a words $t
                echo $t
        end
    end
end

# True when nothing but options has been typed: a noun comes next.
function __iop_needs_noun
    set -l words (__iop_words)
    test (count $words) -eq 0
end

# True when exactly this noun has been typed (a verb comes next, or init's options).
function __iop_is --argument-names noun
    set -l words (__iop_words)
    test (count $words) -eq 1; and test "$words[1]" = "$noun"
end

# True once this noun and verb have been typed (ids and options follow).
function __iop_in --argument-names noun verb
    set -l words (__iop_words)
    test (count $words) -ge 2; and test "$words[1]" = "$noun"; and test "$words[2]" = "$verb"
end

function __iop_zones
    echo UTC
    test -r /usr/share/zoneinfo/zone1970.tab; and string match -rv '^#' </usr/share/zoneinfo/zone1970.tab | string split \t -f 3
end

# Day names for --weekly, comma-separated: complete the part after the last comma.
function __iop_days
    set -l token (commandline -ct)
    set -l done_part (string match -r '^.*,' -- $token)
    for day in mon tue wed thu fri sat sun
        printf '%s%s\n' "$done_part" $day
    end
end

# Roles as a comma-separated list: complete the part after the last comma.
function __iop_roles
    set -l token (commandline -ct)
    set -l done_part (string match -r '^.*,' -- $token)
    for role in individual couples addiction group medical
        printf '%s%s\n' "$done_part" $role
    end
end

complete -c iop -f

# Global options: before or after the noun and verb.
complete -c iop -l db -r -F -d 'database file (env IOP_DB)'
complete -c iop -l config -r -F -d 'config file (env IOP_CONFIG)'
complete -c iop -l format -x -a 'table json csv' -d 'output format'
complete -c iop -l tz -x -a '(__iop_zones)' -d 'time zone (IANA name)'
complete -c iop -l as -x -a '(__fish_complete_users)' -d 'who is acting, for the audit log (env IOP_USER)'
complete -c iop -s q -l quiet -d 'print only ids; no notices'
complete -c iop -s h -l help -d 'print help and exit'
complete -c iop -n __iop_needs_noun -l version -d 'print the version of iop, its schema and SQLite'

# Nouns.
complete -c iop -n __iop_needs_noun -a init -d 'create the database (safe to run again)'
complete -c iop -n __iop_needs_noun -a config -d 'check the configuration, show where files live'
complete -c iop -n __iop_needs_noun -a clinician -d "the practice's clinicians"
complete -c iop -n __iop_needs_noun -a client -d 'clients: enrollment, details, discharge'
complete -c iop -n __iop_needs_noun -a couple -d 'partners treated together'
complete -c iop -n __iop_needs_noun -a group -d 'therapy groups: a clinician, a capacity and members'
complete -c iop -n __iop_needs_noun -a session -d 'sessions: scheduling, attendance, cancellation'
complete -c iop -n __iop_needs_noun -a agenda -d "the day's (or week's) sessions, by time, in your time zone"
complete -c iop -n __iop_needs_noun -a note -d 'progress notes: write, sign, addend, verify'
complete -c iop -n __iop_needs_noun -a measure -d 'outcome measures: SCS-SF, PHQ-9, GAD-7'
complete -c iop -n __iop_needs_noun -a payer -d 'insurance payers and what their claims need'
complete -c iop -n __iop_needs_noun -a coverage -d "a client's insurance policies"
complete -c iop -n __iop_needs_noun -a auth -d 'prior authorizations: approved units and what is left'
complete -c iop -n __iop_needs_noun -a claim -d 'insurance claims: build, list, summarize, export (837P)'
complete -c iop -n __iop_needs_noun -a report -d 'roll-ups: weekly IOP hours per client'
complete -c iop -n __iop_needs_noun -a audit -d 'the audit trail of every change'

# init
complete -c iop -n '__iop_is init' -l config-template -d 'print a commented starter config.toml instead'

# config
complete -c iop -n '__iop_is config' -a check -d 'validate config.toml and name the line of every problem'
complete -c iop -n '__iop_is config' -a path -d 'print where the config file and the database are'
complete -c iop -n '__iop_in config check' -F

# clinician
complete -c iop -n '__iop_is clinician' -a add -d 'add a clinician'
complete -c iop -n '__iop_is clinician' -a list -d 'list clinicians'
complete -c iop -n '__iop_is clinician' -a show -d 'show one clinician'
complete -c iop -n '__iop_is clinician' -a update -d "change a clinician's details (only the options given)"
complete -c iop -n '__iop_is clinician' -a deactivate -d 'mark a clinician inactive (records are kept)'
set -l clinician_edit '__iop_in clinician add; or __iop_in clinician update'
complete -c iop -n $clinician_edit -l name -x -d 'full name'
complete -c iop -n $clinician_edit -l credential -x -a 'LCSW LMFT LPC LADC MD NP' -d 'licence or degree'
complete -c iop -n $clinician_edit -l npi -x -d 'National Provider Identifier (10 digits)'
complete -c iop -n $clinician_edit -l role -x -a '(__iop_roles)' -d 'roles, comma-separated'
complete -c iop -n $clinician_edit -l email -x -d 'email address'
complete -c iop -n '__iop_in clinician list' -l all -d 'include deactivated clinicians'
complete -c iop -n '__iop_in clinician list' -l role -x -a 'individual couples addiction group medical' -d 'only clinicians with this role'

# client
complete -c iop -n '__iop_is client' -a enroll -d 'enroll a new client'
complete -c iop -n '__iop_is client' -a list -d 'list clients'
complete -c iop -n '__iop_is client' -a show -d 'show one client with diagnoses, clinician and partner'
complete -c iop -n '__iop_is client' -a update -d "change a client's details (only the options given)"
complete -c iop -n '__iop_is client' -a discharge -d 'discharge a client (an active pairing ends that day)'
set -l client_edit '__iop_in client enroll; or __iop_in client update'
complete -c iop -n $client_edit -l first -x -d 'first name'
complete -c iop -n $client_edit -l last -x -d 'last name'
complete -c iop -n $client_edit -l dob -x -d 'date of birth (YYYY-MM-DD)'
complete -c iop -n $client_edit -l sex -x -a 'F\tfemale M\tmale X\tother U\tunknown' -d sex
complete -c iop -n $client_edit -l phone -x -d 'phone number'
complete -c iop -n $client_edit -l email -x -d 'email address'
complete -c iop -n $client_edit -l address -x -d 'street address, sent on claims'
complete -c iop -n $client_edit -l city -x -d city
complete -c iop -n $client_edit -l state -x -d 'state, two letters'
complete -c iop -n $client_edit -l zip -x -d 'ZIP code, 5 or 9 digits'
complete -c iop -n $client_edit -l track -x -a 'mh\t"mental health" sud\t"substance use" dual\t"mental health and substance use"' -d 'treatment track'
complete -c iop -n $client_edit -l clinician -x -d 'primary clinician id'
complete -c iop -n $client_edit -l admit -x -a 'today yesterday' -d 'admission date (YYYY-MM-DD)'
complete -c iop -n $client_edit -l diagnosis -x -d 'ICD-10-CM codes, the primary first'
complete -c iop -n '__iop_in client enroll' -l allow-duplicate -d 'enroll even when the same name and date of birth exist'
complete -c iop -n '__iop_in client list' -l status -x -a 'active discharged all' -d 'which clients (default active)'
complete -c iop -n '__iop_in client list' -l clinician -x -d 'only clients of this primary clinician'
complete -c iop -n '__iop_in client list' -l search -x -d 'part of the name'
complete -c iop -n '__iop_in client discharge' -l date -x -a 'today yesterday' -d 'discharge date (YYYY-MM-DD)'
complete -c iop -n '__iop_in client discharge' -l reason -x -a 'completed transferred withdrew ama administrative other' -d 'discharge reason'

# couple
complete -c iop -n '__iop_is couple' -a pair -d 'pair two clients as a couple'
complete -c iop -n '__iop_is couple' -a unpair -d 'end a pairing (its history is kept)'
complete -c iop -n '__iop_is couple' -a update -d 'change an active couple (only the options given)'
complete -c iop -n '__iop_is couple' -a list -d 'list couples (active ones unless --all)'
complete -c iop -n '__iop_is couple' -a show -d 'show one couple'
complete -c iop -n '__iop_in couple pair' -l therapist -x -d 'the couples therapist (clinician id)'
complete -c iop -n '__iop_in couple pair' -l since -x -a 'today yesterday' -d 'first day of the pairing'
complete -c iop -n '__iop_in couple pair; or __iop_in couple update' -l identified-patient -x -d 'the partner joint sessions are billed to (client id)'
complete -c iop -n '__iop_in couple unpair' -l date -x -a 'today yesterday' -d 'last day of the pairing'
complete -c iop -n '__iop_in couple list' -l all -d 'include ended pairings'
complete -c iop -n '__iop_in couple list' -l client -x -d 'only couples this client is (or was) part of'

# group
complete -c iop -n '__iop_is group' -a create -d 'create a therapy group led by a clinician with the group role'
complete -c iop -n '__iop_is group' -a add -d 'add clients to a group from --date on'
complete -c iop -n '__iop_is group' -a remove -d 'remove clients from a group from --date on'
complete -c iop -n '__iop_is group' -a list -d 'list groups with their clinician and members'
complete -c iop -n '__iop_is group' -a show -d 'show one group: clinician, capacity and current members'
complete -c iop -n '__iop_in group create' -l name -x -d "the group's name"
complete -c iop -n '__iop_in group create' -l clinician -x -d "the leading clinician's id (group role)"
complete -c iop -n '__iop_in group create' -l capacity -x -d 'the most members at one time (1 to 100)'
set -l group_members '__iop_in group add; or __iop_in group remove'
complete -c iop -n $group_members -l group -x -d 'group id'
complete -c iop -n $group_members -l date -x -a 'today yesterday' -d 'joining or leaving date (YYYY-MM-DD)'

# session
complete -c iop -n '__iop_is session' -a schedule -d 'book a session, or a recurring series of them'
complete -c iop -n '__iop_is session' -a list -d 'list the sessions of a period'
complete -c iop -n '__iop_is session' -a show -d 'show one session with its participants'
complete -c iop -n '__iop_is session' -a attend -d 'mark a session attended, with actual times and who came'
complete -c iop -n '__iop_is session' -a no-show -d 'mark a scheduled session as a no-show'
complete -c iop -n '__iop_is session' -a cancel -d 'cancel a session (or it and the rest of its series)'
complete -c iop -n '__iop_is session' -a reschedule -d 'move a scheduled session (the old time is kept)'
complete -c iop -n '__iop_is session' -a export -d 'export sessions as an iCalendar (.ics) file'
set -l schedule '__iop_in session schedule'
complete -c iop -n $schedule -l type -x -a 'individual addiction couples group medical intake' -d 'kind of session'
complete -c iop -n $schedule -l clinician -x -d 'clinician id'
complete -c iop -n $schedule -l client -x -d 'client id (all types but couples and group)'
complete -c iop -n $schedule -l couple -x -d 'couple id (--type couples)'
complete -c iop -n $schedule -l group -x -d 'group id (--type group)'
complete -c iop -n $schedule -l start -x -d 'first start: "YYYY-MM-DD HH:MM" (or today/tomorrow HH:MM)'
complete -c iop -n $schedule -l minutes -x -d 'length in minutes'
complete -c iop -n $schedule -l modality -x -a 'video phone in-person' -d 'how the session is held'
complete -c iop -n $schedule -l link -x -d 'video link'
complete -c iop -n $schedule -l note-text -x -d 'a scheduling note (not a progress note)'
complete -c iop -n $schedule -l weekly -x -a '(__iop_days)' -d 'repeat weekly on these days'
complete -c iop -n $schedule -l rrule -x -d 'repeat by an RFC 5545 rule'
complete -c iop -n $schedule -l count -x -d 'number of sessions in the series'
complete -c iop -n $schedule -l until -x -d 'last day of the series (YYYY-MM-DD)'
complete -c iop -n $schedule -l skip-conflicts -d 'book a series without its colliding occurrences'
complete -c iop -n '__iop_in session list' -l from -x -a 'today tomorrow yesterday' -d 'first day (YYYY-MM-DD)'
complete -c iop -n '__iop_in session list' -l to -x -a 'today tomorrow yesterday' -d 'last day, included'
complete -c iop -n '__iop_in session list' -l clinician -x -d "only this clinician's sessions"
complete -c iop -n '__iop_in session list' -l client -x -d 'only sessions this client takes part in'
complete -c iop -n '__iop_in session list' -l status -x -a 'scheduled attended no-show cancelled late-cancel' -d 'only sessions with this status'
complete -c iop -n '__iop_in session attend' -l start -x -d "actual start, HH:MM in the session's zone"
complete -c iop -n '__iop_in session attend' -l end -x -d 'actual end, HH:MM'
complete -c iop -n '__iop_in session attend' -l present -x -d 'group sessions: the clients who came'
complete -c iop -n '__iop_in session attend' -l absent -x -d 'group sessions: the clients who did not come'
complete -c iop -n '__iop_in session attend' -l identified-patient -x -d 'couples sessions: the partner this session is billed to'
complete -c iop -n '__iop_in session attend' -l without-patient -d 'couples sessions: the identified patient did not take part (90846)'
complete -c iop -n '__iop_in session cancel' -l late -d 'a late cancellation (status late-cancel)'
complete -c iop -n '__iop_in session cancel' -l reason -x -d 'why (no clinical detail)'
complete -c iop -n '__iop_in session cancel' -l series -d 'also cancel the later sessions of its series'
complete -c iop -n '__iop_in session reschedule' -l start -x -d 'new start, "YYYY-MM-DD HH:MM" in its own zone'
complete -c iop -n '__iop_in session reschedule' -l minutes -x -d 'new length'
complete -c iop -n '__iop_in session export' -l ics -d 'iCalendar (RFC 5545) format'
complete -c iop -n '__iop_in session export' -l clinician -x -d "only this clinician's sessions"
complete -c iop -n '__iop_in session export' -l from -x -a 'today tomorrow yesterday' -d 'first day (default today)'
complete -c iop -n '__iop_in session export' -l to -x -a 'today tomorrow yesterday' -d 'last day, included (default 90 days on)'
complete -c iop -n '__iop_in session export' -l out -r -F -d 'write to this file instead of stdout'
complete -c iop -n '__iop_in session export' -l full-names -d "clients' full names in event titles"

# agenda
complete -c iop -n '__iop_is agenda' -a 'today tomorrow yesterday' -d 'the day (YYYY-MM-DD)'
complete -c iop -n 'contains -- agenda (__iop_words)' -l week -d 'the whole week (Monday to Sunday) that contains DATE'
complete -c iop -n 'contains -- agenda (__iop_words)' -l clinician -x -d "only this clinician's sessions"

# note
complete -c iop -n '__iop_is note' -a add -d 'write the note of an attended session (a draft until signed)'
complete -c iop -n '__iop_is note' -a edit -d 'change a draft (a signed note is locked)'
complete -c iop -n '__iop_is note' -a show -d 'show a note with its session, signature and addenda'
complete -c iop -n '__iop_is note' -a list -d 'list notes by session start; --unsigned: what is left to write or sign'
complete -c iop -n '__iop_is note' -a sign -d 'sign a draft: it is locked and sealed with a SHA-256'
complete -c iop -n '__iop_is note' -a verify -d 'check a signed note and its addenda against their SHA-256'
complete -c iop -n '__iop_is note' -a addend -d 'add a dated, signed addendum to a signed note'
set -l note_text '__iop_in note add; or __iop_in note edit; or __iop_in note addend'
complete -c iop -n $note_text -l file -r -F -a - -d 'read the text from PATH, or from stdin with -'
complete -c iop -n '__iop_in note add' -l client -x -d 'whose note (required for couples and group sessions)'
complete -c iop -n '__iop_in note add' -l template -x -a 'soap dap birp' -d 'template (default notes.template, else soap)'
complete -c iop -n '__iop_in note edit' -l template -x -a 'soap dap birp' -d 'change the template'
complete -c iop -n '__iop_in note list' -l client -x -d "only this client's notes"
complete -c iop -n '__iop_in note list' -l clinician -x -d 'only sessions of this clinician'
complete -c iop -n '__iop_in note list' -l session -x -d "only this session's notes"
complete -c iop -n '__iop_in note list' -l unsigned -d 'drafts, and attended visits with no note yet'
complete -c iop -n '__iop_in note list' -l overdue -d 'unsigned longer than notes.due_hours after the session ended'
complete -c iop -n '__iop_in note sign' -l by -x -d "the session's clinician (id)"
complete -c iop -n '__iop_in note addend' -l by -x -d 'the clinician writing it (id)'
complete -c iop -n '__iop_in note addend' -l text -x -d "the addendum's text (visible in ps and shell history)"

# measure
complete -c iop -n '__iop_is measure' -a record -d 'score and store a questionnaire'
complete -c iop -n '__iop_is measure' -a list -d "a client's measures, or every flagged one"
complete -c iop -n '__iop_is measure' -a show -d 'one measure with its answers and scores'
complete -c iop -n '__iop_is measure' -a trend -d "a client's scores over time, with a sparkline"
set -l measure_instrument '__iop_in measure record; or __iop_in measure list; or __iop_in measure trend'
complete -c iop -n $measure_instrument -l instrument -x -a 'scs-sf phq-9 gad-7' -d 'the questionnaire'
complete -c iop -n '__iop_in measure record' -l answers -x -d 'one answer per item, item 1 first, comma-separated'
complete -c iop -n '__iop_in measure record' -l date -x -a 'today yesterday' -d "when it was given (default the session's date)"
complete -c iop -n '__iop_in measure record' -l session -x -d 'the attended session it was given in'
complete -c iop -n '__iop_in measure record' -l allow-duplicate -d 'record a second administration on the same day'
complete -c iop -n '__iop_in measure list' -l flagged -d 'only safety-flagged records'
complete -c iop -n '__iop_in measure list' -l since -x -d 'only those given on or after this day'

# payer
complete -c iop -n '__iop_is payer' -a add -d 'add a payer'
complete -c iop -n '__iop_is payer' -a list -d 'list payers (active ones unless --all)'
complete -c iop -n '__iop_is payer' -a show -d 'show one payer'
complete -c iop -n '__iop_is payer' -a update -d 'change a payer (only the options given)'
complete -c iop -n '__iop_is payer' -a deactivate -d 'mark a payer inactive (no new coverage or authorization)'
set -l payer_details '__iop_in payer add; or __iop_in payer update'
complete -c iop -n $payer_details -l name -x -d "the payer's name, unique"
complete -c iop -n $payer_details -l payer-id -x -d "the clearinghouse's payer id"
complete -c iop -n $payer_details -l plan -x -a 'ppo hmo epo pos indemnity medicaid medicare other' -d 'kind of plan'
complete -c iop -n $payer_details -l filing-code -x -a '12 13 14 15 HM BL CI MB MC 11 16 17 AM CH DS FI LM MA OF TV VA WC ZZ' -d 'claim filing indicator, SBR09 (default from the plan)'
complete -c iop -n $payer_details -l billing -x -a 'per-service per-diem' -d 'billing model'
complete -c iop -n $payer_details -l telehealth-modifier -x -a '95 GT none' -d 'modifier for video sessions'
complete -c iop -n $payer_details -l audio-modifier -x -a '93 FQ none' -d 'modifier for phone sessions'
complete -c iop -n $payer_details -l requires-auth -d 'sessions need a prior authorization'
complete -c iop -n '__iop_in payer update' -l no-requires-auth -d 'sessions no longer need a prior authorization'
complete -c iop -n '__iop_in payer update' -l active -x -a 'yes no' -d 'reactivate or deactivate'
complete -c iop -n '__iop_in payer list' -l all -d 'include inactive payers'

# coverage
complete -c iop -n '__iop_is coverage' -a add -d "record a client's policy with a payer"
complete -c iop -n '__iop_is coverage' -a list -d "a client's coverage (current and upcoming unless --all)"
complete -c iop -n '__iop_is coverage' -a show -d 'show one coverage with its subscriber'
complete -c iop -n '__iop_is coverage' -a end -d 'set the last covered day of a coverage (it is kept)'
complete -c iop -n '__iop_in coverage add' -l payer -x -d 'payer id'
complete -c iop -n '__iop_in coverage add' -l member-id -x -d 'the member id on the insurance card'
complete -c iop -n '__iop_in coverage add' -l group -x -d 'the group number'
complete -c iop -n '__iop_in coverage add' -l priority -x -a 'primary secondary tertiary' -d 'priority'
complete -c iop -n '__iop_in coverage add' -l subscriber -x -a 'self' -d 'who holds the policy: self or client:ID'
complete -c iop -n '__iop_in coverage add' -l subscriber-name -x -d 'a subscriber who is not a client: "Last, First"'
complete -c iop -n '__iop_in coverage add' -l subscriber-dob -x -d "that subscriber's date of birth"
complete -c iop -n '__iop_in coverage add' -l subscriber-sex -x -a 'F M X U' -d "that subscriber's sex"
complete -c iop -n '__iop_in coverage add' -l relationship -x -a 'spouse partner parent other' -d 'the subscriber to the client'
complete -c iop -n '__iop_in coverage add' -l from -x -a 'today tomorrow yesterday' -d 'first covered day'
complete -c iop -n '__iop_in coverage add' -l to -x -a 'today tomorrow yesterday' -d 'last covered day'
complete -c iop -n '__iop_in coverage list' -l all -d 'include coverage that has ended'
complete -c iop -n '__iop_in coverage end' -l date -x -a 'today yesterday' -d 'last covered day (default today)'

# auth
complete -c iop -n '__iop_is auth' -a add -d 'record a prior authorization'
complete -c iop -n '__iop_is auth' -a list -d 'list authorizations with units used and left'
complete -c iop -n '__iop_is auth' -a show -d 'show one authorization'
complete -c iop -n '__iop_in auth add' -l payer -x -d 'payer id'
complete -c iop -n '__iop_in auth add' -l number -x -d "the payer's authorization number"
complete -c iop -n '__iop_in auth add' -l code -x -d 'HCPCS/CPT codes it covers, comma-separated'
complete -c iop -n '__iop_in auth add' -l units -x -d 'units approved'
complete -c iop -n '__iop_in auth add' -l from -x -a 'today tomorrow yesterday' -d 'first day'
complete -c iop -n '__iop_in auth add' -l to -x -a 'today tomorrow yesterday' -d 'last day'
complete -c iop -n '__iop_in auth list' -l active -d 'only those in their period today with units left'
complete -c iop -n '__iop_in auth list' -l low -x -d 'only those with this many units left or fewer'

# claim
complete -c iop -n '__iop_is claim' -a build -d 'turn attended, signed, covered sessions into claims'
complete -c iop -n '__iop_is claim' -a list -d 'claims, with their status and batch'
complete -c iop -n '__iop_is claim' -a show -d 'one claim: payer, subscriber, patient, diagnoses, lines'
complete -c iop -n '__iop_is claim' -a void -d 'void a claim and free its sessions to be billed again'
complete -c iop -n '__iop_is claim' -a summary -d 'claims, lines, units and charges billed, grouped'
complete -c iop -n '__iop_is claim' -a superbill -d "a client's statement of services for an out-of-network payer"
complete -c iop -n '__iop_is claim' -a export -d 'write claims as an 837P batch, or their lines as CSV or JSON'
complete -c iop -n '__iop_is claim' -a batches -d 'list the 837P batches exported so far'
complete -c iop -n '__iop_in claim build' -l from -x -a 'today yesterday' -d 'first date of service'
complete -c iop -n '__iop_in claim build' -l to -x -a 'today yesterday' -d 'last date of service (default today)'
complete -c iop -n '__iop_in claim build' -l client -x -d "only this client's sessions"
complete -c iop -n '__iop_in claim build' -l dry-run -d 'show what would be built; store nothing'
complete -c iop -n '__iop_in claim list' -l status -x -a 'draft exported void' -d 'only claims in this state'
complete -c iop -n '__iop_in claim list' -l client -x -d "only this client's claims"
complete -c iop -n '__iop_in claim list' -l payer -x -d 'only claims to this payer'
complete -c iop -n '__iop_in claim list' -l from -x -a 'today yesterday' -d 'claims with a date of service on or after this day'
complete -c iop -n '__iop_in claim list' -l to -x -a 'today yesterday' -d 'claims with a date of service on or before this day'
complete -c iop -n '__iop_in claim void' -l reason -x -d 'why it is voided'
complete -c iop -n '__iop_in claim void' -l payer-claim-number -x -d "the payer's number of the exported claim"
complete -c iop -n '__iop_in claim summary' -l from -x -a 'today yesterday' -d 'first date of service counted'
complete -c iop -n '__iop_in claim summary' -l to -x -a 'today yesterday' -d 'last date of service counted'
complete -c iop -n '__iop_in claim summary' -l by -x -a 'client payer clinician code week' -d 'how lines are grouped'
complete -c iop -n '__iop_in claim superbill' -l from -x -a 'today yesterday' -d 'first date of service'
complete -c iop -n '__iop_in claim superbill' -l to -x -a 'today yesterday' -d 'last date of service'
complete -c iop -n '__iop_in claim superbill' -l format -x -a 'text html json' -d 'text, html (a printable page) or json'
complete -c iop -n '__iop_in claim export' -l x12 -d 'an 837P 5010 batch'
complete -c iop -n '__iop_in claim export' -l csv -d 'the lines as CSV (nothing is marked)'
complete -c iop -n '__iop_in claim export' -l json -d 'the lines as JSON (nothing is marked)'
complete -c iop -n '__iop_in claim export' -l since-last -d 'every claim not exported yet'
complete -c iop -n '__iop_in claim export' -l batch -x -d 'an earlier batch, byte for byte'
complete -c iop -n '__iop_in claim export' -l claim -x -d 'these draft claims'
complete -c iop -n '__iop_in claim export' -l out -r -F -d 'write to FILE'
complete -c iop -n '__iop_in claim export' -l out-dir -x -a '(__fish_complete_directories)' -d 'write DIR/claims-batch-NNNNNN.837'
complete -c iop -n '__iop_in claim export' -l force -d 'replace an existing --out FILE'

# report
complete -c iop -n '__iop_is report' -a hours -d 'scheduled and attended hours per client in a week'
complete -c iop -n '__iop_in report hours' -l week -x -a 'today yesterday' -d 'any day of the week (YYYY-MM-DD)'
complete -c iop -n '__iop_in report hours' -l min -x -d 'weekly minimum of attended hours'

# audit
complete -c iop -n '__iop_is audit' -a log -d 'list changes, newest first'
complete -c iop -n '__iop_in audit log' -l limit -x -d 'how many rows (0 for all)'
complete -c iop -n '__iop_in audit log' -l kind -x -a 'client clinician couple group session note measure payer coverage authorization claim claim_batch' -d 'only records of this kind'
complete -c iop -n '__iop_in audit log' -l record -x -d 'only this record id (with --kind)'

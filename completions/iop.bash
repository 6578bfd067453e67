# bash completion for iop                                  -*- shell-script -*-
#
# Completes nouns, verbs, options and the fixed values of --format, --track, --sex, --status,
# --reason, --role, --kind, --type, --modality, --weekly, --template, --instrument, --plan,
# --filing-code, --billing, --telehealth-modifier, --audio-modifier, --active, --priority,
# --subscriber, --subscriber-sex and --relationship; file names
# (or - for stdin) for --file; file names for --db, --config, `config check` and
# `session export --out`; IANA zone names for --tz. Hand-written for now: keep it in step with `iop --help` (tests/e2e/test_docs.py
# checks that every noun, verb and option appears here). It needs nothing but bash 4, not the
# bash-completion package's helpers, so it also works when sourced by hand:
#   source completions/iop.bash

# Options that take a value: the word after them is never a noun or a verb. $2 is the noun:
# --week takes a day after `report hours` but is a flag of `agenda`.
_iop_takes_value() {
  case $1 in
    --db | --config | --format | --tz | --as | \
      --name | --credential | --npi | --role | --email | \
      --first | --last | --dob | --sex | --phone | --track | --clinician | --admit | --diagnosis | \
      --status | --search | --date | --reason | --therapist | --since | --client | \
      --limit | --kind | --record | --capacity | --group | \
      --type | --couple | --start | --end | --minutes | --modality | --link | --note-text | \
      --weekly | --rrule | --count | --until | --from | --to | --present | --absent | --out | --min | \
      --session | --template | --file | --by | --text | --instrument | --answers | --identified-patient | \
      --payer-id | --plan | --filing-code | --billing | --telehealth-modifier | --audio-modifier | --active | \
      --payer | --member-id | --priority | --subscriber | --subscriber-name | --subscriber-dob | --subscriber-sex | \
      --relationship | --number | --code | --units | --batch | --claim | --out-dir | --payer-claim-number | \
      --address | --city | --state | --zip | --low)
      return 0
      ;;
    --week)
      [[ ${2-} == report ]]
      return
      ;;
  esac
  return 1
}

# The options of one noun (init) or one "noun verb", global options left out.
_iop_verb_options() {
  case $1 in
    init) echo "--config-template" ;;
    "clinician add" | "clinician update") echo "--name --credential --npi --role --tz --email" ;;
    "clinician list") echo "--all --role" ;;
    "client enroll") echo "--first --last --dob --sex --phone --email --address --city --state --zip --tz --track --clinician --admit --diagnosis --allow-duplicate" ;;
    "client update") echo "--first --last --dob --sex --phone --email --address --city --state --zip --tz --track --clinician --admit --diagnosis" ;;
    "client list") echo "--status --clinician --search" ;;
    "client discharge") echo "--date --reason" ;;
    "couple pair") echo "--therapist --since --identified-patient" ;;
    "couple update") echo "--identified-patient" ;;
    "couple unpair") echo "--date" ;;
    "couple list") echo "--all --client" ;;
    "group create") echo "--name --clinician --capacity" ;;
    "group add" | "group remove") echo "--group --date" ;;
    "session schedule") echo "--type --clinician --client --couple --group --start --tz --minutes --modality --link --note-text --weekly --rrule --count --until --skip-conflicts" ;;
    "session list") echo "--from --to --clinician --client --status" ;;
    "session attend") echo "--start --end --present --absent --identified-patient --without-patient" ;;
    "session cancel") echo "--late --reason --series" ;;
    "session reschedule") echo "--start --minutes" ;;
    "session export") echo "--ics --clinician --from --to --out --full-names" ;;
    agenda) echo "--week --clinician" ;;
    "note add") echo "--client --template --file" ;;
    "note edit") echo "--template --file" ;;
    "note list") echo "--client --clinician --session --unsigned --overdue" ;;
    "note sign") echo "--by" ;;
    "note addend") echo "--by --text --file" ;;
    "measure record") echo "--instrument --answers --date --session --allow-duplicate" ;;
    "measure list") echo "--instrument --flagged --since" ;;
    "measure trend") echo "--instrument" ;;
    "payer add") echo "--name --payer-id --plan --filing-code --billing --telehealth-modifier --audio-modifier --requires-auth" ;;
    "payer update") echo "--name --payer-id --plan --filing-code --billing --telehealth-modifier --audio-modifier --requires-auth --no-requires-auth --active" ;;
    "payer list" | "coverage list") echo "--all" ;;
    "coverage add") echo "--payer --member-id --group --priority --subscriber --subscriber-name --subscriber-dob --subscriber-sex --relationship --from --to" ;;
    "coverage end") echo "--date" ;;
    "auth add") echo "--payer --number --code --units --from --to" ;;
    "auth list") echo "--active --low" ;;
    "claim build") echo "--from --to --client --dry-run" ;;
    "claim list") echo "--status --client --payer --from --to" ;;
    "claim void") echo "--reason --payer-claim-number" ;;
    "claim summary") echo "--from --to --by" ;;
    "claim superbill") echo "--from --to --format" ;;
    "claim export") echo "--x12 --csv --json --since-last --batch --claim --out --out-dir --force" ;;
    "report hours") echo "--week --min" ;;
    "audit log") echo "--limit --kind --record" ;;
  esac
}

# IANA zone names, for --tz.
_iop_zones() {
  echo UTC
  if [[ -r /usr/share/zoneinfo/zone1970.tab ]]; then
    awk '!/^#/ { print $3 }' /usr/share/zoneinfo/zone1970.tab
  fi
}

_iop() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=""
  if ((COMP_CWORD > 0)); then
    prev=${COMP_WORDS[COMP_CWORD - 1]}
  fi
  # "--format=js": bash splits at '=', so the option is one or two words back.
  if [[ $cur == "=" ]]; then
    cur=""
  elif [[ $prev == "=" ]] && ((COMP_CWORD > 1)); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  COMPREPLY=()

  # The nouns and verbs typed so far, options and their values left out.
  local -a words=()
  local i=1 w
  while ((i < COMP_CWORD)); do
    w=${COMP_WORDS[i]}
    if _iop_takes_value "$w" "${words[0]-}"; then
      if [[ ${COMP_WORDS[i + 1]-} == "=" ]]; then
        ((i += 3))
      else
        ((i += 2))
      fi
      continue
    fi
    if [[ $w != -* && $w != "=" ]]; then
      words+=("$w")
    fi
    ((i += 1))
  done
  local noun=${words[0]-} verb=${words[1]-}

  local values=""
  case $prev in
    --format)
      values="table json csv"
      [[ $noun == claim && $verb == superbill ]] && values="text html json"
      ;;
    --track) values="mh sud dual" ;;
    --sex | --subscriber-sex) values="F M X U" ;;
    --plan) values="ppo hmo epo pos indemnity medicaid medicare other" ;;
    --filing-code) values="12 13 14 15 HM BL CI MB MC 11 16 17 AM CH DS FI LM MA OF TV VA WC ZZ" ;;
    --billing) values="per-service per-diem" ;;
    --telehealth-modifier) values="95 GT none" ;;
    --audio-modifier) values="93 FQ none" ;;
    --active) values="yes no" ;;
    --priority) values="primary secondary tertiary" ;;
    --subscriber) values="self" ;; # or client:ID, typed by hand
    --relationship) values="spouse partner parent other" ;;
    --status)
      if [[ $noun == session ]]; then
        values="scheduled attended no-show cancelled late-cancel"
      elif [[ $noun == claim ]]; then
        values="draft exported void"
      else
        values="active discharged all"
      fi
      ;;
    --by)
      [[ $noun == claim ]] || return 0 # note sign --by takes a clinician id
      values="client payer clinician code week"
      ;;
    --reason)
      if [[ $noun == session || $noun == claim ]]; then
        return 0 # free text
      fi
      values="completed transferred withdrew ama administrative other"
      ;;
    --kind) values="client clinician couple group session note measure payer coverage authorization claim claim_batch" ;;
    --template) values="soap dap birp" ;;
    --instrument) values="scs-sf phq-9 gad-7" ;;
    --type) values="individual addiction couples group medical intake" ;;
    --modality) values="video phone in-person" ;;
    --date | --admit | --since | --from | --to | --until | --week)
      if [[ $prev == --week && $noun != report ]]; then
        values="" # agenda --week is a flag: complete what follows as usual
      else
        values="today yesterday"
        [[ $prev == --from || $prev == --to ]] && values="today tomorrow yesterday"
      fi
      ;;
    --weekly)
      # Day names, separated by commas: complete the part after the last comma.
      local days_done=""
      if [[ $cur == *,* ]]; then
        days_done=${cur%,*},
      fi
      mapfile -t COMPREPLY < <(compgen -P "$days_done" -W "mon tue wed thu fri sat sun" -- "${cur##*,}")
      return 0
      ;;
    --out)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return 0
      ;;
    --out-dir)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      return 0
      ;;
    --file)
      # A file name, or - for stdin.
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -W "-" -- "$cur"; compgen -f -- "$cur")
      return 0
      ;;
    --role)
      if [[ $noun == clinician && $verb != list ]]; then
        # A comma-separated list: complete the part after the last comma.
        local done_part=""
        if [[ $cur == *,* ]]; then
          done_part=${cur%,*},
        fi
        mapfile -t COMPREPLY < <(compgen -P "$done_part" -W "individual couples addiction group medical" -- "${cur##*,}")
        return 0
      fi
      values="individual couples addiction group medical"
      ;;
    --tz)
      mapfile -t COMPREPLY < <(compgen -W "$(_iop_zones)" -- "$cur")
      return 0
      ;;
    --db | --config)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return 0
      ;;
    *)
      if _iop_takes_value "$prev"; then
        return 0 # free text or an id: nothing to offer
      fi
      ;;
  esac
  if [[ -n $values ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
    return 0
  fi

  local globals="--db --config --format --tz --as -q --quiet --help"
  local verbs=""
  case $noun in
    "") ;;
    init) ;;
    config) verbs="check path" ;;
    clinician) verbs="add list show update deactivate" ;;
    client) verbs="enroll list show update discharge" ;;
    couple) verbs="pair unpair update list show" ;;
    group) verbs="create add remove list show" ;;
    session) verbs="schedule list show attend no-show cancel reschedule export" ;;
    agenda) ;;
    note) verbs="add edit show list sign verify addend" ;;
    measure) verbs="record list show trend" ;;
    payer) verbs="add list show update deactivate" ;;
    coverage) verbs="add list show end" ;;
    auth) verbs="add list show" ;;
    claim) verbs="build list show void summary superbill export batches" ;;
    report) verbs="hours" ;;
    audit) verbs="log" ;;
    *) return 0 ;; # an unknown noun: iop itself will say what it expected
  esac

  local candidates
  if [[ -z $noun ]]; then
    if [[ $cur == -* ]]; then
      candidates="$globals --version"
    else
      candidates="init config clinician client couple group session agenda note measure payer coverage auth claim report audit"
    fi
  elif [[ -n $verbs && -z $verb ]]; then
    if [[ $cur == -* ]]; then
      candidates=$globals
    else
      candidates=$verbs
    fi
  else
    local key=$noun
    if [[ -n $verbs ]]; then
      key="$noun $verb"
    fi
    if [[ $cur == -* ]]; then
      candidates="$(_iop_verb_options "$key") $globals"
    elif [[ $key == "config check" ]]; then
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return 0
    else
      return 0 # ids and other values typed by hand
    fi
  fi
  mapfile -t COMPREPLY < <(compgen -W "$candidates" -- "$cur")
  return 0
}

complete -F _iop iop

"""Reads an ANSI X12 837P 5010 (005010X222A1) interchange back into segments and checks its
structure, for the end-to-end tests of `iop claim export --x12`.

    segments = parse(text)            # [["ISA", "00", ...], ["GS", ...], ...]
    check_structure(text)             # raises X12StructureError naming the first problem
    for claim in claims(text): ...    # one dict per CLM: id, total, lines, diagnoses, ...

The delimiters are read from the ISA (element at 3, repetition at 82, component at 104,
terminator at 105). A line break after each terminator is accepted, and so is none.
"""

from decimal import Decimal

ISA_LENGTH = 106
# ISA01..ISA16, each of fixed width.
ISA_WIDTHS = (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1)
VERSION = "005010X222A1"


class X12StructureError(AssertionError):
    """The text is not a well-formed 837P: an AssertionError, so a test that meets one fails."""


def _require(condition, message):
    if not condition:
        raise X12StructureError(message)


def delimiters(text):
    """(element, repetition, component, terminator) as the ISA declares them."""
    _require(text.startswith("ISA"), "an interchange starts with ISA")
    _require(len(text) >= ISA_LENGTH, f"the ISA needs {ISA_LENGTH} characters, the text has {len(text)}")
    return text[3], text[82], text[104], text[105]


def parse(text):
    """The segments of `text`, each a list of elements whose first is the segment id."""
    element, _, _, terminator = delimiters(text)
    segments = []
    for raw in text.split(terminator):
        raw = raw.strip("\r\n")
        if not raw:
            continue
        _require("\n" not in raw and "\r" not in raw, f"a line break inside a segment: {raw!r}")
        segments.append(raw.split(element))
    return segments


def _check_isa(text):
    element, _, component, terminator = delimiters(text)
    isa = text[:ISA_LENGTH]
    _require(isa.endswith(terminator) and isa.count(terminator) == 1,
             f"the ISA must be exactly {ISA_LENGTH} characters including its terminator: {isa!r}")
    fields = isa[:-1].split(element)
    _require(len(fields) == 17, f"the ISA has {len(fields) - 1} elements, not 16")
    for n, (value, width) in enumerate(zip(fields[1:], ISA_WIDTHS), start=1):
        _require(len(value) == width, f"ISA{n:02d} {value!r} must be {width} characters")
    _require(fields[12] == "00501", f"ISA12 must be 00501, not {fields[12]!r}")
    _require(fields[13].isdigit(), f"ISA13 must be 9 digits, not {fields[13]!r}")
    _require(fields[15] in ("T", "P"), f"ISA15 must be T or P, not {fields[15]!r}")
    _require(fields[16] == component, "ISA16 is the component separator")
    _require(len({element, component, terminator, text[82]}) == 4, "the four delimiters must differ")


def _amount(value, what):
    try:
        amount = Decimal(value)
    except ArithmeticError:
        raise X12StructureError(f"{what} {value!r} is not an amount") from None
    _require(value == value.strip() and amount >= 0, f"{what} {value!r} is not an amount")
    return amount


def _is(segment, sid, first=None):
    return segment[0] == sid and (first is None or (len(segment) > 1 and segment[1] == first))


def _check_hl(segments, where):
    """HL ids 1, 2, 3... in order; parents earlier and of the right level; HL04 says children."""
    hls = [s + [""] * (5 - len(s)) for s in segments if s[0] == "HL"]
    _require(hls, f"{where}: no HL segment")
    levels = {}
    for n, hl in enumerate(hls, start=1):
        _require(hl[1] == str(n), f"{where}: HL ids must run 1, 2, 3...: found {hl[1]!r} where {n} belongs")
        level, parent = hl[3], hl[2]
        if level == "20":
            _require(parent == "", f"{where}: HL {n} (billing provider) has a parent")
        elif level in ("22", "23"):
            wanted = "20" if level == "22" else "22"
            _require(levels.get(parent) == wanted,
                     f"{where}: HL {n} (level {level}) must have a level {wanted} parent, not {parent!r}")
        else:
            raise X12StructureError(f"{where}: HL {n} has an unknown level {level!r}")
        levels[hl[1]] = level
    for hl in hls:
        has_children = any(other[2] == hl[1] for other in hls)
        _require(hl[4] == ("1" if has_children else "0"),
                 f"{where}: HL {hl[1]} says HL04={hl[4]!r} but {'has' if has_children else 'has no'} child")


def _check_claim(claim, where, component):
    """One 2300 loop, from CLM up to (not including) the next HL or SE."""
    clm = claim[0]
    _require(len(clm) > 5, f"{where}: CLM has too few elements")
    name = f"{where}: claim {clm[1]}"
    total = _amount(clm[2], f"{name}: CLM02")
    location = clm[5].split(component)
    _require(len(location) == 3 and location[1] == "B" and location[2] in ("1", "7", "8"),
             f"{name}: CLM05 {clm[5]!r} must be POS:B:1|7|8")
    ids = [s[0] for s in claim]
    _require("HI" in ids, f"{name}: no HI (diagnoses)")
    _require("LX" in ids, f"{name}: no service line")
    hi_at, first_lx = ids.index("HI"), ids.index("LX")
    _require(hi_at < first_lx, f"{name}: HI must come before the service lines")
    if location[2] in ("7", "8"):
        _require(any(_is(s, "REF", "F8") for s in claim[:hi_at]), f"{name}: frequency {location[2]} needs REF*F8")
    diagnoses = claim[hi_at][1:]
    _require(1 <= len(diagnoses) <= 12, f"{name}: HI carries 1 to 12 diagnoses, not {len(diagnoses)}")
    for n, composite in enumerate(diagnoses):
        qualifier, _, code = composite.partition(component)
        _require(qualifier == ("ABK" if n == 0 else "ABF"), f"{name}: HI{n + 1:02d} qualifier {qualifier!r}")
        _require(code and "." not in code, f"{name}: diagnosis {code!r} must be written without a dot")
    lines = 0
    charges = Decimal(0)
    for i in range(first_lx, len(claim)):
        if claim[i][0] != "LX":
            continue
        lines += 1
        _require(claim[i][1:] == [str(lines)], f"{name}: LX {claim[i][1:]} where LX*{lines} belongs")
        nxt = claim[i + 1] if i + 1 < len(claim) else ["(end)"]
        _require(nxt[0] == "SV1", f"{name}: LX*{lines} must be followed by SV1, not {nxt[0]}")
        _require(len(nxt) > 7 and nxt[1].startswith("HC" + component),
                 f"{name}: line {lines}: SV1 needs HC:code and pointers")
        pointers = nxt[7].split(component)
        _require(1 <= len(pointers) <= 4 and all(p.isdigit() and 1 <= int(p) <= len(diagnoses) for p in pointers),
                 f"{name}: line {lines}: pointers {nxt[7]!r} out of range")
        charges += _amount(nxt[2], f"{name}: line {lines}: SV102")
        rest = claim[i + 2:]
        end = next((k for k, s in enumerate(rest) if s[0] == "LX"), len(rest))
        _require(any(_is(s, "DTP", "472") for s in rest[:end]), f"{name}: line {lines}: no DTP*472 date of service")
    _require(lines <= 50, f"{name}: {lines} lines, at most 50")
    _require(charges == total, f"{name}: CLM02 {clm[2]} is not the sum of the lines ({charges})")


def _check_transaction(segments, where, component):
    """ST ... SE: the header loops, the HL tree, each claim."""
    ids = [s[0] for s in segments]
    _require(segments[0][1:2] == ["837"] and segments[0][3:4] == [VERSION], f"{where}: ST must be ST*837*...*{VERSION}")
    _require(ids[-1] == "SE", f"{where}: does not end with SE")
    _require(segments[-1][1] == str(len(segments)),
             f"{where}: SE01 says {segments[-1][1]} segments, there are {len(segments)}")
    _require(segments[-1][2] == segments[0][2], f"{where}: SE02 {segments[-1][2]} is not ST02 {segments[0][2]}")
    header = segments[1:5]
    expected = [("BHT", "0019"), ("NM1", "41"), ("PER", "IC"), ("NM1", "40")]
    _require([tuple(s[:2]) for s in header] == expected,
             f"{where}: the header must be BHT, NM1*41, PER, NM1*40, found {[s[:2] for s in header]}")
    _require(_is(segments[5], "HL") and segments[5][3:4] == ["20"], f"{where}: 2000A HL*1**20 must follow NM1*40")
    _check_hl(segments, where)
    body = segments[5:-1]
    starts = [i for i, s in enumerate(body) if s[0] == "HL"] + [len(body)]
    for a, b in zip(starts, starts[1:]):
        loop = body[a:b]
        hl = loop[0] + [""] * 5
        level, has_child = hl[3], hl[4] == "1"
        loop_ids = [s[0] for s in loop]
        name = f"{where}: HL {hl[1]}"
        if level == "20":
            _require(any(_is(s, "NM1", "85") for s in loop), f"{name}: no NM1*85 billing provider")
            _require("CLM" not in loop_ids, f"{name}: a claim directly under the billing provider")
            continue
        if level == "22":
            _require(loop_ids[1:2] == ["SBR"], f"{name}: SBR must follow the subscriber HL")
            il = next((k for k, s in enumerate(loop) if _is(s, "NM1", "IL")), None)
            pr = next((k for k, s in enumerate(loop) if _is(s, "NM1", "PR")), None)
            _require(il is not None and pr is not None and il < pr, f"{name}: needs NM1*IL then NM1*PR")
            self_ = loop[1][2:3] == ["18"]
            _require(self_ != has_child, f"{name}: SBR02 18 (self) goes with no patient loop, and only then")
        else:
            _require(loop_ids[1:3] == ["PAT", "NM1"] and loop[2][1] == "QC", f"{name}: 2000C must start PAT, NM1*QC")
        clms = [k for k, s in enumerate(loop) if s[0] == "CLM"]
        if has_child:
            _require(not clms, f"{name}: a claim belongs under the patient loop")
            continue
        _require(clms, f"{name}: no claim")
        for k, next_k in zip(clms, clms[1:] + [len(loop)]):
            _check_claim(loop[k:next_k], name, component)


def check_structure(text):
    """Asserts `text` is a well-formed 837P interchange; returns its segments."""
    _check_isa(text)
    component = delimiters(text)[2]
    segments = parse(text)
    _require(segments[0][0] == "ISA" and segments[-1][0] == "IEA", "the interchange must run from ISA to IEA")
    isa, iea = segments[0], segments[-1]
    _require(iea[2:3] == [isa[13]], f"IEA02 {iea[2:3]} is not ISA13 {isa[13]}")
    groups = 0
    i = 1
    while i < len(segments) - 1:
        gs = segments[i]
        _require(gs[0] == "GS" and gs[1:2] == ["HC"] and gs[8:9] == [VERSION], f"expected GS*HC...{VERSION}, got {gs[:2]}")
        groups += 1
        transactions = 0
        i += 1
        while segments[i][0] == "ST":
            end = next((k for k in range(i, len(segments)) if segments[k][0] == "SE"), None)
            _require(end is not None, f"ST {segments[i][2]} has no SE")
            transactions += 1
            _check_transaction(segments[i:end + 1], f"transaction {segments[i][2]}", component)
            i = end + 1
        ge = segments[i]
        _require(ge[0] == "GE", f"expected GE after the transactions, got {ge[0]}")
        _require(ge[1] == str(transactions), f"GE01 says {ge[1]} transactions, there are {transactions}")
        _require(ge[2] == gs[6], f"GE02 {ge[2]} is not GS06 {gs[6]}")
        i += 1
    _require(i == len(segments) - 1, "segments after the last group")
    _require(iea[1] == str(groups), f"IEA01 says {iea[1]} groups, there are {groups}")
    return segments


def claims(text):
    """One dict per CLM of a checked interchange: what the end-to-end tests compare."""
    out = []
    component = delimiters(text)[2]
    subscriber = patient = payer = relationship = None
    claim = None
    for s in check_structure(text):
        sid, first = s[0], (s[1] if len(s) > 1 else "")
        if sid == "SBR":
            relationship = "18" if s[2:3] == ["18"] else None
        elif sid == "PAT":
            relationship = first
        elif sid == "NM1" and first == "IL":
            subscriber = {"last": s[3], "first": s[4] if len(s) > 4 else "", "member_id": s[9]}
            patient = subscriber
        elif sid == "NM1" and first == "QC":
            patient = {"last": s[3], "first": s[4] if len(s) > 4 else ""}
        elif sid == "NM1" and first == "PR":
            payer = {"name": s[3], "id": s[9]}
        elif sid == "CLM":
            pos, _, frequency = s[5].split(component)
            claim = {"id": s[1], "total": Decimal(s[2]), "place_of_service": pos, "frequency": frequency,
                     "relationship": relationship, "subscriber": subscriber, "patient": patient, "payer": payer,
                     "diagnoses": [], "prior_authorization": None, "original_claim": None, "rendering_npi": None,
                     "lines": []}
            out.append(claim)
        elif claim is None:
            continue
        elif sid == "REF" and first == "G1":
            claim["prior_authorization"] = s[2]
        elif sid == "REF" and first == "F8":
            claim["original_claim"] = s[2]
        elif sid == "HI":
            claim["diagnoses"] = [c.partition(component)[2] for c in s[1:]]
        elif sid == "NM1" and first == "82":
            claim["rendering_npi"] = s[9]
        elif sid == "SV1":
            procedure = s[1].split(component)
            claim["lines"].append({"code": procedure[1], "modifiers": procedure[2:], "charge": Decimal(s[2]),
                                   "units": s[4], "pointers": [int(p) for p in s[7].split(component)], "date": None})
        elif sid == "DTP" and first == "472":
            claim["lines"][-1]["date"] = s[3]
        elif sid == "HL":
            claim = None
    return out

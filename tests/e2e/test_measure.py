"""iop measure record|list|show|trend, end to end: scoring, the PHQ-9 item 9 safety flag, trends
with sparklines, every refusal, and names with accents and apostrophes."""

import csv
import io
import unittest

from iop_test import CONFLICT, NOT_FOUND, OK, USAGE, IopTestCase

PHQ_18 = "3,3,2,2,2,2,2,2,0"   # 18, moderately severe
PHQ_11 = "2,2,2,1,1,1,1,1,0"   # 11, moderate
PHQ_8 = "1,1,1,1,1,1,1,1,0"    # 8, mild
PHQ_24_NO_9 = "3,3,3,3,3,3,3,3,0"  # 24, severe, item 9 = 0: not flagged
PHQ_ONLY_9 = "0,0,0,0,0,0,0,0,1"   # 1, minimal, item 9 = 1: flagged
SAFETY = "iop: warning: SAFETY: PHQ-9 item 9"


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


class MeasureTest(IopTestCase):
    def setUp(self):
        super().setUp()
        self.dana = self.add_clinician("Dana Reyes", "LMFT", "individual,couples")
        self.ana = self.enroll("Ana")
        self.zoe = self.enroll("Zoë", "O'Brien-Núñez")

    def record(self, client, instrument, answers, *extra):
        return self.ok_json("measure", "record", str(client), "--instrument", instrument, "--answers", answers,
                            *extra)

    def individual(self, client, start="2026-11-23 10:00"):
        return self.attended("--type", "individual", "--clinician", str(self.dana), "--client", str(client),
                             "--start", start)

    # --- record ---------------------------------------------------------------------------------

    def test_record_prints_the_scored_measure(self):
        m = self.record(self.ana, "phq-9", "1, 2,0,3,1,2,0,1,0", "--date", "2026-11-20")
        self.assertEqual(list(m), ["id", "client_id", "client", "instrument", "administered_on", "session_id",
                                   "answers", "total", "band", "subscales", "flagged", "flag_reason", "created_at"])
        self.assertEqual(m["client_id"], self.ana)
        self.assertEqual(m["client"], "Ana Reed")
        self.assertEqual(m["instrument"], "phq-9")
        self.assertEqual(m["administered_on"], "2026-11-20")
        self.assertIsNone(m["session_id"])
        self.assertEqual(m["answers"], [1, 2, 0, 3, 1, 2, 0, 1, 0])
        self.assertEqual(m["total"], 10)
        self.assertIsInstance(m["total"], int)  # a sum: no decimals
        self.assertEqual(m["band"], "moderate")
        self.assertIsNone(m["subscales"])
        self.assertIs(m["flagged"], False)
        self.assertIsNone(m["flag_reason"])
        self.assertEqual(m["created_at"], "2026-11-27T17:00:00Z")
        self.assertEqual(self.ok_json("measure", "show", str(m["id"])), m)
        self.assertEqual(self.sql("SELECT answers, total, band, flagged FROM measures WHERE id = ?", m["id"]),
                         [("[1,2,0,3,1,2,0,1,0]", 10.0, "moderate", 0)])

    def test_the_date_defaults_to_today_in_the_viewers_zone(self):
        # 17:00 UTC is 09:00 in Los Angeles but already the next day in Tokyo.
        self.assertEqual(self.record(self.ana, "gad-7", "0,0,0,0,0,0,0")["administered_on"], "2026-11-27")
        self.assertEqual(self.record(self.ana, "gad-7", "0,0,0,0,0,0,0", "--tz", "Asia/Tokyo")["administered_on"],
                         "2026-11-28")
        self.assertEqual(self.record(self.ana, "phq-9", PHQ_8, "--date", "yesterday")["administered_on"],
                         "2026-11-26")

    def test_quiet_record_prints_only_the_id_and_human_output_shows_the_score(self):
        r = self.ok("-q", "measure", "record", str(self.ana), "--instrument", "gad-7", "--answers", "2,1,3,0,1,2,1")
        self.assertRegex(r.out, r"^\d+\n$")
        self.assertEqual(r.err, "")
        out = self.ok("measure", "show", r.out.strip()).out
        self.assertIn("GAD-7", out)
        self.assertIn("10 (of 0–21)", out)
        self.assertIn("moderate", out)
        self.assertNotIn("10.0", out)

    def test_scs_sf_is_reverse_scored_with_subscales(self):
        # Scored: 5 5 4 4 3 1 5 3 4 4 1 5 (items 1,4,8,9,11,12 reversed) = 44 → 44/12 = 3.67, high.
        m = self.record(self.ana, "scs-sf", "1,5,4,2,3,1,5,3,2,4,5,1")
        self.assertEqual(m["total"], 3.67)
        self.assertEqual(m["band"], "high")
        self.assertEqual(m["subscales"], {"self_kindness": 3.0, "self_judgment": 3.0, "common_humanity": 3.5,
                                          "isolation": 3.5, "mindfulness": 4.5, "over_identification": 4.5})
        self.assertIs(m["flagged"], False)
        out = self.ok("measure", "show", str(m["id"])).out
        self.assertIn("3.67 (mean of 12 items, 1.00–5.00)", out)
        self.assertIn("mindfulness 4.50", out)
        row = csv_rows(self.ok("measure", "list", str(self.ana), "--format", "csv").out)[0]
        self.assertEqual((row["total"], row["band"], row["mindfulness"]), ("3.67", "high", "4.50"))

    def test_scs_sf_band_edges(self):
        # Answers whose scored values (reversed items 1,4,8,9,11,12 give 6 − answer) add up to
        # 29 (2.42 low), 30 (2.50 moderate), 42 (3.50 moderate) and 43 (3.58 high).
        cases = [("3,3,3,3,3,2,2,4,4,2,4,4", 2.42, "low"), ("3,3,3,3,3,3,2,4,4,2,4,4", 2.5, "moderate"),
                 ("2,4,4,2,4,4,3,3,3,3,3,3", 3.5, "moderate"), ("2,4,4,2,4,4,4,3,3,3,3,3", 3.58, "high")]
        for day, (answers, total, band) in enumerate(cases, start=1):
            with self.subTest(answers=answers):
                m = self.record(self.ana, "scs-sf", answers, "--date", f"2026-11-{day:02d}")
                self.assertEqual((m["total"], m["band"]), (total, band))

    def test_record_in_a_session_takes_its_date(self):
        sid = self.individual(self.ana, "2026-11-23 10:00")
        m = self.record(self.ana, "phq-9", PHQ_11, "--session", str(sid))
        self.assertEqual((m["session_id"], m["administered_on"]), (sid, "2026-11-23"))
        self.assertEqual(self.record(self.ana, "gad-7", "1,1,1,1,1,1,1", "--session", str(sid), "--date",
                                     "2026-11-23")["administered_on"], "2026-11-23")

    def test_both_partners_of_a_couples_session_may_be_measured_in_it(self):
        couple = self.pair(self.ana, self.zoe, self.dana)
        sid = self.attended("--type", "couples", "--clinician", str(self.dana), "--couple", str(couple),
                            "--start", "2026-11-24 10:00")
        for client in (self.ana, self.zoe):
            self.assertEqual(self.record(client, "gad-7", "1,1,1,1,1,1,1", "--session", str(sid))["session_id"], sid)

    def test_recording_is_audited_without_clinical_content(self):
        m = self.record(self.ana, "phq-9", "0,0,0,0,0,0,0,0,2")
        log = self.ok_json("audit", "log", "--kind", "measure")
        self.assertEqual([(e["action"], e["record_kind"], e["record_id"], e["command"]) for e in log],
                         [("record", "measure", m["id"], "measure record")])
        dump = repr(self.sql("SELECT * FROM audit_log"))
        for secret in ("phq", "item 9", "0,0,0", "moderate", "minimal", "self-harm"):
            self.assertNotIn(secret, dump)

    # --- the safety flag ------------------------------------------------------------------------

    def test_item_9_zero_with_a_high_total_is_not_flagged(self):
        r = self.ok("--format", "json", "measure", "record", str(self.ana), "--instrument", "phq-9",
                    "--answers", PHQ_24_NO_9)
        m = r.json()
        self.assertEqual((m["total"], m["band"], m["flagged"], m["flag_reason"]), (24, "severe", False, None))
        self.assertNotIn("SAFETY", r.err)
        self.assertEqual(self.sql("SELECT flagged FROM measures"), [(0,)])

    def test_item_9_above_zero_is_flagged_whatever_the_total(self):
        r = self.ok("--format", "json", "measure", "record", str(self.zoe), "--instrument", "phq-9",
                    "--answers", PHQ_ONLY_9)
        m = r.json()  # stdout is still pure JSON
        self.assertEqual((m["total"], m["band"]), (1, "minimal"))
        self.assertIs(m["flagged"], True)
        self.assertIn("item 9", m["flag_reason"])
        self.assertIn("answered 1", m["flag_reason"])
        self.assertIn(f"{SAFETY} (thoughts of being better off dead or of self-harm) answered 1", r.err)
        self.assertIn(f"by Zoë O'Brien-Núñez (client {self.zoe})", r.err)
        self.assertIn("follow the program's safety protocol today", r.err)
        self.assertIn("iop measure list --flagged", r.err)
        self.assertNotIn("SAFETY", r.out)
        self.assertEqual(self.sql("SELECT flagged, flag_reason FROM measures"), [(1, m["flag_reason"])])

    def test_the_safety_warning_survives_quiet_and_goes_to_stderr_only(self):
        r = self.ok("-q", "measure", "record", str(self.ana), "--instrument", "phq-9", "--answers",
                    "0,0,0,0,0,0,0,0,3")
        self.assertRegex(r.out, r"^\d+\n$")
        self.assertIn(f"{SAFETY} (thoughts of being better off dead or of self-harm) answered 3", r.err)
        self.assertIn(f"Ana Reed (client {self.ana})", r.err)
        r = self.ok("measure", "record", str(self.ana), "--instrument", "phq-9", "--answers", "0,0,0,0,0,0,0,0,2",
                    "--date", "yesterday", "--format", "csv")
        self.assertIn(SAFETY, r.err)
        self.assertNotIn("SAFETY", r.out)
        self.assertEqual(csv_rows(r.out)[0]["flagged"], "yes")

    def test_the_flag_shows_in_lists_json_and_csv(self):
        flagged = self.record(self.zoe, "phq-9", PHQ_ONLY_9, "--date", "2026-11-10")
        self.record(self.zoe, "phq-9", PHQ_24_NO_9, "--date", "2026-11-11")
        rows = self.ok_json("measure", "list", str(self.zoe))
        self.assertEqual([(r["id"], r["flagged"]) for r in rows],
                         [(flagged["id"], True), (flagged["id"] + 1, False)])
        table = self.ok("measure", "list", str(self.zoe)).out
        self.assertIn("SAFETY: item 9 = 1", table)
        rows = csv_rows(self.ok("measure", "list", str(self.zoe), "--format", "csv").out)
        self.assertEqual([r["flagged"] for r in rows], ["yes", "no"])
        self.assertIn("item 9", rows[0]["flag_reason"])
        self.assertEqual(rows[1]["flag_reason"], "")

    def test_list_flagged_spans_every_client(self):
        a = self.record(self.ana, "phq-9", "1,1,1,1,1,1,1,1,2", "--date", "2026-11-12")
        self.record(self.ana, "phq-9", PHQ_24_NO_9, "--date", "2026-11-05")
        z = self.record(self.zoe, "phq-9", PHQ_ONLY_9, "--date", "2026-11-03")
        self.record(self.zoe, "gad-7", "3,3,3,3,3,3,3", "--date", "2026-11-03")
        rows = self.ok_json("measure", "list", "--flagged")
        self.assertEqual([(r["id"], r["client"]) for r in rows],
                         [(z["id"], "Zoë O'Brien-Núñez"), (a["id"], "Ana Reed")])  # by date
        self.assertEqual([r["id"] for r in self.ok_json("measure", "list", str(self.ana), "--flagged")], [a["id"]])
        table = self.ok("measure", "list", "--flagged").out
        self.assertIn(f"Zoë O'Brien-Núñez ({self.zoe})", table)
        self.assertEqual(self.ok_json("measure", "list", "--flagged", "--instrument", "gad-7"), [])

    def test_list_since_a_day_keeps_that_day_and_later(self):
        self.record(self.zoe, "phq-9", PHQ_ONLY_9, "--date", "2026-11-03")
        on_the_day = self.record(self.ana, "phq-9", PHQ_ONLY_9, "--date", "2026-11-20")
        later = self.record(self.zoe, "phq-9", PHQ_ONLY_9, "--date", "2026-11-26")
        rows = self.ok_json("measure", "list", "--flagged", "--since", "2026-11-20")
        self.assertEqual([r["id"] for r in rows], [on_the_day["id"], later["id"]])
        # Relative to today (IOP_NOW is 2026-11-27): yesterday keeps the 26th, today nothing.
        self.assertEqual([r["id"] for r in self.ok_json("measure", "list", "--flagged", "--since", "yesterday")],
                         [later["id"]])
        self.assertEqual(self.ok_json("measure", "list", "--flagged", "--since", "today"), [])
        self.assertEqual([r["id"] for r in self.ok_json("measure", "list", str(self.zoe), "--since", "2026-11-04")],
                         [later["id"]])
        r = self.refused(USAGE, "measure", "list", "--flagged", "--since", "2026-13-01")
        self.assertIn("--since", r.err)

    # --- list -----------------------------------------------------------------------------------

    def test_list_is_sorted_by_date_then_id_and_filters_by_instrument(self):
        late = self.record(self.ana, "phq-9", PHQ_8, "--date", "2026-11-20")["id"]
        early = self.record(self.ana, "gad-7", "1,1,1,1,1,1,1", "--date", "2026-11-04")["id"]
        same_day = self.record(self.ana, "gad-7", "2,2,2,2,2,2,2", "--date", "2026-11-20")["id"]
        self.record(self.zoe, "phq-9", PHQ_8, "--date", "2026-11-01")
        self.assertEqual([r["id"] for r in self.ok_json("measure", "list", str(self.ana))], [early, late, same_day])
        self.assertEqual([r["id"] for r in self.ok_json("measure", "list", str(self.ana), "--instrument", "GAD-7")],
                         [early, same_day])
        out = self.ok("measure", "list", str(self.ana)).out
        self.assertEqual(out.splitlines()[0].split(), ["ID", "DATE", "INSTRUMENT", "TOTAL", "BAND", "SESSION", "FLAG"])
        r = self.ok("measure", "list", str(self.zoe), "--instrument", "scs-sf")
        self.assertEqual(r.out, "")
        self.assertIn("no measures for Zoë O'Brien-Núñez", r.err)
        self.assertEqual(self.ok_json("measure", "list", str(self.zoe), "--instrument", "scs-sf"), [])

    # --- trend ----------------------------------------------------------------------------------

    def record_weeks(self, client, instrument, *answers):
        for week, a in enumerate(answers):
            self.record(client, instrument, a, "--date", f"2026-11-{2 + 7 * week:02d}")

    def test_phq9_trend_over_weeks_improves_meaningfully(self):
        self.record_weeks(self.ana, "phq-9", PHQ_18, PHQ_11, PHQ_8)
        t = self.ok_json("measure", "trend", str(self.ana), "--instrument", "phq-9")
        self.assertEqual(list(t), ["client_id", "client", "instrument", "points", "first", "latest", "change",
                                   "direction", "meaningful", "threshold", "sparkline", "subscales"])
        self.assertEqual([(p["administered_on"], p["total"], p["band"], p["change_from_first"]) for p in t["points"]],
                         [("2026-11-02", 18, "moderately severe", 0), ("2026-11-09", 11, "moderate", -7),
                          ("2026-11-16", 8, "mild", -10)])
        self.assertEqual((t["first"], t["latest"], t["change"]), (18, 8, -10))
        self.assertEqual((t["direction"], t["meaningful"], t["threshold"]), ("improved", True, 5))
        self.assertEqual(t["sparkline"], "▆▄▃")  # 18, 11, 8 on 0–27
        self.assertEqual((t["client_id"], t["client"], t["instrument"]), (self.ana, "Ana Reed", "phq-9"))
        out = self.ok("measure", "trend", str(self.ana), "--instrument", "phq-9").out
        self.assertIn("▆▄▃", out)
        self.assertIn("improved by 10 points", out)
        self.assertIn("clinically meaningful", out)
        self.assertIn("lower is better", out)
        self.assertIn("-10", out)
        rows = csv_rows(self.ok("measure", "trend", str(self.ana), "--instrument", "phq-9", "--format", "csv").out)
        self.assertEqual([(r["administered_on"], r["total"], r["band"]) for r in rows],
                         [("2026-11-02", "18", "moderately severe"), ("2026-11-09", "11", "moderate"),
                          ("2026-11-16", "8", "mild")])
        # A leading minus may be made inert for spreadsheets ('-7); the number is the same.
        self.assertEqual([r["change_from_first"].lstrip("'") for r in rows], ["0", "-7", "-10"])

    def test_gad7_trend_that_worsens_below_the_threshold(self):
        self.record_weeks(self.zoe, "gad-7", "1,1,1,1,0,0,0", "1,1,1,1,1,1,1", "2,1,1,1,1,1,0")
        t = self.ok_json("measure", "trend", str(self.zoe), "--instrument", "gad-7")
        self.assertEqual((t["first"], t["latest"], t["change"]), (4, 7, 3))
        self.assertEqual((t["direction"], t["meaningful"], t["threshold"]), ("worsened", False, 5))
        self.assertEqual(t["client"], "Zoë O'Brien-Núñez")
        out = self.ok("measure", "trend", str(self.zoe), "--instrument", "gad-7").out
        self.assertIn("worsened by 3 points", out)
        self.assertIn("less than the 5 points", out)
        self.assertIn(t["sparkline"], out)
        self.assertIn("Zoë O'Brien-Núñez", out)

    def test_unchanged_and_meaningfully_worse(self):
        self.record_weeks(self.ana, "phq-9", PHQ_8, PHQ_8)
        t = self.ok_json("measure", "trend", str(self.ana), "--instrument", "phq-9")
        self.assertEqual((t["change"], t["direction"], t["meaningful"]), (0, "unchanged", False))
        self.assertIn("unchanged", self.ok("measure", "trend", str(self.ana), "--instrument", "phq-9").out)
        self.record_weeks(self.zoe, "phq-9", PHQ_8, "2,2,1,1,1,1,1,1,0")  # 8, then 10
        self.record(self.zoe, "phq-9", "2,2,2,2,1,1,1,1,1", "--date", "2026-11-20")  # 13 (and flagged)
        t = self.ok_json("measure", "trend", str(self.zoe), "--instrument", "phq-9")
        self.assertEqual((t["first"], t["latest"], t["change"]), (8, 13, 5))
        self.assertEqual((t["direction"], t["meaningful"]), ("worsened", True))

    def test_scs_sf_trend_leads_with_the_total_then_the_subscales(self):
        self.record_weeks(self.ana, "scs-sf", "4,2,3,4,3,2,3,4,4,3,4,4", "2,4,4,2,4,4,4,2,2,4,2,2")
        t = self.ok_json("measure", "trend", str(self.ana), "--instrument", "scs-sf")
        self.assertEqual((t["first"], t["latest"], t["change"]), (2.33, 4.0, 1.67))
        self.assertEqual(t["direction"], "improved")
        self.assertIsNone(t["meaningful"])
        self.assertIsNone(t["threshold"])
        self.assertEqual(t["sparkline"], "▃▆")  # 2.33 and 4.0 on 1–5
        self.assertEqual([s["key"] for s in t["subscales"]],
                         ["self_kindness", "self_judgment", "common_humanity", "isolation", "mindfulness",
                          "over_identification"])
        self.assertEqual((t["subscales"][0]["first"], t["subscales"][0]["latest"]), (2.0, 4.0))
        out = self.ok("measure", "trend", str(self.ana), "--instrument", "scs-sf").out
        self.assertIn("higher is better", out)
        self.assertIn("2.33", out)
        summary = out.index("improved by 1.67")
        self.assertLess(summary, out.index("Subscales"))
        self.assertLess(out.index("Subscales"), out.index("self-kindness"))
        self.assertIn("less reliable than the total", out)

    def test_fewer_than_two_administrations_is_said_plainly(self):
        r = self.ok("measure", "trend", str(self.ana), "--instrument", "phq-9")
        self.assertEqual(r.out, "")
        self.assertIn("no PHQ-9 recorded for Ana Reed", r.err)
        self.assertIn("needs at least two", r.err)
        t = self.ok_json("measure", "trend", str(self.ana), "--instrument", "phq-9")
        self.assertEqual((t["points"], t["first"], t["change"], t["direction"], t["sparkline"]),
                         ([], None, None, None, ""))
        self.record(self.ana, "phq-9", PHQ_11, "--date", "2026-11-10")
        r = self.ok("measure", "trend", str(self.ana), "--instrument", "phq-9")
        self.assertIn("only one PHQ-9 so far (2026-11-10); a trend needs at least two", r.out)
        t = self.ok_json("measure", "trend", str(self.ana), "--instrument", "phq-9")
        self.assertEqual((t["first"], t["latest"], t["change"], t["direction"], t["meaningful"]),
                         (11, 11, None, None, None))

    # --- refusals -------------------------------------------------------------------------------

    def test_answers_with_the_wrong_count_range_or_form_are_refused(self):
        record = ("measure", "record", str(self.ana), "--instrument")
        self.refused(USAGE, *record, "phq-9", "--answers", "1,1,1,1,1,1,1,1", message="phq-9 has 9 items; got 8 answers")
        self.refused(USAGE, *record, "gad-7", "--answers", "1,1,1,1,1,1,1,1", message="gad-7 has 7 items; got 8 answers")
        self.refused(USAGE, *record, "phq-9", "--answers", "1,1,4,1,1,1,1,1,1", message="item 3: 4 is out of range 0–3")
        self.refused(USAGE, *record, "scs-sf", "--answers", "3,3,3,3,3,3,3,3,3,3,3,0",
                     message="item 12: 0 is out of range 1–5")
        self.refused(USAGE, *record, "phq-9", "--answers", "1,x,1,1,1,1,1,1,1",
                     message="item 2: 'x' is not a whole number")
        self.refused(USAGE, *record, "phq-9", "--answers", "1,,1,1,1,1,1,1,1", message="item 2 is empty")
        self.refused(USAGE, *record, "phq-9", "--answers", "1,1.5,1,1,1,1,1,1,1", message="'1.5' is not a whole number")
        self.refused(USAGE, *record, "phq-9", "--answers", "1,1,1,1,1,1,1,1,99999999999999999999",
                     message="item 9: 99999999999999999999 is out of range 0–3")
        r = self.refused(USAGE, *record, "phq-9", "--answers", "1", message="got 1 answer")
        self.assertIn("hint: give 9 whole numbers 0–3", r.err)
        self.refused(USAGE, *record, "bdi-ii", "--answers", "1", message="unknown instrument 'bdi-ii'")
        self.refused(USAGE, "measure", "record", str(self.ana), "--answers", "1")  # no --instrument

    def test_unknown_ids(self):
        self.refused(NOT_FOUND, "measure", "record", "999", "--instrument", "phq-9", "--answers", PHQ_8,
                     message="no client with id 999")
        self.refused(NOT_FOUND, "measure", "record", str(self.ana), "--instrument", "phq-9", "--answers", PHQ_8,
                     "--session", "999", message="no session with id 999")
        self.refused(NOT_FOUND, "measure", "list", "999", message="no client with id 999")
        self.refused(NOT_FOUND, "measure", "trend", "999", "--instrument", "phq-9", message="no client with id 999")
        self.refused(NOT_FOUND, "measure", "show", "42", message="no measure with id 42")

    def test_dates_in_the_future_malformed_or_before_birth_are_refused(self):
        record = ("measure", "record", str(self.ana), "--instrument", "phq-9", "--answers", PHQ_8, "--date")
        self.refused(USAGE, *record, "tomorrow", message="date 2026-11-28 is in the future")
        self.refused(USAGE, *record, "2027-01-01", message="is in the future")
        self.refused(USAGE, *record, "2026-02-30", message="'2026-02-30' does not exist")
        self.refused(USAGE, *record, "11/20/2026", message="not a date in the form YYYY-MM-DD")
        self.refused(USAGE, *record, "1985-01-31", message="before Ana Reed's date of birth (1985-02-01)")

    def test_session_rules(self):
        ana_session = self.individual(self.ana, "2026-11-23 10:00")
        booked = self.schedule("--type", "individual", "--clinician", str(self.dana), "--client", str(self.ana),
                               "--start", "2026-11-24 10:00")
        record = ("measure", "record", "--instrument", "phq-9", "--answers", PHQ_8)
        self.refused(CONFLICT, *record, str(self.zoe), "--session", str(ana_session),
                     message=f"Zoë O'Brien-Núñez (client {self.zoe}) was not in session {ana_session}")
        r = self.refused(CONFLICT, *record, str(self.ana), "--session", str(booked),
                         message=f"session {booked} (individual, 2026-11-24) is scheduled, not attended")
        self.assertIn(f"iop session attend {booked}", r.err)
        self.ok("session", "no-show", str(booked))
        self.refused(CONFLICT, *record, str(self.ana), "--session", str(booked), message="is no-show, not attended")
        self.refused(CONFLICT, *record, str(self.ana), "--session", str(ana_session), "--date", "2026-11-22",
                     message=f"session {ana_session} was on 2026-11-23, not 2026-11-22")
        self.refused(USAGE, *record, str(self.ana), "--session", "0")

    def test_a_second_administration_on_the_same_day_is_refused_unless_allowed(self):
        first = self.record(self.ana, "phq-9", PHQ_8, "--date", "2026-11-20")
        r = self.refused(CONFLICT, "measure", "record", str(self.ana), "--instrument", "phq-9", "--answers", PHQ_11,
                         "--date", "2026-11-20", message=f"Ana Reed (client {self.ana}) already has a PHQ-9 on "
                                                         f"2026-11-20 (measure {first['id']})")
        self.assertIn("--allow-duplicate", r.err)
        second = self.record(self.ana, "phq-9", PHQ_11, "--date", "2026-11-20", "--allow-duplicate")
        self.assertEqual(second["total"], 11)

    def test_list_and_trend_need_their_arguments(self):
        self.refused(USAGE, "measure", "list", message="give a CLIENT_ID")
        self.refused(USAGE, "measure", "list", str(self.ana), "--instrument", "nope", message="unknown instrument")
        self.refused(USAGE, "measure", "trend", str(self.ana))
        self.refused(USAGE, "measure", "trend", str(self.ana), "--instrument", "nope", message="unknown instrument")
        self.refused(USAGE, "measure", "show", "x")

    # --- names ----------------------------------------------------------------------------------

    def test_names_with_accents_apostrophes_and_sql_metacharacters(self):
        bobby = self.enroll("Robert'); DROP TABLE clients;--", "Tables")
        m = self.record(bobby, "gad-7", "0,1,0,1,0,1,0")
        self.assertEqual(m["client"], "Robert'); DROP TABLE clients;-- Tables")
        self.assertEqual(self.sql("SELECT count(*) FROM clients"), [(3,)])
        self.record(self.zoe, "gad-7", "0,1,0,1,0,1,0")
        out = self.ok("measure", "show", str(m["id"] + 1)).out
        self.assertIn(f"Zoë O'Brien-Núñez (client {self.zoe})", out)
        rows = csv_rows(self.ok("measure", "list", str(self.zoe), "--format", "csv").out)
        self.assertEqual(rows[0]["client"], "Zoë O'Brien-Núñez")


if __name__ == "__main__":
    unittest.main()

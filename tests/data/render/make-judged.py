#!/usr/bin/env python3
"""Writes judged.ndjson: the fixed example kpi-render's golden tests read.

A fictional council's judged summaries as at March 2024 (contract §3 and §4),
made by hand so that every sentence pattern of report-style.md has a case.
The trend fields (window, run, highest_since, spc, ...) are computed here the
way the contract defines them; the judgement fields are written by hand.
Run it from this directory: python3 make-judged.py > judged.ndjson
"""
import json
from decimal import Decimal, ROUND_HALF_UP

AS_AT = "2024-03"


def months(end, n):
    y, m = map(int, end.split("-"))
    out = []
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return out[::-1]


def fquarters(end_year, end_q, n):
    out = []
    y, q = end_year, end_q
    for _ in range(n):
        out.append(f"{y}/{(y + 1) % 100:02d}-Q{q}")
        q -= 1
        if q == 0:
            y, q = y - 1, 4
    return out[::-1]


def pct(n, d):
    return round(100.0 * n / d, 1)


def spc(points, polarity, min_points=12):
    vals = [p["value"] for p in points if p["value"] is not None]
    if len(vals) < min_points:
        return {"points": len(vals), "mean": None, "ucl": None, "lcl": None,
                "upper_2s": None, "lower_2s": None, "signals": [],
                "variation": None, "status": "insufficient_data"}
    mean = sum(vals) / len(vals)
    mrs = [abs(vals[i + 1] - vals[i]) for i in range(len(vals) - 1)]
    mr = sum(mrs) / len(mrs)
    ucl, lcl = mean + 2.66 * mr, mean - 2.66 * mr
    signals = []
    for p in points:
        v = p["value"]
        if v is None:
            continue
        if v > ucl or v < lcl:
            high = v > ucl
            if polarity == "neutral":
                cls = "neutral"
            else:
                cls = "improvement" if high == (polarity == "higher_is_better") else "concern"
            signals.append({"period": p["period"], "rule": "outside_limits", "class": cls})
    variation = "common_cause"
    if signals and signals[-1]["period"] == points[-1]["period"]:
        high = points[-1]["value"] > mean
        variation = f"{signals[-1]['class']}_{'high' if high else 'low'}"
    return {"points": len(vals), "mean": mean, "avg_mr": mr, "ucl": ucl, "lcl": lcl,
            "upper_2s": mean + 2 * 2.66 / 3 * mr, "lower_2s": mean - 2 * 2.66 / 3 * mr,
            "signals": signals, "variation": variation, "status": "ok"}


def printed(v, decimals):
    """v as a report prints it: half up on the shortest decimal text."""
    return Decimal(repr(v)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def movement(r):
    """kpi-flag's movement (kpi-flag(1), MOVEMENT), so the example reads as
    kpi-flag would judge it; tests/render.bats checks the two agree."""
    prev, v = r["previous"], r["value"]
    if not prev or prev["value"] is None or v is None:
        return None
    p, unit = prev["value"], r["unit"]
    decimals = {"count": 0, "currency": 0, "ratio": 2}.get(unit, 1)
    if printed(v, decimals) == printed(p, decimals):
        return "unchanged"
    d = abs(v - p)
    if unit == "count" and d <= 2:
        return "slight"
    if unit != "count" and r["numerator"] is not None and prev["numerator"] is not None \
            and abs(r["numerator"] - prev["numerator"]) <= 2:
        return "slight"
    s = r["spc"]
    mr = s.get("avg_mr") if s["status"] == "ok" else None
    if mr is not None:
        slight = d <= mr
    elif unit == "percent":
        slight = d <= 3
    else:
        slight = d < abs(p) * 3 / 100
    if slight:
        return "slight"
    if mr is not None and (v > s["ucl"] or v < s["lcl"] or d > 3 * mr):
        return "sharp"
    return "clear"


def summary(code, name, section, unit, polarity, order, periods, values, period_type="month",
            nums=None, dens=None, **judged):
    pts = []
    for i, p in enumerate(periods):
        pts.append({"period": p, "value": values[i],
                    "numerator": nums[i] if nums else None,
                    "denominator": dens[i] if dens else None,
                    "status": "ok" if values[i] is not None else "missing"})
    latest, prev = pts[-1], pts[-2] if len(pts) > 1 else None
    per_year = 12 if period_type == "month" else 4
    r = {"indicator": code, "name": name, "section": section, "unit": unit,
         "polarity": polarity, "order": order, "period": latest["period"],
         "period_type": period_type, "value": latest["value"],
         "numerator": latest["numerator"], "denominator": latest["denominator"],
         "status": latest["status"], "source": f"council.csv:{order + 1}",
         "area": "Northbridge", "as_at": judged.pop("as_at", AS_AT)}
    r["previous"] = {k: prev[k] for k in ("period", "value", "numerator", "denominator")} if prev else None
    r["change"] = round(latest["value"] - prev["value"], 10) if prev and latest["value"] is not None else None
    r["change_pct"] = (round(100 * (latest["value"] - prev["value"]) / prev["value"], 10)
                       if prev and latest["value"] is not None and prev["value"] else None)
    ya = pts[-1 - per_year] if len(pts) > per_year else None
    r["year_ago"] = {k: ya[k] for k in ("period", "value", "numerator", "denominator")} if ya else None
    win = [p for p in pts[-per_year:] if p["value"] is not None]
    hi = max(win, key=lambda p: p["value"])
    lo = min(win, key=lambda p: p["value"])
    w = {"length": len(win), "high": {"value": hi["value"], "period": hi["period"]},
         "low": {"value": lo["value"], "period": lo["period"]},
         "mean": sum(p["value"] for p in win) / len(win),
         "is_high": latest["value"] == hi["value"], "is_low": latest["value"] == lo["value"]}
    if nums and dens:
        w["numerator_sum"] = sum(p["numerator"] for p in win)
        w["denominator_sum"] = sum(p["denominator"] for p in win)
    r["window"] = w
    v = latest["value"]
    r["highest_since"] = next((p["period"] for p in reversed(pts[:-1])
                               if v is not None and p["value"] is not None and p["value"] > v), None)
    r["lowest_since"] = next((p["period"] for p in reversed(pts[:-1])
                              if v is not None and p["value"] is not None and p["value"] < v), None)
    # run: consecutive changes in one direction ending at the latest point
    direction, length, since = "flat", 0, latest["period"]
    i = len(pts) - 1
    while i > 0 and pts[i]["value"] is not None and pts[i - 1]["value"] is not None:
        d = pts[i]["value"] - pts[i - 1]["value"]
        s = "up" if d > 0 else "down" if d < 0 else "flat"
        if length == 0:
            direction = s
        elif s != direction:
            break
        length += 1
        since = pts[i - 1]["period"]
        i -= 1
        if s == "flat":
            break
    r["run"] = {"direction": direction, "length": length, "since": since}
    r["first_period"] = pts[0]["period"]
    r["gaps"] = []
    r["history"] = pts[-24:]
    r["spc"] = spc(pts, polarity)
    r["stale"] = 0  # kpi-trend: periods since the latest value
    base = {"target": None, "targets": [], "target_gap": None, "target_met": None,
            "target_needed": None, "rag": None, "benchmark": None, "interval": None,
            "movement": movement(r), "assessment": "stable", "reasons": [], "flags": []}
    base.update(judged)
    r.update(base)
    return r


def main():
    m13 = months(AS_AT, 13)
    recs = []
    # --- Child Protection -------------------------------------------------
    cp_n = [255, 262, 270, 276, 281, 278, 270, 266, 262, 258, 255, 251, 248]
    recs.append(summary(
        "2.05.01", "Children subject to a child protection plan (rate per 10,000)",
        "Child Protection", "rate_per_10k", "lower_is_better", 1, m13,
        [round(n / 52400 * 10000, 1) for n in cp_n], nums=cp_n, dens=[52400] * 13,
        target={"value": 45.0, "due": "2024-03"}, targets=[{"value": 45.0, "due": "2024-03"}],
        target_gap=2.3, target_met=False, rag="amber",
        assessment="improvement", reasons=["run_improving"],
        flags=["run_improving", "target_missed"]))
    v_n = [170, 172, 168, 171, 174, 169, 173, 170, 171, 168, 169, 167, 151]
    v_d = [190, 192, 190, 191, 193, 190, 192, 191, 191, 190, 190, 190, 185]
    recs.append(summary(
        "2.05.04", "Child protection visits within 10 working days",
        "Child Protection", "percent", "higher_is_better", 2, m13,
        [pct(n, d) for n, d in zip(v_n, v_d)], nums=v_n, dens=v_d,
        benchmark=None, assessment="issue", reasons=["window_low", "spc_concern"],
        flags=["window_low", "spc_concern"],
        interval={"lower": 75.4, "upper": 86.5, "method": "wilson"}))
    r_n = [3, 2, 4, 3, 2, 5, 3, 4, 2, 3, 3, 2, 4]
    r_d = [18, 15, 19, 17, 16, 21, 18, 20, 15, 17, 16, 14, 17]
    recs.append(summary(
        "2.05.06", "Children becoming subject to a plan for a second or subsequent time",
        "Child Protection", "percent", "lower_is_better", 3, m13,
        [pct(n, d) for n, d in zip(r_n, r_d)], nums=r_n, dens=r_d,
        assessment="issue", reasons=["latest_worse"], flags=["small_denominator"]))
    ic_n = [37, 33, 34, 36, 35, 35, 34, 36, 35, 34, 35, 33, 38]
    ic_d = [40, 40, 39, 41, 40, 40, 40, 41, 40, 39, 40, 39, 42]
    recs.append(summary(
        "2.05.08", "Initial conferences within 15 working days",
        "Child Protection", "percent", "higher_is_better", 4, m13,
        [pct(n, d) for n, d in zip(ic_n, ic_d)], nums=ic_n, dens=ic_d,
        assessment="improvement", reasons=["latest_better"], flags=[]))
    pe_n = [5, 4, 5, 6, 5, 5, 4, 5, 4, 4, 5, 4, 2]
    pe_d = [61, 60, 62, 63, 60, 61, 59, 60, 58, 59, 61, 60, 58]
    recs.append(summary(
        "2.05.10", "Plans ending after two years or more",
        "Child Protection", "percent", "lower_is_better", 5, m13,
        [pct(n, d) for n, d in zip(pe_n, pe_d)], nums=pe_n, dens=pe_d,
        target={"value": 4.0, "due": "2024-06"},
        targets=[{"value": 4.0, "due": "2024-06"}, {"value": 2.0, "due": "2024-12"}],
        target_gap=-0.6, target_met=True, target_needed=2, rag="green",
        assessment="improvement", reasons=["window_low", "target_met"],
        flags=["window_low", "target_met"]))
    # --- Children in Care ---------------------------------------------------
    hc = [44, 43, 43, 42, 41, 41, 40, 40, 39, 39, 38, 39, 38]
    recs.append(summary(
        "3.01.02", "Children placed at home on a care order", "Children in Care", "count",
        "lower_is_better", 6, m13, hc, counted="children",
        target={"value": 25, "due": "2024-06"}, targets=[{"value": 25, "due": "2024-06"}],
        target_gap=13, target_met=False, rag="red",
        assessment="issue", reasons=["target_missed_due_soon"], flags=["target_missed"]))
    mv_n = [41, 42, 41, 40, 41, 42, 41, 40, 41, 40, 41, 40, 43]
    mv_d = [358, 360, 359, 357, 360, 361, 362, 360, 361, 359, 360, 360, 361]
    recs.append(summary(
        "3.02.01", "Children in care with three or more placement moves",
        "Children in Care", "percent", "lower_is_better", 7, m13,
        [pct(n, d) for n, d in zip(mv_n, mv_d)], nums=mv_n, dens=mv_d,
        target={"value": 9.0, "due": "2025-03"}, targets=[{"value": 9.0, "due": "2025-03"}],
        target_gap=2.9, target_met=False, target_needed=32, rag="red",
        assessment="issue", reasons=["window_high", "target_missed"],
        flags=["window_high", "target_missed"]))
    m11 = months("2024-01", 13)
    vi_n = [280, 279, 283, 281, 282, 284, 280, 282, 283, 281, 280, 280, 268]
    vi_d = [361] * 12 + [361]
    recs.append(summary(
        "3.03.01", "Children in care visited within six weeks", "Children in Care", "percent",
        "higher_is_better", 8, m11, [pct(n, d) for n, d in zip(vi_n, vi_d)], nums=vi_n, dens=vi_d,
        assessment="issue", reasons=["stale", "window_low"], flags=["stale", "window_low"]))
    recs[-1]["stale"] = 2  # Jan 24 as at Mar 24
    pep = [52.8, 55.0, 57.1, 58.3, 60.2, 61.5, 64.1, 65.0, 63.4]
    recs.append(summary(
        "3.04.01", "Initial PEPs held on time", "Children in Care", "percent",
        "higher_is_better", 9, months(AS_AT, 9), pep,
        assessment="improvement", reasons=["longer_trend_improving"],
        flags=["reporting_commenced"]))
    mi = [8, 9, 7, 10, 9, 11, 10, 12, 11, 10, 12, 14, 9]
    recs.append(summary(
        "3.05.01", "Children missing from care", "Children in Care", "count",
        "lower_is_better", 10, m13, mi, counted="children",
        assessment="improvement", reasons=["latest_better"], flags=[]))
    ent = [21, 18, 25, 19, 22, 20, 24, 23, 19, 21, 20, 22, 22]
    recs.append(summary(
        "3.06.01", "Children entering care", "Children in Care", "count", "neutral", 11, m13, ent,
        assessment="stable", reasons=["neutral"], flags=[]))
    # --- Care Leavers ---------------------------------------------------------
    et_n = [104, 101, 99, 100, 98, 97, 99, 98, 96, 97, 98, 97, 103]
    et_d = [165, 166, 165, 166, 167, 166, 166, 165, 166, 166, 166, 166, 166]
    recs.append(summary(
        "5.01.01", "Care leavers in education, employment or training", "Care Leavers", "percent",
        "higher_is_better", 12, m13, [pct(n, d) for n, d in zip(et_n, et_d)], nums=et_n, dens=et_d,
        benchmark={"area": "England", "period": "2022/23", "value": 56.0, "comparison": "better",
                   "quartile": "B", "rank": 44},
        interval={"lower": 54.5, "upper": 69.1, "method": "wilson"},
        assessment="improvement", reasons=["latest_better", "benchmark_better"],
        flags=["benchmark_better"]))
    ac = [84.6, 86.0, 87.5, 88.9, 90.2, 91.3]
    recs.append(summary(
        "5.02.01", "Care leavers in suitable accommodation", "Care Leavers", "percent",
        "higher_is_better", 13, months(AS_AT, 6), ac,
        assessment="improvement", reasons=["run_improving"],
        flags=["run_improving", "reporting_commenced"]))
    rec = summary(
        "5.03.01", "Pathway plans reviewed on time", "Care Leavers", "percent",
        "higher_is_better", 14, m13, [70.0 + i for i in range(12)] + [None],
        assessment="no_data", reasons=["no_value"], flags=["data_quality"])
    recs.append(rec)
    # --- Offending (financial quarters) -----------------------------------------
    fq = fquarters(2023, 4, 8)
    yj_n = [7, 6, 8, 7, 5, 9, 6, 4]
    yj_d = [270, 268, 271, 265, 264, 266, 262, 263]
    recs.append(summary(
        "6.01.01", "Looked-after children aged 10-17 with a youth justice outcome", "Offending",
        "percent", "lower_is_better", 15, fq, [pct(n, d) for n, d in zip(yj_n, yj_d)],
        period_type="financial_quarter", nums=yj_n, dens=yj_d, as_at="2023/24-Q4",
        assessment="improvement", reasons=["latest_better"], flags=[]))
    for r in recs:
        print(json.dumps(r, ensure_ascii=False, separators=(",", ":")))


main()

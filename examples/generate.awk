#!/usr/bin/awk -f
# generate.awk: regenerates the example council "Northbridge" (fictional).
#
#   awk -v outdir=examples -f examples/generate.awk
#
# Writes, into outdir:
#   northbridge-long.csv      one row per observation (68 indicators)
#   northbridge-provider-long.csv  the health provider's figures for four
#                             health indicators (breakdown "Health provider")
#   northbridge-wide.csv      a monthly workbook export, periods as columns
#                             (early help and workforce, 10 indicators)
#   northbridge-ees.csv       England and statistical-neighbour figures in the
#                             DfE Explore Education Statistics tidy layout
#   northbridge-targets.csv   staged improvement-plan targets
# (the narrative files under narrative/ are hand-written, not generated).
#
# POSIX awk only (mawk, gawk, busybox): its own Park-Miller generator with a
# fixed seed, no rand(), no libm, so the files are byte-identical everywhere.
# Months run Apr 2019 to Mar 2025 (t = 0 .. 71); the stories told by the
# latest months are listed with each indicator below.

BEGIN {
	if (outdir == "") outdir = "examples"
	seed = 20221031
	NMONTHS = 72
	LAST = NMONTHS - 1
	POP = 52400		# children aged 0-17 in Northbridge
	AREA = "Northbridge"
	split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", MON, " ")
	# a gentle seasonal shape, April first (contacts dip in the holidays)
	split("0 0.3 0.6 0.2 -0.4 -0.9 -0.5 0.1 0.6 0.9 0.3 -0.3", SEASON, " ")

	long = outdir "/northbridge-long.csv"
	prov = outdir "/northbridge-provider-long.csv"
	wide = outdir "/northbridge-wide.csv"
	ees = outdir "/northbridge-ees.csv"
	tgt = outdir "/northbridge-targets.csv"
	print "indicator,period,value,numerator,denominator,area" > long
	print "indicator,period,value,numerator,denominator,area,breakdown" > prov
	printf "Indicator,Area" > wide
	for (t = 0; t < NMONTHS; t++) printf ",%s", wide_period(t) > wide
	printf "\n" > wide

	# id | file | kind | start level | end level | season | noise | denominator | story | p1 | p2 | first month
	# kind: pct (value with numerator and denominator), pv (percent value
	# only), count, rate:SRC (SRC's counts per 10,000 children), avg (one decimal)
	# stories: run_up K, run_down K (K steps ending at the latest month),
	# peak K (a 12-month high K months ago, falling every month since),
	# spike M, low D, high D, dip K (improving K months then a slight fall),
	# held T (at or above T every month of the last year), stale N (the
	# latest N months not yet available), suppressed N, since P (highest
	# since a month P months back).
	n = 0
	spec[++n] = "contacts_count|L|count|950|1010|60|35|0|none|0|0|0"
	spec[++n] = "contacts_to_referral_pct|L|pct|24|22|0|1.2|980|none|0|0|0"
	spec[++n] = "contacts_decision_1wd_pct|L|pct|84|92|0|1.5|960|held|90|0|0"
	spec[++n] = "referrals_count|L|count|262|238|15|12|0|none|0|0|0"
	spec[++n] = "referrals_rate_per_10k|L|rate:referrals_count|0|0|0|0|0|none|0|0|0"
	spec[++n] = "rereferrals_12m_pct|L|pct|23|27.5|0|0.8|250|run_up|4|0.8|0"
	spec[++n] = "referrals_nfa_pct|L|pct|9|6|0|0.7|250|none|0|0|0"
	spec[++n] = "referrals_not_in_need_pct|L|pct|12|11|0|0.8|230|none|0|0|0"
	spec[++n] = "eh_assessments_count|W|count|120|150|10|9|0|none|0|0|0"
	spec[++n] = "eh_open_cases_count|W|count|900|1150|0|25|0|run_up|5|18|0"
	spec[++n] = "eh_stepup_to_csc_pct|W|pv|9|7|0|0.8|0|none|0|0|0"
	spec[++n] = "eh_closed_outcomes_met_pct|W|pv|71|79|0|1.6|0|high|1.5|0|0"
	spec[++n] = "assessments_45wd_pct|L|pct|80|86|0|1.8|230|high|1.2|0|0"
	spec[++n] = "assessments_count|L|count|235|228|12|10|0|none|0|0|0"
	spec[++n] = "assessments_rate_per_10k|L|rate:assessments_count|0|0|0|0|0|none|0|0|0"
	spec[++n] = "s47_enquiries_rate_per_10k|L|rate:s47_count|0|0|0|0|0|none|0|0|0"
	spec[++n] = "cin_rate_per_10k|L|rate:cin_count|0|0|0|0|0|none|0|0|0"
	spec[++n] = "icpc_15wd_pct|L|pct|74|88|0|4|42|since|7|0|0"
	spec[++n] = "cp_plans_count|L|count|262|258|0|6|0|peak|5|0|0"
	spec[++n] = "cp_plans_rate_per_10k|L|rate:cp_plans_count|0|0|0|0|0|none|0|0|0"
	spec[++n] = "cp_plans_second_time_pct|L|pct|19|21|0|3|16|none|0|0|0"
	spec[++n] = "cp_plans_started_count|L|count|24|22|2|3|0|none|0|0|0"
	spec[++n] = "cp_plans_2yrs_plus_pct|L|pct|6|3.5|0|1|58|none|0|0|0"
	spec[++n] = "cp_visits_10wd_pct|L|pct|88|87|0|1.3|185|low|2.5|0|0"
	spec[++n] = "cp_reviews_in_time_pct|L|pct|94|97|0|1|60|held|95|0|0"
	spec[++n] = "cla_count|L|count|345|381|0|3|0|none|0|0|0"
	spec[++n] = "cla_rate_per_10k|L|rate:cla_count|0|0|0|0|0|none|0|0|0"
	spec[++n] = "cla_starts_count|L|count|14|16|2|3|0|none|0|0|0"
	spec[++n] = "cla_ceased_count|L|count|13|14|2|3|0|none|0|0|0"
	spec[++n] = "cla_uasc_count|L|count|21|31|0|1.5|0|none|0|0|0"
	spec[++n] = "cla_reviews_in_time_pct|L|pct|84|88|0|2|75|run_up|6|1.1|0"
	spec[++n] = "cla_visits_in_time_pct|L|pct|72|80|0|1.5|361|dip|5|0|0"
	spec[++n] = "cla_care_order_at_home_count|L|count|40|44|0|1|0|run_down|4|1.5|0"
	spec[++n] = "cla_convictions_pct|L|pct|4|3|0|1|150|suppressed|2|0|0"
	spec[++n] = "placement_stability_3plus_moves_pct|L|pct|10.5|12|0|0.6|361|none|0|0|0"
	spec[++n] = "placement_stability_2yrs_pct|L|pct|66|70|0|1.2|150|none|0|0|0"
	spec[++n] = "placements_foster_pct|L|pct|74|71|0|0.8|361|none|0|0|0"
	spec[++n] = "placements_20miles_plus_pct|L|pct|13|16|0|0.6|361|run_up|3|0.6|0"
	spec[++n] = "placements_out_of_area_pct|L|pct|24|26|0|0.8|361|none|0|0|0"
	spec[++n] = "placements_residential_pct|L|pct|8|10|0|0.6|361|none|0|0|0"
	spec[++n] = "cla_missing_pct|L|pct|8|9|0|1|361|none|0|0|0"
	spec[++n] = "missing_episodes_count|L|count|44|47|4|5|0|spike|31|0|0"
	spec[++n] = "return_interviews_72h_pct|L|pct|60|60|0|0|6|commenced|66|0|66"
	spec[++n] = "ihas_within_20wd_pct|L|pct|58|78|0|8|11|none|0|0|0"
	spec[++n] = "health_assessments_annual_pct|L|pct|87|92|0|1|300|none|0|0|0"
	spec[++n] = "immunisations_pct|L|pct|80|86|0|1.2|300|none|0|0|0"
	spec[++n] = "dental_checks_pct|L|pct|62|79|0|1.5|300|run_up|7|0.7|0"
	spec[++n] = "sdq_concern_pct|L|pct|39|37|0|1.5|210|none|0|0|0"
	spec[++n] = "sdq_average_score|L|avg|14.6|14.1|0|0.25|0|none|0|0|0"
	spec[++n] = "peps_in_time_pct|L|pct|50|50|0|0|120|peps|0|0|53"
	spec[++n] = "absence_overall_cla_pct|L|pct|6.2|6.9|1|0.3|5000|none|0|0|0"
	spec[++n] = "absence_persistent_cla_pct|L|pct|20|25|0|1.3|300|none|0|0|0"
	spec[++n] = "suspensions_cla_pct|L|pct|12|10|0|1.2|300|none|0|0|0"
	spec[++n] = "care_leavers_count|L|count|160|188|0|2|0|none|0|0|0"
	spec[++n] = "care_leavers_in_touch_pct|L|pct|92|94|0|1|180|stale|2|0|0"
	spec[++n] = "care_leavers_eet_17_18_pct|L|pct|62|60|0|3|45|none|0|0|0"
	spec[++n] = "care_leavers_eet_19_21_pct|L|pct|51|55|0|1.5|135|none|0|0|0"
	spec[++n] = "care_leavers_suitable_accom_17_18_pct|L|pct|89|90|0|2.5|45|none|0|0|0"
	spec[++n] = "care_leavers_suitable_accom_19_21_pct|L|pct|85|88|0|1.5|135|none|0|0|0"
	spec[++n] = "pathway_plans_in_time_pct|L|pct|78|86|0|1|180|run_up|6|0.6|0"
	spec[++n] = "adoptions_count|L|count|2|2|0|1.2|0|none|0|0|0"
	spec[++n] = "adoption_entry_to_placed_days|L|avg|455|405|0|9|0|none|0|0|0"
	spec[++n] = "adoption_decision_to_match_days|L|avg|190|160|0|8|0|none|0|0|0"
	spec[++n] = "sgo_count|L|count|2|2|0|1.2|0|none|0|0|0"
	spec[++n] = "adopters_approved_count|L|count|1|2|0|1|0|none|0|0|0"
	spec[++n] = "foster_carers_approved_count|L|count|2|2|0|1.2|0|none|0|0|0"
	spec[++n] = "sw_fte_count|W|avg|176|194|0|1.5|0|none|0|0|0"
	spec[++n] = "sw_agency_rate_pct|W|pv|14|19|0|0.5|0|run_up|4|0.4|0"
	spec[++n] = "sw_vacancy_rate_pct|W|pv|19|15|0|0.8|0|none|0|0|0"
	spec[++n] = "sw_turnover_rate_pct|W|pv|16|14|0|0.7|0|none|0|0|0"
	spec[++n] = "sw_caseload_avg|W|avg|19.5|16.8|0|0.4|0|low|0.3|0|0"
	spec[++n] = "sw_absence_rate_pct|W|pv|3.6|3.2|0|0.3|0|none|0|0|0"
	spec[++n] = "ehcp_20_weeks_pct|L|pct|14|52|0|3|40|none|0|0|0"
	spec[++n] = "ehcp_20_weeks_excl_exceptions_pct|L|pct|16|56|0|3|38|none|0|0|0"
	spec[++n] = "ehcp_new_count|L|count|28|38|3|4|0|none|0|0|0"
	spec[++n] = "ehcp_assessment_requests_count|L|count|45|62|4|5|0|none|0|0|0"
	spec[++n] = "ehcp_assessment_refused_pct|L|pct|22|18|0|2.5|50|none|0|0|0"
	spec[++n] = "send_tribunals_count|L|count|2|3|0|1.2|0|none|0|0|0"
	nspec = n

	# hidden count series that only feed rates
	hidden["s47_count"] = "70|74|5|6"
	hidden["cin_count"] = "1620|1700|0|15"
	# (each series reseeds from its own name, so for-in order does not matter)
	for (h in hidden) make_hidden(h)

	# the workbook labels its rows by name or a common alias, not by id
	NAME["eh_assessments_count"] = "Early Help Assessments"
	NAME["eh_open_cases_count"] = "Children open to early help"
	NAME["eh_stepup_to_csc_pct"] = "Early help cases stepped up to social care"
	NAME["eh_closed_outcomes_met_pct"] = "Early help cases closed with outcomes met"
	NAME["sw_fte_count"] = "Child and family social workers (FTE)"
	NAME["sw_agency_rate_pct"] = "Agency social worker rate"
	NAME["sw_vacancy_rate_pct"] = "Social worker vacancy rate"
	NAME["sw_turnover_rate_pct"] = "Social worker turnover rate"
	NAME["sw_caseload_avg"] = "Average caseload"
	NAME["sw_absence_rate_pct"] = "Social worker sickness absence rate"

	for (i = 1; i <= nspec; i++) make_series(spec[i])

	make_provider("ihas_within_20wd_pct", 52, 70, 9, 10)
	make_provider("health_assessments_annual_pct", 84, 90, 1.5, 290)
	make_provider("immunisations_pct", 78, 83, 1.5, 290)
	make_provider("dental_checks_pct", 58, 74, 2, 290)

	write_ees()
	write_targets()
	close(long); close(prov); close(wide); close(ees); close(tgt)
}

# --- random numbers ------------------------------------------------------------
# Park-Miller minimal standard: exact in doubles (products < 2^46).
function rnd() {
	seed = (seed * 16807) % 2147483647
	return seed / 2147483647
}
# a standard normal deviate, Irwin-Hall (sum of 12 uniforms), no libm needed
function gauss(   k, s) {
	s = 0
	for (k = 0; k < 12; k++) s += rnd()
	return s - 6
}
# Each series draws from its own stream, seeded from its name, so adding an
# indicator does not change the others.
function reseed(name,   k, h) {
	h = 20221031
	for (k = 1; k <= length(name); k++)
		h = (h * 31 + index("abcdefghijklmnopqrstuvwxyz0123456789_:", substr(name, k, 1))) % 2147483647
	if (h == 0) h = 1
	seed = h
}

# --- numbers and periods -------------------------------------------------------
function round(x) { return x < 0 ? -int(-x + 0.5) : int(x + 0.5) }
function round1(x) { return round(x * 10) / 10 }
function fmt1(x) { return sprintf("%.1f", round1(x)) }
function year_of(t) { return 2019 + int((t + 3) / 12) }
function month_of(t) { return (t + 3) % 12 + 1 }
function long_period(t) { return sprintf("%04d-%02d", year_of(t), month_of(t)) }
function wide_period(t) { return MON[month_of(t)] "-" sprintf("%02d", year_of(t) % 100) }
function csvq(s) {
	if (s ~ /[",\n]/) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
	return s
}

# --- series ------------------------------------------------------------------
# The underlying level: a straight line from a to b with season and noise.
function level(t, a, b, season, noise) {
	return a + (b - a) * t / LAST + season * SEASON[(t % 12) + 1] + noise * gauss()
}

function make_hidden(name,   f, t) {
	split(hidden[name], f, "|")
	reseed(name)
	for (t = 0; t < NMONTHS; t++) {
		COUNT[name, t] = round(level(t, f[1] + 0, f[2] + 0, f[3] + 0, f[4] + 0))
	}
}

# Applies the story to X[] (the wanted values, before rounding to counts).
function story(kind, p1, p2, good,   t, k, m, hi, lo, base) {
	if (kind == "run_up" || kind == "run_down") {
		# K consecutive steps in one direction ending at the latest month
		k = p1; base = X[LAST - k]
		for (t = LAST - k + 1; t <= LAST; t++)
			X[t] = base + (kind == "run_up" ? 1 : -1) * p2 * (t - LAST + k)
	} else if (kind == "peak") {
		# a peak K months ago, higher than the year before it, then falling
		# every month: "steadily decreasing from a peak of ..."
		hi = -1e9
		for (t = LAST - 12; t < LAST - p1; t++) if (X[t] > hi) hi = X[t]
		X[LAST - p1] = hi + 12
		for (t = LAST - p1 + 1; t <= LAST; t++) X[t] = X[t - 1] - 5 - 2 * rnd()
	} else if (kind == "spike") {
		X[LAST] = X[LAST - 1] + p1
	} else if (kind == "low" || kind == "high") {
		# the latest is the worst (best) of the last 12 months
		hi = -1e9; lo = 1e9
		for (t = LAST - 11; t < LAST; t++) {
			if (X[t] > hi) hi = X[t]
			if (X[t] < lo) lo = X[t]
		}
		X[LAST] = kind == "low" ? lo - p1 : hi + p1
	} else if (kind == "dip") {
		# improving K months, then a slight fall; better than a year ago
		for (t = LAST - p1; t < LAST; t++) X[t] = X[t - 1] + 1.2
		X[LAST] = X[LAST - 1] - 1.0
	} else if (kind == "held") {
		for (t = LAST - 14; t <= LAST; t++) if (X[t] < p1 + 0.6) X[t] = p1 + 0.6 + rnd()
	} else if (kind == "since") {
		# a dip, then a rise to the highest figure since P months back
		m = LAST - p1
		for (t = m + 1; t < LAST; t++) X[t] = X[m] - 4 - 7 * rnd()
		X[LAST] = X[m] - 2.5
		for (t = m - 8; t < m; t++) if (X[t] > X[m] - 3.5) X[t] = X[m] - 3.5 - rnd()
	} else if (kind == "peps") {
		# began Sep 23, improving steadily, slightly lower in the latest month
		for (t = 53; t <= LAST; t++) X[t] = 52.8 + 1.6 * (t - 53)
		X[LAST] = X[LAST - 1] - 1.5
	}
}

function make_series(line,   nd, f, id, file, kind, a, b, season, noise, den, st, p1, p2, first, t, src, d, num, val, good) {
	split(line, f, "|")
	id = f[1]; file = f[2]; kind = f[3]
	a = f[4] + 0; b = f[5] + 0; season = f[6] + 0; noise = f[7] + 0
	den = f[8] + 0; st = f[9]; p1 = f[10] + 0; p2 = f[11] + 0; first = f[12] + 0
	reseed(id)

	if (kind ~ /^rate:/) {
		src = substr(kind, 6)
		for (t = 0; t < NMONTHS; t++) {
			num = COUNT[src, t]
			emit(id, file, t, fmt1(num / POP * 10000), num, POP, "")
		}
		return
	}
	for (t = 0; t < NMONTHS; t++) X[t] = level(t, a, b, season, noise)
	story(st, p1, p2)

	for (t = first; t < NMONTHS; t++) {
		if (kind == "count") {
			num = round(X[t]); if (num < 0) num = 0
			COUNT[id, t] = num
			emit(id, file, t, num, "", "", "")
		} else if (kind == "avg") {
			emit(id, file, t, fmt1(X[t]), "", "", "")
		} else if (kind == "pv") {
			emit(id, file, t, fmt1(X[t]) "%", "", "", "")
		} else {
			d = round(den * (1 + 0.05 * gauss()))
			if (den <= 12) d = round(den + 2 * gauss())
			if (d < 1) d = 1
			if (st == "run_up" || st == "run_down" || st == "commenced" || st == "peps" || st == "dip" || st == "since")
				d = den	# a steady denominator keeps the story's steps exact
			num = round(d * X[t] / 100)
			if (num > d) num = d
			if (num < 0) num = 0
			NUM[t] = num; DEN[t] = d
		}
	}
	if (kind != "pct") return
	if (st == "commenced") {
		# reporting began mid-year (Oct 24) on a handful of children a
		# month: better every month since, every figure a small number
		split("3/7 4/8 4/7 5/8 5/7 4/5", f, " ")
		for (t = first; t <= LAST; t++) {
			split(f[t - first + 1], nd, "/")
			NUM[t] = nd[1] + 0; DEN[t] = nd[2] + 0
		}
	}
	enforce(st, p1, first)
	for (t = first; t < NMONTHS; t++) {
		if (st == "stale" && t > LAST - p1) {
			emit(id, file, t, "..", "", "", "")
		} else if (st == "suppressed" && (t > LAST - p1 || t == LAST - 9)) {
			emit(id, file, t, "c", "c", DEN[t], "")
		} else {
			emit(id, file, t, fmt1(100 * NUM[t] / DEN[t]), NUM[t], DEN[t], "")
		}
	}
}

# Rounding counts can flatten a step the story needs: nudge numerators so
# each step of a run really moves the percentage the right way.
function enforce(st, p1, first,   t, from, dir) {
	dir = 0
	if (st == "run_up") dir = 1
	if (st == "run_down") dir = -1
	if (st == "peps") { from = 54; dir = 1 }
	else from = LAST - p1 + 1
	if (dir == 0) return
	last_run = (st == "peps") ? LAST - 1 : LAST
	for (t = from; t <= last_run; t++) {
		while (dir > 0 && NUM[t] * DEN[t - 1] <= NUM[t - 1] * DEN[t] && NUM[t] < DEN[t]) NUM[t]++
		while (dir < 0 && NUM[t] * DEN[t - 1] >= NUM[t - 1] * DEN[t] && NUM[t] > 0) NUM[t]--
	}
}

# Health provider figures: the same indicator, breakdown "Health provider".
function make_provider(id, a, b, noise, den,   t, d, num) {
	reseed(id ":provider")
	for (t = 0; t < NMONTHS; t++) {
		d = round(den * (1 + 0.05 * gauss()))
		if (den <= 12) d = round(den + 2 * gauss())
		if (d < 1) d = 1
		num = round(d * level(t, a, b, 0, noise) / 100)
		if (num > d) num = d
		if (num < 0) num = 0
		emit(id, "P", t, fmt1(100 * num / d), num, d, "Health provider")
	}
}

# Long rows go out at once; wide rows are collected by indicator.
function emit(id, file, t, value, num, den, breakdown,   k) {
	if (file == "L") {
		print id "," long_period(t) "," value "," num "," den "," AREA > long
		return
	}
	if (file == "P") {
		print id "," long_period(t) "," value "," num "," den "," AREA "," csvq(breakdown) > prov
		return
	}
	if (!(id in WIDE)) { WIDE[id] = 1; WORDER[++nwide] = id }
	WCELL[id, t] = value
	if (t == LAST) {
		printf "%s,%s", csvq(NAME[id] != "" ? NAME[id] : id), AREA > wide
		for (k = 0; k < NMONTHS; k++) printf ",%s", WCELL[id, k] > wide
		printf "\n" > wide
	}
}

# --- England and statistical neighbours (EES tidy layout) ---------------------
function write_ees(   years, cols, eng, sn, i, j, k, y, f, v, row, code, off, r) {
	# measure columns: catalogue ids or the DfE column names they alias
	ncols = split("rereferral_percent assessments_45wd_pct icpc_15wd_pct CPP_subsequent_percent cp_plans_rate_per_10k cla_rate_per_10k placement_stability_3plus_moves_pct placement_stability_2yrs_pct health_assessments_annual_pct immunisations_pct dental_checks_pct care_leavers_eet_19_21_pct care_leavers_suitable_accom_19_21_pct agency_rate_fte vacancy_rate_fte turnover_rate_fte caseload_fte inc_exc_20week_rate", cols, " ")
	# England, 2019/20 .. 2023/24, one string per measure
	eng[1] = "22.6 22.7 21.5 22.4 22.1"
	eng[2] = "84.1 87.6 83.6 82.3 82.9"
	eng[3] = "77.9 82.7 78.4 78.2 78.0"
	eng[4] = "21.9 22.1 23.3 23.6 23.8"
	eng[5] = "42.8 41.4 42.1 43.2 41.6"
	eng[6] = "67 67 70 71 70"
	eng[7] = "11 9 10 10 11"
	eng[8] = "69 71 70 70 69"
	eng[9] = "90 90 91 89 90"
	eng[10] = "87 86 84 85 84"
	eng[11] = "86 40 70 76 77"
	eng[12] = "52 53 55 56 56"
	eng[13] = "85 86 88 88 89"
	eng[14] = "15.4 15.5 17.5 17.6 17.3"
	eng[15] = "16.5 16.7 20.0 21.1 18.5"
	eng[16] = "15.1 13.5 15.4 17.1 16.6"
	eng[17] = "16.3 16.6 16.4 16.9 16.8"
	eng[18] = "58.0 58.0 59.9 49.2 50.3"
	split("Ashcombe Bramleigh Corringham_Vale Dunmere Eskford Fallowmere", sn, " ")
	printf "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name" > ees
	for (j = 1; j <= ncols; j++) printf ",%s", cols[j] > ees
	printf "\n" > ees
	reseed("ees")
	for (y = 1; y <= 5; y++) {
		row = sprintf("%d%02d,Financial year,National,E92000001,England,,,,,", 2018 + y, (19 + y) % 100)
		for (j = 1; j <= ncols; j++) { split(eng[j], f, " "); row = row "," f[y] }
		print row > ees
		for (i = 1; i <= 6; i++) {
			code = sprintf("E0600%04d", 9000 + i)
			la = sn[i]; gsub(/_/, " ", la)
			row = sprintf("%d%02d,Financial year,Local authority,E92000001,England,E12000009,Northern Shires,%d,%s,%s", 2018 + y, (19 + y) % 100, 990 + i, code, la)
			for (j = 1; j <= ncols; j++) {
				split(eng[j], f, " ")
				off = (f[y] + 0) * (0.12 * gauss() / 2)
				v = f[y] + off
				if (f[y] ~ /\./) v = fmt1(v); else v = round(v)
				# published tables suppress small counts
				if (rnd() < 0.03) v = "c"
				row = row "," v
			}
			print row > ees
		}
	}
}

# --- staged targets -------------------------------------------------------------
function write_targets() {
	print "indicator,target,due,area,tolerance,label" > tgt
	# missed, due now: improving but far off (a Current issue by rule 3)
	print "ehcp_20_weeks_pct,60.0,2024-09,Northbridge,10,Improvement Plan: EHC plans within 20 weeks" > tgt
	print "ehcp_20_weeks_pct,75.0,2025-03,Northbridge,10,Improvement Plan: EHC plans within 20 weeks" > tgt
	# missed staged count target: reduce from 44 to 25, then 18
	print "cla_care_order_at_home_count,25,2024-12,Northbridge,5,Improvement Plan: children at home on a care order" > tgt
	print "cla_care_order_at_home_count,18,2025-06,Northbridge,5,Improvement Plan: children at home on a care order" > tgt
	# a percentage target missed: the number that would need to fall
	print "placement_stability_3plus_moves_pct,9.0,2025-03,Northbridge,2,Placement stability: three or more moves" > tgt
	# a staged target met early
	print "cp_plans_2yrs_plus_pct,4.0,2024-12,Northbridge,1,Child protection plans lasting two years" > tgt
	print "cp_plans_2yrs_plus_pct,2.0,2025-09,Northbridge,1,Child protection plans lasting two years" > tgt
	# simple targets, met and missed
	print "assessments_45wd_pct,85.0,2025-03,Northbridge,5," > tgt
	print "icpc_15wd_pct,85.0,2025-03,Northbridge,5," > tgt
	print "cla_reviews_in_time_pct,95.0,2025-03,Northbridge,3," > tgt
	print "cla_visits_in_time_pct,85.0,2025-03,Northbridge,5," > tgt
	print "cp_visits_10wd_pct,90.0,2025-03,Northbridge,5," > tgt
	print "pathway_plans_in_time_pct,90.0,2024-09,Northbridge,5,Improvement Plan: pathway plans" > tgt
	print "pathway_plans_in_time_pct,95.0,2025-06,Northbridge,5,Improvement Plan: pathway plans" > tgt
	print "health_assessments_annual_pct,90.0,2025-03,Northbridge,5," > tgt
	print "dental_checks_pct,80.0,2025-03,Northbridge,5," > tgt
	print "rereferrals_12m_pct,22.0,2025-03,Northbridge,3," > tgt
	print "sw_agency_rate_pct,15.0,2025-03,Northbridge,3," > tgt
	print "sw_caseload_avg,18,2025-03,Northbridge,2," > tgt
	print "return_interviews_72h_pct,90.0,2025-03,Northbridge,10," > tgt
}

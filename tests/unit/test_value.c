/* Unit tests: lib/value.c, value cells, statuses and durations. */
#include "kpi/value.h"
#include "tap.h"
#include <string.h>

static const struct {
	const char *text;
	double value;
	int percent, decimals;
} numbers[] = {
	{"23.5%", 23.5, 1, 1},
	{"23.5 %", 23.5, 1, 1},
	{"1,234", 1234, 0, 0},
	{"12,345,678.25", 12345678.25, 0, 2},
	{" 99.999", 99.999, 0, 3},
	{"99.999  ", 99.999, 0, 3},
	{"\xc2\xa0" "42\xc2\xa0", 42, 0, 0},
	{"85.700000000000", 85.7, 0, 1},
	{"61.300000000000", 61.3, 0, 1},
	{"1.2e3", 1200, 0, -2},
	{"1.5E-2", 0.015, 0, 3},
	{"-3", -3, 0, 0},
	{"+7", 7, 0, 0},
	{"0", 0, 0, 0},
	{"-0", 0, 0, 0},
	{".5", 0.5, 0, 1},
	{"5.", 5, 0, 0},
	{"0.235", 0.235, 0, 3},
	{"\xc2\xa3" "1,200.50", 1200.5, 0, 1},
	{"$15", 15, 0, 0},
	{"-\xc2\xa3" "3", -3, 0, 0},
	{"\xc2\xa3-3", -3, 0, 0},
	{"100%", 100, 1, 0},
	{"0.1", 0.1, 0, 1},
	{"47.665", 47.665, 0, 3},
	{"6.73156", 6.73156, 0, 5},
};

static const char *const not_numbers[] = {
	"abc", "1,23", "1234,567", ",123", "1,,234", "12a", "1.2.3", "1e", "1e+", "%", "--3",
	"+-3", "3-", "1 234", "02:03", "1e999", "0x10", "inf", "nan", "£", "12%%", "(3)",
	"[c", "c]", "[]", "[cc]", "[a]", "[..]", "uu", "12uu", "12 [u", "12[x]", "u12", "12 [low]",
	"abcu", "[u]u",
};

/* A number flagged as of low reliability: the value is kept. */
static const struct {
	const char *text;
	double value;
} low_reliability[] = {
	{"12u", 12}, {"12 u", 12}, {"12U", 12}, {"12 [u]", 12}, {"12[u]", 12}, {" 1,234u ", 1234},
	{"45.5%u", 45.5}, {"0u", 0},
};

static const struct {
	const char *text;
	kpi_status status;
} statuses[] = {
	{"c", KPI_ST_SUPPRESSED}, {"C", KPI_ST_SUPPRESSED}, {"*", KPI_ST_SUPPRESSED},
	{" c ", KPI_ST_SUPPRESSED}, {"[c]", KPI_ST_SUPPRESSED}, {" [C] ", KPI_ST_SUPPRESSED},
	{"x", KPI_ST_NOT_AVAILABLE}, {"X", KPI_ST_NOT_AVAILABLE}, {"[x]", KPI_ST_NOT_AVAILABLE},
	{":", KPI_ST_NOT_AVAILABLE}, {"..", KPI_ST_NOT_AVAILABLE}, {"u", KPI_ST_NOT_AVAILABLE},
	{"[u]", KPI_ST_NOT_AVAILABLE},
	{"z", KPI_ST_NOT_APPLICABLE}, {"[z]", KPI_ST_NOT_APPLICABLE}, {".", KPI_ST_NOT_APPLICABLE},
	{"-", KPI_ST_NOT_APPLICABLE}, {" - ", KPI_ST_NOT_APPLICABLE},
	{"low", KPI_ST_ROUNDS_TO_ZERO}, {"LOW", KPI_ST_ROUNDS_TO_ZERO}, {"[low]", KPI_ST_ROUNDS_TO_ZERO},
	{"k", KPI_ST_ROUNDS_TO_ZERO}, {"[k]", KPI_ST_ROUNDS_TO_ZERO}, {"~", KPI_ST_ROUNDS_TO_ZERO},
	{"", KPI_ST_MISSING}, {"   ", KPI_ST_MISSING},
	{"NA", KPI_ST_MISSING}, {"na", KPI_ST_MISSING}, {"n/a", KPI_ST_MISSING}, {"N/A", KPI_ST_MISSING},
	{"#VALUE!", KPI_ST_ERROR}, {"#DIV/0!", KPI_ST_ERROR}, {"#N/A", KPI_ST_ERROR},
	{"#REF!", KPI_ST_ERROR}, {"#NAME?", KPI_ST_ERROR}, {"#NUM!", KPI_ST_ERROR},
	{"#NULL!", KPI_ST_ERROR},
};

static const struct {
	const char *text;
	kpi_duration_form form;
	kpi_duration_unit unit;
	double value;
} durations[] = {
	{"02:03", KPI_DUR_YY_MM, KPI_DUR_DAYS, 822},    /* 2*365.25 + 3*30.4375 = 821.8 */
	{"00:09", KPI_DUR_YY_MM, KPI_DUR_DAYS, 274},    /* 273.9 */
	{"01:00", KPI_DUR_YY_MM, KPI_DUR_DAYS, 365},    /* 365.25 */
	{"00:00", KPI_DUR_YY_MM, KPI_DUR_DAYS, 0},
	{"02:03", KPI_DUR_YY_MM, KPI_DUR_MONTHS, 27},
	{"01:07", KPI_DUR_YY_MM, KPI_DUR_WEEKS, 578.0 / 7},  /* 365.25 + 213.06 = 578.3 -> 578 days */
	{"09:15", KPI_DUR_MM_DD, KPI_DUR_DAYS, 289},    /* 9*30.4375 + 15 = 288.9 */
	{"00:30", KPI_DUR_MM_DD, KPI_DUR_DAYS, 30},
	{"3:6", KPI_DUR_YY_MM, KPI_DUR_MONTHS, 42},
	{" 02:03 ", KPI_DUR_YY_MM, KPI_DUR_DAYS, 822},
};

static const struct {
	const char *text;
	kpi_duration_form form;
} bad_durations[] = {
	{"02:12", KPI_DUR_YY_MM}, {"01:31", KPI_DUR_MM_DD}, {"02:003", KPI_DUR_YY_MM},
	{":03", KPI_DUR_YY_MM}, {"02:", KPI_DUR_YY_MM}, {"2.5:03", KPI_DUR_YY_MM},
	{"02:03:04", KPI_DUR_YY_MM}, {"a:b", KPI_DUR_YY_MM}, {"", KPI_DUR_YY_MM},
};

int main(void)
{
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		kpi_value v;
		tap_case("number '%s'", numbers[i].text);
		int rc = kpi_value_parse(numbers[i].text, strlen(numbers[i].text), &v);
		is_long(rc, 0, "'%s' parses", numbers[i].text);
		is_long(v.status, KPI_ST_OK, "'%s' status ok", numbers[i].text);
		ok(v.value == numbers[i].value, "'%s' -> %.17g (got %.17g)", numbers[i].text,
		   numbers[i].value, v.value);
		is_long(v.percent_sign, numbers[i].percent, "'%s' percent sign", numbers[i].text);
		is_long(v.decimals, numbers[i].decimals, "'%s' decimals", numbers[i].text);
		tap_case_end();
	}
	for (size_t i = 0; i < sizeof not_numbers / sizeof not_numbers[0]; i++) {
		kpi_value v;
		is_long(kpi_value_parse(not_numbers[i], strlen(not_numbers[i]), &v), -1,
			"'%s' is neither a number nor a status", not_numbers[i]);
	}
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
		kpi_value v;
		tap_case("status '%s'", statuses[i].text);
		int rc = kpi_value_parse(statuses[i].text, strlen(statuses[i].text), &v);
		is_long(rc, 0, "'%s' parses", statuses[i].text);
		is_str(kpi_status_name(v.status), kpi_status_name(statuses[i].status), "'%s' status",
		       statuses[i].text);
		is_long(kpi_status_token(statuses[i].text, strlen(statuses[i].text)),
			statuses[i].status, "'%s' is a status token", statuses[i].text);
		tap_case_end();
	}
	for (size_t i = 0; i < sizeof low_reliability / sizeof low_reliability[0]; i++) {
		kpi_value v;
		const char *t = low_reliability[i].text;
		is_long(kpi_value_parse(t, strlen(t), &v), 0, "'%s' parses", t);
		is_str(kpi_status_name(v.status), "low_reliability", "'%s' is low_reliability", t);
		ok(v.value == low_reliability[i].value, "'%s' keeps %g (got %g)", t,
		   low_reliability[i].value, v.value);
		ok(kpi_value_known(&v), "'%s' has a value", t);
		is_long(kpi_status_token(t, strlen(t)), -1, "'%s' is not a status token", t);
	}
	is_long(kpi_status_token("cc", 2), -1, "'cc' is not a status token");
	is_long(kpi_status_token("lowest", 6), -1, "'lowest' is not a status token");
	is_str(kpi_status_name(KPI_ST_OK), "ok", "status name ok");
	is_str(kpi_status_name(KPI_ST_NOT_APPLICABLE), "not_applicable", "status name not_applicable");
	is_str(kpi_status_name(KPI_ST_NOT_AVAILABLE), "not_available", "status name not_available");
	is_str(kpi_status_name(KPI_ST_ROUNDS_TO_ZERO), "rounds_to_zero", "status name rounds_to_zero");
	is_str(kpi_status_name(KPI_ST_LOW_RELIABILITY), "low_reliability", "status name low_reliability");
	{
		kpi_value c;
		kpi_value_parse("c", 1, &c);
		ok(!kpi_value_known(&c), "'c' has no value");
	}

	/* a number with a NUL inside is not a number (length counts, not strlen) */
	kpi_value v;
	is_long(kpi_value_parse("12\0" "3", 4, &v), -1, "embedded NUL is not a number");
	/* a long cell goes through the heap path */
	char big[200];
	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	is_long(kpi_value_parse(big, strlen(big), &v), 0, "199-digit number parses");
	ok(v.value > 9.9e198 && v.value < 1.1e199, "199-digit number value");

	double d;
	is_long(kpi_number_parse("75%", &d), 0, "kpi_number_parse 75%%");
	ok(d == 75, "kpi_number_parse 75%% -> 75");
	is_long(kpi_number_parse("1,200", &d), 0, "kpi_number_parse 1,200");
	ok(d == 1200, "kpi_number_parse 1,200 -> 1200");
	is_long(kpi_number_parse("c", &d), -1, "kpi_number_parse c is not a number");

	for (size_t i = 0; i < sizeof durations / sizeof durations[0]; i++) {
		double out = -1;
		tap_case("duration '%s'", durations[i].text);
		int rc = kpi_duration_parse(durations[i].text, strlen(durations[i].text),
					    durations[i].form, durations[i].unit, &out);
		is_long(rc, 0, "duration '%s' parses", durations[i].text);
		is_num(out, durations[i].value, 1e-9, "duration '%s' form %d unit %d", durations[i].text,
		       durations[i].form, durations[i].unit);
		ok(kpi_duration_like(durations[i].text, strlen(durations[i].text)), "'%s' looks like a duration",
		   durations[i].text);
		tap_case_end();
	}
	for (size_t i = 0; i < sizeof bad_durations / sizeof bad_durations[0]; i++) {
		double out;
		is_long(kpi_duration_parse(bad_durations[i].text, strlen(bad_durations[i].text),
					   bad_durations[i].form, KPI_DUR_DAYS, &out),
			-1, "'%s' is not a valid duration", bad_durations[i].text);
	}
	return tap_done();
}

/* Unit tests: lib/value.c's one-pass path for plain decimals ("-35.1",
 * "46", "23.5%") against the full grammar (kpi_value_parse_general), and
 * its note that a text is the number's shortest text against numfmt.c
 * (kpi_fmt_is_shortest, kpi_fmt_double). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "kpi/numfmt.h"
#include "kpi/value.h"
#include "tap.h"

/* A deterministic generator (xorshift64*), so a failure can be replayed. */
static uint64_t rng_state = 0xD1B54A32D192ED03ULL;
static uint64_t rng(void)
{
	return tap_rng(&rng_state);
}

static void digits(char **p, int n, int zeros)
{
	for (int i = 0; i < n; i++)
		*(*p)++ = (char)('0' + (zeros && rng() % 2 ? 0 : rng() % 10));
}

/* A random cell: mostly plain decimals of 0 to 30 digits each side (leading
 * and trailing zeros, '-0', past 2^53, past 22 decimals), and now and then
 * what only the full grammar reads or what neither does (a sign '+', an
 * exponent, spaces, commas, '%' twice, a point without digits). */
static void random_cell(char *out)
{
	char *p = out;
	uint64_t x = rng();
	if (x % 4 == 0)
		*p++ = '-';
	else if (x % 61 == 0)
		*p++ = '+';
	if (x % 53 == 0)
		*p++ = ' ';
	int nint = (int)(rng() % (x % 7 == 0 ? 31 : 8));
	digits(&p, nint, x % 5 == 0);
	if (x % 3 != 0) {
		*p++ = '.';
		digits(&p, (int)(rng() % (x % 11 == 0 ? 31 : 9)), x % 13 == 0);
	}
	if (x % 47 == 0) {
		*p++ = 'e';
		*p++ = x % 2 ? '-' : '+';
		digits(&p, 1 + (int)(rng() % 3), 0);
	}
	if (x % 43 == 0)
		*p++ = ',';
	if (x % 8 == 0)
		*p++ = '%';
	if (x % 59 == 0)
		*p++ = '%';
	if (x % 41 == 0)
		*p++ = ' ';
	*p = '\0';
}

/* -?digits[.digits]%?: the texts the one-pass path may take */
static int plain_form(const char *s)
{
	const char *p = s + (*s == '-');
	const char *d = p;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == d)
		return 0;
	if (*p == '.') {
		const char *f = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == f)
			return 0;
	}
	if (*p == '%')
		p++;
	return *p == '\0';
}

/* 1 when A and B say the same (the value to the bit) */
static int same(int ra, const kpi_value *a, int rb, const kpi_value *b)
{
	return ra == rb && a->status == b->status && memcmp(&a->value, &b->value, sizeof a->value) == 0 &&
	       a->percent_sign == b->percent_sign && a->decimals == b->decimals;
}

static int check(const char *text, int *shortest_seen)
{
	size_t n = strlen(text);
	kpi_value fast, full;
	int rf = kpi_value_parse(text, n, &fast), rg = kpi_value_parse_general(text, n, &full);
	if (!same(rf, &fast, rg, &full)) {
		diag("'%s': %d %d %.17g %d %d, full grammar %d %d %.17g %d %d", text, rf, fast.status,
		     fast.value, fast.percent_sign, fast.decimals, rg, full.status, full.value,
		     full.percent_sign, full.decimals);
		return 0;
	}
	/* the inline short path: kpi_value_parse's answer wherever it answers */
	kpi_value quick;
	if (kpi_value_parse_short(text, n, &quick) &&
	    (rf != 0 || !same(0, &quick, 0, &fast) || quick.shortest != fast.shortest)) {
		diag("'%s': kpi_value_parse_short %d %.17g %d %d shortest %d, kpi_value_parse %d %d %.17g %d %d "
		     "shortest %d", text, quick.status, quick.value, quick.percent_sign, quick.decimals,
		     quick.shortest, rf, fast.status, fast.value, fast.percent_sign, fast.decimals,
		     fast.shortest);
		return 0;
	}
	if (full.shortest) {
		diag("'%s': the full grammar says shortest", text);
		return 0;
	}
	if (rf == 0 && fast.status == KPI_ST_OK && plain_form(text)) {
		int want = kpi_fmt_is_shortest(text, n, fast.value);
		if (fast.shortest != want) {
			diag("'%s': shortest %d, kpi_fmt_is_shortest %d", text, fast.shortest, want);
			return 0;
		}
	}
	if (fast.shortest) {
		char t[KPI_NUM_BUFSZ];
		kpi_fmt_double(t, fast.value);
		if (strlen(t) != n - (text[n - 1] == '%') || memcmp(t, text, strlen(t)) != 0) {
			diag("'%s' taken as its shortest text, but kpi_fmt_double writes '%s'", text, t);
			return 0;
		}
		++*shortest_seen;
	}
	return 1;
}

int main(void)
{
	int bad = 0, shortest = 0;
	char text[128];
	for (int i = 0; i < 200000; i++) {
		random_cell(text);
		if (!check(text, &shortest) && ++bad > 5)
			break;
	}
	ok(bad == 0 && shortest > 20000,
	   "200000 random cells: the one-pass path as the full grammar (%d taken as shortest)", shortest);

	/* 200,000 plain decimals of 1 to 17 digits, the point anywhere */
	bad = 0;
	shortest = 0;
	for (int i = 0; i < 200000; i++) {
		uint64_t x = rng();
		unsigned long long m = (x >> 11) % 100000000000000000ULL >> (x % 50);
		int k = (int)((x >> 3) % 18);
		snprintf(text, sizeof text, "%s%llu", (x & 1) ? "-" : "", m);
		size_t n = strlen(text);
		if (k && n > (size_t)k + (text[0] == '-')) {
			memmove(text + n - k + 1, text + n - k, (size_t)k + 1);
			text[n - k] = '.';
		}
		if (x & 2)
			strcat(text, "%");
		if (!check(text, &shortest) && ++bad > 5)
			break;
	}
	ok(bad == 0 && shortest > 50000, "200000 plain decimals: as the full grammar (%d taken as shortest)",
	   shortest);

	static const char *const edges[] = {
		"0", "-0", "00", "-0.0", "0.0", "007", "-007.50", "0.000001", "0.0000001", "0.0000010",
		"1", "1.", ".5", "-.5", "+5", "5%", "5%%", "%", "-", "", "-%", "35.1%", "35.10%", "035.1",
		" 5", "5 ", "5 %", "1,234", "1e5", "1E-3", "12u", "12 [u]", "c", "[c]", "NA", "\xC2\xA0" "5",
		"999999999999999", "1000000000000000", "-999999999999999.9", "123456789012345.6",
		"900719925474099", "900719925474099.1", "9007199254740991", "9007199254740992",
		"9007199254740993", "90071992547409931", "1.7976931348623157",
		"0.1234567890123456789012", "0.12345678901234567890123", "1.0000000000000000000001",
		"0.000000000000000000001", "4.35", "0.1", "0.3", "100", "1000000", "99999999999999999999",
		"0000000000000000000000000000000000000001.5",
		"1234567890123456789012345678901234567890.1234567890123456789012345678901234567890",
		"-0.000000000000000000000000000000000000000000000000000000000000000000000000000001",
	};
	bad = 0;
	shortest = 0;
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
		bad += !check(edges[i], &shortest);
	ok(bad == 0, "%zu edge cells as the full grammar (%d taken as shortest)",
	   sizeof edges / sizeof edges[0], shortest);

	/* what the note says of a few */
	kpi_value v;
	static const struct {
		const char *text;
		int shortest;
	} says[] = {
		{"35.1", 1}, {"35.1%", 1}, {"-46", 1}, {"0.5", 1}, {"0.000001", 1}, {"999999999999999", 1},
		{"35.10", 0}, {"035.1", 0}, {"-0", 0}, {"0", 0}, {"0.0000001", 0}, {"1000000000000000", 0},
		{"0.1234567890123456", 0}, {"1.5e3", 0}, {"+5", 0},
	};
	for (size_t i = 0; i < sizeof says / sizeof says[0]; i++) {
		kpi_value_parse(says[i].text, strlen(says[i].text), &v);
		ok(v.shortest == says[i].shortest, "'%s' %s its shortest text", says[i].text,
		   says[i].shortest ? "is" : "is not taken as");
	}
	return tap_done();
}

/* fields.c: kpi-normalise's own fields (those it sets, not passed
 * through), the EES columns it reads but passes through, and the index of
 * where a record has them, kept while the records keep their keys. */
#include "fields.h"

/* Each name with its length, counted by the compiler. */
#define OWN(s) {s, sizeof s - 1}
static const struct {
	const char *name;
	size_t len;
} own_fields[F_NOWN] = {
	OWN("indicator"), OWN("source"), OWN("period_raw"), OWN("period"), OWN("value_raw"),
	OWN("value"), OWN("numerator"), OWN("denominator"), OWN("area"), OWN("breakdown"),
	OWN("released"),
	OWN("name"), OWN("section"), OWN("unit"), OWN("polarity"), OWN("order"), OWN("status"),
	OWN("period_type"), OWN("period_start"), OWN("period_end"), OWN("data_quality"),
	OWN("comparable")
};
#undef OWN

/* Which own field KEY is, or -1.  Once per input field, so by first letter
 * (candidates are stored as index + 1; 0 ends a list). */
int own_field(const char *key, size_t len)
{
	static const unsigned char by_letter[26][7] = {
		['a' - 'a'] = {F_AREA + 1},
		['b' - 'a'] = {F_BREAKDOWN + 1},
		['c' - 'a'] = {F_COMPARABLE + 1},
		['d' - 'a'] = {F_DENOMINATOR + 1, F_DATA_QUALITY + 1},
		['i' - 'a'] = {F_INDICATOR + 1},
		['n' - 'a'] = {F_NUMERATOR + 1, F_NAME + 1},
		['o' - 'a'] = {F_ORDER + 1},
		['p' - 'a'] = {F_PERIOD_RAW + 1, F_PERIOD + 1, F_POLARITY + 1, F_PERIOD_TYPE + 1,
			       F_PERIOD_START + 1, F_PERIOD_END + 1},
		['r' - 'a'] = {F_RELEASED + 1},
		['s' - 'a'] = {F_SOURCE + 1, F_SECTION + 1, F_STATUS + 1},
		['u' - 'a'] = {F_UNIT + 1},
		['v' - 'a'] = {F_VALUE_RAW + 1, F_VALUE + 1},
	};
	if (len == 0 || key[0] < 'a' || key[0] > 'z')
		return -1;
	const unsigned char *cand = by_letter[key[0] - 'a'];
	for (int i = 0; i < 7 && cand[i]; i++) {
		int k = cand[i] - 1;
		if (own_fields[k].len == len && memcmp(key, own_fields[k].name, len) == 0)
			return k;
	}
	return -1;
}

_Static_assert(F_NREAD == NZ_NREAD && P_N == NZ_NPASSED, "normalise.h's NZ_NREAD and NZ_NPASSED");
static const char *const passed_read[P_N] = {
	"time_identifier", "indicator_label", "indicator_unit", "indicator_dp"
};

int key_meaning(const char *key, size_t len)
{
	int k = own_field(key, len);
	if (k < 0 && len >= 12 && (key[0] == 't' || key[0] == 'i')) /* cheap first test */
		for (int j = 0; j < P_N; j++)
			if (strcmp(key, passed_read[j]) == 0)
				return NZ_KEY_PASSED + j;
	return k;
}

/* libFuzzer harness: text from data (lib/text.c) and file names from data
 * (lib/outname.c).
 *  - kpi_text_check agrees with the rule of text.h applied byte by byte;
 *  - kpi_text_escape gives good text without LF or CR, and leaves good text
 *    without them as it was;
 *  - kpi_text_check_json, on a line kpi_record_parse accepts, finds a
 *    control character exactly when one of the strings jansson decodes from
 *    the line (keys and values, at every depth) holds one;
 *  - a period or area code that has a file name gets one of [0-9A-Z_-] that
 *    reads back as it, and a name that reads back as a period is that
 *    period's name. */
#include "kpi/outname.h"
#include "kpi/record.h"
#include "kpi/text.h"
#include "../unit/text_rule.h"
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int bad_text(const char *s, size_t n)
{
	return kpi_text_check(s, n) != n;
}

/* Whether any string of V (keys included) holds a control character. */
static int json_has_control(json_t *v)
{
	if (json_is_string(v))
		return bad_text(json_string_value(v), json_string_length(v));
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) {
			if (json_has_control(e))
				return 1;
		}
	}
	if (json_is_object(v)) {
		const char *k;
		json_t *e;
		json_object_foreach(v, k, e) {
			if (bad_text(k, strlen(k)) || json_has_control(e))
				return 1;
		}
	}
	return 0;
}

static int name_chars(const char *s)
{
	if (!*s || !((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	if (kpi_text_check(s, size) != text_rule_check(data, size))
		abort();

	kpi_buf e = KPI_BUF_INIT;
	kpi_text_escape(&e, s, size);
	if (bad_text(e.data, e.len) || memchr(e.data, '\n', e.len) || memchr(e.data, '\r', e.len))
		abort();
	if (!bad_text(s, size) && !memchr(s, '\n', size) && !memchr(s, '\r', size) &&
	    (e.len != size || memcmp(e.data, s, size) != 0))
		abort();
	kpi_buf_free(&e);

	kpi_record r;
	kpi_record_init(&r);
	char err[256];
	if (kpi_record_parse(&r, s, size, err, sizeof err) == 0) {
		json_error_t je;
		json_t *j = json_loadb(s, size, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &je);
		/* jansson refuses a key holding \u0000; kpi does not, and says so */
		if (j) {
			int found = kpi_text_check_json(s, size, err, sizeof err) != 0;
			if (found != json_has_control(j))
				abort();
			json_decref(j);
		}
	}
	kpi_record_free(&r);

	/* file names: the input as a period's text and as a name */
	if (size < 32 && !memchr(s, '\0', size)) {
		char text[32], name[KPI_OUTNAME_BUFSZ], back[KPI_PERIOD_BUFSZ];
		memcpy(text, s, size);
		text[size] = '\0';
		for (int t = KPI_PT_NONE; t <= KPI_PT_DATE; t++) {
			kpi_period_type bt;
			if (kpi_outname_period(text, (kpi_period_type)t, name) != 0)
				continue;
			if (!name_chars(name) || kpi_outname_period_parse(name, back, &bt) != 0 || strcmp(back, text) != 0 ||
			    (t != KPI_PT_NONE && bt != (kpi_period_type)t))
				abort();
		}
		kpi_period_type bt;
		if (kpi_outname_period_parse(text, back, &bt) == 0 &&
		    (kpi_outname_period(back, bt, name) != 0 || strcmp(name, text) != 0))
			abort();
		if (kpi_outname_area(text, name) == 0 && (!name_chars(name) || strcmp(name, text) != 0))
			abort();
	}
	return 0;
}

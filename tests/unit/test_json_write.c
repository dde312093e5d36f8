/* Unit tests: lib/json_write.c. */
#include "kpi/json_write.h"
#include "tap.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/* kpi_jw_key's one pass over a plain key against kpi_jw_keyn (the escaper)
 * on random keys: plain ASCII, quotes, backslashes, control characters,
 * UTF-8, empty, and lengths about the fast path's 48 bytes; several keys in
 * one object, so the separators are checked too, and the buffer stays
 * NUL-terminated. */
static void test_key_fast_path(void)
{
	static const char *const bits[] = {"a", "Z", "_", "0", " ", "\"", "\\", "\n", "\x01", "\x1f", "\xc3\xa9", "/"};
	uint64_t state = 0x853C49E6748FEA9BULL;
	int bad = 0;
	kpi_buf fast = KPI_BUF_INIT, slow = KPI_BUF_INIT;
	for (int it = 0; it < 20000; it++) {
		kpi_jw wf, ws;
		kpi_buf_clear(&fast);
		kpi_buf_clear(&slow);
		kpi_jw_init(&wf, &fast);
		kpi_jw_init(&ws, &slow);
		kpi_jw_begin_object(&wf);
		kpi_jw_begin_object(&ws);
		for (int k = 0; k < 3; k++) {
			char key[128];
			size_t n = 0;
			int len = (int)(tap_rng(&state) % 4 == 0 ? 40 + tap_rng(&state) % 20 : tap_rng(&state) % 12);
			int plain = tap_rng(&state) % 3 != 0;
			for (int i = 0; i < len && n < sizeof key - 4; i++) {
				const char *bit = bits[tap_rng(&state) % (plain ? 4 : sizeof bits / sizeof bits[0])];
				memcpy(key + n, bit, strlen(bit));
				n += strlen(bit);
			}
			key[n] = '\0';
			kpi_jw_key(&wf, key);
			kpi_jw_keyn(&ws, key, n);
			kpi_jw_number(&wf, k);
			kpi_jw_number(&ws, k);
		}
		kpi_jw_end_object(&wf);
		kpi_jw_end_object(&ws);
		if ((fast.len != slow.len || memcmp(fast.data, slow.data, fast.len) != 0 || fast.data[fast.len] != '\0') &&
		    bad++ < 5)
			diag("%s, not %s", fast.data, slow.data);
	}
	ok(bad == 0, "kpi_jw_key writes 20,000 objects of random keys as the escaper does (%d differ)", bad);
	kpi_buf_free(&fast);
	kpi_buf_free(&slow);
}

int main(void)
{
	test_key_fast_path();
	kpi_buf b = KPI_BUF_INIT;
	kpi_jw w;
	kpi_jw_init(&w, &b);

	kpi_jw_begin_object(&w);
	kpi_jw_kstr(&w, "indicator", "CLA \"rate\"\\x");
	kpi_jw_knum(&w, "value", 23.5);
	kpi_jw_knull(&w, "numerator");
	kpi_jw_kbool(&w, "ok", 1);
	kpi_jw_key(&w, "list");
	kpi_jw_begin_array(&w);
	kpi_jw_number(&w, 1);
	kpi_jw_string(&w, "é");
	kpi_jw_begin_object(&w);
	kpi_jw_end_object(&w);
	kpi_jw_end_array(&w);
	kpi_jw_end_object(&w);
	kpi_jw_newline(&w);
	is_str(kpi_buf_str(&b),
	       "{\"indicator\":\"CLA \\\"rate\\\"\\\\x\",\"value\":23.5,\"numerator\":null,\"ok\":true,\"list\":[1,\"é\",{}]}\n",
	       "object with nesting");

	kpi_buf_clear(&b);
	kpi_jw_begin_object(&w);
	kpi_jw_keyn(&w, "ctl", 3);
	kpi_jw_stringn(&w, "a\x01\n\t\r\b\f\x1f\0z", 10);
	kpi_jw_end_object(&w);
	kpi_jw_newline(&w);
	is_str(kpi_buf_str(&b), "{\"ctl\":\"a\\u0001\\n\\t\\r\\b\\f\\u001f\\u0000z\"}\n", "control characters escaped");

	kpi_buf_clear(&b);
	kpi_jw_begin_object(&w);
	kpi_jw_knum(&w, "x", NAN);
	kpi_jw_end_object(&w);
	ok(w.bad_number == 1, "NaN flagged");
	is_str(kpi_buf_str(&b), "{\"x\":null}", "NaN never written as a number");

	/* pass-through: raw values in the order given */
	kpi_buf_clear(&b);
	kpi_jw_init(&w, &b);
	kpi_jw_begin_object(&w);
	kpi_jw_key(&w, "ward");
	kpi_jw_raw(&w, "\"North\"", 7);
	kpi_jw_key(&w, "extra");
	kpi_jw_raw(&w, "{\"a\": [1, 2]}", 13);
	kpi_jw_knum(&w, "value", 0.1 + 0.2);
	kpi_jw_end_object(&w);
	is_str(kpi_buf_str(&b), "{\"ward\":\"North\",\"extra\":{\"a\": [1, 2]},\"value\":0.30000000000000004}", "raw pass-through keeps order and text");

	/* jansson values */
	json_error_t je;
	json_t *v = json_loads("{\"b\":[1,2.5,null,true],\"a\":{\"c\":\"d\"},\"n\":44.5085}", 0, &je);
	kpi_buf_clear(&b);
	kpi_jw_init(&w, &b);
	kpi_jw_json(&w, v);
	is_str(kpi_buf_str(&b), "{\"b\":[1,2.5,null,true],\"a\":{\"c\":\"d\"},\"n\":44.5085}", "jansson value keeps key order and short numbers");
	json_decref(v);

	kpi_buf_clear(&b);
	kpi_json_escape(&b, "\xE2\x82\xAC \xF0\x9F\x98\x80", 8);
	is_str(kpi_buf_str(&b), "\"\xE2\x82\xAC \xF0\x9F\x98\x80\"", "non-ASCII written as UTF-8");
	kpi_buf_free(&b);
	/* kpi_jw_replay: items written once, replayed into a later object with
	 * the separators the writer would have put */
	{
		kpi_buf first = KPI_BUF_INIT, again = KPI_BUF_INIT;
		kpi_jw a, c;
		kpi_jw_init(&a, &first);
		kpi_jw_begin_object(&a);
		size_t head_at = first.len;
		kpi_jw_kstr(&a, "indicator", "cla_rate");
		kpi_jw_knum(&a, "order", 1);
		size_t head_end = first.len;
		kpi_jw_knum(&a, "value", 2.5);
		size_t mid_at = first.len;
		kpi_jw_kstr(&a, "period", "2024-03");
		size_t mid_end = first.len;
		kpi_jw_knull(&a, "area");
		kpi_jw_end_object(&a);
		kpi_jw_newline(&a);

		kpi_jw_init(&c, &again);
		kpi_jw_begin_object(&c);
		kpi_jw_replay(&c, first.data + head_at, head_end - head_at, 2);
		kpi_jw_knum(&c, "value", 2.5);
		kpi_jw_replay(&c, first.data + mid_at, mid_end - mid_at, 4);
		kpi_jw_knull(&c, "area");
		kpi_jw_end_object(&c);
		kpi_jw_newline(&c);
		is_str(kpi_buf_str(&again), kpi_buf_str(&first), "replayed items give the same record");
		is_str(kpi_buf_str(&again), "{\"indicator\":\"cla_rate\",\"order\":1,\"value\":2.5,"
		       "\"period\":\"2024-03\",\"area\":null}\n", "the record replayed");
		kpi_buf_free(&first);
		kpi_buf_free(&again);
	}

	/* literal keys, and numbers written as their own text when that is their shortest text */
	{
		kpi_buf c = KPI_BUF_INIT;
		kpi_jw_init(&w, &c);
		kpi_jw_begin_object(&w);
		KPI_JW_KEY_LIT(&w, "value");
		kpi_jw_number_text(&w, 35.1, "35.1%", 5);
		KPI_JW_KEY_LIT(&w, "numerator");
		kpi_jw_number_text(&w, 46, "046", 3);
		KPI_JW_KEY_LIT(&w, "denominator");
		kpi_jw_number_text(&w, 2350, "2,350", 5);
		KPI_JW_KEY_LIT(&w, "scaled");
		kpi_jw_number_text(&w, 23.5, "0.235", 5);
		KPI_JW_KEY_LIT(&w, "n");
		kpi_jw_number_text(&w, -0.0, "-0", 2);
		kpi_jw_end_object(&w);
		is_str(kpi_buf_str(&c), "{\"value\":35.1,\"numerator\":46,\"denominator\":2350,\"scaled\":23.5,\"n\":0}",
		       "literal keys; a number's text kept only when it is its shortest text");
		kpi_buf_free(&c);
	}
	return tap_done();
}

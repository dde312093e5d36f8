/* Unit tests: lib/json_write.c. */
#include "kpi/json_write.h"
#include "tap.h"
#include <math.h>
#include <string.h>

int main(void)
{
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

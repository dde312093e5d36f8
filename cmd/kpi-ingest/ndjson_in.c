/* ndjson_in.c: NDJSON input.  Objects pass through as written; a record
 * without "source" gets "source":"FILE:LINE" before its closing brace. */
#include <stdio.h>
#include <string.h>
#include "kpi/json_write.h"
#include "kpi/diag.h"
#include "kpi/record.h"
#include "kpi/text.h"
#include "table.h"

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

void ingest_ndjson(ingest_opts *o, kpi_lines *in, char *line, size_t n)
{
	kpi_record rec;
	kpi_record_init(&rec);
	const char *file = kpi_lines_name(in);
	kpi_buf src = KPI_BUF_INIT, conv = KPI_BUF_INIT;
	char err[256];
	if (o->period || o->breakdown.n || o->attribute.n || o->ees_meta || o->records)
		kpi_usage_error("%s: NDJSON records pass through as they are: --%s applies to tables "
				"(CSV, TSV, JSON documents)", file,
				o->period ? "period" : o->breakdown.n ? "breakdown" : o->attribute.n ? "attribute"
				: o->ees_meta ? "ees-meta" : "records");
	filter_state fs;
	memset(&fs, 0, sizeof fs);
	filters_start(&fs, o);

	for (int more = line != NULL; more; more = kpi_lines_next_or_die(in, &line, &n)) {
		if (blank(line, n))
			continue;
		o->run.read++;
		if (o->enc == KPI_ENC_WINDOWS_1252) {
			kpi_buf_clear(&conv);
			kpi_cp1252_to_utf8(&conv, line, n);
			line = conv.data;
			n = conv.len;
		}
		/* the first stage to read the text: no NUL or other control
		 * character in it, raw or escaped (text.h) */
		if (kpi_record_parse(&rec, line, n, err, sizeof err) != 0 ||
		    kpi_text_check_json(line, n, err, sizeof err) != 0) {
			reject(o, kpi_lines_where(in), err, line, n);
			continue;
		}
		o->run.written++;
		if (o->nfilter && !filters_pass_record(&fs, o, &rec))
			continue;
		/* drop surrounding white space */
		while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
			n--;
		while (*line == ' ' || *line == '\t') {
			line++;
			n--;
		}
		int add_released = o->released && !kpi_record_get(&rec, "released");
		if (kpi_record_get(&rec, "source") && !add_released) {
			kpi_buf_add(&out, line, n);
		} else if (kpi_record_get(&rec, "source")) {
			kpi_buf_add(&out, line, n - 1); /* without '}' */
			kpi_buf_printf(&out, "%s\"released\":\"%s\"}", rec.n ? "," : "", o->released);
		} else {
			kpi_buf_add(&out, line, n - 1); /* without '}' */
			kpi_buf_clear(&src);
			kpi_buf_printf(&src, "%s:%lu", file, kpi_lines_lineno(in));
			if (rec.n)
				kpi_buf_addc(&out, ',');
			if (add_released)
				kpi_buf_printf(&out, "\"released\":\"%s\",", o->released);
			kpi_buf_adds(&out, "\"source\":");
			kpi_json_escape(&out, src.data, src.len);
			kpi_buf_addc(&out, '}');
		}
		kpi_buf_addc(&out, '\n');
		out_flush_if_full();
	}
	out_flush();
	filters_finish(&fs, o, file);
	filters_free(&fs, o);
	kpi_buf_free(&src);
	kpi_buf_free(&conv);
	kpi_record_free(&rec);
	kpi_lines_close(in);
}

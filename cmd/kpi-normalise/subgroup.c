/* subgroup.c: the typed breakdown and its identity (subgroup.h). */
#include "subgroup.h"
#include <string.h>
#include "kpi/breakdown.h"
#include "kpi/json_write.h"

void subgroup_init(subgroup *g)
{
	memset(g, 0, sizeof *g);
	kpi_record_init(&g->obj);
}

void subgroup_free(subgroup *g)
{
	kpi_record_free(&g->obj);
	kpi_buf_free(&g->json);
	kpi_buf_free(&g->key);
}

int subgroup_read(subgroup *g, const kpi_field *f, kpi_buf *reason)
{
	g->raw = f && f->type != KPI_JT_NULL ? f : NULL;
	g->is_object = 0;
	g->out = NULL;
	g->out_len = 0;
	if (!g->raw || f->type == KPI_JT_STRING)
		return 0;
	if (f->type == KPI_JT_OBJECT && kpi_record_parse_object(&g->obj, f->raw, f->raw_len)) {
		for (size_t i = 0; i < g->obj.n; i++)
			if (g->obj.f[i].type != KPI_JT_STRING && g->obj.f[i].type != KPI_JT_NULL) {
				kpi_buf_printf(reason, "breakdown field '%s' is not a string or null",
					       g->obj.f[i].key);
				return -1;
			}
		g->is_object = 1;
		return 0;
	}
	kpi_buf_adds(reason, "breakdown is not a string, an object of column -> value, or null");
	return -1;
}

const char *subgroup_field(const subgroup *g, const char *name)
{
	if (!g->is_object)
		return NULL;
	for (size_t i = 0; i < g->obj.n; i++)
		if (g->obj.f[i].type == KPI_JT_STRING && strcmp(g->obj.f[i].key, name) == 0)
			return g->obj.f[i].str;
	return NULL;
}

static int dropped(const char *key, char *const *drop, size_t ndrop)
{
	for (size_t i = 0; i < ndrop; i++)
		if (strcmp(key, drop[i]) == 0)
			return 1;
	return 0;
}

/* Says nothing about the sub-group: null, empty or a total. */
static int total_value(const kpi_field *v)
{
	return v->type != KPI_JT_STRING || v->str_len == 0 || kpi_breakdown_is_total(v->str, v->str_len);
}

void subgroup_select(subgroup *g, char *const *drop, size_t ndrop)
{
	g->out = NULL;
	g->out_len = 0;
	if (!g->raw && g->key.data && !g->key.len)
		return; /* no breakdown, as the last record (nearly always): the key is "" already */
	kpi_buf_clear(&g->key);
	kpi_buf_reserve(&g->key, 0);
	g->out = NULL;
	g->out_len = 0;
	if (!g->raw)
		return;
	if (!g->is_object) {
		/* a string S is the one field {"breakdown": S} */
		if (dropped("breakdown", drop, ndrop) || total_value(g->raw))
			return;
		kpi_breakdown_key(&g->key, g->raw);
		g->out = g->raw->raw;
		g->out_len = g->raw->raw_len;
		return;
	}
	size_t kept = 0, informative = 0;
	for (size_t i = 0; i < g->obj.n; i++)
		if (!dropped(g->obj.f[i].key, drop, ndrop)) {
			kept++;
			informative += !total_value(&g->obj.f[i]);
		}
	if (!informative)
		return; /* the total series */
	const kpi_field *typed = g->raw;
	kpi_field remaining;
	if (kept < g->obj.n) {
		kpi_buf_clear(&g->json);
		kpi_jw w;
		kpi_jw_init(&w, &g->json);
		kpi_jw_begin_object(&w);
		for (size_t i = 0; i < g->obj.n; i++) {
			const kpi_field *f = &g->obj.f[i];
			if (dropped(f->key, drop, ndrop))
				continue;
			kpi_jw_keyn(&w, f->key, f->key_len);
			kpi_jw_raw(&w, f->raw, f->raw_len);
		}
		kpi_jw_end_object(&w);
		memset(&remaining, 0, sizeof remaining);
		remaining.type = KPI_JT_OBJECT;
		remaining.raw = g->json.data;
		remaining.raw_len = g->json.len;
		typed = &remaining;
	}
	kpi_breakdown_key(&g->key, typed);
	g->out = typed->raw;
	g->out_len = typed->raw_len;
}

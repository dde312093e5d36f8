/* test_names.c: the names an error lists (kpi_name_list, names.h). */
#include <stdio.h>
#include <string.h>
#include "kpi/names.h"
#include "tap.h"

int main(void)
{
	kpi_buf out = KPI_BUF_INIT;
	kpi_name_list l = {&out, 0, 0};
	kpi_name_list_end(&l);
	is_str(kpi_buf_str(&out), "none", "no name: none");

	kpi_buf_clear(&out);
	l = (kpi_name_list){&out, 0, 0};
	kpi_name_list_add(&l, "England");
	kpi_name_list_end(&l);
	is_str(kpi_buf_str(&out), "England", "one name alone");

	kpi_buf_clear(&out);
	l = (kpi_name_list){&out, 0, 0};
	kpi_name_list_add(&l, "England");
	kpi_name_list_add(&l, "Bristol, City of");
	kpi_name_list_end(&l);
	is_str(kpi_buf_str(&out), "England, Bristol, City of", "names as given, comma-separated");

	kpi_buf_clear(&out);
	l = (kpi_name_list){&out, 0, 0};
	char name[16];
	for (int i = 1; i <= 12; i++) {
		snprintf(name, sizeof name, "A%d", i);
		kpi_name_list_add(&l, name);
	}
	kpi_name_list_end(&l);
	is_str(kpi_buf_str(&out), "A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12", "twelve: all of them");

	kpi_buf_clear(&out);
	l = (kpi_name_list){&out, 0, 0};
	for (int i = 1; i <= 153; i++) {
		snprintf(name, sizeof name, "A%d", i);
		kpi_name_list_add(&l, name);
	}
	kpi_name_list_end(&l);
	is_str(kpi_buf_str(&out), "A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12 and 141 more",
	       "past twelve: how many more");
	kpi_buf_free(&out);
	return tap_done();
}

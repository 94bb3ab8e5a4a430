// SPDX-License-Identifier: GPL-2.0-or-later
/* cmd_doctor.c - `doctor`: the host checks of doctor.c, as text or JSON;
 * exit 1 when a check failed. */
#include <json-c/json.h>
#include <stdio.h>

#include "analysis.h"
#include "cli.h"
#include "doctor.h"

static int doctor_json(const struct doctor_report *r, bool ok)
{
	json_object *root = json_object_new_object(), *arr = json_object_new_array();
	int rc;

	json_object_object_add(root, "schema", json_object_new_int(1));
	for (size_t i = 0; i < r->n; i++) {
		const struct doctor_check *c = &r->checks[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "name", json_object_new_string(c->name));
		json_object_object_add(o, "status",
				       json_object_new_string(doctor_status_name(c->status)));
		json_object_object_add(o, "detail", json_object_new_string(c->detail));
		json_object_object_add(o, "fix", c->fix[0] ? json_object_new_string(c->fix) : NULL);
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "checks", arr);
	json_object_object_add(root, "ok", json_object_new_boolean(ok));
	rc = fprintf(stdout, "%s\n",
		     json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
							  JSON_C_TO_STRING_NOSLASHESCAPE)) < 0;
	json_object_put(root);
	return rc;
}

static void doctor_text(const struct doctor_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct doctor_check *c = &r->checks[i];

		printf("%-4s  %-19s %s\n", doctor_status_name(c->status), c->name, c->detail);
		if (c->fix[0] && (c->status == DOC_WARN || c->status == DOC_FAIL))
			printf("      %-19s to do: %s\n", "", c->fix);
	}
}

int cmd_doctor(struct cli *c)
{
	struct analysis a;
	struct doctor_report r;
	bool ok = true;
	int rc;

	if (c->argc > 0) {
		errmsg("doctor takes no arguments ('%s')", c->argv[0]);
		return EXIT_USAGE;
	}
	rc = cli_analyse(c, &a);
	if (rc != EXIT_OK)
		return rc;
	doctor_run(&a, &r);
	analysis_free(&a);
	for (size_t i = 0; i < r.n; i++)
		ok &= r.checks[i].status != DOC_FAIL;
	if (c->json ? doctor_json(&r, ok) : (doctor_text(&r), 0)) {
		errmsg("cannot write output");
		return EXIT_FAIL;
	}
	if (fflush(stdout)) {
		errmsg("cannot write output");
		return EXIT_FAIL;
	}
	return ok ? EXIT_OK : EXIT_FAIL;
}

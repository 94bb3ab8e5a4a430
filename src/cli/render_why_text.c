// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * render_why_text.c - `why-shared BDF` for people: the explanation
 * (explain.h) as it stands, printed, nothing computed here. Outside
 * strings (names, driver) reach the text through dev_desc() and
 * safe_term(). Text may change between releases; scripts use --json.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "safe.h"

/* Where and how one explanation is printed (per call, not file state). */
struct why_out {
	FILE *f;
	/* the width to fit (0: none): prose wraps at it between words, a
	 * function's names shrink to it; addresses, ids and drivers stay whole */
	int width;
	bool color; /* --color: SGR from render.h */
};

static void say(const struct why_out *w, const char *indent, const char *cont, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));

static void say(const struct why_out *w, const char *indent, const char *cont, const char *fmt,
		...)
{
	char buf[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	safe_trim(buf);
	text_wrap(w->f, buf, w->width, indent, cont);
}

static void print_dev(const struct why_out *w, const struct analysis *a, int i, const char *indent)
{
	const struct dev *d = &a->m.devs[i];
	char desc[2048], drv[SAFE_TERM_SIZE(256)];
	size_t lead;

	safe_term(drv, sizeof(drv), d->driver ? d->driver : "");
	lead = strlen(indent) + strlen(d->bdf) + 1 + (d->driver ? 8 + text_cols(drv, false) : 0);
	dev_desc_fit(d, NULL, w->width <= 0 ? 0 : (size_t)w->width > lead + 3 ? (size_t)w->width - lead : 3,
		     false, desc, sizeof(desc));
	fprintf(w->f, "%s%s %s%s%s\n", indent, d->bdf, desc, d->driver ? " driver " : "", drv);
}

static void print_reasons(const struct why_out *w, const struct analysis *a, const struct explanation *x)
{
	char detail[512];

	fprintf(w->f, "\nWhy:\n");
	for (size_t k = 0; k < x->nreasons; k++) {
		const struct rel *e = &x->reasons[k];
		const struct rel_kind_info *ki = rel_kind_info(e->kind);
		bool said = false;

		reason_detail(a, e, detail, sizeof(detail));
		say(w, "  ", "      ", "%s -- %s: %s: %s [%s%s%s%s%s]", a->m.devs[e->a].bdf,
		    a->m.devs[e->b].bdf, ki->name, detail,
		    w->color && ki->fixable == TRI_YES ? SGR_FIXABLE : "",
		    ki->fixable == TRI_YES ? "fixable" : "not fixable",
		    w->color && ki->fixable == TRI_YES ? SGR_RESET : "",
		    !e->certain && w->color ? SGR_UNCERTAIN : "",
		    e->certain ? "" : w->color ? ", uncertain" SGR_RESET : ", uncertain");
		/* each responsible place's remedy once */
		for (size_t j = 0; j < k && !said; j++)
			said = x->reasons[j].at == e->at && x->reasons[j].kind == e->kind;
		if (!said && ki->remedy_helps)
			say(w, "      ", "        ", "remedy: %s", ki->remedy);
	}
	/* the ungrouped one (a == b) is said at the top */
	for (size_t k = 0; k < x->nunexplained_reasons; k++) {
		const struct rel *e = &x->unexplained_reasons[k];

		if (e->a == e->b)
			continue;
		unexplained_detail_short(e, detail, sizeof(detail));
		say(w, "  ", "      ", "%s -- %s: %s: %s", a->m.devs[e->a].bdf, a->m.devs[e->b].bdf,
		    rel_kind_name(e->kind), detail);
	}
	for (size_t k = 0; k < x->nextra; k++)
		say(w, "  ", "    ", "note: the rules here also join %s, which the kernel keeps apart",
		    a->m.devs[x->extra[k]].bdf);
	for (size_t k = 0; k < x->npending; k++)
		say(w, "  ", "    ",
		    "note: %s has no kernel group yet (an IOMMU that attaches at driver probe, "
		    "such as virtio-iommu, has not probed it): the kernel's rules put it in this "
		    "group when it does",
		    a->m.devs[x->pending[k]].bdf);
}

static void print_splits(const struct why_out *w, const struct analysis *a, const struct explanation *x)
{
	if (!x->nsplits)
		return;
	fprintf(w->f, "\nWhat would split it:\n");
	for (size_t k = 0; k < x->nsplits; k++) {
		const struct split *s = &x->splits[k];
		char line[4096];
		size_t l = 0;

#define ADD(...)                                                                            \
	do {                                                                                \
		if (l < sizeof(line))                                                       \
			l += (size_t)snprintf(line + l, sizeof(line) - l, __VA_ARGS__);     \
	} while (0)
		ADD("ACS at");
		for (size_t j = 0; j < s->nassume; j++)
			ADD(" %s", a->m.devs[s->assume[j]].bdf);
		ADD(": %zu group%s", s->ngroups, s->ngroups == 1 ? " (no split)" : "s:");
		for (size_t g = 0; g < s->ngroups && s->ngroups > 1; g++) {
			const char *sep = "";

			ADD(" {");
			for (size_t m = 0; m < x->nmembers; m++)
				if (s->group_of[m] == (int)g) {
					ADD("%s%s", sep, a->m.devs[x->members[m]].bdf);
					sep = " ";
				}
			ADD("}");
		}
#undef ADD
		say(w, "  ", "    ", "%s", line);
	}
}

int render_why_text(const struct analysis *a, const struct explanation *x,
		    const struct render_opts *o, FILE *out)
{
	const struct dev *d = &a->m.devs[x->dev];
	char detail[512], head[128], assumed[1024];

	const struct why_out wo = { out, render_term_width(o->width, out), o->color }, *w = &wo;

	print_dev(w, a, x->dev, "");
	if (translate_rmrr(&a->m, x->dev) == 1)
		say(w, "", "  ",
		    "%s: the firmware's DMAR table reserves memory (RMRR) for its DMA, so the "
		    "kernel will not hand it to VFIO (dmesg on 6.x: \"Firmware has requested this "
		    "device have a 1:1 IOMMU mapping\")",
		    RMRR_NOTE);
	if (!a->r.xl[x->dev].translated) {
		/* no edges touch it: nothing to explain but why it has no group */
		say(w, "", "  ", "No IOMMU group: %s by any IOMMU: %s.",
		    a->r.xl[x->dev].certain ? "not translated" : "probably not translated",
		    a->r.xl[x->dev].reason);
		say(w, "", "  ",
		    "It takes no part in grouping: it shares a group with nothing, and VFIO cannot "
		    "take it (there is no group to attach).");
		return ferror(out) ? -1 : 0;
	}
	/* the head line, whole before it is wrapped */
	if (assumed_acs_list(a, assumed, sizeof(assumed))) {
		/* what-if: the hypothetical group is explained, not the kernel's */
		say(w, "", "  ",
		    "Assuming ACS enabled at %s (--assume-acs): the group below is hypothetical%s.",
		    assumed, d->kernel_group != NO_GROUP ? ", not the kernel's" : "");
		if (d->kernel_group != NO_GROUP)
			snprintf(head, sizeof(head), "IOMMU group %d; hypothetically ", d->kernel_group);
		else
			snprintf(head, sizeof(head), "no kernel IOMMU group; hypothetically ");
	} else if (d->kernel_group != NO_GROUP)
		snprintf(head, sizeof(head), "IOMMU group %d; ", d->kernel_group);
	else
		snprintf(head, sizeof(head), "no kernel IOMMU group%s", x->ungrouped ? "" : "; predicted: ");
	if (x->ungrouped) {
		/* the last unexplained reason is the ungrouped one */
		reason_detail(a, &x->unexplained_reasons[x->nunexplained_reasons - 1], detail,
			      sizeof(detail));
		say(w, "", "  ", "%s.", head);
		say(w, "", "  ", "unexplained: %s.", detail);
		snprintf(head, sizeof(head), "Predicted: ");
	}
	if (x->nmembers == 1 && !x->nunexplained) {
		say(w, "", "  ", "%salone in its group.", head);
		if (x->nisolators) {
			fprintf(out, "Isolated by ACS on:\n");
			for (size_t k = 0; k < x->nisolators; k++)
				print_dev(w, a, x->isolators[k], "  ");
		} else if (d->parent == NO_DEV) {
			say(w, "", "  ", "It sits on a root bus and is a single function: nothing else "
			    "can reach it peer-to-peer.");
		}
		return ferror(out) ? -1 : 0;
	}
	say(w, "", "  ", "%sshares it with %zu other function%s:", head,
	    x->nmembers - 1 + x->nunexplained, x->nmembers - 1 + x->nunexplained == 1 ? "" : "s");
	for (size_t k = 1; k < x->nmembers; k++)
		print_dev(w, a, x->members[k], "  ");
	for (size_t k = 0; k < x->nunexplained; k++)
		print_dev(w, a, x->unexplained[k], "  ");
	print_reasons(w, a, x);
	print_splits(w, a, x);
	for (size_t k = 0; k < x->nnever; k++) {
		char line[4096];
		size_t l = 0;

		if (!k)
			fprintf(out, "\nNever separable (one requester ID):\n");
		line[0] = '\0';
		for (size_t j = 0; j < x->never[k].n && l < sizeof(line); j++)
			l += (size_t)snprintf(line + l, sizeof(line) - l, "%s%s", j ? " " : "",
					      a->m.devs[x->never[k].members[j]].bdf);
		say(w, "  ", "  ", "%s", line);
	}
	return ferror(out) ? -1 : 0;
}

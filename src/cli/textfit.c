// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * textfit.c - fitting human text to a width: how many columns a string
 * takes (as libsmartcols prints a cell, or as safe_term() left it), cutting
 * a name to a number of columns with "...", word-wrapping prose, and the
 * width to fit to (--width, else the terminal's). The renderers shorten
 * names with these, never ids, addresses or drivers.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>
#include <ctype.h>

#include "render.h"
#include "safe.h"

/* Columns of the character at p and its length in *adv. A cell: what
 * libsmartcols' mbs_safe_encode() writes for it ("\x" and control bytes
 * as a 4-column \xNN escape, a byte that is no character of the locale
 * as an escape unless printable, a character by wcwidth). Terminal text
 * (safe_term's output): printable ASCII and whole UTF-8 characters. */
static size_t char_cols(const char *p, bool cell, size_t *adv)
{
	const unsigned char c = (unsigned char)*p;

	*adv = 1;
	if (!cell && c == 0x1b && p[1] == '[') {
		/* our own SGR (render.h): no columns */
		size_t n = 2;

		while (p[n] && p[n] != 'm' && n < 16)
			n++;
		*adv = p[n] ? n + 1 : n;
		return 0;
	}
	if (!cell) {
		uint32_t cp;
		size_t n = c < 0x80 ? 1 : utf8_decode((const unsigned char *)p, strnlen(p, 4), &cp);

		*adv = n ? n : 1;
		return 1;
	}
	if ((c == '\\' && p[1] == 'x') || iscntrl(c))
		return 4;
	{
		mbstate_t st;
		wchar_t wc;
		size_t n;
		int w;

		memset(&st, 0, sizeof(st));
		n = mbrtowc(&wc, p, MB_CUR_MAX, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			return isprint(c) ? 1 : 4;
		*adv = n;
		if (!iswprint((wint_t)wc))
			return 4 * n;
		w = wcwidth(wc);
		return w > 0 ? (size_t)w : 0;
	}
}

size_t text_cols(const char *s, bool cell)
{
	size_t cols = 0, adv;

	for (const char *p = s; *p; p += adv)
		cols += char_cols(p, cell, &adv);
	return cols;
}

void text_cut(char *s, size_t cols, bool cell)
{
	size_t used = 0, adv, end = 0;

	if (text_cols(s, cell) <= cols)
		return;
	if (cols < 3) {
		strcpy(s, "...");
		return;
	}
	for (const char *p = s; *p; p += adv) {
		size_t w = char_cols(p, cell, &adv);

		if (used + w > cols - 3)
			break;
		used += w;
		end = (size_t)(p - s) + adv;
	}
	/* "Intel Corporation..." rather than "Intel Corporation ..." */
	while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == ','))
		end--;
	s[end] = '\0';
	if (!cell)
		safe_trim(s); /* never half an escape \xNN */
	strcat(s, "...");
}

void text_wrap(FILE *out, const char *s, int width, const char *indent, const char *cont)
{
	const char *pre = indent;
	size_t col;

	if (width <= 0 || !*s) {
		fprintf(out, "%s%s\n", indent, s);
		return;
	}
	while (*s) {
		const char *p = s, *brk = NULL;

		col = text_cols(pre, false);
		/* the longest run of whole words that fits; a word longer than
		 * the line stands alone on it, uncut */
		while (*p) {
			size_t adv;
			const char *w = p;

			while (*w == ' ')
				w++;
			while (*w && *w != ' ')
				w++;
			for (const char *q = p; q < w; q += adv)
				col += char_cols(q, false, &adv);
			if (brk && col > (size_t)width)
				break;
			brk = w;
			p = w;
		}
		fprintf(out, "%s%.*s\n", pre, (int)(brk - s), s);
		s = brk;
		while (*s == ' ')
			s++;
		pre = cont;
	}
}

int render_term_width(int requested, FILE *out)
{
	struct winsize ws;
	const char *env;

	if (requested > 0)
		return requested;
	if (!isatty(fileno(out)))
		return 0; /* piped: lines as long as they are, as lspci */
	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	env = getenv("COLUMNS");
	if (env && atoi(env) >= 20 && atoi(env) <= 100000)
		return atoi(env);
	return 80;
}

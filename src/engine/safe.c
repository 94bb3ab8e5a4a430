// SPDX-License-Identifier: GPL-2.0-or-later
/* safe.c - outside strings made safe for terminals and JSON (see safe.h). */
#include "safe.h"

#include <json-c/json.h>
#include <string.h>

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c, min;
	size_t len;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	/* 0x80-0xbf: a continuation byte; 0xc0, 0xc1: always overlong */
	if (c < 0xc2)
		return 0;
	if (c < 0xe0) {
		len = 2, c &= 0x1f, min = 0x80;
	} else if (c < 0xf0) {
		len = 3, c &= 0x0f, min = 0x800;
	} else if (c < 0xf5) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool safe_cp_hidden(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

size_t safe_term(char *dst, size_t size, const char *src)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)(src ? src : "");
	size_t n = strlen((const char *)s), i = 0, o = 0;

	if (size == 0)
		return 0;
	while (i < n) {
		uint32_t cp = 0;
		size_t k = utf8_decode(s + i, n - i, &cp);
		/* an invalid byte is escaped alone; a hidden character whole */
		bool esc = k == 0 || safe_cp_hidden(cp) || (s[i] == '\\' && s[i + 1] == 'x');

		if (k == 0)
			k = 1;
		if (o + (esc ? 4 * k : k) >= size)
			break;
		for (size_t j = 0; j < k; j++) {
			if (esc) {
				dst[o++] = '\\';
				dst[o++] = 'x';
				dst[o++] = hex[s[i + j] >> 4];
				dst[o++] = hex[s[i + j] & 15];
			} else {
				dst[o++] = (char)s[i + j];
			}
		}
		i += k;
	}
	dst[o] = '\0';
	return o;
}

size_t safe_cell(char *dst, size_t size, const char *src)
{
	const unsigned char *s = (const unsigned char *)(src ? src : "");
	size_t n = strlen((const char *)s), i = 0, o = 0;

	if (size == 0)
		return 0;
	while (i < n) {
		uint32_t cp = 0;
		size_t k;
		bool repl;

		/* ASCII is copied as it is: a run at once */
		if (s[i] < 0x80) {
			size_t r = 1;

			while (i + r < n && s[i + r] < 0x80)
				r++;
			if (o + r >= size)
				r = size - 1 - o;
			memcpy(dst + o, s + i, r);
			o += r;
			i += r;
			if (o + 1 >= size)
				break;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		repl = k && cp >= 0xa0 && safe_cp_hidden(cp);

		if (k == 0)
			k = 1; /* invalid: left to libsmartcols, which escapes it */
		if (o + (repl ? 3 : k) >= size)
			break;
		if (repl) {
			memcpy(dst + o, "\xef\xbf\xbd", 3);
			o += 3;
		} else {
			memcpy(dst + o, s + i, k);
			o += k;
		}
		i += k;
	}
	dst[o] = '\0';
	return o;
}

void safe_trim(char *dst)
{
	size_t n = strlen(dst), p = n;
	uint32_t cp;

	/* half a UTF-8 sequence: a lead byte with too few bytes after it */
	while (p > 0 && n - p < 4 && ((unsigned char)dst[p - 1] & 0xc0) == 0x80)
		p--;
	if (p > 0 && (unsigned char)dst[p - 1] >= 0xc0 &&
	    !utf8_decode((unsigned char *)dst + p - 1, n - p + 1, &cp)) {
		dst[p - 1] = '\0';
		n = p - 1;
	}
	/* half an escape: "\", "\x" or "\xN" at the end */
	for (size_t k = 1; k <= 3 && k <= n; k++)
		if (dst[n - k] == '\\' && (k == 1 || dst[n - k + 1] == 'x')) {
			dst[n - k] = '\0';
			break;
		}
}

int safe_json_fputs(const char *s, FILE *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, run = 0;

	while (i < n) {
		uint32_t cp = 0;
		size_t k = utf8_decode(p + i, n - i, &cp);

		/* C0 passes: json-c escapes it inside strings, and outside
		 * them it is the pretty printer's own newlines */
		if (k && (cp < 0x7f || !safe_cp_hidden(cp))) {
			run += k;
			i += k;
			continue;
		}
		if (run && fwrite(p + i - run, 1, run, out) != run)
			return -1;
		run = 0;
		if (k)
			fprintf(out, "\\u%04x", (unsigned)cp);
		else
			fputs("\xef\xbf\xbd", out); /* U+FFFD for one invalid byte */
		i += k ? k : 1;
	}
	if (run && fwrite(p + i - run, 1, run, out) != run)
		return -1;
	return ferror(out) ? -1 : 0;
}

int safe_json_print(struct json_object *root, FILE *out)
{
	const char *s = json_object_to_json_string_ext(
		root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);

	if (!s || safe_json_fputs(s, out))
		return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}

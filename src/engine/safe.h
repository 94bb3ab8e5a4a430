/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * safe.h - strings from outside (sysfs, procfs, pci.ids, dumps) made safe
 * for where they are printed: a terminal, or a JSON document.
 *
 * Names read from the examined system can hold any byte. Printed raw they
 * could move the cursor, recolour or clear a terminal, hide text, or make
 * --json invalid UTF-8. The model keeps them as read; the output
 * boundaries pass them through here:
 *  - safe_term(): for text on stdout and stderr. Printable ASCII and valid
 *    UTF-8 of printable code points stay as they are; every other byte
 *    becomes a visible escape "\xNN" (as lsblk and libsmartcols write it),
 *    and so does a backslash that starts "\x", so the escaping is
 *    reversible.
 *  - safe_cell(): the same for libsmartcols cells, which escape by
 *    themselves what they can (see there).
 *  - safe_json_print(): the one way a JSON document is written: valid
 *    UTF-8 always (U+FFFD for each invalid byte), no raw control character
 *    (json-c escapes C0; DEL, C1 and the code points below as \uXXXX).
 */
#ifndef IOMMU_GROUPS_SAFE_H
#define IOMMU_GROUPS_SAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Length (1-4) of the well-formed UTF-8 sequence at s (n bytes available)
 * and its code point in *cp; 0 when s does not start one: a stray
 * continuation byte, an overlong form, a surrogate, a value past
 * U+10FFFF, or a sequence cut short. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Is this code point kept out of terminals even as valid UTF-8? C0, DEL,
 * C1 (U+0080-U+009F: a terminal may act on them, e.g. U+009B = CSI),
 * U+2028/U+2029 (line breaks to some viewers), and the bidirectional
 * controls of "Trojan Source" (CVE-2021-42574: U+061C, U+200E/F,
 * U+202A-U+202E, U+2066-U+2069), which reorder what is shown so that it no
 * longer reads as what is stored. A device name never needs them. */
bool safe_cp_hidden(uint32_t cp);

/* Write src into dst (size bytes, always NUL-terminated when size > 0),
 * escaped for a terminal. Cuts only between whole characters or escapes,
 * never inside one. Returns the bytes written (without the NUL). At most
 * 4 * strlen(src) + 1 bytes are needed. */
size_t safe_term(char *dst, size_t size, const char *src);

/* For a libsmartcols cell: libsmartcols itself writes C0, DEL, C1,
 * invalid UTF-8 and a backslash before 'x' as \xNN, in every locale, and
 * sizes the column by what it writes; given our escapes it would escape
 * their backslashes again, or (with safechars) count them wider than they
 * print. So a cell gets the string as it is, except the safe_cp_hidden()
 * code points from U+00A0 up, which a UTF-8 locale would let through
 * (iswprint): each becomes U+FFFD. Same contract as safe_term(). */
size_t safe_cell(char *dst, size_t size, const char *src);

/* Bytes a buffer needs for safe_term() or safe_cell() of a string of n
 * bytes. */
#define SAFE_TERM_SIZE(n) (4 * (n) + 1)

/* Cut dst's tail where a previous truncation (snprintf) left half a UTF-8
 * sequence or half an escape "\xN". */
void safe_trim(char *dst);

/* Write s to out as the JSON text it is, with every invalid UTF-8 byte
 * replaced by U+FFFD and DEL, C1 and the safe_cp_hidden() code points
 * above U+009F written as \uXXXX escapes (they can only stand inside
 * strings, where the escape means the same code point). 0 or -1. */
int safe_json_fputs(const char *s, FILE *out);

/* Serialize a json-c document (pretty, as the contract shows it) through
 * safe_json_fputs(), then a newline. 0 or -1. */
struct json_object;
int safe_json_print(struct json_object *root, FILE *out);

#endif

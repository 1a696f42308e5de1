/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text folded for matching as the library search matches: case folded,
 * compatibility forms unfolded, accents dropped, composed again.  "Naïve",
 * "NAIVE" and "nai" + U+0308 + "ve" all fold to "naive". */
char     *clipper_text_fold          (const char *text);
/* Whether @haystack (nullable), folded, holds @folded_needle, which
 * clipper_text_fold() made. */
gboolean  clipper_text_fold_contains (const char *haystack,
                                      const char *folded_needle);
/* Where @haystack (nullable) holds @folded_needle, folded as
 * clipper_text_fold_contains() folds: the bytes [*@start, *@end) of
 * @haystack as it is written, an accent written as a mark of its own
 * with its letter.  FALSE when it does not, or when only the whole text
 * folded together holds it (letters a mark joins with, as Hangul's). */
gboolean  clipper_text_fold_find     (const char *haystack,
                                      const char *folded_needle,
                                      gsize      *start,
                                      gsize      *end);

G_END_DECLS

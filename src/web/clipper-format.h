/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A day as lists show it: "Today", "Yesterday", "Nov 3", "Jan 3, 2022"
 * (the article list, the Highlights page).  (transfer full) */
char *clipper_format_day        (gint64      unix_time);
/* A date in full, where there is room for it: "November 3, 2022" (the
 * reader's meta line).  (transfer full) */
char *clipper_format_date       (GDateTime  *when);
/* A day and its time, for one item: "Today at 09:52", "November 3, 2022
 * at 09:52" (when the panel's highlight was made, edited).  (transfer full) */
char *clipper_format_date_time  (gint64      unix_time);

/* A file's path as a person reads it: the home folder as "~"
 * ("~/.local/share/clipper/library.db"), a path outside it as it is.
 * (transfer full) */
char *clipper_format_path       (const char  *path);

/* A highlight's note, written in Markdown, as Pango markup for a list's
 * label: emphasis, code and links as they read (a link is its text),
 * list markers as bullets, heading and quote markers dropped, each of
 * the first CLIPPER_FORMAT_NOTE_LINES lines on a line of its own (after
 * CLIPPER_FORMAT_LINE_SEPARATOR), the rest run on after the last of them
 * (in @plain each line after "\n"), blank lines left out.  Everything of the
 * note's own is escaped: a note with "<b>" or "&" shows them.  @plain
 * (nullable) gets the same text without markup, for screen readers.
 * (transfer full) */
/* U+2028: a line break within one paragraph, whose lines a label's
 * "lines" limit counts together. */
#define CLIPPER_FORMAT_LINE_SEPARATOR "\xe2\x80\xa8"
/* The lines the lists give a note (the labels' "lines"). */
#define CLIPPER_FORMAT_NOTE_LINES 3

char *clipper_format_note_markup (const char  *note,
                                  char       **plain);

G_END_DECLS

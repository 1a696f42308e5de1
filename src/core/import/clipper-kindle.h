/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kindle "My Clippings.txt": highlights and notes of books.
 *
 * Each book becomes a library item without a body (URL
 * "kindle:book/<hash of title and author>"); highlights keep their Kindle
 * location range as their start and end, and the printed page beside it
 * as their page, and are orphans (there is no text to anchor them in).
 * Notes attach to the highlight at their location (a later note at the
 * same location is that note edited on the device, and replaces it); a
 * note at no highlight is kept as a highlight of its own text, tagged
 * "kindle-note", so nothing the user wrote is lost.  A note imported again
 * keeps the library's edit, and says so; the file's comes in where the
 * library has none or still holds what the last import took in (kept as
 * the highlight's "kindle" note part).  A highlight the Kindle saved twice
 * because it was changed on the device, extended or shortened (same book,
 * overlapping locations), is imported once, the latest; onto an earlier
 * version in the library, that one takes its text and range, and keeps its
 * note, tags, UUID and first text (its original quote).  Bookmarks are
 * skipped.  Headers in
 * English, German, French, Spanish, Italian, Portuguese, Dutch, Japanese
 * and Chinese are understood; a BOM and CRLF line ends are fine, and so is
 * a file in UTF-16, UTF-32 or a legacy encoding (clipper_charset_guess_text();
 * the result names it), whose letters it cannot read are kept as U+FFFD and
 * said; a broken
 * entry (a header in another language among them) is reported by the line
 * it starts on, with its header, and skipped, and a file of nothing else is
 * an error.  A quote (or a book's title) an older import stored with U+FFFD
 * for each letter it could not read is repaired from the file.  Highlight UUIDs are made from book, location and text,
 * and a highlight already imported (or overlapped by another version of it)
 * is not imported again, so importing a file twice adds nothing.
 */
#pragma once

#include <gio/gio.h>

#include "clipper-import.h"

G_BEGIN_DECLS

/* The library URL of a Kindle book; (transfer full). */
char    *clipper_kindle_book_url (const char *title, const char *author);

/* How a Kindle book's URL starts (the store's list query tests it in SQL). */
#define CLIPPER_KINDLE_BOOK_URL_PREFIX "kindle:book/"

/* Whether @url (nullable) is a Kindle book's: its highlights have no text
 * to be found in, and their start and end are the book's Kindle
 * locations. */
gboolean clipper_kindle_is_book_url (const char *url);

/* Where highlight @highlight of the article at @article_url is in its
 * book, as Kindle numbers it: "341–345", or "341" for one location;
 * %NULL when the article is no Kindle book, or the Kindle gave no
 * location (a clipping of a book's front matter with only its Roman
 * page, which clipper_highlight_get_page() has).  (transfer full) */
char    *clipper_kindle_dup_location (const char       *article_url,
                                      ClipperHighlight *highlight);

/* For clipper-import.c: the store transaction is the caller's. */
gboolean clipper_kindle_import   (ClipperStore        *store,
                                  const char          *data,
                                  gsize                len,
                                  ClipperImportResult *result,
                                  ClipperProgressFunc  progress,
                                  gpointer             progress_data,
                                  GCancellable        *cancellable,
                                  GError             **error);

G_END_DECLS

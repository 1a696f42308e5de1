/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internals shared by the exporters and importers: handing progress from a
 * worker thread to the caller's main context, and one highlight made of two
 * libraries' highlights of the same passage.
 */
#pragma once

#include "clipper-export.h"

G_BEGIN_DECLS

typedef struct _ClipperProgressRelay ClipperProgressRelay;

/* Captures the thread-default main context of the caller. (transfer full)
 * Returns NULL, after calling @destroy on @data, when @func is NULL. */
ClipperProgressRelay *clipper_progress_relay_new    (ClipperProgressFunc func,
                                                     gpointer            data,
                                                     GDestroyNotify      destroy);
ClipperProgressRelay *clipper_progress_relay_ref    (ClipperProgressRelay *relay);
void                  clipper_progress_relay_unref  (ClipperProgressRelay *relay);
/* A ClipperProgressFunc (pass the relay as user data): callable from any
 * thread; forwards at most every 100 ms, and always the final report. */
void                  clipper_progress_relay_report (guint64 done, guint64 total, gpointer relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperProgressRelay, clipper_progress_relay_unref)

/* Calls @func if set; a helper that keeps call sites short. */
static inline void
clipper_progress_report (ClipperProgressFunc func, gpointer data, guint64 done, guint64 total)
{
  if (func != NULL)
    func (done, total, data);
}

/* The same passage highlighted in two libraries (another computer's
 * Clipper wrote the file being imported): @kept, this library's, takes
 * what @note and @tags, the other's, add to it.  Neither note is newer
 * than the other (they are two people's, or one person's on two
 * computers), so the other's goes below @kept's when it says something
 * @kept's does not; tags are added, compared as tags; the colour stays
 * @kept's (a highlight has one).  Importing the file again adds nothing.
 * Sets *@out_note and *@out_tags to whether each changed; FALSE when
 * nothing did. */
gboolean clipper_merge_same_passage (ClipperHighlight   *kept,
                                     const char         *note,
                                     const char *const  *tags,
                                     gboolean           *out_note,
                                     gboolean           *out_tags);

G_END_DECLS

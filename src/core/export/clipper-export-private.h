/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internals shared by the exporters and importers: handing progress from a
 * worker thread to the caller's main context.
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

G_END_DECLS

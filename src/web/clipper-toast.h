/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Adds @toast to @overlay and remembers when, for clipper_toast_dismiss().
 * Every toast of an overlay goes through here: while a toast that stays
 * (timeout 0) is on @overlay, @toast is shown before it, not behind it. */
void clipper_toast_add     (AdwToastOverlay *overlay,
                            AdwToast        *toast);
/* Adds @toast as clipper_toast_add() does, as the one of @kind on
 * @overlay: the toast of @kind added before, if it still shows or waits,
 * goes.  One that stays until closed (timeout 0) stays, unless
 * @replace_staying. */
void clipper_toast_add_replacing (AdwToastOverlay *overlay,
                                  AdwToast        *toast,
                                  const char      *kind,
                                  gboolean         replace_staying);
/* Dismisses @toast, added with clipper_toast_add(): at once, or, while it
 * still slides in, once it is in. */
void clipper_toast_dismiss (AdwToast        *toast);

/* @text in a dialog over @parent that one can read, select and copy
 * from, under @heading and @body (nullable); returns the dialog, shown,
 * for more responses. */
AdwMessageDialog *clipper_toast_show_details (GtkWindow  *parent,
                                              const char *heading,
                                              const char *body,
                                              const char *text);

G_END_DECLS

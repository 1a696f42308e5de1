/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Adds @toast to @overlay and remembers when, for clipper_toast_dismiss().
 * Every toast of an overlay goes through here: while a toast that stays
 * (timeout 0) is on @overlay, @toast is shown before it, not behind it. */
void clipper_toast_add     (AdwToastOverlay *overlay,
                            AdwToast        *toast);
/* Dismisses @toast, added with clipper_toast_add(): at once, or, while it
 * still slides in, once it is in. */
void clipper_toast_dismiss (AdwToast        *toast);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_APPLICATION (clipper_application_get_type ())
G_DECLARE_FINAL_TYPE (ClipperApplication, clipper_application, CLIPPER, APPLICATION, AdwApplication)

ClipperApplication *clipper_application_new       (void);
/* The library, opened on first use at clipper_store_dup_default_path();
 * NULL with @error when it cannot be opened, or (BUSY) while an older
 * library is being upgraded at start-up. (transfer none) */
ClipperStore       *clipper_application_get_store (ClipperApplication *self,
                                                   GError            **error);

/* The library window, made on first use (not shown); NULL while an older
 * library is being upgraded or when it cannot be opened (a window of its
 * own says so then). (transfer none) */
GtkWindow          *clipper_application_get_library_window (ClipperApplication *self);

/* "clipper://save?url=…" → the URL to save; NULL when @uri is not such a
 * link.  (transfer full) */
char               *clipper_application_parse_clipper_uri (const char *uri);

G_END_DECLS

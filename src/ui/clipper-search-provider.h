/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clipper-application.h"

G_BEGIN_DECLS

/* Where the provider is exported under the application's object path. */
#define CLIPPER_SEARCH_PROVIDER_PATH_SUFFIX "/SearchProvider"

#define CLIPPER_TYPE_SEARCH_PROVIDER (clipper_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (ClipperSearchProvider, clipper_search_provider, CLIPPER, SEARCH_PROVIDER, GObject)

/* @app: (transfer none) the application, which owns the provider. */
ClipperSearchProvider *clipper_search_provider_new        (ClipperApplication    *app);
gboolean               clipper_search_provider_register   (ClipperSearchProvider *self,
                                                           GDBusConnection       *connection,
                                                           const char            *object_path,
                                                           GError               **error);
void                   clipper_search_provider_unregister (ClipperSearchProvider *self);

G_END_DECLS

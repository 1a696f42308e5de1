/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HTML standard's prescan: a page's <meta> tags read from its first
 * bytes, before (and without) parsing it, as browsers do to learn the
 * character set a page names (clipper-charset.c) and the refresh it asks
 * for (the fetcher follows one that leads elsewhere at once).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called for each <meta> tag with its attributes (names lower-cased, in
 * the order written, values as written); returns TRUE to stop there. */
typedef gboolean (*ClipperPrescanMetaFunc) (const GPtrArray *names,
                                            const GPtrArray *values,
                                            gpointer         user_data);

void     clipper_prescan_metas    (const guint8           *data,
                                   gsize                   length,
                                   gsize                   limit,
                                   ClipperPrescanMetaFunc  func,
                                   gpointer                user_data);

char    *clipper_prescan_refresh  (const guint8           *data,
                                   gsize                   length,
                                   guint                  *out_seconds);

/* Byte helpers the prescan and the XML declaration's reading share. */
gboolean       clipper_prescan_is_space      (guint8 c);
gboolean       clipper_prescan_has_prefix_ci (const guint8 *p, const guint8 *end, const char *prefix);
const guint8  *clipper_prescan_find          (const guint8 *p, const guint8 *end, const char *needle);

G_END_DECLS

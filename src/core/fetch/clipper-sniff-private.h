/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Content-type decisions for the fetcher: what a body is when the server
 * says nothing useful (a missing header, application/octet-stream) or when
 * it comes from a file.  Cut down from the WHATWG MIME Sniffing Standard.
 */
#pragma once

#include <gio/gio.h>

#include "clipper-fetcher.h"

G_BEGIN_DECLS

/* NULL, "", application/octet-stream, unknown/unknown …: the server did not say. */
gboolean clipper_sniff_type_is_unknown   (const char *type);
/* A type worth downloading to find out whether it is a page. */
gboolean clipper_sniff_type_may_be_page  (const char *type);

/* "text/html", "application/xhtml+xml", "text/plain", or the type of a
 * binary body ("application/pdf", "image/png", "application/octet-stream"). */
char    *clipper_sniff_bytes             (const guint8 *data, gsize length);

/* Decides the kind of a page from the header type (@header_type, may be
 * NULL), the file name (@file, NULL for HTTP) and the bytes; binary bytes
 * overrule a file name.  The error message starts with "is not a web
 * page", for the caller to prefix. */
gboolean clipper_sniff_page_kind         (const char        *header_type,
                                          GFile             *file,
                                          const guint8      *data,
                                          gsize              length,
                                          ClipperFetchKind  *out_kind,
                                          char             **out_content_type,
                                          GError           **error);

/* The MIME type of an image, from the header or its bytes; an error
 * ("is not an image …") for anything else. */
gboolean clipper_sniff_image_type        (const char    *header_type,
                                          const guint8  *data,
                                          gsize          length,
                                          char         **out_content_type,
                                          GError       **error);

G_END_DECLS

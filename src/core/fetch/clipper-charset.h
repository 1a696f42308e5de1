/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Character sets of web pages: finding which one a page uses and turning
 * it into UTF-8.
 *
 * The order follows the HTML standard's encoding sniffing algorithm, cut
 * down to what matters for saved articles: a byte order mark, then the
 * charset the server declared, then a <meta> (or XML declaration) near the
 * top of the page, then a guess.  Labels are mapped the way browsers map
 * them ("latin1" and "us-ascii" mean windows-1252), so a page decodes as it
 * looks in a browser.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ClipperCharsetSource:
 * @CLIPPER_CHARSET_SOURCE_BOM: a byte order mark at the start of the body
 * @CLIPPER_CHARSET_SOURCE_HEADER: the charset parameter of the Content-Type header
 * @CLIPPER_CHARSET_SOURCE_META: `<meta charset>`, `<meta http-equiv>` or `<?xml encoding?>`
 * @CLIPPER_CHARSET_SOURCE_GUESS: none of the above; UTF-8 if the bytes are valid UTF-8, else windows-1252
 *
 * Where the character set of a page was found.
 */
typedef enum {
  CLIPPER_CHARSET_SOURCE_BOM,
  CLIPPER_CHARSET_SOURCE_HEADER,
  CLIPPER_CHARSET_SOURCE_META,
  CLIPPER_CHARSET_SOURCE_GUESS,
} ClipperCharsetSource;

/**
 * clipper_charset_normalize:
 * @label: an encoding label as a page or a server writes it
 *
 * Maps a label to the name iconv knows it by, following the WHATWG
 * Encoding Standard where that is cheap ("latin1", "iso-8859-1" and
 * "us-ascii" → "WINDOWS-1252", "shift_jis" → "CP932", …).
 *
 * Returns: (transfer full) (nullable): the iconv name, or %NULL when the
 *   label names no encoding this system can decode
 */
char *clipper_charset_normalize (const char *label);

/**
 * clipper_charset_sniff:
 * @data: (array length=length): the start of the body (the first few KB are enough)
 * @length: bytes in @data
 * @header_charset: (nullable): the charset parameter of the Content-Type header
 * @out_source: (out) (optional): where the answer came from
 *
 * Decides which character set the page is in.
 *
 * Returns: (transfer full): an iconv name, never %NULL
 */
char *clipper_charset_sniff (const guint8         *data,
                             gsize                 length,
                             const char           *header_charset,
                             ClipperCharsetSource *out_source);

/**
 * clipper_charset_to_utf8:
 * @data: (array length=length): bytes in @charset
 * @length: bytes in @data
 * @charset: an iconv name, as clipper_charset_sniff() returns
 * @out_length: (out) (optional): bytes in the result, without the final NUL
 *
 * Converts to UTF-8 and never fails: invalid or incomplete sequences become
 * U+FFFD, a leading byte order mark is dropped and NUL characters become
 * U+FFFD too, so the result is a clean C string.  An encoding iconv cannot
 * open is read as windows-1252.
 *
 * Returns: (transfer full): valid, NUL-terminated UTF-8
 */
char *clipper_charset_to_utf8 (const guint8 *data,
                               gsize         length,
                               const char   *charset,
                               gsize        *out_length);

G_END_DECLS

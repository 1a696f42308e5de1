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
 *
 * The guess, for pages that name no charset: UTF-8 if the bytes are valid
 * UTF-8; otherwise, as Firefox and Chrome do, the legacy encoding the bytes
 * read best in.  The non-ASCII bytes of the start of the page are decoded
 * in each of windows-1252, -1250, -1251, -1253 to -1257, KOI8-R, KOI8-U, windows-874,
 * Shift_JIS (CP932), EUC-JP, GB18030, Big5 and EUC-KR (CP949), and the text
 * is scored for looking like a language written in it (letters of one
 * script in words, mostly lower case, frequent letters and characters, no
 * undefined bytes or broken sequences).  windows-1252, the standard's
 * default, stays unless another encoding wins clearly.  docs/charsets.md
 * says what it gets right and what not.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ClipperCharsetSource:
 * @CLIPPER_CHARSET_SOURCE_BOM: a byte order mark at the start of the body
 * @CLIPPER_CHARSET_SOURCE_HEADER: the charset parameter of the Content-Type header
 * @CLIPPER_CHARSET_SOURCE_META: `<meta charset>`, `<meta http-equiv>` or `<?xml encoding?>`
 * @CLIPPER_CHARSET_SOURCE_GUESS: none of the above; UTF-8 if the bytes are valid UTF-8, else the
 *   legacy encoding the start of the page reads best in (Cyrillic, Greek, Hebrew, Arabic, Thai,
 *   Central European, Turkish, Baltic, Japanese, Chinese or Korean), windows-1252 when none
 *   stands out
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
 * @data: (array length=length): the body (labels are looked for in its first 4 KB; a guess
 *   looks at the non-ASCII bytes of its first megabyte)
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
 * clipper_charset_guess_text:
 * @data: (array length=length): a plain text file (a guess looks at the non-ASCII bytes of its
 *   first megabyte)
 * @length: bytes in @data
 * @out_source: (out) (optional): %CLIPPER_CHARSET_SOURCE_BOM or %CLIPPER_CHARSET_SOURCE_GUESS
 *
 * Decides which character set a text file that names none is in (a
 * Kindle's clippings, saved again by an editor): a byte order mark (UTF-8,
 * UTF-16 or UTF-32), else UTF-16 when its NUL bytes say so, else the
 * guess clipper_charset_sniff() makes for a page that names none.  A
 * `<meta charset>` in a text file is text, never a label.
 *
 * Returns: (transfer full): an iconv name, never %NULL
 */
char *clipper_charset_guess_text (const guint8         *data,
                                  gsize                 length,
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

/**
 * clipper_charset_decode:
 * @data: (array length=length): bytes in @charset
 * @length: bytes in @data
 * @charset: an iconv name
 * @out_length: (out) (optional): bytes in the result, without the final NUL
 * @out_unreadable: (out) (optional) (transfer full) (element-type gsize): where in the result
 *   each U+FFFD stands that replaced bytes which could not be read (or a NUL), in order; a
 *   U+FFFD the text itself holds is not among them
 *
 * clipper_charset_to_utf8(), telling where it could not read the text:
 * an import says so instead of storing the replacement characters unsaid.
 *
 * Returns: (transfer full): valid, NUL-terminated UTF-8
 */
char *clipper_charset_decode (const guint8  *data,
                              gsize          length,
                              const char    *charset,
                              gsize         *out_length,
                              GArray       **out_unreadable);

G_END_DECLS

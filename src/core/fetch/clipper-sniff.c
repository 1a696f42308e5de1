/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-fetch"

#include "clipper-sniff-private.h"

#include <string.h>

#include "clipper-charset.h"

/* The MIME Sniffing Standard looks at the first 512 bytes ("resource
 * header"); a little more helps with XHTML whose <html> follows a long
 * DOCTYPE and comments. */
#define SNIFF_BYTES 1024

gboolean
clipper_sniff_type_is_unknown (const char *type)
{
  static const char *const unknown[] = {
    "application/octet-stream", "binary/octet-stream", "unknown/unknown",
    "application/unknown", "text/unknown", "*/*", "application/x-unknown-content-type",
    "application/x-download", "application/force-download",
  };

  if (type == NULL || *type == '\0')
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (unknown); i++)
    if (g_ascii_strcasecmp (type, unknown[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
clipper_sniff_type_may_be_page (const char *type)
{
  static const char *const maybe[] = {
    "text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml",
    "text/plain", "text/xml", "application/xml",
  };

  if (clipper_sniff_type_is_unknown (type))
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (maybe); i++)
    if (g_ascii_strcasecmp (type, maybe[i]) == 0)
      return TRUE;
  return FALSE;
}

typedef struct {
  gsize       offset;
  const char *magic;
  gsize       length;
  const char *type;
} Magic;

/* Signatures of what people most often try to save by mistake. */
static const Magic magics[] = {
  { 0, "%PDF-", 5, "application/pdf" },
  { 0, "\x89PNG\r\n\x1a\n", 8, "image/png" },
  { 0, "GIF87a", 6, "image/gif" },
  { 0, "GIF89a", 6, "image/gif" },
  { 0, "\xff\xd8\xff", 3, "image/jpeg" },
  { 8, "WEBP", 4, "image/webp" },
  { 4, "ftypavif", 8, "image/avif" },
  { 4, "ftypavis", 8, "image/avif" },
  { 4, "ftyp", 4, "video/mp4" },
  { 0, "\x00\x00\x01\x00", 4, "image/x-icon" },
  { 0, "PK\x03\x04", 4, "application/zip" },
  { 0, "\x1f\x8b\x08", 3, "application/gzip" },
  { 0, "%!PS", 4, "application/postscript" },
  { 0, "\x7f" "ELF", 4, "application/x-executable" },
  { 0, "OggS", 4, "application/ogg" },
  { 0, "ID3", 3, "audio/mpeg" },
  { 0, "\x1a\x45\xdf\xa3", 4, "video/webm" },
  { 0, "wOFF", 4, "font/woff" },
  { 0, "wOF2", 4, "font/woff2" },
};

static const char *
match_magic (const guint8 *data, gsize length)
{
  for (gsize i = 0; i < G_N_ELEMENTS (magics); i++)
    {
      const Magic *m = &magics[i];

      if (length >= m->offset + m->length && memcmp (data + m->offset, m->magic, m->length) == 0)
        {
          /* RIFF....WEBP */
          if (m->offset == 8 && memcmp (data, "RIFF", 4) != 0)
            continue;
          return m->type;
        }
    }
  return NULL;
}

static gboolean
is_binary_byte (guint8 c)
{
  return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) || (c >= 0x1C && c <= 0x1F);
}

static gboolean
starts_with_tag (const char *p, const char *tag)
{
  gsize n = strlen (tag);

  if (g_ascii_strncasecmp (p, tag, n) != 0)
    return FALSE;
  /* "<!--" needs no terminator; tags need a space or '>' (so "<a" is not "<abbr"). */
  return tag[n - 1] == '-' || p[n] == ' ' || p[n] == '>' || p[n] == '\t' || p[n] == '\n'
         || p[n] == '\r' || p[n] == '\f';
}

/* The HTML patterns of the MIME Sniffing Standard, plus <meta> and <link>
 * which fragments served as application/octet-stream often start with. */
static gboolean
looks_like_html (const char *text)
{
  static const char *const tags[] = {
    "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font",
    "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--", "<meta", "<link",
  };

  while (g_ascii_isspace (*text))
    text++;
  for (gsize i = 0; i < G_N_ELEMENTS (tags); i++)
    if (starts_with_tag (text, tags[i]))
      return TRUE;
  return FALSE;
}

/* The first SNIFF_BYTES as UTF-8 text (UTF-16 with a BOM converted). */
static char *
sniff_text (const guint8 *data, gsize length)
{
  gsize n = MIN (length, SNIFF_BYTES);

  if (n >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    return clipper_charset_to_utf8 (data, n & ~(gsize) 1, "UTF-16LE", NULL);
  if (n >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return clipper_charset_to_utf8 (data, n & ~(gsize) 1, "UTF-16BE", NULL);
  if (n >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return g_strndup ((const char *) data + 3, n - 3);
  return g_strndup ((const char *) data, n);
}

static gboolean
has_utf16_bom (const guint8 *data, gsize length)
{
  return length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF));
}

char *
clipper_sniff_bytes (const guint8 *data, gsize length)
{
  g_autofree char *text = NULL;
  const char *magic;
  gsize n = MIN (length, SNIFF_BYTES);

  magic = match_magic (data, length);
  if (magic != NULL)
    return g_strdup (magic);

  if (!has_utf16_bom (data, length))
    {
      for (gsize i = 0; i < n; i++)
        if (is_binary_byte (data[i]))
          {
            g_autofree char *guess = g_content_type_guess (NULL, data, n, NULL);
            g_autofree char *mime = g_content_type_get_mime_type (guess);

            if (mime == NULL || g_str_has_prefix (mime, "text/"))
              return g_strdup ("application/octet-stream");
            return g_steal_pointer (&mime);
          }
    }

  text = sniff_text (data, length);
  if (g_str_has_prefix (g_strchug (text), "<?xml"))
    {
      if (strstr (text, "<html") != NULL)
        return g_strdup ("application/xhtml+xml");
      if (strstr (text, "<svg") != NULL)
        return g_strdup ("image/svg+xml");
      return g_strdup ("application/xml");
    }
  if (looks_like_html (text))
    return g_strdup ("text/html");
  if (starts_with_tag (text, "<svg"))
    return g_strdup ("image/svg+xml");
  return g_strdup ("text/plain");
}

static const char *
type_from_file_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  if (lower == NULL)
    return NULL;
  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm")
      || g_str_has_suffix (lower, ".shtml"))
    return "text/html";
  if (g_str_has_suffix (lower, ".xhtml") || g_str_has_suffix (lower, ".xht"))
    return "application/xhtml+xml";
  if (g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".text")
      || g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown"))
    return "text/plain";
  return NULL;
}

/* Whether bytes that claim to be a page are really something else: the
 * signature of a binary format, or a NUL byte, which text in an 8-bit
 * charset or UTF-8 never holds (UTF-16 does, but announces itself with a
 * byte order mark).  Stray control characters are not enough: pages with
 * a BEL or an ESC in them exist, and a browser shows them as pages. */
static gboolean
holds_binary_data (const guint8 *data, gsize length)
{
  if (has_utf16_bom (data, length))
    return FALSE;
  return match_magic (data, length) != NULL || memchr (data, '\0', MIN (length, SNIFF_BYTES)) != NULL;
}

gboolean
clipper_sniff_page_kind (const char        *header_type,
                         GFile             *file,
                         const guint8      *data,
                         gsize              length,
                         ClipperFetchKind  *out_kind,
                         char             **out_content_type,
                         GError           **error)
{
  g_autofree char *type = NULL;

  if (file != NULL)
    type = g_strdup (type_from_file_name (file));
  else if (!clipper_sniff_type_is_unknown (header_type))
    type = g_ascii_strdown (header_type, -1);

  /* A file name is only a hint: an image or an archive renamed (or saved)
   * as "page.html" is still not a page, and extracting it would store
   * garbage.  Binary bytes overrule the name. */
  if (type != NULL && file != NULL && holds_binary_data (data, length))
    {
      g_autofree char *sniffed = clipper_sniff_bytes (data, length);

      g_set_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE,
                   "is not a web page (it holds binary data: content type %s)", sniffed);
      return FALSE;
    }

  if (type == NULL)
    type = clipper_sniff_bytes (data, length);

  /* Generic XML is a page only when it is XHTML. */
  if (strcmp (type, "text/xml") == 0 || strcmp (type, "application/xml") == 0)
    {
      g_autofree char *sniffed = clipper_sniff_bytes (data, length);

      if (strcmp (sniffed, "application/xhtml+xml") == 0)
        {
          g_free (type);
          type = g_steal_pointer (&sniffed);
        }
    }

  if (strcmp (type, "text/html") == 0)
    *out_kind = CLIPPER_FETCH_KIND_HTML;
  else if (strcmp (type, "application/xhtml+xml") == 0 || strcmp (type, "application/vnd.wap.xhtml+xml") == 0)
    *out_kind = CLIPPER_FETCH_KIND_XHTML;
  else if (strcmp (type, "text/plain") == 0)
    *out_kind = CLIPPER_FETCH_KIND_TEXT;
  else
    {
      g_set_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE,
                   "is not a web page (content type %s)", type);
      return FALSE;
    }

  *out_content_type = g_steal_pointer (&type);
  return TRUE;
}

gboolean
clipper_sniff_image_type (const char    *header_type,
                          const guint8  *data,
                          gsize          length,
                          char         **out_content_type,
                          GError       **error)
{
  g_autofree char *sniffed = NULL;

  if (header_type != NULL && g_ascii_strncasecmp (header_type, "image/", 6) == 0)
    {
      *out_content_type = g_ascii_strdown (header_type, -1);
      return TRUE;
    }

  /* Servers that say octet-stream or text/plain for images are common;
   * what the bytes are decides. */
  sniffed = clipper_sniff_bytes (data, length);
  if (g_str_has_prefix (sniffed, "image/"))
    {
      *out_content_type = g_steal_pointer (&sniffed);
      return TRUE;
    }
  /* "BM" is too short a signature to trust before ruling out text. */
  if (length >= 14 && data[0] == 'B' && data[1] == 'M' && !g_str_has_prefix (sniffed, "text/"))
    {
      *out_content_type = g_strdup ("image/bmp");
      return TRUE;
    }

  g_set_error (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE,
               "is not an image (content type %s)",
               clipper_sniff_type_is_unknown (header_type) ? sniffed : header_type);
  return FALSE;
}

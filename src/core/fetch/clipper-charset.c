/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-fetch"

#include "clipper-charset.h"

#include <errno.h>
#include <string.h>

/* Browsers look at the first 1024 bytes for a <meta charset>; pages with
 * long heads (inline styles, many <link>s) put it later, and looking
 * further costs nothing. */
#define PRESCAN_BYTES 4096

typedef struct {
  const char *label;
  const char *iconv_name;
} LabelMapping;

/* The WHATWG Encoding Standard's labels for the encodings pages use, mapped
 * to the names glibc's iconv knows.  The standard decodes "iso-8859-1" and
 * "us-ascii" as windows-1252 (pages labelled so are written in it), and
 * Shift_JIS as Microsoft's superset of it, so we do the same. */
static const LabelMapping label_mappings[] = {
  { "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
  { "unicode11utf8", "UTF-8" }, { "unicode20utf8", "UTF-8" }, { "x-unicode20utf8", "UTF-8" },

  { "windows-1252", "WINDOWS-1252" }, { "x-cp1252", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
  { "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" }, { "iso88591", "WINDOWS-1252" },
  { "iso_8859-1", "WINDOWS-1252" }, { "iso_8859-1:1987", "WINDOWS-1252" }, { "iso-ir-100", "WINDOWS-1252" },
  { "latin1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" }, { "csisolatin1", "WINDOWS-1252" },
  { "cp819", "WINDOWS-1252" }, { "ibm819", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
  { "ascii", "WINDOWS-1252" }, { "ansi_x3.4-1968", "WINDOWS-1252" }, { "x-user-defined", "WINDOWS-1252" },

  { "iso-8859-2", "ISO-8859-2" }, { "iso8859-2", "ISO-8859-2" }, { "iso88592", "ISO-8859-2" },
  { "iso_8859-2", "ISO-8859-2" }, { "iso_8859-2:1987", "ISO-8859-2" }, { "iso-ir-101", "ISO-8859-2" },
  { "latin2", "ISO-8859-2" }, { "l2", "ISO-8859-2" }, { "csisolatin2", "ISO-8859-2" },

  { "iso-8859-15", "ISO-8859-15" }, { "iso8859-15", "ISO-8859-15" }, { "iso885915", "ISO-8859-15" },
  { "iso_8859-15", "ISO-8859-15" }, { "l9", "ISO-8859-15" }, { "csisolatin9", "ISO-8859-15" },

  { "iso-8859-9", "WINDOWS-1254" }, { "iso8859-9", "WINDOWS-1254" }, { "iso88599", "WINDOWS-1254" },
  { "iso_8859-9", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" }, { "l5", "WINDOWS-1254" },
  { "csisolatin5", "WINDOWS-1254" }, { "iso-ir-148", "WINDOWS-1254" },

  { "windows-1250", "WINDOWS-1250" }, { "cp1250", "WINDOWS-1250" }, { "x-cp1250", "WINDOWS-1250" },
  { "windows-1251", "WINDOWS-1251" }, { "cp1251", "WINDOWS-1251" }, { "x-cp1251", "WINDOWS-1251" },
  { "windows-1253", "WINDOWS-1253" }, { "cp1253", "WINDOWS-1253" }, { "x-cp1253", "WINDOWS-1253" },
  { "windows-1254", "WINDOWS-1254" }, { "cp1254", "WINDOWS-1254" }, { "x-cp1254", "WINDOWS-1254" },
  { "windows-1255", "WINDOWS-1255" }, { "cp1255", "WINDOWS-1255" }, { "x-cp1255", "WINDOWS-1255" },
  { "windows-1256", "WINDOWS-1256" }, { "cp1256", "WINDOWS-1256" }, { "x-cp1256", "WINDOWS-1256" },
  { "windows-1257", "WINDOWS-1257" }, { "cp1257", "WINDOWS-1257" }, { "x-cp1257", "WINDOWS-1257" },
  { "windows-1258", "WINDOWS-1258" }, { "cp1258", "WINDOWS-1258" }, { "x-cp1258", "WINDOWS-1258" },
  { "windows-874", "CP874" }, { "dos-874", "CP874" }, { "tis-620", "CP874" },
  { "iso-8859-11", "CP874" }, { "iso8859-11", "CP874" }, { "iso885911", "CP874" },

  { "koi8-r", "KOI8-R" }, { "koi8r", "KOI8-R" }, { "koi8_r", "KOI8-R" }, { "koi", "KOI8-R" },
  { "koi8", "KOI8-R" }, { "cskoi8r", "KOI8-R" }, { "koi8-u", "KOI8-U" }, { "koi8-ru", "KOI8-U" },

  { "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" }, { "x-sjis", "CP932" },
  { "ms_kanji", "CP932" }, { "ms932", "CP932" }, { "windows-31j", "CP932" }, { "csshiftjis", "CP932" },
  { "euc-jp", "EUC-JP" }, { "x-euc-jp", "EUC-JP" }, { "cseucpkdfmtjapanese", "EUC-JP" },
  { "iso-2022-jp", "ISO-2022-JP" }, { "csiso2022jp", "ISO-2022-JP" },

  { "gbk", "GB18030" }, { "x-gbk", "GB18030" }, { "gb2312", "GB18030" }, { "gb_2312", "GB18030" },
  { "gb_2312-80", "GB18030" }, { "chinese", "GB18030" }, { "csgb2312", "GB18030" },
  { "csiso58gb231280", "GB18030" }, { "iso-ir-58", "GB18030" }, { "gb18030", "GB18030" },
  { "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" }, { "cn-big5", "BIG5-HKSCS" },
  { "csbig5", "BIG5-HKSCS" }, { "x-x-big5", "BIG5-HKSCS" },
  { "euc-kr", "CP949" }, { "cseuckr", "CP949" }, { "csksc56011987", "CP949" }, { "iso-ir-149", "CP949" },
  { "korean", "CP949" }, { "ks_c_5601-1987", "CP949" }, { "ks_c_5601-1989", "CP949" },
  { "ksc5601", "CP949" }, { "ksc_5601", "CP949" }, { "windows-949", "CP949" },

  { "utf-16", "UTF-16LE" }, { "utf-16le", "UTF-16LE" }, { "unicode", "UTF-16LE" }, { "ucs-2", "UTF-16LE" },
  { "csunicode", "UTF-16LE" }, { "iso-10646-ucs-2", "UTF-16LE" }, { "unicodefeff", "UTF-16LE" },
  { "utf-16be", "UTF-16BE" }, { "unicodefffe", "UTF-16BE" },
};

static gboolean
iconv_can_decode (const char *name)
{
  GIConv cd = g_iconv_open ("UTF-8", name);

  if (cd == (GIConv) -1)
    return FALSE;
  g_iconv_close (cd);
  return TRUE;
}

char *
clipper_charset_normalize (const char *label)
{
  g_autofree char *lower = NULL;

  if (label == NULL)
    return NULL;

  lower = g_ascii_strdown (label, -1);
  g_strstrip (lower);
  if (*lower == '\0' || strlen (lower) > 40)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (label_mappings); i++)
    if (strcmp (lower, label_mappings[i].label) == 0)
      return g_strdup (label_mappings[i].iconv_name);

  /* Anything else goes to iconv as it is, but only plain names: a page
   * must not pass iconv options such as "//IGNORE". */
  for (const char *p = lower; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != ':')
      return NULL;

  if (!iconv_can_decode (lower))
    return NULL;
  return g_ascii_strup (lower, -1);
}

static gboolean
is_space (guint8 c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
has_prefix_ci (const guint8 *p, const guint8 *end, const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && g_ascii_strncasecmp ((const char *) p, prefix, n) == 0;
}

static const guint8 *
find_bytes (const guint8 *p, const guint8 *end, const char *needle)
{
  gsize n = strlen (needle);

  for (; p + n <= end; p++)
    if (memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* The HTML standard's "get an attribute" step of the prescan, simplified:
 * reads one name="value" pair at *pp.  Returns FALSE at the end of the tag. */
static gboolean
read_attribute (const guint8 **pp, const guint8 *end, char **out_name, char **out_value)
{
  const guint8 *p = *pp;
  const guint8 *start;

  *out_name = NULL;
  *out_value = NULL;

  while (p < end && (is_space (*p) || *p == '/'))
    p++;
  if (p >= end || *p == '>')
    {
      *pp = p;
      return FALSE;
    }

  start = p;
  while (p < end && !is_space (*p) && *p != '=' && *p != '>' && !(*p == '/' && p != start))
    p++;
  *out_name = g_ascii_strdown ((const char *) start, p - start);

  while (p < end && is_space (*p))
    p++;
  if (p < end && *p == '=')
    {
      p++;
      while (p < end && is_space (*p))
        p++;
      if (p < end && (*p == '"' || *p == '\''))
        {
          guint8 quote = *p++;

          start = p;
          while (p < end && *p != quote)
            p++;
          *out_value = g_strndup ((const char *) start, p - start);
          if (p < end)
            p++;
        }
      else
        {
          start = p;
          while (p < end && !is_space (*p) && *p != '>')
            p++;
          *out_value = g_strndup ((const char *) start, p - start);
        }
    }
  else
    *out_value = g_strdup ("");

  *pp = p;
  return TRUE;
}

/* "charset=xyz" inside a Content-Type value such as "text/html; charset=xyz". */
static char *
charset_from_content (const char *content)
{
  g_autofree char *lower = g_ascii_strdown (content, -1);
  const char *p = lower;

  while ((p = strstr (p, "charset")) != NULL)
    {
      const char *start;

      p += 7;
      while (is_space (*p))
        p++;
      if (*p != '=')
        continue;
      p++;
      while (is_space (*p))
        p++;
      if (*p == '"' || *p == '\'')
        {
          char quote = *p++;
          const char *close = strchr (p, quote);

          return close ? g_strndup (p, close - p) : NULL;
        }
      start = p;
      while (*p && !is_space (*p) && *p != ';')
        p++;
      return p > start ? g_strndup (start, p - start) : NULL;
    }
  return NULL;
}

static char *
charset_from_meta (const guint8 **pp, const guint8 *end)
{
  g_autofree char *charset = NULL;
  g_autofree char *content = NULL;
  gboolean http_equiv_content_type = FALSE;
  char *name, *value;

  while (read_attribute (pp, end, &name, &value))
    {
      if (strcmp (name, "charset") == 0 && charset == NULL)
        charset = g_strdup (value);
      else if (strcmp (name, "content") == 0 && content == NULL)
        content = g_strdup (value);
      else if (strcmp (name, "http-equiv") == 0 && g_ascii_strcasecmp (g_strstrip (value), "content-type") == 0)
        http_equiv_content_type = TRUE;
      g_free (name);
      g_free (value);
    }

  if (charset != NULL)
    return g_steal_pointer (&charset);
  if (http_equiv_content_type && content != NULL)
    return charset_from_content (content);
  return NULL;
}

/* The prescan of the HTML standard: walks tags (skipping comments) in the
 * first bytes of the page and returns the first charset a <meta> gives. */
static char *
prescan_meta (const guint8 *data, gsize length)
{
  const guint8 *p = data;
  const guint8 *end = data + MIN (length, PRESCAN_BYTES);

  while (p < end)
    {
      if (*p != '<')
        {
          p++;
          continue;
        }

      if (has_prefix_ci (p, end, "<!--"))
        {
          const guint8 *close = find_bytes (p + 4, end, "-->");

          if (close == NULL)
            return NULL;
          p = close + 3;
        }
      else if (has_prefix_ci (p, end, "<meta") && p + 5 < end && (is_space (p[5]) || p[5] == '/'))
        {
          char *label;

          p += 5;
          label = charset_from_meta (&p, end);
          if (label != NULL)
            {
              char *name = clipper_charset_normalize (label);

              g_free (label);
              if (name != NULL)
                {
                  /* A page that says it is UTF-16 in ASCII bytes is not. */
                  if (g_str_has_prefix (name, "UTF-16"))
                    {
                      g_free (name);
                      return g_strdup ("UTF-8");
                    }
                  return name;
                }
            }
        }
      else
        {
          /* Any other tag, end tag, <!DOCTYPE> or <?…>: skip to its end,
           * minding quoted attribute values that may hold a '>'. */
          guint8 quote = 0;

          for (p++; p < end; p++)
            {
              if (quote)
                {
                  if (*p == quote)
                    quote = 0;
                }
              else if (*p == '"' || *p == '\'')
                {
                  /* Quotes only count inside a tag, after its name. */
                  if (p[-1] == '=' || is_space (p[-1]))
                    quote = *p;
                }
              else if (*p == '>')
                break;
              else if (*p == '<')
                {
                  p--;
                  break;
                }
            }
          p++;
        }
    }
  return NULL;
}

/* <?xml version="1.0" encoding="…"?> at the very start (XHTML). */
static char *
xml_declaration_encoding (const guint8 *data, gsize length)
{
  const guint8 *end = data + MIN (length, 512);
  const guint8 *close;
  g_autofree char *decl = NULL;
  const char *enc;
  const char *p;
  char quote;

  if (!has_prefix_ci (data, end, "<?xml"))
    return NULL;
  close = find_bytes (data, end, "?>");
  if (close == NULL)
    return NULL;
  decl = g_strndup ((const char *) data, close - data);
  enc = strstr (decl, "encoding");
  if (enc == NULL)
    return NULL;
  p = enc + 8;
  while (is_space (*p))
    p++;
  if (*p++ != '=')
    return NULL;
  while (is_space (*p))
    p++;
  quote = *p++;
  if (quote != '"' && quote != '\'')
    return NULL;
  enc = p;
  while (*p && *p != quote)
    p++;
  return g_strndup (enc, p - enc);
}

char *
clipper_charset_sniff (const guint8         *data,
                       gsize                 length,
                       const char           *header_charset,
                       ClipperCharsetSource *out_source)
{
  ClipperCharsetSource source;
  char *name = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* A byte order mark wins over everything, the server's header included:
   * that is what the HTML standard and every browser do, because a BOM
   * cannot be there by accident while headers are often a server default. */
  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      source = CLIPPER_CHARSET_SOURCE_BOM;
      name = g_strdup ("UTF-8");
    }
  else if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      source = CLIPPER_CHARSET_SOURCE_BOM;
      name = g_strdup ("UTF-16LE");
    }
  else if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      source = CLIPPER_CHARSET_SOURCE_BOM;
      name = g_strdup ("UTF-16BE");
    }

  if (name == NULL && header_charset != NULL)
    {
      source = CLIPPER_CHARSET_SOURCE_HEADER;
      name = clipper_charset_normalize (header_charset);
    }

  if (name == NULL)
    {
      g_autofree char *label = xml_declaration_encoding (data, length);

      source = CLIPPER_CHARSET_SOURCE_META;
      if (label != NULL)
        name = clipper_charset_normalize (label);
      if (name == NULL)
        name = prescan_meta (data, length);
    }

  if (name == NULL)
    {
      source = CLIPPER_CHARSET_SOURCE_GUESS;
      if (g_utf8_validate_len ((const char *) data, length, NULL))
        name = g_strdup ("UTF-8");
      else
        name = g_strdup ("WINDOWS-1252");
    }

  if (out_source != NULL)
    *out_source = source;
  return name;
}

static const char replacement_char[] = "\xEF\xBF\xBD"; /* U+FFFD */

char *
clipper_charset_to_utf8 (const guint8 *data,
                         gsize         length,
                         const char   *charset,
                         gsize        *out_length)
{
  g_autoptr(GString) out = NULL;
  GIConv cd;
  gchar *in = (gchar *) data;
  gsize in_left = length;
  gsize unit = 1;
  char buf[16384];

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (charset != NULL, NULL);

  /* Most of the web: already valid UTF-8 (which has no NUL bytes, for
   * g_utf8_validate_len()), so a copy is all it takes. */
  if (g_ascii_strcasecmp (charset, "UTF-8") == 0 && g_utf8_validate_len ((const char *) data, length, NULL))
    {
      gsize skip = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

      if (out_length != NULL)
        *out_length = length - skip;
      return g_strndup ((const char *) data + skip, length - skip);
    }

  cd = g_iconv_open ("UTF-8", charset);
  if (cd == (GIConv) -1)
    cd = g_iconv_open ("UTF-8", "WINDOWS-1252");
  g_assert (cd != (GIConv) -1);

  /* A broken UTF-16 unit is two bytes; skipping one would misalign the rest. */
  if (g_ascii_strncasecmp (charset, "UTF-16", 6) == 0)
    unit = 2;

  out = g_string_sized_new (length + length / 4 + 16);
  while (in_left > 0)
    {
      gchar *outp = buf;
      gsize out_left = sizeof buf;
      gsize r = g_iconv (cd, &in, &in_left, &outp, &out_left);
      int saved_errno = errno;

      g_string_append_len (out, buf, outp - buf);
      if (r != (gsize) -1)
        continue;

      if (saved_errno == E2BIG)
        continue;
      /* An invalid sequence, or one cut off at the end of the page: the
       * page stays readable with a replacement character where it was. */
      g_string_append (out, replacement_char);
      if (saved_errno == EINVAL)
        break;
      in += MIN (unit, in_left);
      in_left -= MIN (unit, in_left);
    }

  /* Stateful encodings (ISO-2022-JP) may have a final shift sequence. */
  {
    gchar *outp = buf;
    gsize out_left = sizeof buf;

    g_iconv (cd, NULL, NULL, &outp, &out_left);
    g_string_append_len (out, buf, outp - buf);
  }
  g_iconv_close (cd);

  if (out->len >= 3 && memcmp (out->str, "\xEF\xBB\xBF", 3) == 0)
    g_string_erase (out, 0, 3);

  /* NUL is not a character a page can mean; it would also cut the C string. */
  if (memchr (out->str, '\0', out->len) != NULL)
    {
      GString *clean = g_string_sized_new (out->len + 16);

      for (gsize i = 0; i < out->len; i++)
        {
          if (out->str[i] == '\0')
            g_string_append (clean, replacement_char);
          else
            g_string_append_c (clean, out->str[i]);
        }
      g_string_free (out, TRUE);
      out = clean;
    }

  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

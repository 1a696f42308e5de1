/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Character sets of web pages: labels (BOM, header, <meta>) as the HTML
 * standard reads them, and for pages without any, a guess from the bytes
 * (guess_legacy_charset(): each legacy candidate scored on the decoded
 * non-ASCII text, windows-1252 unless another wins clearly).
 */
#define G_LOG_DOMAIN "clipper-fetch"

#include "clipper-charset.h"
#include "clipper-prescan.h"

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
      while (clipper_prescan_is_space (*p))
        p++;
      if (*p != '=')
        continue;
      p++;
      while (clipper_prescan_is_space (*p))
        p++;
      if (*p == '"' || *p == '\'')
        {
          char quote = *p++;
          const char *close = strchr (p, quote);

          return close ? g_strndup (p, close - p) : NULL;
        }
      start = p;
      while (*p && !clipper_prescan_is_space (*p) && *p != ';')
        p++;
      return p > start ? g_strndup (start, p - start) : NULL;
    }
  return NULL;
}

/* A <meta charset> or <meta http-equiv="content-type" content="…;
 * charset=…">: the label it gives, or NULL. */
static char *
charset_from_meta (const GPtrArray *names, const GPtrArray *values)
{
  const char *charset = NULL;
  const char *content = NULL;
  gboolean http_equiv_content_type = FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const char *value = g_ptr_array_index (values, i);

      if (strcmp (name, "charset") == 0 && charset == NULL)
        charset = value;
      else if (strcmp (name, "content") == 0 && content == NULL)
        content = value;
      else if (strcmp (name, "http-equiv") == 0)
        {
          g_autofree char *v = g_strstrip (g_strdup (value));

          http_equiv_content_type = http_equiv_content_type || g_ascii_strcasecmp (v, "content-type") == 0;
        }
    }

  if (charset != NULL)
    return g_strdup (charset);
  if (http_equiv_content_type && content != NULL)
    return charset_from_content (content);
  return NULL;
}

/* For the prescan: stops at the first <meta> naming a charset this system
 * knows, kept in *@user_data. */
static gboolean
on_charset_meta (const GPtrArray *names, const GPtrArray *values, gpointer user_data)
{
  char **out = user_data;
  g_autofree char *label = charset_from_meta (names, values);
  char *name = label != NULL ? clipper_charset_normalize (label) : NULL;

  if (name == NULL)
    return FALSE;
  /* A page that says it is UTF-16 in ASCII bytes is not. */
  if (g_str_has_prefix (name, "UTF-16"))
    {
      g_free (name);
      name = g_strdup ("UTF-8");
    }
  *out = name;
  return TRUE;
}

/* The first charset a <meta> among the page's first bytes gives. */
static char *
prescan_meta (const guint8 *data, gsize length)
{
  char *name = NULL;

  clipper_prescan_metas (data, length, PRESCAN_BYTES, on_charset_meta, &name);
  return name;
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

  if (!clipper_prescan_has_prefix_ci (data, end, "<?xml"))
    return NULL;
  close = clipper_prescan_find (data, end, "?>");
  if (close == NULL)
    return NULL;
  decl = g_strndup ((const char *) data, close - data);
  enc = strstr (decl, "encoding");
  if (enc == NULL)
    return NULL;
  p = enc + 8;
  while (clipper_prescan_is_space (*p))
    p++;
  if (*p++ != '=')
    return NULL;
  while (clipper_prescan_is_space (*p))
    p++;
  quote = *p++;
  if (quote != '"' && quote != '\'')
    return NULL;
  enc = p;
  while (*p && *p != quote)
    p++;
  return g_strndup (enc, p - enc);
}

/* ------------------------------------------------------------------------
 * Guessing the character set of a page that names none
 *
 * Old pages often say nothing about their encoding: the server sends plain
 * "text/html" and the page has no <meta charset>.  Browsers do not read
 * them as windows-1252 regardless; Firefox (chardetng) and Chrome
 * (compact_enc_det) look at the bytes.  We do the same, in a small way:
 * decode the non-ASCII bytes of the start of the page with each candidate
 * below and score how much the result looks like text in a language that
 * encoding is used for.  The highest score wins if it is clearly above
 * windows-1252's; otherwise windows-1252 stays, as the HTML standard says.
 *
 * Only non-ASCII bytes, with a few ASCII bytes of context on each side,
 * are looked at (ASCII decodes the same in every candidate), and only the
 * first GUESS_SAMPLE_HIGH_BYTES of them within the first GUESS_SCAN_BYTES
 * of the page, so a 5 MB page costs what a 20 KB one does.
 * ------------------------------------------------------------------------ */

/* Enough non-ASCII bytes for a confident answer (pages of Cyrillic, two
 * thousand Japanese characters) while the guess stays around a
 * millisecond (tests/bench/bench-charset.c). */
#define GUESS_SAMPLE_HIGH_BYTES 4096
/* Pages with a long ASCII head (inline scripts and styles) get their text
 * late; looking for it costs a fast scan of plain bytes. */
#define GUESS_SCAN_BYTES (1024 * 1024)
/* ASCII bytes kept on each side of a non-ASCII run: the neighbours tell a
 * letter inside a Latin word from one in a run of Cyrillic, and in the
 * multi-byte encodings a trail byte may be ASCII. */
#define GUESS_CONTEXT 3
/* Fewer non-ASCII bytes than this are no evidence against windows-1252. */
#define GUESS_MIN_HIGH_BYTES 4

#define N_SINGLE_BYTE 11
#define MAX_LANGUAGES 8
#define BYTE_UNDEFINED G_MAXUINT32

typedef enum {
  CJK_NONE,
  CJK_JAPANESE,
  CJK_CHINESE_SIMPLIFIED,
  CJK_CHINESE_TRADITIONAL,
  CJK_KOREAN,
} CjkLanguage;

/* The accented letters (lower case) of the languages written in a Latin
 * single-byte candidate.  Scoring a page against each language on its own
 * and keeping the best is what tells Czech in windows-1250 ("ř č ě") from
 * the same bytes in windows-1252 ("ø è ì"): every one of those is a letter,
 * but no language uses that mix. */
static const char *const latin_1252[] = {
  "àâæçèéêëîïôœùûüÿ",                   /* French */
  "àèéìíîòóù",                          /* Italian */
  "áàçéèíïñóòúü",                       /* Spanish, Catalan */
  "áâãàçéêíóôõú",                       /* Portuguese */
  "äöüßéèëïêáóô",                       /* German, Dutch */
  "åäöæøéü",                            /* Swedish, Finnish, Danish, Norwegian */
  "áéíóúýðþæö",                         /* Icelandic, Faroese */
  NULL,
};
/* Slovak's ŕ and ĺ and Turkish's â î û are left out: they are rare in
 * their languages, and they are what Italian "à" and Latvian "ā ī" become
 * in windows-1250 and windows-1254. */
static const char *const latin_1250[] = {
  "ąćęłńóśźż",                          /* Polish */
  "áčďéěíňóřšťúůýž",                    /* Czech */
  "áäčďéíľňóôšťúýž",                    /* Slovak */
  "áéíóöőúüű",                          /* Hungarian */
  "čćđšž",                              /* Croatian, Slovene, Bosnian */
  "ăâîşţ",                              /* Romanian (as windows-1250 has it) */
  NULL,
};
static const char *const latin_1254[] = { "çğıİöşü", NULL };  /* Turkish */
static const char *const latin_1257[] = {
  "ąčęėįšųūž",                          /* Lithuanian */
  "āčēģīķļņšūž",                        /* Latvian */
  "äöõüšž",                             /* Estonian */
  NULL,
};
static const char *const latin_1256[] = { "àâçèéêëîïôùûü", NULL }; /* French words in Arabic pages */
static const char *const latin_none[] = { "", NULL };

typedef struct {
  const char         *name;        /* as clipper_charset_normalize() names it */
  GUnicodeScript      script;      /* the script of its letters (used for single-byte ones) */
  const char *const  *latin;       /* its languages' accented Latin letters */
  CjkLanguage         cjk;         /* CJK_NONE for the single-byte ones */
} Candidate;

/* windows-1252 first: it is the default, and it wins ties. */
static const Candidate candidates[] = {
  { "WINDOWS-1252", G_UNICODE_SCRIPT_LATIN, latin_1252, CJK_NONE },
  { "WINDOWS-1250", G_UNICODE_SCRIPT_LATIN, latin_1250, CJK_NONE },
  { "WINDOWS-1254", G_UNICODE_SCRIPT_LATIN, latin_1254, CJK_NONE },
  { "WINDOWS-1257", G_UNICODE_SCRIPT_LATIN, latin_1257, CJK_NONE },
  { "WINDOWS-1251", G_UNICODE_SCRIPT_CYRILLIC, latin_none, CJK_NONE },
  { "KOI8-R", G_UNICODE_SCRIPT_CYRILLIC, latin_none, CJK_NONE },
  /* KOI8-U is KOI8-R with Ukrainian letters in place of eight box-drawing
   * characters: a Russian page scores the same in both and stays KOI8-R,
   * a Ukrainian one gets its і ї є ґ. */
  { "KOI8-U", G_UNICODE_SCRIPT_CYRILLIC, latin_none, CJK_NONE },
  { "WINDOWS-1253", G_UNICODE_SCRIPT_GREEK, latin_none, CJK_NONE },
  { "WINDOWS-1255", G_UNICODE_SCRIPT_HEBREW, latin_none, CJK_NONE },
  { "WINDOWS-1256", G_UNICODE_SCRIPT_ARABIC, latin_1256, CJK_NONE },
  { "CP874", G_UNICODE_SCRIPT_THAI, latin_none, CJK_NONE },
  { "CP932", G_UNICODE_SCRIPT_HAN, latin_none, CJK_JAPANESE },
  { "EUC-JP", G_UNICODE_SCRIPT_HAN, latin_none, CJK_JAPANESE },
  { "GB18030", G_UNICODE_SCRIPT_HAN, latin_none, CJK_CHINESE_SIMPLIFIED },
  { "BIG5-HKSCS", G_UNICODE_SCRIPT_HAN, latin_none, CJK_CHINESE_TRADITIONAL },
  { "CP949", G_UNICODE_SCRIPT_HANGUL, latin_none, CJK_KOREAN },
};

/* The most frequent characters of running text in each language, from
 * general knowledge of the language (news and prose), not from another
 * project's tables.  A right decode hits them often (the first few hundred
 * Chinese characters make up about half of any text); a wrong decode of the
 * same bytes gives characters spread evenly over thousands, and rarely hits
 * them.  They also tell GB18030 from Big5, as only one of the two turns the
 * bytes into common simplified (or traditional) characters. */
static const char frequent_hans[] =
  "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后"
  "作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因"
  "只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应"
  "战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿"
  "原东声提立及比员解水名真论处走义各入几口认条平系气题活更别打女变四神总何电数安少报才结反受目太量"
  "再感建务做接必场件计管期市直资命山金指克许统区保至队形社便空决治展马科司五基书非则听白界达光放强"
  "即像难权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识";
static const char frequent_hant[] =
  "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後"
  "作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因"
  "只從想實日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應"
  "戰向頭文體政美相見被利什二等產或新己制身果加西斯月話合回特代內信表化老給世位次度門任常先海通教兒"
  "原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活更別打女變四神總何電數安少報才結反受目太量"
  "再感建務做接必場件計管期市直資命山金指克許統區保至隊形社便空決治展馬科司五基書非則聽白界達光放強"
  "即像難權思王象完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今切院讓識臺";
static const char frequent_kanji[] =
  "日本人年大一中国出会十二三上時行生事分見月学間自前後手長部地合方社業問内的発気動高円市新場同立要"
  "定開理作関全体法家相情対子最明外代実性目物政民経強言名通化連東取書近意主世数以当向戦報議選金表力"
  "加米何公思用保済制度話海道京都私今来小下女男回山田川水万千百入電車語読聞持待使住働教先週午毎朝夜"
  "店駅病院画写真音楽料理知考感初結果利所者書記員首相党領";
static const char frequent_hangul[] =
  "이다는의에가고을를하한지서로기도으사대리나인어자수시해아주정있것들게일적라전성부상여과만장제보내요"
  "면와문우동소국세원관할없했경신생개마구학중된그위공발업연조비미무방모화까던또음때같년말분및회안실";

/* What one byte means in one single-byte candidate, worked out once so
 * that scoring a page is table lookups only. */
typedef enum {
  KIND_OTHER,        /* ASCII digits, punctuation, space */
  KIND_UNDEFINED,    /* no character at that position */
  KIND_CONTROL,      /* a C1 control: never in text */
  KIND_SPACE,        /* no-break space, soft hyphen */
  KIND_LETTER,       /* letters and combining marks */
  KIND_PUNCT,        /* punctuation that text uses: quotes, dashes, «», €, © */
  KIND_JOINER,       /* punctuation that sits inside words: ’ ·, Hebrew maqaf and geresh */
  KIND_SYMBOL,       /* anything else: ¤ ¦ ¨ ¯ ¹ ³ ¬, box drawing… */
} ByteKind;

typedef struct {
  guint8  kind;
  guint8  ascii;          /* the byte is ASCII */
  guint8  lower;
  guint8  upper;
  guint8  rare;           /* a letter of its script that text seldom uses */
  guint8  vowel;          /* a Cyrillic or Greek vowel */
  guint8  frequent;       /* one of its script's most frequent letters */
  guint8  final;          /* a letter that only ends words */
  guint8  languages;      /* bit i: a letter of the candidate's language i */
  guint16 script;         /* letters and marks: their GUnicodeScript */
  gunichar ch;
} ByteInfo;

typedef struct {
  ByteInfo single_byte[N_SINGLE_BYTE][256];
  guint8   hans[(0xA000 - 0x4E00) / 8];
  guint8   hant[(0xA000 - 0x4E00) / 8];
  guint8   kanji[(0xA000 - 0x4E00) / 8];
  guint8   hangul[(0xD7A4 - 0xAC00) / 8 + 1];
} GuessTables;

static GuessTables guess_tables;

/* Letters that are real but rare in running text (well under 1% each),
 * while in the other encodings of the same script the same bytes are
 * frequent letters: Russian "о" and "а" read as windows-1253 are "ξ" and
 * "ΰ"; Greek "τ" and "ύ" read as windows-1251 are "ф" and "э".  The Thai
 * ones (obsolete or used in a few Pali and Sanskrit words) are where the
 * common lead bytes of GB2312 and EUC-KR fall in windows-874. */
static const char rare_letters[] = "фэъщѓђќћџѕ" "ξψζΰΐϊϋ" "ฃฅฆฌฎฏฐฑฒฬฤฦๅ";

/* The handful of letters that make up a third to a half of running text
 * in each script (Russian, Ukrainian and Bulgarian; Greek; Hebrew; Arabic;
 * Thai), from general knowledge of these languages.  A wrong decode of the
 * same bytes turns them into other letters, so it meets these far less
 * often: Russian "о е а и" read as windows-1256 are "د إ ء ة", none of them
 * Arabic's common letters "ا ل ي". */
static const char frequent_letters[] = "оеаинтсрі" "αοειτνσςηκ" "יוהלמאר" "اليمونه" "านอรกงเม";

/* Every Cyrillic or Greek word of three letters or more has a vowel; the
 * consonant clusters that Hebrew or Greek bytes read as Cyrillic give
 * ("бтшб") do not. */
static const char vowels[] = "аеёиоуыэюяіїєў" "αεηιουωάέήίόύώϊϋΐΰ";

/* Letters that only end a word: Hebrew final forms, Arabic teh marbuta and
 * alef maksura, Greek final sigma. */
static const char final_letters[] = "ךםןףץ" "ةى" "ς";

static gboolean
is_common_punct (gunichar c)
{
  static const gunichar common[] = {
    0x201C, 0x201D, 0x201E, 0x2018, 0x201A, 0x2013, 0x2014, 0x2026, 0x00AB, 0x00BB,
    0x2022, 0x00B0, 0x00A9, 0x00AE, 0x2122, 0x20AC, 0x00A7, 0x00BF, 0x00A1, 0x2116,
    0x00A3, 0x00D7, 0x060C, 0x061B, 0x061F,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (common); i++)
    if (common[i] == c)
      return TRUE;
  return FALSE;
}

static void
set_bits (guint8 *bits, gunichar first, gunichar last, const char *chars)
{
  for (const char *p = chars; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert (c >= first && c <= last);
      bits[(c - first) / 8] |= 1 << ((c - first) % 8);
    }
}

static gboolean
has_bit (const guint8 *bits, gunichar first, gunichar c)
{
  return (bits[(c - first) / 8] >> ((c - first) % 8)) & 1;
}

static gunichar
decode_one_byte (GIConv cd, guint8 byte)
{
  gchar in[1] = { (gchar) byte };
  gchar out[8];
  gchar *inp = in, *outp = out;
  gsize in_left = 1, out_left = sizeof out;

  g_iconv (cd, NULL, NULL, NULL, NULL);
  if (g_iconv (cd, &inp, &in_left, &outp, &out_left) == (gsize) -1 || in_left != 0)
    return BYTE_UNDEFINED;
  /* glibc's windows-1255 holds a letter back in case a combining point
   * follows; flushing gives it out. */
  g_iconv (cd, NULL, NULL, &outp, &out_left);
  if (outp == out)
    return BYTE_UNDEFINED;
  return g_utf8_get_char_validated (out, outp - out);
}

static ByteInfo
describe_char (gunichar c, const char *const *latin)
{
  ByteInfo info = { .ch = c, .kind = KIND_OTHER };

  if (c == BYTE_UNDEFINED || c == (gunichar) -2 || c == 0xFFFD)
    {
      info.kind = KIND_UNDEFINED;
      info.ch = BYTE_UNDEFINED;
      return info;
    }
  info.ascii = c < 0x80;
  if (g_unichar_isalpha (c) || g_unichar_ismark (c))
    {
      GUnicodeScript script = g_unichar_get_script (c);
      gunichar lower = g_unichar_tolower (c);

      info.kind = KIND_LETTER;
      info.script = script;
      info.lower = g_unichar_islower (c);
      info.upper = g_unichar_isupper (c);
      if (info.ascii)
        return info;
      info.rare = g_utf8_strchr (rare_letters, -1, lower) != NULL;
      info.vowel = g_utf8_strchr (vowels, -1, lower) != NULL;
      info.final = g_utf8_strchr (final_letters, -1, c) != NULL;
      info.frequent = g_utf8_strchr (frequent_letters, -1, lower) != NULL;
      if (script == G_UNICODE_SCRIPT_LATIN)
        for (guint i = 0; latin[i] != NULL; i++)
          if (g_utf8_strchr (latin[i], -1, c) != NULL || g_utf8_strchr (latin[i], -1, lower) != NULL)
            info.languages |= 1 << i;
    }
  else if (info.ascii)
    info.kind = KIND_OTHER;
  else if (c == 0xA0 || c == 0xAD)
    info.kind = KIND_SPACE;
  else if (g_unichar_iscntrl (c))
    info.kind = KIND_CONTROL;
  else if (c == 0x2019 || c == 0x00B7 || c == 0x05BE || c == 0x05F3 || c == 0x05F4)
    info.kind = KIND_JOINER;
  else if (is_common_punct (c))
    info.kind = KIND_PUNCT;
  else
    info.kind = KIND_SYMBOL;
  return info;
}

static gpointer
init_guess_tables (gpointer unused)
{
  for (guint i = 0; i < N_SINGLE_BYTE; i++)
    {
      const Candidate *cand = &candidates[i];
      GIConv cd = g_iconv_open ("UTF-8", cand->name);

      g_assert (cand->cjk == CJK_NONE);
      g_assert (g_strv_length ((char **) cand->latin) <= MAX_LANGUAGES);
      for (guint b = 0; b < 256; b++)
        {
          gunichar c = b < 0x80 ? b : BYTE_UNDEFINED;

          if (b >= 0x80 && cd != (GIConv) -1)
            c = decode_one_byte (cd, b);
          guess_tables.single_byte[i][b] = describe_char (c, cand->latin);
        }
      if (cd != (GIConv) -1)
        g_iconv_close (cd);
    }
  g_assert (candidates[N_SINGLE_BYTE].cjk != CJK_NONE);

  set_bits (guess_tables.hans, 0x4E00, 0x9FFF, frequent_hans);
  set_bits (guess_tables.hant, 0x4E00, 0x9FFF, frequent_hant);
  set_bits (guess_tables.kanji, 0x4E00, 0x9FFF, frequent_kanji);
  set_bits (guess_tables.hangul, 0xAC00, 0xD7A3, frequent_hangul);
  return NULL;
}

/* The first non-ASCII byte at or after i: eight bytes at a time, as the
 * head of a page (scripts, styles) is often hundreds of KB of ASCII. */
static gsize
skip_ascii (const guint8 *data, gsize i, gsize end)
{
  while (i + 8 <= end)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      if (word & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
      i += 8;
    }
  while (i < end && data[i] < 0x80)
    i++;
  return i;
}

/* The bytes the guess looks at: every non-ASCII run of the scanned prefix
 * with GUESS_CONTEXT ASCII bytes on each side, longer ASCII stretches
 * between runs shortened to a single space. */
static GByteArray *
collect_sample (const guint8 *data, gsize length, gsize *out_high)
{
  GByteArray *sample = g_byte_array_new ();
  gsize end = MIN (length, GUESS_SCAN_BYTES);
  gsize high = 0;
  gsize i = 0;

  while (i < end && high < GUESS_SAMPLE_HIGH_BYTES)
    {
      gsize j = skip_ascii (data, i, end), k;

      if (j == end)
        break;

      if (sample->len == 0)
        {
          gsize keep = MIN (j - i, GUESS_CONTEXT);

          g_byte_array_append (sample, data + j - keep, keep);
        }
      else if (j - i <= 2 * GUESS_CONTEXT + 1)
        g_byte_array_append (sample, data + i, j - i);
      else
        {
          g_byte_array_append (sample, data + i, GUESS_CONTEXT);
          g_byte_array_append (sample, (const guint8 *) " ", 1);
          g_byte_array_append (sample, data + j - GUESS_CONTEXT, GUESS_CONTEXT);
        }

      /* A page of CJK text may have no ASCII byte for a megabyte: the run
       * is cut at the limit too (the sequence cut there is forgiven, see
       * score_multi_byte()). */
      for (k = j; k < end && data[k] >= 0x80 && high + (k - j) < GUESS_SAMPLE_HIGH_BYTES; k++)
        ;
      g_byte_array_append (sample, data + j, k - j);
      high += k - j;
      i = k;
    }

  if (sample->len > 0)
    g_byte_array_append (sample, data + i, MIN (end - i, GUESS_CONTEXT));
  *out_high = high;
  return sample;
}

static gboolean
info_is_letter (const ByteInfo *info)
{
  return info->kind == KIND_LETTER;
}

/* Two letters may stand side by side in a word when they are of one
 * script; combining marks (Arabic vowel signs) go with anything. */
static gboolean
same_script (const ByteInfo *a, const ByteInfo *b)
{
  return a->script == b->script
         || a->script == G_UNICODE_SCRIPT_INHERITED || b->script == G_UNICODE_SCRIPT_INHERITED
         || a->script == G_UNICODE_SCRIPT_COMMON || b->script == G_UNICODE_SCRIPT_COMMON;
}

static gboolean
is_thai_consonant (gunichar c)
{
  return c >= 0x0E01 && c <= 0x0E2E;
}

static gboolean
is_thai_vowel_above_below (gunichar c)
{
  return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || c == 0x0E47;
}

/* Thai is written without spaces and every byte of 0xA1–0xFB is a Thai
 * character, so any multi-byte text read as windows-874 gives "runs of Thai
 * letters".  What it does not give is Thai spelling: vowel signs and tone
 * marks sit on a consonant (a tone mark may sit on a vowel sign above it),
 * and the vowels written before a consonant (เ แ โ ใ ไ) are followed by
 * one. */
static int
score_thai_order (const ByteInfo *p, const ByteInfo *c, const ByteInfo *n)
{
  gunichar ch = c->ch;

  if (is_thai_vowel_above_below (ch) || (ch >= 0x0E48 && ch <= 0x0E4E))
    {
      if (is_thai_consonant (p->ch))
        return 0;
      if (ch >= 0x0E48 && ch <= 0x0E4C && is_thai_vowel_above_below (p->ch))
        return 0;
      return -4;
    }
  if (ch >= 0x0E40 && ch <= 0x0E44 && !is_thai_consonant (n->ch))
    return -4;
  return 0;
}

static int
score_single_byte_char (const Candidate *cand,
                        const ByteInfo  *p,
                        const ByteInfo  *c,
                        const ByteInfo  *n)
{
  gboolean between_letters = info_is_letter (p) && info_is_letter (n);
  int score = 0;

  switch ((ByteKind) c->kind)
    {
    case KIND_UNDEFINED:
    case KIND_CONTROL:
      /* A byte the encoding leaves undefined, or a C1 control, is the
       * strongest sign a candidate is wrong. */
      return -6;
    case KIND_SPACE:
    case KIND_OTHER:
      return 0;
    case KIND_JOINER:
      return 0;
    case KIND_PUNCT:
      /* Quotes and dashes are common, but not inside a word: “ between two
       * letters is a letter of another encoding (Polish ś read as œ is a
       * letter; ¿ for ż is not). */
      return between_letters ? -4 : 0;
    case KIND_SYMBOL:
      return between_letters ? -4 : -2;
    case KIND_LETTER:
      break;
    }

  if (c->script == G_UNICODE_SCRIPT_INHERITED || c->script == G_UNICODE_SCRIPT_COMMON)
    return 0;

  /* Letters of two scripts do not make up one word. */
  if ((!p->ascii && info_is_letter (p) && !same_script (p, c))
      || (!n->ascii && info_is_letter (n) && !same_script (n, c)))
    score -= 3;

  if (c->script == G_UNICODE_SCRIPT_LATIN)
    {
      /* Accented letters of Latin-script languages sit among plain ASCII
       * letters ("café", "Straße"); runs made of nothing but accented
       * letters are what Cyrillic or Greek read as Latin look like. */
      if ((p->ascii && info_is_letter (p)) || (n->ascii && info_is_letter (n)))
        score += 2;
      else if (info_is_letter (p) && info_is_letter (n))
        score -= 1;
      /* Standing alone, only small words like French "à" and Italian "è"
       * are letters; a capital there is a symbol of another encoding
       * ("£250" is "Ł250" in windows-1250). */
      else if (!info_is_letter (p) && !info_is_letter (n) && c->upper)
        return score - 1;
    }
  else if (c->script == cand->script)
    {
      /* A letter standing alone between punctuation or spaces is more
       * likely a symbol of another encoding than a one-letter word (the
       * "¶" after each heading of Sphinx documentation is "ถ" in
       * windows-874 and "і" in KOI8-U), so it earns nothing. */
      if (!info_is_letter (p) && !info_is_letter (n))
        return score - 1;
      /* Cyrillic, Greek, Hebrew, Arabic and Thai letters come in runs of
       * their own script and never inside an ASCII word. */
      if ((p->ascii && info_is_letter (p)) || (n->ascii && info_is_letter (n)))
        score -= 2;
      else
        score += 2;
      if (c->frequent)
        score += 2;
    }
  else
    score -= 3;

  /* Text is mostly lower case, with capitals at the start of words: this
   * is what tells windows-1251 from KOI8-R, whose cases are swapped, and
   * Arabic or Hebrew from the runs of capitals they become in Greek or
   * Cyrillic.  Scripts without case count as lower case. */
  if (c->upper)
    {
      if (info_is_letter (p) && p->lower)
        score -= 3;
      else if (info_is_letter (p) && p->upper)
        score -= 1;
    }
  else
    score += 1;

  if (c->rare)
    score -= 3;

  if (c->script == G_UNICODE_SCRIPT_THAI)
    score += score_thai_order (p, c, n);

  if (c->final && info_is_letter (n))
    score -= 3;
  /* Greek σ never ends a word. */
  if (c->ch == 0x03C3 && !info_is_letter (n) && info_is_letter (p))
    score -= 2;

  return score;
}

static int
score_single_byte (guint index, const guint8 *s, gsize len)
{
  const Candidate *cand = &candidates[index];
  const ByteInfo *table = guess_tables.single_byte[index];
  int in[MAX_LANGUAGES] = { 0 }, out[MAX_LANGUAGES] = { 0 };
  guint n_languages = g_strv_length ((char **) cand->latin);
  int score = 0, best_language = G_MININT;
  guint run = 0, thai_consonants = 0;
  gboolean run_has_vowel = FALSE;

  for (gsize i = 0; i <= len; i++)
    {
      const ByteInfo *c = &table[i < len ? s[i] : ' '];
      const ByteInfo *p, *n;

      /* Runs of letters of the candidate's own script (one past the end
       * closes the last one). */
      if (c->kind == KIND_LETTER && !c->ascii && c->script == cand->script)
        {
          run++;
          run_has_vowel |= c->vowel;
        }
      else if (run > 0)
        {
          /* Cyrillic and Greek words need a vowel (see vowels[]). */
          if ((cand->script == G_UNICODE_SCRIPT_CYRILLIC || cand->script == G_UNICODE_SCRIPT_GREEK)
              && run >= 3 && !run_has_vowel)
            score -= 2 * run;
          /* Thai writes no spaces between words, so its runs are long; runs
           * of one or two are what punctuation of GB2312 or Big5 ("—" is
           * "\xa1\xaa") reads as in windows-874. */
          if (cand->script == G_UNICODE_SCRIPT_THAI && run <= 2)
            score -= 3 * run;
          run = 0;
          run_has_vowel = FALSE;
        }
      if (i == len)
        break;

      /* Thai spells most syllables with a vowel sign: four consonants in a
       * row are rare in Thai and common in CJK bytes read as windows-874. */
      if (cand->script == G_UNICODE_SCRIPT_THAI && is_thai_consonant (c->ch))
        {
          if (++thai_consonants >= 4)
            score -= 3;
        }
      else
        thai_consonants = 0;

      if (c->ascii)
        continue;
      p = &table[i > 0 ? s[i - 1] : ' '];
      n = &table[i + 1 < len ? s[i + 1] : ' '];
      score += score_single_byte_char (cand, p, c, n);
      /* Letters inside words tell the language; a lone one may be a symbol
       * of another encoding (see above). */
      if (c->kind == KIND_LETTER && c->script == G_UNICODE_SCRIPT_LATIN
          && (info_is_letter (p) || info_is_letter (n)))
        for (guint l = 0; l < n_languages; l++)
          {
            if (c->languages & (1 << l))
              in[l]++;
            else
              out[l]++;
          }
    }

  /* The page is in one language: its accented letters should be that
   * language's. */
  for (guint l = 0; l < n_languages; l++)
    best_language = MAX (best_language, 2 * in[l] - 3 * out[l]);
  return score + best_language;
}

static int
score_cjk_char (CjkLanguage language, gunichar c)
{
  GUnicodeType type;

  /* Hiragana carry Japanese grammar (particles, endings) and make up about
   * half of any Japanese text; Chinese and Korean pages have none. */
  if (c >= 0x3041 && c <= 0x309F)
    return language == CJK_JAPANESE ? 3 : -3;
  if (c >= 0x30A0 && c <= 0x30FF)
    return language == CJK_JAPANESE ? 2 : -2;
  /* Runs of half-width katakana are what EUC-JP read as Shift_JIS gives;
   * real pages rarely use them. */
  if (c >= 0xFF61 && c <= 0xFF9F)
    return -2;
  if (c >= 0xAC00 && c <= 0xD7A3)
    {
      if (language != CJK_KOREAN)
        return -3;
      return has_bit (guess_tables.hangul, 0xAC00, c) ? 3 : 2;
    }
  /* Lone jamo are not written in text; they are what kana bytes become in
   * EUC-KR. */
  if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F))
    return -3;
  if (c >= 0x4E00 && c <= 0x9FFF)
    {
      switch (language)
        {
        case CJK_JAPANESE:
          return has_bit (guess_tables.kanji, 0x4E00, c) ? 3 : 1;
        case CJK_CHINESE_SIMPLIFIED:
          return has_bit (guess_tables.hans, 0x4E00, c) ? 3 : 1;
        case CJK_CHINESE_TRADITIONAL:
          return has_bit (guess_tables.hant, 0x4E00, c) ? 3 : 1;
        case CJK_KOREAN:
          /* Korean text today is almost all Hangul, but older or formal
           * pages write Sino-Korean words in Hanja. */
          return 1;
        case CJK_NONE:
        default:
          return 0;
        }
    }
  if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000)
    return -6;
  /* Rare ideographs (extension A and beyond, compatibility forms). */
  if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000)
    return -2;
  /* 、。「」 and full-width forms are in every CJK page. */
  if (c >= 0x3000 && c <= 0x303F)
    return 1;
  if (c >= 0xFF01 && c <= 0xFF5E)
    return 0;
  type = g_unichar_type (c);
  if (type == G_UNICODE_UNASSIGNED || type == G_UNICODE_CONTROL || type == G_UNICODE_PRIVATE_USE
      || type == G_UNICODE_SURROGATE)
    return -6;
  /* Greek, Cyrillic, box drawing, Latin with accents: present in the CJK
   * character sets, rare in CJK text, common in wrong decodes. */
  return -1;
}

/* Decodes the sample with a multi-byte candidate and scores the characters;
 * FALSE when the bytes are not text in it (more than a stray broken
 * sequence). */
static gboolean
score_multi_byte (guint index, const guint8 *s, gsize len, gsize high, int *out_score)
{
  const Candidate *cand = &candidates[index];
  GIConv cd = g_iconv_open ("UTF-32LE", cand->name);
  g_autoptr(GArray) chars = NULL;
  gchar *in = (gchar *) s;
  gsize in_left = len;
  gsize invalid = 0;
  int score = 0;

  if (cd == (GIConv) -1)
    return FALSE;

  chars = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), len);

  while (in_left > 0)
    {
      guint32 buf[1024];
      gchar *outp = (gchar *) buf;
      gsize out_left = sizeof buf;
      gsize r = g_iconv (cd, &in, &in_left, &outp, &out_left);
      int saved_errno = errno;

      for (guint32 *c = buf; c < (guint32 *) outp; c++)
        {
          gunichar ch = GUINT32_FROM_LE (*c);

          g_array_append_val (chars, ch);
        }

      if (r != (gsize) -1 || saved_errno == E2BIG)
        continue;
      /* A sequence cut off by the end of the sample is not the page's
       * fault. */
      if (saved_errno == EINVAL)
        break;
      /* Real pages have the odd broken character; a wrong multi-byte
       * decode of single-byte text breaks at nearly every word, and need
       * not be decoded to the end. */
      if (++invalid > high / 512)
        break;
      in++;
      in_left--;
    }
  g_iconv_close (cd);

  if (invalid > high / 512)
    return FALSE;

  for (guint i = 0; i < chars->len; i++)
    {
      gunichar ch = g_array_index (chars, gunichar, i);
      gunichar prev = i > 0 ? g_array_index (chars, gunichar, i - 1) : ' ';
      gunichar next = i + 1 < chars->len ? g_array_index (chars, gunichar, i + 1) : ' ';
      int points;

      if (ch < 0x80)
        continue;

      /* An accented letter of a Latin word and the ASCII letter after it
       * make a valid two-byte character in GBK or Big5 ("é" + "t"); CJK
       * text seldom glues its characters to ASCII words. */
      if (prev < 0x80 && g_ascii_isalpha (prev))
        {
          score -= g_ascii_isalpha (next) ? 10 : 4;
          continue;
        }

      /* A character that decoded from a valid multi-byte sequence and is
       * plausible in the language gets a point for that too: single-byte
       * readings of the same bytes never fail, so they need no such help.
       * Everything counts twice, as the single-byte candidates score per
       * byte and these characters are two bytes. */
      points = score_cjk_char (cand->cjk, ch);
      score += 2 * (points > 0 ? points + 1 : points);
    }
  *out_score = score - 40 * (int) invalid;
  return TRUE;
}

/* A UTF-8 page with a broken byte somewhere (a bad paste, a mangled
 * upload, a Latin-1 "é" typed into a UTF-8 file) is not valid UTF-8, but a
 * browser still reads it as UTF-8, and so do we: legacy text is almost
 * never valid UTF-8 for more than a character or two in a row, so many
 * valid multi-byte characters with few broken ones are UTF-8.  A
 * character of three or four bytes counts twice: a lead byte followed by
 * two continuation bytes is rarer still in legacy text (a windows-1251
 * capital before "ё" or "і" makes a valid pair, hardly ever a triple),
 * and it is what typographic quotes and dashes are.  Until 30 November
 * 2026 it took 16 good characters for each broken one, at least 8: a short
 * French file with four accents in UTF-8 and one in Latin-1 was read as
 * windows-1252, each good accent two wrong letters ("cÅ“ur"), unsaid; read
 * as UTF-8, the broken byte is one U+FFFD that the Kindle import reports. */
static gboolean
sample_is_mostly_utf8 (const guint8 *s, gsize len)
{
  const char *p = (const char *) s, *end = p + len;
  gsize chars = 0, weight = 0, broken = 0;

  while (p < end)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -2)
        break;               /* cut off by the end of the sample */
      if (c == (gunichar) -1)
        {
          broken++;
          p++;
          continue;
        }
      chars++;
      weight += c >= 0x800 ? 2 : 1;
      p = g_utf8_next_char (p);
    }
  return (chars >= 8 && broken * 16 <= chars) || (weight >= 4 && broken * 4 <= weight);
}

/* Returns the iconv name of the most plausible encoding for bytes that are
 * not valid UTF-8 and name no encoding. */
static char *
guess_legacy_charset (const guint8 *data, gsize length)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr(GByteArray) sample = NULL;
  gsize high = 0;
  guint best = 0;
  int best_score = G_MININT, default_score = 0;

  g_once (&once, init_guess_tables, NULL);

  sample = collect_sample (data, length, &high);
  if (high == 0)
    return g_strdup ("WINDOWS-1252");
  if (sample_is_mostly_utf8 (sample->data, sample->len))
    return g_strdup ("UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      int score;

      if (candidates[i].cjk == CJK_NONE)
        score = score_single_byte (i, sample->data, sample->len);
      else if (!score_multi_byte (i, sample->data, sample->len, high, &score))
        continue;

      g_debug ("charset guess: %s scores %d", candidates[i].name, score);
      if (i == 0)
        default_score = score;
      if (score > best_score)
        {
          best = i;
          best_score = score;
        }
    }

  /* Another candidate must win clearly, and look like text at all: a
   * couple of stray bytes ("\xc4\xe0" is "Да" in windows-1251 and "Äà" in
   * windows-1252), or binary junk, is no reason to leave the standard's
   * default. */
  if (high >= GUESS_MIN_HIGH_BYTES && best != 0 && best_score > 0
      && best_score >= default_score + 4 + (int) (high / 16))
    return g_strdup (candidates[best].name);
  return g_strdup ("WINDOWS-1252");
}

/* The encoding a byte order mark at the start of @data names, as the HTML
 * standard reads one (UTF-8, UTF-16LE or UTF-16BE); NULL without. */
static const char *
bom_charset (const guint8 *data, gsize length)
{
  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return "UTF-8";
  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    return "UTF-16LE";
  if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return "UTF-16BE";
  return NULL;
}

/* Bytes that name no encoding: UTF-8 when they are, else the guess. */
static char *
guess_unlabelled (const guint8 *data, gsize length)
{
  if (g_utf8_validate_len ((const char *) data, length, NULL))
    return g_strdup ("UTF-8");
  return guess_legacy_charset (data, length);
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
  source = CLIPPER_CHARSET_SOURCE_BOM;
  name = g_strdup (bom_charset (data, length));

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
      name = guess_unlabelled (data, length);
    }

  if (out_source != NULL)
    *out_source = source;
  return name;
}

/* UTF-16 without a byte order mark, told by its NUL bytes: the high half of
 * every ASCII character (all of a Kindle file's headers and separators),
 * while UTF-8 and the legacy encodings have none.  All of them on one side
 * of the pairs, or it is no UTF-16 text; NULL when there are none. */
static const char *
utf16_by_nul_bytes (const guint8 *data, gsize length)
{
  gsize n = MIN (length, PRESCAN_BYTES) & ~(gsize) 1;
  gsize even = 0, odd = 0;

  for (gsize i = 0; i < n; i += 2)
    {
      even += data[i] == 0;
      odd += data[i + 1] == 0;
    }
  /* One byte in 16 at least: a stray NUL in a UTF-8 file makes no UTF-16. */
  if (odd > 0 && even == 0 && odd >= n / 16)
    return "UTF-16LE";
  if (even > 0 && odd == 0 && even >= n / 16)
    return "UTF-16BE";
  return NULL;
}

char *
clipper_charset_guess_text (const guint8         *data,
                            gsize                 length,
                            ClipperCharsetSource *out_source)
{
  const char *wide = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (out_source != NULL)
    *out_source = CLIPPER_CHARSET_SOURCE_BOM;
  /* UTF-32LE's mark starts as UTF-16LE's does: looked for first.  (A
   * UTF-16 file that starts with U+0000 is no text.) */
  if (length >= 4 && memcmp (data, "\xFF\xFE\0\0", 4) == 0)
    return g_strdup ("UTF-32LE");
  if (length >= 4 && memcmp (data, "\0\0\xFE\xFF", 4) == 0)
    return g_strdup ("UTF-32BE");
  if (bom_charset (data, length) != NULL)
    return g_strdup (bom_charset (data, length));

  /* A <meta charset> or an XML declaration in a text file is text, not a
   * label: only the bytes tell. */
  if (out_source != NULL)
    *out_source = CLIPPER_CHARSET_SOURCE_GUESS;
  wide = utf16_by_nul_bytes (data, length);
  if (wide != NULL)
    return g_strdup (wide);
  return guess_unlabelled (data, length);
}

static const char replacement_char[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Appends U+FFFD to @out for bytes that could not be read, and where it
 * stands to @unreadable (nullable). */
static void
append_replacement (GString *out, GArray *unreadable)
{
  if (unreadable != NULL)
    {
      gsize at = out->len;

      g_array_append_val (unreadable, at);
    }
  g_string_append (out, replacement_char);
}

char *
clipper_charset_to_utf8 (const guint8 *data,
                         gsize         length,
                         const char   *charset,
                         gsize        *out_length)
{
  return clipper_charset_decode (data, length, charset, out_length, NULL);
}

char *
clipper_charset_decode (const guint8 *data,
                        gsize         length,
                        const char   *charset,
                        gsize        *out_length,
                        GArray      **out_unreadable)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GArray) unreadable = NULL;
  GIConv cd;
  gchar *in = (gchar *) data;
  gsize in_left = length;
  gsize unit = 1;
  char buf[16384];

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (charset != NULL, NULL);

  if (out_unreadable != NULL)
    unreadable = g_array_new (FALSE, FALSE, sizeof (gsize));

  /* Most of the web: already valid UTF-8 (which has no NUL bytes, for
   * g_utf8_validate_len()), so a copy is all it takes. */
  if (g_ascii_strcasecmp (charset, "UTF-8") == 0 && g_utf8_validate_len ((const char *) data, length, NULL))
    {
      gsize skip = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

      if (out_length != NULL)
        *out_length = length - skip;
      if (out_unreadable != NULL)
        *out_unreadable = g_steal_pointer (&unreadable);
      return g_strndup ((const char *) data + skip, length - skip);
    }

  cd = g_iconv_open ("UTF-8", charset);
  if (cd == (GIConv) -1)
    cd = g_iconv_open ("UTF-8", "WINDOWS-1252");
  g_assert (cd != (GIConv) -1);

  /* A broken UTF-16 unit is two bytes, a UTF-32 one four; skipping one
   * would misalign the rest. */
  if (g_ascii_strncasecmp (charset, "UTF-16", 6) == 0)
    unit = 2;
  else if (g_ascii_strncasecmp (charset, "UTF-32", 6) == 0)
    unit = 4;

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
      append_replacement (out, unreadable);
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
    {
      g_string_erase (out, 0, 3);
      for (guint i = 0; unreadable != NULL && i < unreadable->len; i++)
        g_array_index (unreadable, gsize, i) -= 3;
    }

  /* NUL is not a character a page can mean; it would also cut the C
   * string.  And glibc's iconv reads UTF-8 lead bytes F5-F7 into code
   * points beyond U+10FFFF and writes them out again, which no UTF-8
   * reader takes (the store refused a Kindle quote holding one, and the
   * import failed as a whole).  Each becomes U+FFFD, said unreadable. */
  if (memchr (out->str, '\0', out->len) != NULL || !g_utf8_validate_len (out->str, out->len, NULL))
    {
      GString *clean = g_string_sized_new (out->len + 16);
      g_autoptr(GArray) moved = unreadable != NULL ? g_array_new (FALSE, FALSE, sizeof (gsize)) : NULL;
      guint next = 0;
      gsize i = 0;

      while (i < out->len)
        {
          gunichar c = g_utf8_get_char_validated (out->str + i, out->len - i);

          /* What stood at i stands at clean->len now. */
          if (unreadable != NULL && next < unreadable->len && g_array_index (unreadable, gsize, next) == i)
            {
              gsize at = clean->len;

              g_array_append_val (moved, at);
              next++;
            }
          if (out->str[i] == '\0' || c == (gunichar) -1 || c == (gunichar) -2)
            {
              append_replacement (clean, moved);
              i++;
            }
          else
            {
              gsize n = g_utf8_skip[(guchar) out->str[i]];

              g_string_append_len (clean, out->str + i, n);
              i += n;
            }
        }
      g_string_free (out, TRUE);
      out = clean;
      if (unreadable != NULL)
        {
          g_array_unref (unreadable);
          unreadable = g_steal_pointer (&moved);
        }
    }

  if (out_length != NULL)
    *out_length = out->len;
  if (out_unreadable != NULL)
    *out_unreadable = g_steal_pointer (&unreadable);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

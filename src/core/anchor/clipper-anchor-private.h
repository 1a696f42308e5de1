/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the two halves of the anchoring share: the text and its folded
 * view, the bit-vector matcher and the search of a quote in a window
 * (clipper-anchor.c), and what the alignment with the old text
 * (clipper-anchor-since.c) lends the matcher.  Private to src/core/anchor.
 */
#pragma once

#include <string.h>

#include "clipper-anchor.h"

G_BEGIN_DECLS

/* The matcher says why it placed or orphaned a highlight on the debug
 * channel (bench-anchor --why).  GLib formats a message before it asks
 * whether anyone listens, which cost more than many a placement: ask
 * first.  And asking reads G_MESSAGES_DEBUG from the environment, about
 * a line a highlight: each public call asks once
 * (clipper_anchor_why_refresh()), so a change of the setting counts
 * from the next call. */
extern gint clipper_anchor_why_wanted;

#define WHY(...) \
  G_STMT_START { \
    if (G_UNLIKELY (g_atomic_int_get (&clipper_anchor_why_wanted))) \
      g_debug (__VA_ARGS__); \
  } G_STMT_END

/* Errors allowed in an approximate match, as a fraction of the folded quote. */
#define MAX_ERROR_RATIO 0.25

/* Longest folded quote matched approximately. */
#define MAX_FUZZY_QUOTE 2048

/* Candidates kept from a scan; more than this and the quote is too common to
 * place by its own text (the search says it overflowed).  A search adds at
 * most one a text column. */
#define MAX_HITS 4096

/* Folded quote length below which a search with the alignment at hand
 * places nothing. */
#define SEARCH_MIN_QUOTE 6

/* Texts shorter than this are searched whole with the matcher: it is
 * faster than building an index. */
#define INDEX_MIN_TEXT 16384

/* Smallest piece of a quote worth placing alone, in folded characters. */
#define MIN_PIECE 16

/* A thread's scratch buffers, kept between calls of
 * clipper_anchor_locate_all_since() (clipper-anchor.c says why). */
typedef enum {
  SCRATCH_OLD_CPS,
  SCRATCH_OLD_FOLD,
  SCRATCH_OLD_FOLD_TO_RAW,
  SCRATCH_O2N,
  SCRATCH_N2O,
  SCRATCH_TABLE,
  SCRATCH_SAMPLES,
  SCRATCH_SAMPLE_SLOTS,
  SCRATCH_KEYS_OLD,
  SCRATCH_POS_NEW,
  SCRATCH_KEYS_NEW,
  SCRATCH_N
} ScratchBuffer;

typedef struct {
  gpointer buf[SCRATCH_N];
  gsize    size[SCRATCH_N];
} Scratch;

struct _ClipperAnchorText {
  Scratch  *scratch;      /* when set, cps, fold and fold_to_raw are its SCRATCH_OLD_* buffers */
  gunichar *cps;          /* the text as code points: offsets index this directly */
  gint64    n;

  /* The folded view, built on first need: exact lookups never pay for it. */
  gboolean  folded;
  gunichar *fold;         /* folded characters */
  gint64    nf;
  guint32  *fold_to_raw;  /* nf entries: raw index of each folded character */

  /* A q-gram index of the folded text, built on the first search of the
   * whole of a long text: bucket b holds the positions of the q-grams that
   * hash to b, in order. */
  gboolean  indexed;
  guint32   index_mask;
  guint32  *index_start;  /* index_mask + 2 entries */
  guint32  *index_pos;
};

/* g_unichar_isspace() and g_unichar_isalnum(), with ASCII answered inline:
 * the alignment asks them of nearly every character, and most text is
 * ASCII. */
static inline gboolean
is_space (gunichar c)
{
  return c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : g_unichar_isspace (c);
}

static inline gboolean
is_alnum (gunichar c)
{
  return c < 0x80 ? g_ascii_isalnum ((char) c) : g_unichar_isalnum (c);
}

/* The folded form of @c, or 0 when it is left out.  Punctuation, spaces and
 * format characters carry little of a quote's identity and are what editors
 * and reflowing change most; letters, digits, marks and symbols (emoji
 * included) stay. */
static const guint8 ascii_fold[128] = {
  /* Controls, space and ASCII punctuation fold to 0; the ASCII symbols
   * $ + < = > ^ ` | ~ stay; letters fold to lower case. */
  ['$'] = '$', ['+'] = '+', ['<'] = '<', ['='] = '=', ['>'] = '>', ['^'] = '^', ['`'] = '`', ['|'] = '|', ['~'] = '~',
  ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
  ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i',
  ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r',
  ['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
  ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i',
  ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r',
  ['s'] = 's', ['t'] = 't', ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

static inline gunichar
fold_char (gunichar c)
{
  if (c < 0x80)
    return ascii_fold[c];

  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
      return 0;
    default:
      return g_unichar_tolower (c);
    }
}

static inline gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x2029 || c == 0x2028 || c == 0x0B || c == 0x0C;
}

/* A pattern compiled for the matcher: for each distinct character, one bit
 * per pattern position (the "Peq" vectors), in w 64-bit blocks.  Characters
 * are looked up in a small open-addressing table: Unicode is too large an
 * alphabet for a direct table, and a quote has few distinct characters. */
typedef struct {
  gint64    m;
  guint     w;
  guint64   last_bit;   /* the bit of row m in the last block */
  guint     table_mask;
  guint32  *table;      /* slot -> row in peq (0: empty) */
  gunichar *keys;       /* row - 1 -> character */
  guint64  *peq;        /* row 0 is all zeros: characters not in the pattern */
  guint32   ascii_row[128];
  guint64  *pv;         /* scratch state, w blocks each */
  guint64  *mv;
} Pattern;

typedef struct {
  gint64 end;    /* folded index of the last matched character */
  gint64 end2;   /* the last end with the same distance in this valley */
  gint   d;      /* edit distance */
} Hit;

/* Where a search of a pattern of up to four blocks stands after a column
 * (clipper_anchor_pattern_search_split()): its state is a function of the
 * text up to that column alone, so a search of other text that reads the
 * same up to there goes on from it (clipper_anchor_pattern_search_resume())
 * with the same hits as from the start. */
typedef struct {
  guint64  pv[4], mv[4];
  gint64   score[4];  /* each block's bottom-row distance (one block: row m's) */
  guint    y;         /* the last block computed */
  gboolean open;      /* a valley of the distance curve is open: @cur */
  Hit      cur;
  guint    n_hits;    /* hits found before that column */
  gboolean kept;      /* FALSE: the search did not keep one (a longer pattern, too many hits) */
} SearchState;

/* Where a highlight was in the old text, and the old text between the
 * paired characters around it (raw offsets). */
typedef struct {
  ClipperAnchorText *old;
  gint64             from, to;
  gint64             s, e;
  gboolean           unique;  /* its q-grams say the old text has it once */
  const gint32      *n2o;     /* the alignment: new index → old index, -1 unpaired */
  gint64             paired;  /* quote characters the alignment paired */
  /* Set (when not NULL) by clipper_anchor_locate_whole_in() when it found
   * the folded quote verbatim at two places or more of the old window:
   * the old text then holds it more than once. */
  gboolean          *verbatim_twice;
} OldWindow;

void               clipper_anchor_why_refresh      (void);
Scratch           *clipper_anchor_scratch_acquire  (void);
void               clipper_anchor_scratch_release  (Scratch *scratch);
gpointer           clipper_anchor_scratch_take     (Scratch *scratch, ScratchBuffer which, gsize bytes);
ClipperAnchorText *clipper_anchor_text_new_scratch (const char *text, Scratch *scratch);

void     clipper_anchor_ensure_folded              (ClipperAnchorText *self);
gint64   clipper_anchor_raw_to_fold                (ClipperAnchorText *self, gint64 raw);
gint64   clipper_anchor_fold_string                (const gunichar *s, gint64 n, gunichar **out);
void     clipper_anchor_ensure_index               (ClipperAnchorText *self);
gboolean clipper_anchor_index_candidates           (ClipperAnchorText *text, const gunichar *fq, gint64 m, gint k, GArray *regions);
void     clipper_anchor_pattern_init               (Pattern *pt, const gunichar *p, gint64 m, gboolean reversed);
void     clipper_anchor_pattern_clear              (Pattern *pt);
void     clipper_anchor_pattern_search             (Pattern *pt, const gunichar *fold, gint64 from, gint64 to, gint k, GArray *hits, gboolean *overflow);
void     clipper_anchor_pattern_search_split       (Pattern *pt, const gunichar *fold, gint64 from, gint64 split, gint64 to, gint k, GArray *hits, gboolean *overflow, SearchState *at);
void     clipper_anchor_pattern_search_resume      (Pattern *pt, const SearchState *at, const gunichar *fold, gint64 from, gint64 to, gint k, GArray *hits, gboolean *overflow);
void     clipper_anchor_pattern_search_both        (Pattern *pt, const gunichar *a, gint64 na, const gunichar *b, gint64 nb, gint k, GArray *hits_a, gboolean *overflow_a, GArray *hits_b, gboolean *overflow_b);
void     clipper_anchor_exact_search               (const gunichar *fold, gint64 from, gint64 to, const gunichar *p, gint64 m, GArray *hits, gboolean *overflow);
void     clipper_anchor_hit_places                 (GArray *hits, gint64 m, GArray *places);
void     clipper_anchor_locate_whole_in            (ClipperAnchorText *text, const ClipperTextSelector *selector, gint64 shift, gint64 win_from, gint64 win_to, const GArray *regions, ClipperAnchorText *regions_index, const OldWindow *old_win, ClipperAnchorResult *result);
void     clipper_anchor_locate_with_shift          (ClipperAnchorText *text, const ClipperTextSelector *selector, gint64 shift, ClipperAnchorResult *result);
gboolean clipper_anchor_old_quote_repeated_within  (ClipperAnchorText *old, gint64 s, gint64 e, gint max_k);
gboolean clipper_anchor_old_copies_stand_elsewhere (const OldWindow *ow, const ClipperAnchorText *text, gint max_k, gint64 win_from, gint64 win_to);

G_END_DECLS

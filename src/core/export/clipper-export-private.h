/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internals shared by the exporters and importers: handing progress from a
 * worker thread to the caller's main context, and one highlight made of two
 * libraries' highlights of the same passage.
 */
#pragma once

#include "clipper-export.h"

G_BEGIN_DECLS

/* What an import took in from one file of a vault, for the vault's
 * manifest (see clipper_markdown_record_import()): the file's marks,
 * quotes and tags mark as the manifest is to keep them now, and as the
 * import read them there, so that an entry rewritten since (by an export
 * running meanwhile) is left as it was rewritten. */
typedef struct {
  char *marks;        /* NULL: none */
  char *quotes;
  char *tags;
  char *read_marks;
  char *read_quotes;
  char *read_tags;
} ClipperVaultTaken;

void clipper_vault_taken_free (gpointer data);

/* Records in the manifest of the vault @dir what an import took in from
 * its files: @taken maps a file's name, as the manifest names it, to its
 * ClipperVaultTaken.  The manifest is written as an export writes it
 * (through a temporary file that replaces it when complete).  FALSE, with
 * CLIPPER_EXPORT_ERROR_IO or _INVALID, when it cannot be read or written:
 * it is then left as it was. */
gboolean clipper_markdown_record_import (const char *dir, GHashTable *taken, GError **error);

/* A front matter scalar as the vault import reads it, quoted either way
 * or plain (a plain one ends at " #" or at a character of @stops); *@p is
 * left after it.  *@ok is set FALSE when a quoted one does not close. */
char *clipper_markdown_yaml_scalar (const char **p, const char *stops, gboolean *ok);

/* How a front matter list is written (see clipper_markdown_yaml_list()). */
typedef enum {
  CLIPPER_YAML_LIST_BLOCK,  /* "- a" on the lines below its key (none: the key alone) */
  CLIPPER_YAML_LIST_FLOW,   /* [a, "b"] on its key's line */
  CLIPPER_YAML_LIST_SCALAR, /* no list but one value ("tags: a"): one item */
} ClipperYamlListForm;

/* One item of a front matter list, as read and as written. */
typedef struct {
  char *value;  /* as YAML reads it; "" for an empty item ("  -", null to YAML) */
  char *raw;    /* as written, quoted or not: no dash, no comment */
  char *indent; /* a block item's blanks before its dash; NULL in a flow list */
} ClipperYamlItem;

void clipper_yaml_item_free (gpointer data);

/* The items of a front matter list whose key's line holds @value after
 * the colon, and @more the lines below it up to the next key (NULL for
 * none), as YAML reads them: the import's tags and the export that keeps
 * the file's form read a list the same way.  Comments are skipped, blank
 * lines too.  NULL when YAML would not read it as these lines stand, or
 * reads more than one value the import can take apart (a text over several
 * lines: "-c", no blank after the dash, above "- a" is one text to YAML,
 * "-c - a"; items at different indents; a flow list over several lines;
 * anything after a closing quote or "]").  *@out_bare (may be NULL) is
 * FALSE when the lines hold more than the items (a comment): written
 * back from the items alone, that would go. */
GPtrArray *clipper_markdown_yaml_list (const char          *value,
                                       const char *const   *more,
                                       ClipperYamlListForm *out_form,
                                       gboolean            *out_bare);

/* The length of the code fence @line opens (CommonMark's: up to three
 * spaces, then three backticks or tildes or more; a backtick fence's info
 * string holds no backtick), 0 for none; *@out_char gets its character.
 * A note's code is told so by clipper_export_note_markdown() and by the
 * import alike. */
gsize    clipper_export_fence_open   (const char *line, char *out_char);
/* Whether @line closes a fence of @fence_len @fence_char: as many of them
 * or more, nothing but blanks after. */
gboolean clipper_export_fence_closes (const char *line, char fence_char, gsize fence_len);

/* @note as clipper_export_note_markdown() wrote it before 30 November
 * 2026: each line starting with `>`, and a `---` in code, with one more
 * backslash.  The manifest's marks of a file written then are of its
 * notes so written. */
char    *clipper_export_note_markdown_before (const char *note);

typedef struct _ClipperProgressRelay ClipperProgressRelay;

/* Captures the thread-default main context of the caller. (transfer full)
 * Returns NULL, after calling @destroy on @data, when @func is NULL. */
ClipperProgressRelay *clipper_progress_relay_new    (ClipperProgressFunc func,
                                                     gpointer            data,
                                                     GDestroyNotify      destroy);
ClipperProgressRelay *clipper_progress_relay_ref    (ClipperProgressRelay *relay);
void                  clipper_progress_relay_unref  (ClipperProgressRelay *relay);
/* A ClipperProgressFunc (pass the relay as user data): callable from any
 * thread; forwards at most every 100 ms, and always the final report. */
void                  clipper_progress_relay_report (guint64 done, guint64 total, gpointer relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperProgressRelay, clipper_progress_relay_unref)

/* Calls @func if set; a helper that keeps call sites short. */
static inline void
clipper_progress_report (ClipperProgressFunc func, gpointer data, guint64 done, guint64 total)
{
  if (func != NULL)
    func (done, total, data);
}

/* What clipper_merge_same_passage() did to the kept highlight's note. */
typedef enum {
  CLIPPER_MERGE_NOTE_SAME,      /* nothing: the other's note is in it already, or unchanged */
  CLIPPER_MERGE_NOTE_ADDED,     /* the other's note, taken in for the first time, as the note or below it */
  CLIPPER_MERGE_NOTE_REPLACED,  /* the other's earlier note, found in it, replaced by the new version */
  CLIPPER_MERGE_NOTE_REMOVED,   /* the other's earlier note taken out: the other library emptied its note */
  CLIPPER_MERGE_NOTE_KEPT_BOTH, /* the other's earlier note was edited or taken out here: the new one went below */
} ClipperMergeNote;

/* What clipper_merge_same_passage() did. */
typedef struct {
  ClipperMergeNote note;    /* to the kept highlight's note */
  gboolean         tags;    /* whether tags were added */
  gboolean         record;  /* whether the source's part is to be recorded anew, as @part */
  char            *part;    /* the other's note as taken in: less this library's own words, which
                             * the other library's note holds when it took them in from here;
                             * NULL: none */
  const char      *last;    /* the source's part before (in the caller's table), or NULL */
} ClipperMergeResult;

void clipper_merge_result_clear (ClipperMergeResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClipperMergeResult, clipper_merge_result_clear)

/* The same passage highlighted in two libraries (another computer's
 * Clipper wrote the file being imported): @kept, this library's, takes
 * what @note and @tags, the other's, add to it.  Neither note is newer
 * than the other (they are two people's, or one person's on two
 * computers), so the other's goes below @kept's when it says something
 * @kept's does not; tags are added, compared as tags; the colour stays
 * @kept's (a highlight has one).  Importing the file again adds nothing.
 *
 * @parts are the parts of @kept's note that other libraries added
 * (clipper_store_dup_note_parts(), NULL for none), @source the block id
 * of the other's highlight (NULL: it has none, a quote typed by hand).
 * The other's note as an earlier import took it in (@source's part) is
 * replaced by a new version where @kept's note still holds it word for
 * word, and taken out by an empty one; where @kept's note no longer holds
 * it (this library's user edited that part), the new version goes below
 * and both stay (KEPT_BOTH), so that no one's words are written over
 * unseen.  What @kept's note says apart from its parts is this library's
 * own, and is not taken in again from the other's note, which holds it
 * when the other library imported this one's vault.  The caller records
 * the part as @out says.
 *
 * Returns FALSE when neither the note nor the tags changed. */
gboolean clipper_merge_same_passage (ClipperHighlight   *kept,
                                     const char         *note,
                                     const char         *source,
                                     GHashTable         *parts,
                                     const char *const  *tags,
                                     ClipperMergeResult *out);

/* A file written whole or not at all: into a hidden temporary file beside
 * @path (".name.XXXXXX", which neither Obsidian nor the vault's search
 * takes for a note), renamed over @path only once complete.  A failure,
 * a cancel or a full disk leaves no half-written file under @path, and an
 * older file there whole.  (g_file_replace() and g_file_set_contents()
 * do that for a file that exists; g_file_replace() writes a new file in
 * place, and g_file_set_contents()'s message names its temporary file.)
 * See ClipperReplaceFlags for a symbolic link at @path. */
typedef struct _ClipperReplace ClipperReplace;

/* The writer of @path (buffered by @buffer bytes when > 0): NULL, with a
 * G_IO_ERROR saying why alone (g_strerror()'s words), when the temporary
 * file cannot be made. */
ClipperReplace *clipper_replace_new     (const char *path, gsize buffer, ClipperReplaceFlags flags, GError **error);
GOutputStream  *clipper_replace_stream  (ClipperReplace *self);
/* Flushes, closes and renames over the target: FALSE with @error (and the
 * temporary file gone) when that fails. */
gboolean        clipper_replace_commit  (ClipperReplace *self, GError **error);
/* Drops the temporary file unless committed. */
void            clipper_replace_free    (ClipperReplace *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperReplace, clipper_replace_free)

/* What is wrong with the JSON @data (@length bytes), which JsonParser
 * refused with @parse_error, for people: "the file ends in the middle (cut
 * short?), at line 10" for a file cut short, else "line 3, column 5:
 * unexpected character …", without json-glib's "<data>:3:5: Parse error:
 * scanner:" (no file anyone has). */
char           *clipper_export_json_problem (const char *data, gsize length, const GError *parse_error);

G_END_DECLS

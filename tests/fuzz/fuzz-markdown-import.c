/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the import of Clipper's Markdown: a vault's files
 * are edited by people and by other tools, so any bytes go in.  Nothing may
 * crash, leak, hang or raise a warning; the import fails only when the
 * store does (never for what the file holds); every file is either read or
 * skipped, and a broken one is named.  The library holds the article of
 * the seed file (tests/data/export/article.md) with its two highlights, so
 * mutations of that file reach the paths that update a highlight, add a
 * hand-written quote and match block ids; each input's changes are rolled
 * back.
 */
#define G_LOG_DOMAIN "fuzz-markdown-import"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-markdown-import.h"
#include "clipper-store.h"
#include "fuzz-util.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  fuzz_setup_library ("fuzz-markdown-import");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(ClipperImportResult) result = clipper_import_result_new ();
  g_autoptr(GError) error = NULL;
  /* The importer is given a length, but the file is read as a C string
   * as files are: end it with a NUL beyond the length. */
  g_autofree char *contents = g_malloc (size + 1);
  g_autofree char *fingerprint = NULL;

  memcpy (contents, data, size);
  contents[size] = '\0';
  fingerprint = clipper_markdown_section_fingerprint (contents);

  if (!clipper_store_begin (fuzz_store, &error))
    g_error ("%s", error->message);
  if (!clipper_markdown_import_text (fuzz_store, "fuzz.md", contents, size, 1800000000, -1, FALSE, NULL, result,
                                     &error))
    {
      g_printerr ("fuzz-markdown-import: the import failed: %s\n", error->message);
      abort ();
    }
  clipper_store_rollback (fuzz_store);

  /* A file is read or skipped, and a broken one is named. */
  if (result->files_read + result->files_skipped != 1 || result->broken_files->len > result->files_skipped)
    abort ();
  for (guint i = 0; i < result->notices->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (result->notices, i), -1, NULL))
      abort ();
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the imports a user picks a file for: Clipper's and
 * W3C JSON (whole or one annotation a line), Hypothesis's JSON and
 * Kindle's "My Clippings.txt", whichever the bytes look like.  Nothing may
 * crash, leak, hang or raise a warning.  A file is imported or refused as
 * a whole: a refusal is an import error (no format, not JSON), never the
 * store's, and leaves the library as it was; an import accounts for every
 * broken entry with a message people can read.  The library holds the
 * article of tests/data/export/library.json, so mutations of that file
 * reach the paths that merge into an existing article and place its
 * highlights again on another text.  Each input's changes are rolled back.
 */
#define G_LOG_DOMAIN "fuzz-import"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-export.h"
#include "clipper-import.h"
#include "clipper-store.h"
#include "fuzz-util.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  fuzz_setup_library ("fuzz-import");
  return 0;
}

static guint
count_highlights (void)
{
  g_autoptr(GError) error = NULL;
  ClipperHighlightQuery query = { 0 };
  g_autoptr(GPtrArray) all = clipper_store_list_highlights (fuzz_store, &query, &error);

  if (all == NULL)
    g_error ("%s", error->message);
  return all->len;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(ClipperImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  /* Files are read as C strings too: end it with a NUL beyond the length. */
  g_autofree char *contents = g_malloc (size + 1);
  guint before;

  memcpy (contents, data, size);
  contents[size] = '\0';
  before = count_highlights ();

  if (!clipper_store_begin (fuzz_store, &error))
    g_error ("%s", error->message);
  result = clipper_import_data (fuzz_store, contents, size, CLIPPER_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, &error);
  if (result == NULL)
    {
      /* Refused as a whole: for what the file is, and nothing written. */
      if (!g_error_matches (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_UNSUPPORTED) &&
          !g_error_matches (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID))
        {
          g_printerr ("fuzz-import: refused with an error not about the file: %s\n", error->message);
          abort ();
        }
      if (!g_utf8_validate (error->message, -1, NULL) || count_highlights () != before)
        abort ();
    }
  else
    {
      if (result->broken_lines->len != result->problems->len)
        abort ();
      for (guint i = 0; i < result->problems->len; i++)
        if (!g_utf8_validate (g_ptr_array_index (result->problems, i), -1, NULL))
          abort ();
      summary = clipper_import_result_summary (result);
      if (summary == NULL || !g_utf8_validate (summary, -1, NULL))
        abort ();
      if (count_highlights () < before)
        abort (); /* an import never deletes */
    }
  clipper_store_rollback (fuzz_store);
  return 0;
}

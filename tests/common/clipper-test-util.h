/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scaffolding shared by the core test programs and benchmarks: temporary
 * folders, fixtures under tests/data, a real library file, running the
 * real clipper-cli binary and parsing what it prints.  Only what several
 * programs did the same way lives here; each test keeps its own checks.
 *
 * Links libclipper-core only (no GTK).  Every helper that can fail asserts,
 * so a test reads as its checks and nothing else.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "clipper-store.h"

G_BEGIN_DECLS

/* ---- files and folders ------------------------------------------------- */

/**
 * clipper_test_make_tmp_dir:
 * @tmpl: a g_dir_make_tmp() template such as "clipper-cli-XXXXXX"
 *
 * Makes a fresh folder under the system's temporary folder, or fails the test.
 *
 * Returns: (transfer full): its path
 */
char         *clipper_test_make_tmp_dir     (const char *tmpl);

/**
 * clipper_test_remove_tree:
 * @path: a folder
 *
 * Removes @path and everything in it.  Symbolic links are removed, never
 * followed, so a test that plants one cannot make this reach outside @path.
 *
 * Returns: %TRUE when @path is gone afterwards
 */
gboolean      clipper_test_remove_tree      (const char *path);

/**
 * clipper_test_build_data_path:
 * @module: the folder under tests/data, such as "cli" or "export"
 * @name: a file in it
 *
 * Returns: (transfer full): the fixture's path under TEST_DATA_DIR
 */
char         *clipper_test_build_data_path  (const char *module,
                                             const char *name);

/**
 * clipper_test_read_data:
 * @module: the folder under tests/data
 * @name: a file in it
 * @length: (out) (optional): where to store its length
 *
 * Reads a fixture, or fails the test.
 *
 * Returns: (transfer full): its contents, NUL-terminated
 */
char         *clipper_test_read_data        (const char *module,
                                             const char *name,
                                             gsize      *length);

/* A minimal valid PNG (1×1, transparent), for pages with pictures. */
extern const guint8 clipper_test_png_bytes[];
extern const gsize  clipper_test_png_size;

/* ---- the library ------------------------------------------------------- */

/**
 * clipper_test_open_store:
 * @path: a library file; made when missing
 *
 * Opens a library through the store API, or fails the test.
 *
 * Returns: (transfer full): the store
 */
ClipperStore *clipper_test_open_store       (const char *path);

/* A library in a temporary folder of its own, as a g_test_add() fixture:
 * typedef ClipperTestLibrary Fixture, or set it up from a larger fixture. */
typedef struct
{
  char         *dir;     /* the temporary folder, removed with everything in it */
  char         *db_path; /* dir/library.db */
  ClipperStore *store;   /* open on db_path; tests may close it early */
} ClipperTestLibrary;

/**
 * clipper_test_library_set_up:
 * @lib: (out caller-allocates): the fixture
 * @data: unused; there for g_test_add()
 *
 * Makes a temporary folder named after the program (g_get_prgname()) and
 * opens a new library in it, or fails the test.
 */
void          clipper_test_library_set_up    (ClipperTestLibrary *lib,
                                              gconstpointer       data);

/**
 * clipper_test_library_tear_down:
 * @lib: a fixture set up by clipper_test_library_set_up()
 * @data: unused; there for g_test_add()
 *
 * Closes the library and removes its folder with everything in it.
 */
void          clipper_test_library_tear_down (ClipperTestLibrary *lib,
                                              gconstpointer       data);

/**
 * clipper_test_add_highlight:
 * @store: the library
 * @article_id: a saved article
 * @quote: a passage of the article's stored text (its first occurrence)
 * @note: (nullable): a note on it
 *
 * Saves a highlight over @quote as the reader does (offsets in code points,
 * 32 code points of context each side), or fails the test.
 *
 * Returns: the highlight's id
 */
gint64        clipper_test_add_highlight     (ClipperStore *store,
                                              gint64        article_id,
                                              const char   *quote,
                                              const char   *note);

/**
 * clipper_test_get_highlight:
 * @store: the library
 * @id: a highlight's id
 *
 * Reads a highlight, or fails the test.
 *
 * Returns: (transfer full): the highlight
 */
ClipperHighlight *clipper_test_get_highlight (ClipperStore *store,
                                              gint64        id);

/**
 * clipper_test_add_sectioned_article:
 * @store: the library
 * @url: the page's address
 * @lead: HTML put first in the article (a link to "#sec2", for one)
 *
 * Saves a long article extracted from a page of @lead, sixty paragraphs,
 * a heading "Second section" whose id is "sec2" (kept as "article-sec2"
 * when a link of the page leads to it) and sixty more paragraphs: long
 * enough for a link within it, or a link's #sec2, to scroll well down.
 * Its title is "Notes on notes".
 *
 * Returns: the article's id
 */
gint64        clipper_test_add_sectioned_article (ClipperStore *store,
                                                  const char   *url,
                                                  const char   *lead);

/* ---- async calls ------------------------------------------------------ */

/**
 * clipper_test_keep_result_cb:
 * @source: the source object
 * @result: the call's result
 * @user_data: a `GAsyncResult **`, NULL until the call finishes
 *
 * A #GAsyncReadyCallback that keeps a reference to @result in @user_data,
 * for a test to finish the call on its own once it is done.
 */
void          clipper_test_keep_result_cb    (GObject      *source,
                                              GAsyncResult *result,
                                              gpointer      user_data);

/**
 * clipper_test_wait_for_result:
 * @result: where clipper_test_keep_result_cb() puts the result
 *
 * Runs the default main context until *@result is set.
 */
void          clipper_test_wait_for_result   (GAsyncResult **result);

/* ---- clipper-cli ------------------------------------------------------- */

/* What one run of clipper-cli left: its exit status and what it printed. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} ClipperTestRun;

void          clipper_test_run_clear        (ClipperTestRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClipperTestRun, clipper_test_run_clear)

/* How to run clipper-cli; all fields may be left zero. */
typedef struct
{
  const char        *db_path; /* "--db DB" goes before the arguments when set */
  const char        *cwd;     /* the working folder; NULL: the test's */
  const char *const *env;     /* NULL-terminated: "NAME=value" sets, "NAME" unsets */
  GBytes            *input;   /* stdin; NULL: an empty file */
  GSpawnChildSetupFunc child_setup; /* run in the child before exec; NULL: none */
} ClipperTestCliOptions;

/* A NULL-terminated argument vector in place: CLIPPER_TEST_ARGS ("add", path). */
#define CLIPPER_TEST_ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/**
 * clipper_test_corpus_pages:
 *
 * The folders of the shared corpus's pages
 * ($CLIPPER_SHARED_DIR/corpus/readability-test-pages/NAME), sorted by name.
 * When the corpus is not there (users don't have it) the running test is
 * skipped and %NULL returned.
 *
 * Returns: (transfer full) (nullable) (element-type filename): the folders
 */
GPtrArray    *clipper_test_corpus_pages     (void);

/**
 * clipper_test_skip_without_cli:
 *
 * Skips the running test when $CLIPPER_CLI is not set (the program was
 * not started by `meson test`).
 *
 * Returns: %TRUE when the test was skipped and should return
 */
gboolean      clipper_test_skip_without_cli (void);

/**
 * clipper_test_run_cli:
 * @run: (inout caller-allocates): what the run left; zeroed, or left by
 *   an earlier run (whose output this frees first); clear it with
 *   clipper_test_run_clear() or declare it g_auto (ClipperTestRun)
 * @options: (nullable): how to run it
 * @args: NULL-terminated arguments after the program's name
 *
 * Runs the binary named by $CLIPPER_CLI and waits for it.  Its stdin is a
 * file (@options->input or empty), never the test's own nor a pipe: a
 * command that stops reading early must not make the test fail to write.
 * CLIPPER_DB and G_MESSAGES_DEBUG are unset (then @options->env applies)
 * so that the caller's environment cannot change what a run prints.
 *
 * Fails the test when the program cannot be started, when it did not exit
 * normally (a crash or a sanitizer's abort is never acceptable), or when
 * it printed anything that is not UTF-8.
 */
void          clipper_test_run_cli          (ClipperTestRun              *run,
                                             const ClipperTestCliOptions *options,
                                             const char *const           *args);

/**
 * clipper_test_parse_id:
 * @out: what a clipper-cli command that prints an id printed
 *
 * Checks that @out is one positive decimal number and a newline, nothing
 * else (no sign, no spaces), or fails the test.
 *
 * Returns: the number
 */
gint64        clipper_test_parse_id         (const char *out);

/* ---- JSON -------------------------------------------------------------- */

/**
 * clipper_test_parse_json:
 * @text: a JSON document
 *
 * Parses @text, or fails the test.
 *
 * Returns: (transfer full): its root node
 */
JsonNode     *clipper_test_parse_json       (const char *text);

G_END_DECLS

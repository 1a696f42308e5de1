/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-cli end to end: the real binary ($CLIPPER_CLI) against a real
 * SQLite file in a temporary folder and the HTML pages in tests/data/cli.
 * Every run checks the exit status and that the process exited rather than
 * crashed; JSON output is parsed with json-glib and its fields asserted.
 */
#define G_LOG_DOMAIN "test-cli"
/* posix_openpt() and friends. */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <utime.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "clipper-test-util.h"

typedef struct
{
  char *dir; /* temporary folder, removed after the test */
  char *db;  /* dir/library.db */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = clipper_test_make_tmp_dir ("clipper-cli-XXXXXX");
  f->db = g_build_filename (f->dir, "library.db", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  clipper_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
data_path (const char *name)
{
  return clipper_test_build_data_path ("cli", name);
}

/* Runs clipper-cli with @args (NULL-terminated), "--db FILE" first when
 * @with_db, feeding @input (may be NULL) on stdin.  @env holds "NAME=value"
 * to set and "NAME" to unset, or is NULL. */
static void
run_full (Fixture *f, ClipperTestRun *run, gboolean with_db, const char *const *env, GBytes *input,
          const char *const *args)
{
  g_autofree char *xdg = g_build_filename (f->dir, "xdg-data", NULL);
  g_autofree char *xdg_var = g_strconcat ("XDG_DATA_HOME=", xdg, NULL);
  g_autoptr (GPtrArray) all_env = g_ptr_array_new ();
  ClipperTestCliOptions options = { 0 };

  /* Nothing a test does may reach the real home or the build tree; the
   * test's own @env comes after, so that it may point elsewhere. */
  g_ptr_array_add (all_env, xdg_var);
  for (gsize i = 0; env != NULL && env[i] != NULL; i++)
    g_ptr_array_add (all_env, (gpointer) env[i]);
  g_ptr_array_add (all_env, NULL);

  options.db_path = with_db ? f->db : NULL;
  options.env = (const char *const *) all_env->pdata;
  options.input = input;
  clipper_test_run_cli (run, &options, args);
}

#define RUN(f, run, ...)                                                                           \
  run_full ((f), (run), TRUE, NULL, NULL, (const char *const[]){ __VA_ARGS__, NULL })
#define RUN_STDIN(f, run, input, ...)                                                              \
  run_full ((f), (run), TRUE, NULL, (input), (const char *const[]){ __VA_ARGS__, NULL })

/* Runs clipper-cli with its stdout on a pseudo-terminal, as a user at a
 * terminal would; returns what it printed there. */
static char *
run_in_terminal (Fixture *f, const char *const *args, int *out_status)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  int master, slave;
  char buffer[4096];

  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);

  g_ptr_array_add (argv, (gpointer) g_getenv ("CLIPPER_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_INHERIT |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_take_stdout_fd (launcher, slave);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  /* Our copy of the terminal's other end goes with the launcher, so that
   * reading ends (EIO) when clipper-cli exits. */
  g_clear_object (&launcher);

  for (;;)
    {
      ssize_t n = read (master, buffer, sizeof buffer);

      if (n > 0)
        g_string_append_len (out, buffer, n);
      else if (n < 0 && errno == EINTR)
        continue;
      else
        break;
    }
  close (master);

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  *out_status = g_subprocess_get_exit_status (process);
  return g_string_free (out, FALSE);
}

/* Runs and checks the exit status, then frees the output. */
static void
expect_status (Fixture *f, int status, const char *const *args)
{
  g_auto (ClipperTestRun) run = { 0 };

  run_full (f, &run, TRUE, NULL, NULL, args);
  if (run.status != status)
    g_error ("clipper-cli %s: exit %d, expected %d; stderr: %s", args[0], run.status, status,
             run.err);
}
#define EXPECT(f, status, ...)                                                                     \
  expect_status ((f), (status), (const char *const[]){ __VA_ARGS__, NULL })

/* A failure says what went wrong in one line on stderr, and prints nothing on stdout. */
static void
assert_failed (ClipperTestRun *run, int status, const char *message)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_nonnull (strstr (run->err, message));
  if (status == 1)
    {
      g_assert_cmpstr (run->out, ==, "");
      g_assert_cmpint (strlen (run->err), >, 0);
      g_assert_nonnull (strchr (run->err, '\n'));
      g_assert_null (strchr (strchr (run->err, '\n') + 1, '\n'));
    }
}

static gint64
add_page (Fixture *f, const char *name, const char *tag)
{
  g_autofree char *path = data_path (name);
  g_auto (ClipperTestRun) run = { 0 };

  if (tag != NULL)
    RUN (f, &run, "add", path, "--tag", tag);
  else
    RUN (f, &run, "add", path);
  g_assert_cmpint (run.status, ==, 0);
  return clipper_test_parse_id (run.out);
}

/* The JSON output of a command that must succeed. */
static JsonNode *
run_json (Fixture *f, const char *const *args)
{
  g_auto (ClipperTestRun) run = { 0 };

  run_full (f, &run, TRUE, NULL, NULL, args);
  if (run.status != 0)
    g_error ("clipper-cli %s: exit %d; stderr: %s", args[0], run.status, run.err);
  return clipper_test_parse_json (run.out);
}
#define JSON(f, ...) run_json ((f), (const char *const[]){ __VA_ARGS__, "--format", "json", NULL })

static gboolean
strv_node_contains (JsonArray *array, const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (g_str_equal (json_array_get_string_element (array, i), value))
        return TRUE;
    }
  return FALSE;
}

/* ---- tests ------------------------------------------------------------- */

static void
test_help (Fixture *f, gconstpointer data)
{
  static const char *const commands[] = {
    "add",        "list", "show",   "search",           "tag", "untag", "highlight",
    "highlights", "note", "delete", "delete-highlight", "archive", "unarchive", "star", "unstar", NULL,
  };

  for (gsize i = 0; commands[i] != NULL; i++)
    {
      g_auto (ClipperTestRun) run = { 0 };
      g_autofree char *usage = g_strdup_printf ("clipper-cli %s [OPTION", commands[i]);

      RUN (f, &run, commands[i], "--help");
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Usage:"));
      g_assert_nonnull (strstr (run.out, usage));
    }

  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "--help");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "highlights"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "frobnicate");
    assert_failed (&run, 2, "unknown command 'frobnicate'");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "list", "--bogus");
    assert_failed (&run, 2, "--bogus");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "show");
    assert_failed (&run, 2, "clipper-cli show");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "show", "abc");
    assert_failed (&run, 2, "'abc' is not a valid id");
  }
  EXPECT (f, 2, "show", "0");
  EXPECT (f, 2, "list", "--format", "xml");
  EXPECT (f, 2, "list", "--state", "bogus");
  EXPECT (f, 2, "list", "--limit", "-1");
  EXPECT (f, 2, "list", "--limit", "many");
  EXPECT (f, 2, "tag", "1");
  EXPECT (f, 2, "delete");
  EXPECT (f, 2, "note", "1");
}

static void
test_add_list_show (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("article.html");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr (JsonNode) list = NULL;
  g_autoptr (JsonNode) shown = NULL;
  JsonObject *article;
  gint64 first, second;

  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "add", path, "--tag", "nature", "--tag", "field work");
    g_assert_cmpint (run.status, ==, 0);
    first = clipper_test_parse_id (run.out);
    g_assert_cmpstr (run.err, ==, "");
  }

  /* The same page again, by path and by URI: the same article. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "add", path);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpint (clipper_test_parse_id (run.out), ==, first);
    g_assert_nonnull (strstr (run.err, "already saved"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "add", uri, "--tag", "again");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpint (clipper_test_parse_id (run.out), ==, first);
    g_assert_nonnull (strstr (run.err, "already saved"));
  }
  /* Saving again with a tag still tags it. */
  {
    g_autofree char *first_str = g_strdup_printf ("%" G_GINT64_FORMAT, first);
    g_autoptr (JsonNode) again = JSON (f, "show", first_str);

    g_assert_true (strv_node_contains (
      json_object_get_array_member (json_node_get_object (again), "tags"), "again"));
    EXPECT (f, 0, "untag", first_str, "again");
  }

  second = add_page (f, "second.html", NULL);
  g_assert_cmpint (second, !=, first);

  list = JSON (f, "list");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (list));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *o = json_array_get_object_element (json_node_get_array (list), i);
      gint64 id = json_object_get_int_member (o, "id");

      g_assert_true (id == first || id == second);
      if (id != first)
        continue;
      g_assert_cmpstr (json_object_get_string_member (o, "title"), ==,
                       "The Quokkas of Rottnest Island");
      g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, uri);
      g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "unread");
      g_assert_false (json_object_get_boolean_member (o, "starred"));
      g_assert_cmpint (json_object_get_int_member (o, "highlightCount"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (o, "wordCount"), >, 200);
      g_assert_cmpint (json_object_get_int_member (o, "readingMinutes"), >=, 1);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "savedAt"), "20"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "tags")), ==, 2);
      g_assert_true (strv_node_contains (json_object_get_array_member (o, "tags"), "nature"));
      g_assert_true (strv_node_contains (json_object_get_array_member (o, "tags"), "field work"));
      /* Lists are light: no html or text. */
      g_assert_false (json_object_has_member (o, "html"));
    }

  {
    g_autoptr (JsonNode) limited = JSON (f, "list", "--limit", "1");
    g_autoptr (JsonNode) tagged = JSON (f, "list", "--tag", "nature");
    g_autoptr (JsonNode) archived = JSON (f, "list", "--state", "archived");
    g_autoptr (JsonNode) all = JSON (f, "list", "--state", "all");
    g_autoptr (JsonNode) starred = JSON (f, "list", "--starred");

    g_assert_cmpuint (json_array_get_length (json_node_get_array (limited)), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (tagged)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (
                       json_array_get_object_element (json_node_get_array (tagged), 0), "id"),
                     ==, first);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (archived)), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (all)), ==, 2);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (starred)), ==, 0);
  }

  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "list");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "The Quokkas of Rottnest Island"));
    g_assert_nonnull (strstr (run.out, "Baking Sourdough in a Cold Kitchen"));
    g_assert_nonnull (strstr (run.out, "0 highlights"));
    g_assert_nonnull (strstr (run.out, "field work"));
  }

  shown = JSON (f, "show", "1");
  article = json_node_get_object (shown);
  g_assert_cmpint (json_object_get_int_member (article, "id"), ==, first);
  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==,
                   "The Quokkas of Rottnest Island");
  g_assert_nonnull (strstr (json_object_get_string_member (article, "text"),
                            "a new respect for how small a margin"));
  g_assert_nonnull (strstr (json_object_get_string_member (article, "html"), "<p"));
  /* Sanitized and extracted: no navigation or footer. */
  g_assert_null (strstr (json_object_get_string_member (article, "text"), "All rights reserved"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (article, "highlights")),
                    ==, 0);
  g_assert_true (strv_node_contains (json_object_get_array_member (article, "tags"), "nature"));

  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "show", "1");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "The Quokkas of Rottnest Island\n"));
    g_assert_nonnull (strstr (run.out, uri));
    /* Paragraphs stand apart, as blocks. */
    g_assert_nonnull (strstr (run.out, "\n\nCounting at dusk\n\n"));
    g_assert_nonnull (strstr (run.out, "• Forty-one quokkas on the first evening."));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "show", "1", "--format", "html");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (g_strchomp (run.out), ==, json_object_get_string_member (article, "html"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "show", "1", "--format", "markdown");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "---\n"));
    g_assert_nonnull (strstr (run.out, "The Quokkas of Rottnest Island"));
    g_assert_nonnull (strstr (run.out, "a new respect for how small a margin"));
    g_assert_nonnull (strstr (run.out, "<!-- clipper:begin -->"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "show", "99");
    assert_failed (&run, 1, "there is no article 99");
  }
  EXPECT (f, 2, "show", "1", "--format", "xml");
}

static void
test_add_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *empty = g_build_filename (f->dir, "empty.html", NULL);
  g_autofree char *blank = g_build_filename (f->dir, "blank.html", NULL);
  g_autofree char *binary = g_build_filename (f->dir, "image.png", NULL);
  g_autofree char *disguised = g_build_filename (f->dir, "disguised.html", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.html", NULL);
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) list = NULL;

  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);
  g_file_set_contents (blank, " \n\t\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (binary, png, sizeof png, &error);
  g_assert_no_error (error);
  g_file_set_contents (disguised, png, sizeof png, &error);
  g_assert_no_error (error);

  {
    g_autofree char *expected = g_strdup_printf ("'%s' is a directory, not a web page", f->dir);
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "add", f->dir);
    assert_failed (&run, 1, expected);
  }
  {
    g_autofree char *expected = g_strdup_printf ("'%s' is empty", empty);
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "add", empty);
    assert_failed (&run, 1, expected);
  }
  {
    g_autofree char *expected = g_strdup_printf ("'%s' is empty (nothing but white space)", blank);
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "add", blank);
    assert_failed (&run, 1, expected);
  }
  {
    g_autofree char *expected =
      g_strdup_printf ("'%s' is not a web page (content type image/png)", binary);
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "add", binary);
    assert_failed (&run, 1, expected);
  }
  /* A page's name does not make an image a page. */
  {
    g_autofree char *expected = g_strdup_printf (
      "'%s' is not a web page (it holds binary data: content type image/png)", disguised);
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "add", disguised);
    assert_failed (&run, 1, expected);
  }
  {
    g_autofree char *expected = g_strdup_printf ("no such file: %s", missing);
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "add", missing);
    assert_failed (&run, 1, expected);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    /* Nothing listens on port 9 (discard) here: the fetch fails at once,
     * as it does in a build without fetching. */
    RUN (f, &run, "add", "http://127.0.0.1:9/article");
    assert_failed (&run, 1, "clipper-cli: ");
    g_assert_true (strstr (run.err, "http://127.0.0.1:9/article") != NULL ||
                   strstr (run.err, "fetching URLs is not available in this build") != NULL);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "add", "ftp://example.com/page.html");
    assert_failed (&run, 1, "only web pages and local files");
  }
  {
    g_autofree char *path = data_path ("article.html");
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "add", path, "--tag", "");
    assert_failed (&run, 2, "a tag is empty");
  }
  /* A byte over the one cap on a page (20 MB, downloaded or a file) is too
   * large: refused from its size, before reading it (a sparse file, so
   * the test writes nothing). */
  {
    g_autofree char *huge = g_build_filename (f->dir, "huge.html", NULL);
    g_autofree char *expected = g_strdup_printf ("page too large (over 20 MB): %s", huge);
    g_auto (ClipperTestRun) run = { 0 };
    int fd = open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, (off_t) 20 * 1024 * 1024 + 1), ==, 0);
    close (fd);
    RUN (f, &run, "add", huge);
    assert_failed (&run, 1, expected);
  }
  EXPECT (f, 2, "add");
  EXPECT (f, 2, "add", "");

  /* None of that left anything behind. */
  list = JSON (f, "list", "--state", "all");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 0);
}

/* An export the import reads is not saved as a page: `add` says what it
 * is and to import it.  A text article with a list and a rule of "=" in it
 * is still a page. */
static void
test_add_refuses_exports (Fixture *f, gconstpointer data)
{
  g_autofree char *kindle = clipper_test_build_data_path ("import", "kindle-en.txt");
  g_autofree char *kindle_uri = g_filename_to_uri (kindle, NULL, NULL);
  g_autofree char *hypothesis = clipper_test_build_data_path ("import", "hypothesis.json");
  g_autofree char *json = g_build_filename (f->dir, "library.json", NULL);
  g_autofree char *markdown = g_build_filename (f->dir, "article.md", NULL);
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) list = NULL;
  gint64 id = add_page (f, "article.html", NULL);
  g_autofree char *id_arg = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  struct {
    const char *target;
    const char *what;
  } exports[] = {
    { kindle, "a Kindle \"My Clippings.txt\"" },
    { kindle_uri, "a Kindle \"My Clippings.txt\"" },
    { hypothesis, "a Hypothesis export" },
    { json, "a W3C Web Annotation (or Clipper JSON) export" },
    { markdown, "a Clipper Markdown export" },
    { vault, "a Clipper Markdown export" },
  };

  EXPECT (f, 0, "export", "--format", "json", "--out", json);
  EXPECT (f, 0, "export", id_arg, "--format", "markdown", "--out", markdown);
  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault);
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *expected = g_strdup_printf ("'%s' is %s, not a page: use clipper-cli import",
                                                   exports[i].target, exports[i].what);
      g_auto (ClipperTestRun) run = { 0 };

      RUN (f, &run, "add", exports[i].target);
      assert_failed (&run, 1, expected);
    }
  list = JSON (f, "list", "--state", "all");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);

  /* Plain text that has what a clippings file has, but not as one. */
  g_file_set_contents (text,
                       "Notes on the estuary\n"
                       "====================\n\n"
                       "What we saw on the walk along the mud flats at low tide:\n\n"
                       "- herons standing in the shallows | three of them\n"
                       "- a line of oystercatchers on the sand bar\n\n"
                       "==========\n\n"
                       "The tide came in faster than the map said it would, and we went back over the dunes.\n",
                       -1, &error);
  g_assert_no_error (error);
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "add", text);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpint (clipper_test_parse_id (run.out), >, id);
  }
}

/* A clipping of a book's front matter with its Roman page and no location
 * (it was a broken entry): `highlights` and the Markdown say the page and
 * no location, nor that it is an orphan; the JSON has no location; a
 * library restored from the vault keeps the page, and the clippings
 * imported into it again add nothing. */
static void
test_kindle_roman_page (Fixture *f, gconstpointer data)
{
  g_autofree char *kindle = g_build_filename (f->dir, "My Clippings.txt", NULL);
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *from_vault_db = g_build_filename (f->dir, "from-vault.db", NULL);
  Fixture from_vault = { f->dir, from_vault_db };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) list = NULL;
  JsonObject *h;

  g_file_set_contents (kindle,
                       "The Pragmatic Programmer (Hunt, Andrew;Thomas, David)\r\n"
                       "- Your Highlight on page ix | Added on Monday, March 4, 2019 9:15:02 PM\r\n"
                       "\r\n"
                       "A preface worth reading.\r\n"
                       "==========\r\n",
                       -1, &error);
  g_assert_no_error (error);
  EXPECT (f, 0, "import", kindle);

  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "highlights");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, " · 2019-03-04 · Page ix\n  “A preface worth reading.”\n"));
    g_assert_null (strstr (run.out, "orphan"));
  }
  list = JSON (f, "highlights");
  h = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_true (json_object_get_null_member (h, "location"));
  g_assert_cmpstr (json_object_get_string_member (h, "page"), ==, "ix");
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "export", "1", "--format", "markdown", "--out", "-");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\n#clipper/important · Page ix\n"));
  }

  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault);
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", vault);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "nothing changed"));
  }
  {
    g_autoptr (JsonNode) restored = NULL;
    g_autoptr (JsonNode) again = NULL;
    g_auto (ClipperTestRun) run = { 0 };

    EXPECT (&from_vault, 0, "import", vault);
    restored = JSON (&from_vault, "highlights");
    h = json_array_get_object_element (json_node_get_array (restored), 0);
    g_assert_cmpstr (json_object_get_string_member (h, "page"), ==, "ix");
    RUN (&from_vault, &run, "import", kindle);
    g_assert_cmpint (run.status, ==, 0);
    again = JSON (&from_vault, "highlights");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (again)), ==, 1);
  }
}

/* QA-j: refetch of a Kindle book said "cannot fetch 'kindle:book/…': only
 * web pages and local files are supported", with --offline "fetch the page
 * again instead", and `refetch --all` failed for it.  A book never had a
 * page: that is what it says, and the book is left as it was. */
static void
test_refetch_kindle_book (Fixture *f, gconstpointer data)
{
  g_autofree char *kindle = g_build_filename (f->dir, "My Clippings.txt", NULL);
  g_autoptr (GError) error = NULL;
  const char *const *modes[] = {
    (const char *const[]){ "refetch", "1", NULL },
    (const char *const[]){ "refetch", "1", "--offline", NULL },
  };

  g_file_set_contents (kindle,
                       "The Art of Testing (Ada Byron)\r\n"
                       "- Your Highlight on page 3 | Location 41-45 | Added on Monday, March 3, 2025 9:15:02 PM\r\n"
                       "\r\n"
                       "Test what the user does.\r\n"
                       "==========\r\n",
                       -1, &error);
  g_assert_no_error (error);
  EXPECT (f, 0, "import", kindle);
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_auto (ClipperTestRun) run = { 0 };

      run_full (f, &run, TRUE, NULL, NULL, modes[i]);
      assert_failed (&run, 1, "article 1 ('The Art of Testing') is a Kindle book: there is no page to fetch");
      g_assert_null (strstr (run.err, "cannot fetch"));
    }
  /* --all leaves it out, saying so, and does not fail for it. */
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "refetch", "--all", "--offline");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "0 articles updated, 0 failed"));
    g_assert_nonnull (strstr (run.err, "1 Kindle book was left as it was: there is no page to fetch"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "highlights");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "“Test what the user does.”"));
  }
}

/* A Kindle book's highlights are where Kindle put them, not orphans of a
 * text the library never had: `highlights` and the Markdown say the page
 * and the location, the JSON has them beside start and end (still null); a
 * vault of it reads back with nothing changed, and a library restored from
 * the vault keeps the page and the location (the clippings imported into
 * it again add nothing), one restored from the JSON export the page. */
static void
test_kindle_locations (Fixture *f, gconstpointer data)
{
  g_autofree char *kindle = g_build_filename (f->dir, "My Clippings.txt", NULL);
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *json = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *from_vault_db = g_build_filename (f->dir, "from-vault.db", NULL);
  g_autofree char *from_json_db = g_build_filename (f->dir, "from-json.db", NULL);
  Fixture from_vault = { f->dir, from_vault_db };
  Fixture from_json = { f->dir, from_json_db };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) list = NULL;
  JsonObject *h;
  JsonObject *location;

  g_file_set_contents (kindle,
                       "The Pragmatic Programmer (Hunt, Andrew;Thomas, David)\r\n"
                       "- Your Highlight on page 23 | Location 341-345 | Added on Monday, March 4, 2019 9:15:02 PM\r\n"
                       "\r\n"
                       "Care about your craft.\r\n"
                       "==========\r\n",
                       -1, &error);
  g_assert_no_error (error);
  EXPECT (f, 0, "import", kindle);

  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "highlights");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, " · 2019-03-04 · Page 23 · Location 341–345\n  “Care about your craft.”\n"));
    g_assert_null (strstr (run.out, "orphan"));
  }
  /* Nothing to attach again: a book's highlights are no orphans. */
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "highlights", "--orphans");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "No orphans.\n");
  }

  list = JSON (f, "highlights");
  h = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_true (json_object_get_null_member (h, "start"));
  g_assert_true (json_object_get_null_member (h, "end"));
  location = json_object_get_object_member (h, "location");
  g_assert_cmpint (json_object_get_int_member (location, "start"), ==, 341);
  g_assert_cmpint (json_object_get_int_member (location, "end"), ==, 345);
  g_assert_cmpstr (json_object_get_string_member (h, "page"), ==, "23");

  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "export", "1", "--format", "markdown", "--out", "-");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\n#clipper/important · Page 23 · Location 341–345\n"));
  }

  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault);
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", vault);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "nothing changed"));
    g_assert_cmpstr (run.err, ==, "");
  }
  {
    g_autoptr (JsonNode) restored = NULL;

    g_autoptr (JsonNode) again = NULL;
    g_auto (ClipperTestRun) run = { 0 };

    EXPECT (&from_vault, 0, "import", vault);
    restored = JSON (&from_vault, "highlights");
    h = json_array_get_object_element (json_node_get_array (restored), 0);
    g_assert_cmpstr (json_object_get_string_member (h, "quote"), ==, "Care about your craft.");
    g_assert_cmpstr (json_object_get_string_member (h, "page"), ==, "23");
    location = json_object_get_object_member (h, "location");
    g_assert_cmpint (json_object_get_int_member (location, "start"), ==, 341);
    g_assert_cmpint (json_object_get_int_member (location, "end"), ==, 345);
    /* So the clippings imported into it again find it. */
    RUN (&from_vault, &run, "import", kindle);
    g_assert_cmpint (run.status, ==, 0);
    again = JSON (&from_vault, "highlights");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (again)), ==, 1);
  }
  EXPECT (f, 0, "export", "--format", "json", "--out", json);
  {
    g_autoptr (JsonNode) restored = NULL;

    EXPECT (&from_json, 0, "import", json);
    restored = JSON (&from_json, "highlights");
    h = json_array_get_object_element (json_node_get_array (restored), 0);
    g_assert_cmpstr (json_object_get_string_member (h, "page"), ==, "23");
  }

  /* A web page's highlight has no location, and no page. */
  {
    g_autoptr (JsonNode) page = NULL;
    gint64 id = add_page (f, "article.html", NULL);
    g_autofree char *id_arg = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    JsonArray *hs;

    EXPECT (f, 0, "highlight", id_arg, "--quote", "A quokka weighs");
    page = JSON (f, "highlights", id_arg);
    hs = json_node_get_array (page);
    g_assert_true (json_object_get_null_member (json_array_get_object_element (hs, 0), "location"));
    g_assert_true (json_object_get_null_member (json_array_get_object_element (hs, 0), "page"));
  }
}

/* QA: `highlight --quote` across a paragraph break was refused, its
 * suggestion the very text typed ("the closest passage is “…mainland. Our
 * task…”"), and "\n\n" too: only the one line break of the text matched.
 * The quote's white space is read loosely now, as the vault import reads
 * it: a space, a line break or a paragraph's break, any run matches any
 * run; the highlight's quote is the article's text, its break kept. */
static void
test_highlight_across_paragraphs (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "article.html", NULL);
  g_autofree char *id_arg = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (JsonNode) list = NULL;
  JsonArray *hs;

  EXPECT (f, 0, "highlight", id_arg, "--quote", "vanished from the mainland. Counting at dusk");
  EXPECT (f, 0, "highlight", id_arg, "--quote", "house cat.\n\n\nIt sleeps  through");
  EXPECT (f, 0, "highlight", id_arg, "--quote", " Our task was simple: walk\n");
  EXPECT (f, 1, "highlight", id_arg, "--quote", "mainland.Counting");
  list = JSON (f, "highlights", id_arg);
  hs = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (hs), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const char *quote = json_object_get_string_member (json_array_get_object_element (hs, i), "quote");

      if (g_str_has_prefix (quote, "vanished"))
        g_assert_cmpstr (quote, ==, "vanished from the mainland.\nCounting at dusk");
      else if (g_str_has_prefix (quote, "house"))
        g_assert_cmpstr (quote, ==, "house cat. It sleeps through");
      else
        g_assert_cmpstr (quote, ==, "Our task was simple: walk");
    }
}

/* QA: `import --format kindle` of a file whose every entry is broken (a
 * UTF-16 file read as UTF-8 was one) printed "imported 0 …" and exited 0,
 * and the file in UTF-16 was in "no format Clipper imports".  Now nothing
 * read is a failure that says why, and UTF-16 is read, the summary naming
 * it; the JSON output gives the encoding and the counts of this report. */
static void
test_import_kindle_encodings (Fixture *f, gconstpointer data)
{
  g_autofree char *broken = g_build_filename (f->dir, "broken.txt", NULL);
  g_autofree char *utf16 = clipper_test_build_data_path ("import", "kindle-utf16le.txt");
  g_autoptr (GError) error = NULL;

  g_file_set_contents (broken,
                       "Some Book (Someone)\r\n"
                       "- Twoje zakreślenie na stronie 12 | Dodano: poniedziałek, 3 stycznia 2022 10:00:00\r\n"
                       "\r\nTekst\r\n==========\r\n",
                       -1, &error);
  g_assert_no_error (error);
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", "--format", "kindle", broken);
    assert_failed (&run, 1, "clipper-cli: nothing imported: none of the file's entries could be read as a Kindle "
                            "clipping (1 broken); line 1: skipped a broken entry: its header, \"- Twoje ");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", utf16);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "imported 1 book, 1 highlight, 1 note\n");
    g_assert_nonnull (strstr (run.err, "clipper-cli import: read as UTF-16LE, as its byte order mark says\n"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "highlights");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "“Никогда и ничего не просите!"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) node = NULL;
    JsonObject *o;

    RUN (f, &run, "import", utf16, "--output", "json");
    g_assert_cmpint (run.status, ==, 0);
    node = json_from_string (run.out, &error);
    g_assert_no_error (error);
    o = json_node_get_object (node);
    g_assert_cmpstr (json_object_get_string_member (o, "encoding"), ==, "UTF-16LE");
    g_assert_cmpint (json_object_get_int_member (o, "highlightsExisting"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "highlightsRepaired"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (o, "unreadable"), ==, 0);
  }
}

/* QA-I finding 7: a Hypothesis export imported again, the annotation's
 * text and a reply edited on hypothes.is since.  The summary on stdout
 * counts the note and the reply updated, and the highlight and its
 * replies apart ("3 highlights" were one and two replies); a file in
 * UTF-16 says what it was read as once, on stderr with the other notices,
 * no longer on stdout too. */
static void
test_import_hypothesis_again (Fixture *f, gconstpointer data)
{
  g_autofree char *thread = clipper_test_build_data_path ("import", "hypothesis-thread.json");
  g_autofree char *edited = clipper_test_build_data_path ("import", "hypothesis-thread-edited.json");
  g_autofree char *wide = g_build_filename (f->dir, "hypothesis-utf16.json", NULL);
  g_autoptr (GError) error = NULL;

  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", thread);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "imported 1 article, 1 highlight, 2 replies (added to the note of the "
                                  "annotation answered, with who wrote it)\n");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", edited);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "imported 0 articles, 0 highlights; already in the library: 1 article, "
                                  "1 highlight, 1 reply; updated 1 note and 1 reply from the file\n");
    g_assert_cmpstr (run.err, ==, "");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "highlights");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "My annotation — über, edited on hypothes.is"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *contents = NULL;
    g_autofree char *utf16 = NULL;
    g_autoptr (GByteArray) bytes = g_byte_array_new ();
    gsize n = 0;

    g_assert_true (g_file_get_contents (edited, &contents, NULL, &error));
    g_assert_no_error (error);
    utf16 = g_convert (contents, -1, "UTF-16LE", "UTF-8", NULL, &n, &error);
    g_assert_no_error (error);
    g_byte_array_append (bytes, (const guint8 *) "\xff\xfe", 2);
    g_byte_array_append (bytes, (const guint8 *) utf16, n);
    g_assert_true (g_file_set_contents (wide, (const char *) bytes->data, bytes->len, &error));
    g_assert_no_error (error);

    RUN (f, &run, "import", wide);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "imported 0 articles, 0 highlights; already in the library: 1 article, "
                                  "1 highlight, 2 replies\n");
    g_assert_cmpstr (run.err, ==, "clipper-cli import: read as UTF-16LE, as its byte order mark says\n");
  }
}

/* The vault of another library (another computer's Clipper) counted its
 * highlights twice in one summary line: "2 highlights added; from another
 * library: 2 highlights added to 2 articles".  Each is counted once. */
static void
test_import_other_library_vault (Fixture *f, gconstpointer data)
{
  g_autofree char *a_db = g_build_filename (f->dir, "a.db", NULL);
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  Fixture a = { f->dir, a_db };
  g_autofree char *shared_id = NULL;
  g_autofree char *a_id = NULL;
  g_autofree char *b_id = NULL;

  /* Both libraries have the article; A has a highlight B lacks, and one
   * more on an article B does not have. */
  a_id = g_strdup_printf ("%" G_GINT64_FORMAT, add_page (&a, "article.html", NULL));
  shared_id = g_strdup_printf ("%" G_GINT64_FORMAT, add_page (&a, "second.html", NULL));
  b_id = g_strdup_printf ("%" G_GINT64_FORMAT, add_page (f, "second.html", NULL));
  EXPECT (&a, 0, "highlight", a_id, "--quote", "A quokka weighs");
  EXPECT (&a, 0, "highlight", shared_id, "--quote", "Winter is hard on a sourdough starter");
  EXPECT (&a, 0, "export", "--format", "markdown", "--out", vault);
  EXPECT (f, 0, "highlight", b_id, "--quote", "Give the dough longer");

  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", vault);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "read 2 files: 1 article added; "
                                  "from another library: 2 highlights added to 2 articles\n");
  }
  /* A library that has both articles takes in nothing else. */
  {
    g_autofree char *c_db = g_build_filename (f->dir, "c.db", NULL);
    Fixture c = { f->dir, c_db };
    g_auto (ClipperTestRun) run = { 0 };

    add_page (&c, "article.html", NULL);
    add_page (&c, "second.html", NULL);
    RUN (&c, &run, "import", vault);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "read 2 files; from another library: 2 highlights added to 2 articles\n");
  }
}

/* Deeply nested markup saves or fails cleanly, and shows without a crash. */
static void
test_add_deep_nesting (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "deep.html", NULL);
  g_autoptr (GString) page =
    g_string_new ("<!DOCTYPE html><html><head><title>Deep</title></head><body><article>");
  g_autoptr (GError) error = NULL;
  g_auto (ClipperTestRun) run = { 0 };
  const guint depth = 20000;

  for (guint i = 0; i < depth; i++)
    g_string_append (page, "<div><b>");
  g_string_append (
    page,
    "<p>At the bottom of a very deep page there is still a sentence to read, and it goes on for "
    "a while so that the page has some text to offer.</p>");
  for (guint i = 0; i < depth; i++)
    g_string_append (page, "</b></div>");
  g_string_append (page, "</article></body></html>\n");
  g_file_set_contents (path, page->str, (gssize) page->len, &error);
  g_assert_no_error (error);

  RUN (f, &run, "add", path);
  if (run.status == 0)
    {
      g_autofree char *id_str =
        g_strdup_printf ("%" G_GINT64_FORMAT, clipper_test_parse_id (run.out));
      EXPECT (f, 0, "show", id_str);
      EXPECT (f, 0, "show", id_str, "--format", "markdown");
      EXPECT (f, 0, "show", id_str, "--format", "json");
    }
  else
    assert_failed (&run, 1, "deep.html");
}

static void
test_add_legacy_charset (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "latin1.html", NULL);
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (JsonNode) shown = JSON (f, "show", id_str);
  JsonObject *article = json_node_get_object (shown);

  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==, "Café crème");
  g_assert_nonnull (
    strstr (json_object_get_string_member (article, "text"), "Les garçons de café"));

  /* UTF-16 with a byte order mark is text, not binary. */
  {
    g_autofree char *utf8_path = data_path ("second.html");
    g_autofree char *utf16_path = g_build_filename (f->dir, "utf16.html", NULL);
    g_autofree char *utf8 = NULL;
    g_autofree char *utf16 = NULL;
    g_autoptr (GString) bom = g_string_new_len ("\xff\xfe", 2);
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) list = NULL;
    gsize len = 0;
    gint64 utf16_id;
    gboolean found = FALSE;

    g_file_get_contents (utf8_path, &utf8, NULL, &error);
    g_assert_no_error (error);
    utf16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &len, &error);
    g_assert_no_error (error);
    g_string_append_len (bom, utf16, (gssize) len);
    g_file_set_contents (utf16_path, bom->str, (gssize) bom->len, &error);
    g_assert_no_error (error);

    {
      g_auto (ClipperTestRun) run = { 0 };
      RUN (f, &run, "add", utf16_path);
      g_assert_cmpint (run.status, ==, 0);
      utf16_id = clipper_test_parse_id (run.out);
    }
    list = JSON (f, "list");
    for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
      {
        JsonObject *o = json_array_get_object_element (json_node_get_array (list), i);
        if (json_object_get_int_member (o, "id") != utf16_id)
          continue;
        g_assert_cmpstr (json_object_get_string_member (o, "title"), ==,
                         "Baking Sourdough in a Cold Kitchen");
        found = TRUE;
      }
    g_assert_true (found);
  }

  /* Under LANG=C the output is still UTF-8, not '?'. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) list = NULL;

    run_full (f, &run, TRUE, (const char *const[]){ "LC_ALL=C", "LANG=C", NULL }, NULL,
              (const char *const[]){ "list", "--format", "json", NULL });
    g_assert_cmpint (run.status, ==, 0);
    list = clipper_test_parse_json (run.out);
    for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
      {
        JsonObject *o = json_array_get_object_element (json_node_get_array (list), i);
        if (json_object_get_int_member (o, "id") == id)
          g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Café crème");
      }
    g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  }
}

static void
test_tags (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "article.html", "nature");
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  JsonArray *tags;

  EXPECT (f, 0, "tag", id_str, "islands", "café");
  {
    g_autoptr (JsonNode) shown = JSON (f, "show", id_str);
    tags = json_object_get_array_member (json_node_get_object (shown), "tags");
    g_assert_cmpuint (json_array_get_length (tags), ==, 3);
    g_assert_true (strv_node_contains (tags, "islands"));
    g_assert_true (strv_node_contains (tags, "café"));
  }

  EXPECT (f, 0, "untag", id_str, "nature");
  {
    g_autoptr (JsonNode) shown = JSON (f, "show", id_str);
    tags = json_object_get_array_member (json_node_get_object (shown), "tags");
    g_assert_cmpuint (json_array_get_length (tags), ==, 2);
    g_assert_false (strv_node_contains (tags, "nature"));
  }
  {
    g_autoptr (JsonNode) tagged = JSON (f, "list", "--tag", "islands");
    g_autoptr (JsonNode) untagged = JSON (f, "list", "--tag", "nature");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (tagged)), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (untagged)), ==, 0);
  }

  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "tag", "99", "x");
    assert_failed (&run, 1, "there is no article 99");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "tag", id_str, "  ");
    assert_failed (&run, 2, "a tag is empty");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "tag", id_str, "bad\xff\xfe");
    assert_failed (&run, 1, "not valid UTF-8");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "untag", "99", "x");
    assert_failed (&run, 1, "there is no article 99");
  }
  /* A tag the article does not have is said, and fails the command
   * before any tag is removed (a typo must not go unnoticed); any case
   * finds a tag the article has. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *said = g_strdup_printf ("article %s has no tag 'nature'; no tag removed",
                                             id_str);

    RUN (f, &run, "untag", id_str, "ISLANDS", " nature ");
    assert_failed (&run, 1, said);
  }
  {
    g_autoptr (JsonNode) shown = JSON (f, "show", id_str);
    tags = json_object_get_array_member (json_node_get_object (shown), "tags");
    g_assert_true (strv_node_contains (tags, "islands"));
  }

  /* Every tag with its counts; renamed, merged into another, deleted. */
  EXPECT (f, 0, "highlight", id_str, "--quote", "Forty-one quokkas", "--tag", "Islands", "--tag", "count");
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "tags");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "café\t1\t0\ncount\t0\t1\nislands\t1\t1\n");
  }
  EXPECT (f, 0, "rename-tag", "CAFÉ", "Cafés");
  EXPECT (f, 0, "rename-tag", "count", "islands");
  {
    g_autoptr (JsonNode) counts = JSON (f, "tags", "--format", "json");
    JsonArray *array = json_node_get_array (counts);
    JsonObject *first, *second;

    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    first = json_array_get_object_element (array, 0);
    second = json_array_get_object_element (array, 1);
    g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Cafés");
    g_assert_cmpint (json_object_get_int_member (first, "articles"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (second, "name"), ==, "islands");
    g_assert_cmpint (json_object_get_int_member (second, "articles"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (second, "highlights"), ==, 1);
  }
  EXPECT (f, 0, "delete-tag", "islands");
  {
    g_autoptr (JsonNode) shown = JSON (f, "show", id_str);
    JsonObject *article = json_node_get_object (shown);
    JsonArray *highlights = json_object_get_array_member (article, "highlights");

    tags = json_object_get_array_member (article, "tags");
    g_assert_cmpuint (json_array_get_length (tags), ==, 1);
    g_assert_true (strv_node_contains (tags, "Cafés"));
    g_assert_cmpuint (json_array_get_length (highlights), ==, 1);
    tags = json_object_get_array_member (json_array_get_object_element (highlights, 0), "tags");
    g_assert_cmpuint (json_array_get_length (tags), ==, 0);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "rename-tag", "islands", "x");
    assert_failed (&run, 1, "there is no tag 'islands'");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "rename-tag", "Cafés", " ");
    assert_failed (&run, 2, "a tag is empty");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "delete-tag", "nothing");
    assert_failed (&run, 1, "there is no tag 'nothing'");
  }
  EXPECT (f, 2, "rename-tag", "one");
  EXPECT (f, 2, "list", "--limit", "0");
  EXPECT (f, 2, "list", "--limit", "-1");
  EXPECT (f, 2, "tags", "extra");
}

/* QA qa-l, finding 9: tags were listed in the store's order, tag1,
 * tag10 … tag19, tag2, where the Highlights page's menu counts, tag2
 * before tag10; every list of tags is now in that one order. */
/* QA-s 8: locked out by the app's own import, the CLI said "another
 * program kept it locked": the program is as often Clipper.  The message
 * names both, and nothing is changed. */
static void
test_busy_library (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "article.html", NULL);
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_auto (ClipperTestRun) run = { 0 };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  RUN (f, &run, "tag", id_str, "locked");
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_failed (&run, 1, "the library is busy (Clipper or another program is writing it)");
  {
    g_autoptr (JsonNode) tagged = JSON (f, "list", "--tag", "locked");

    g_assert_cmpuint (json_array_get_length (json_node_get_array (tagged)), ==, 0);
  }
}

static void
test_tags_natural_order (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "article.html", NULL);
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  EXPECT (f, 0, "tag", id_str, "tag10", "Tag2", "tag1", "b");
  EXPECT (f, 0, "highlight", id_str, "--quote", "Forty-one quokkas", "--tag", "tag10", "--tag", "tag9",
          "--tag", "B");
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "tags");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "b\t1\t1\ntag1\t1\t0\nTag2\t1\t0\ntag9\t0\t1\ntag10\t1\t1\n");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "highlights");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "  Tags: b, tag9, tag10\n"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "show", id_str);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, " · tags: b, tag1, Tag2, tag10\n"));
  }
  {
    g_autoptr (JsonNode) shown = JSON (f, "show", id_str);
    JsonArray *tags = json_object_get_array_member (json_node_get_object (shown), "tags");

    g_assert_cmpuint (json_array_get_length (tags), ==, 4);
    g_assert_cmpstr (json_array_get_string_element (tags, 2), ==, "Tag2");
    g_assert_cmpstr (json_array_get_string_element (tags, 3), ==, "tag10");
  }
}

/* The tags "Smith, John" and "x" were printed "Smith, John, x", three
 * tags to anyone reading it: a tag holding a comma is quoted as the app's
 * tags field writes it, and JSON keeps the names as they are. */
static void
test_tags_with_comma_quoted (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "article.html", NULL);
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  EXPECT (f, 0, "tag", id_str, "Smith, John", "x", "5\" floppy");
  EXPECT (f, 0, "highlight", id_str, "--quote", "Forty-one quokkas", "--tag", "Smith, John", "--tag", "x");
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "highlights");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "  Tags: \"Smith, John\", x\n"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "show", id_str);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, " · tags: 5\" floppy, \"Smith, John\", x\n"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "list");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, " · tags: 5\" floppy, \"Smith, John\", x"));
  }
  {
    g_autoptr (JsonNode) shown = JSON (f, "show", id_str);
    JsonArray *tags = json_object_get_array_member (json_node_get_object (shown), "tags");

    g_assert_cmpuint (json_array_get_length (tags), ==, 3);
    g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "Smith, John");
  }
}

static JsonObject *
find_hit (JsonArray *hits, const char *kind, gint64 article_id)
{
  for (guint i = 0; i < json_array_get_length (hits); i++)
    {
      JsonObject *hit = json_array_get_object_element (hits, i);

      if (g_str_equal (json_object_get_string_member (hit, "kind"), kind) &&
          json_object_get_int_member (hit, "articleId") == article_id)
        return hit;
    }
  return NULL;
}

static void
test_search (Fixture *f, gconstpointer data)
{
  gint64 quokkas = add_page (f, "article.html", NULL);
  gint64 bread = add_page (f, "second.html", NULL);
  g_autoptr (JsonNode) result = NULL;
  JsonObject *hit;
  JsonArray *matches;

  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("article %" G_GINT64_FORMAT, quokkas);
    RUN (f, &run, "search", "marsupials");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, expected));
    /* Not a terminal: matches in brackets, no escape codes. */
    g_assert_nonnull (strstr (run.out, "⟦marsupials⟧"));
    g_assert_null (strstr (run.out, "\033["));
    g_assert_null (strstr (run.out, "\x02"));
  }

  /* At a terminal: real bold. */
  {
    int status = -1;
    g_autofree char *out =
      run_in_terminal (f, (const char *const[]){ "search", "marsupials", NULL }, &status);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "\033[1mmarsupials\033[0m"));
    g_assert_null (strstr (out, "⟦"));
  }

  result = JSON (f, "search", "marsupials");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (result)), ==, 1);
  hit = find_hit (json_node_get_array (result), "article", quokkas);
  g_assert_nonnull (hit);
  g_assert_true (json_object_get_null_member (hit, "highlightId"));
  g_assert_cmpstr (json_object_get_string_member (hit, "title"), ==,
                   "The Quokkas of Rottnest Island");
  g_assert_null (strchr (json_object_get_string_member (hit, "snippet"), '\x02'));
  g_assert_nonnull (
    strstr (json_object_get_string_member (hit, "snippetHtml"), "<b>marsupials</b>"));
  matches = json_object_get_array_member (hit, "matches");
  g_assert_cmpuint (json_array_get_length (matches), >=, 1);
  {
    JsonArray *range = json_array_get_array_element (matches, 0);
    gint64 start = json_array_get_int_element (range, 0);
    gint64 end = json_array_get_int_element (range, 1);
    g_autofree char *word =
      g_utf8_substring (json_object_get_string_member (hit, "snippet"), start, end);
    g_assert_cmpstr (word, ==, "marsupials");
  }

  /* A prefix matches whole words. */
  {
    g_autoptr (JsonNode) prefix = JSON (f, "search", "sourd");
    g_assert_nonnull (find_hit (json_node_get_array (prefix), "article", bread));
    g_assert_null (find_hit (json_node_get_array (prefix), "article", quokkas));
  }
  /* Syntax FTS5 cannot parse is searched as words, not an error. */
  {
    g_autoptr (JsonNode) unclosed = JSON (f, "search", "\"sourdough");
    g_assert_nonnull (find_hit (json_node_get_array (unclosed), "article", bread));
  }
  EXPECT (f, 0, "search", "AND OR");
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "search", "*");
    assert_failed (&run, 1, "cannot search");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "search", "");
    assert_failed (&run, 1, "the search query is empty");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "search", "xylophone");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "No matches.\n");
  }
  {
    g_autoptr (JsonNode) none = JSON (f, "search", "xylophone");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (none)), ==, 0);
  }
  {
    g_autoptr (JsonNode) limited = JSON (f, "search", "the", "--limit", "1");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (limited)), ==, 1);
  }
  EXPECT (f, 2, "search");
  EXPECT (f, 2, "search", "x", "--limit", "0");

  /* Highlights and notes are found too. */
  {
    g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, quokkas);
    g_autoptr (JsonNode) notes = NULL;

    EXPECT (f, 0, "highlight", id_str, "--quote", "a new respect for how small a margin", "--note",
            "compare with the wombat survey");
    notes = JSON (f, "search", "wombat");
    hit = find_hit (json_node_get_array (notes), "highlight", quokkas);
    g_assert_nonnull (hit);
    g_assert_cmpint (json_object_get_int_member (hit, "highlightId"), >, 0);
    g_assert_cmpstr (json_object_get_string_member (hit, "match"), ==, "note");
    g_assert_cmpstr (json_object_get_string_member (hit, "quote"), ==, "a new respect for how small a margin");
    g_assert_true (json_object_get_null_member (hit, "tag"));
  }
  {
    g_autoptr (JsonNode) article = JSON (f, "search", "marsupials");
    hit = find_hit (json_node_get_array (article), "article", quokkas);
    g_assert_cmpstr (json_object_get_string_member (hit, "match"), ==, "text");
    g_assert_true (json_object_get_null_member (hit, "quote"));
  }

  /* QA: a note's own **bold** read as a match, and a hit in a note
   * showed neither its passage nor that the words were the note's. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, bread);

    EXPECT (f, 0, "highlight", id_str, "--quote", "sourdough", "--note", "**serendipity** links to my thesis");
    RUN (f, &run, "search", "serendipity");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\n  “sourdough”\n  note: **⟦serendipity⟧** links to my thesis\n"));
  }

  /* Tags are found, and the hit says which. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, quokkas);
    g_autoptr (JsonNode) tagged = NULL;

    EXPECT (f, 0, "tag", id_str, "café");
    RUN (f, &run, "search", "cafe");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "article "));
    g_assert_nonnull (strstr (run.out, "\n  tagged café\n"));
    tagged = JSON (f, "search", "café");
    hit = json_array_get_object_element (json_node_get_array (tagged), 0);
    g_assert_cmpint (json_object_get_int_member (hit, "articleId"), ==, quokkas);
    g_assert_cmpstr (json_object_get_string_member (hit, "tag"), ==, "café");
  }
}

/* QA-j finding 9: Arabic typed with a bare alif (الاسكندرية), the usual
 * way, found nothing where the text has الإسكندرية; nor a ha for a ta
 * marbuta, nor a word without the harakat the text has.  The marks are
 * on the text's own words, however many bytes the folding took off. */
static void
test_search_arabic (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "arabic.html", NULL);
  g_autofree char *expected = g_strdup_printf ("article %" G_GINT64_FORMAT, id);
  const struct {
    const char *query;
    const char *marked;
  } cases[] = {
    { "الاسكندرية", "مكتبة ⟦الإسكندرية⟧ على" },
    { "مدرسه", "وكانت ⟦مدرســة⟧ للفلاسفة" },
    { "كتب العلماء", "⟦كَتَبَ⟧ ⟦العلماء⟧ فيها" },
    { "اعيد", "⟦أُعيد⟧ افتتاحها" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (ClipperTestRun) run = { 0 };

      RUN (f, &run, "search", cases[i].query);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, expected));
      if (strstr (run.out, cases[i].marked) == NULL)
        g_error ("search %s: no \"%s\" in:\n%s", cases[i].query, cases[i].marked, run.out);
    }
}

/* The article's text, from show --format json. */
static char *
dup_article_text (Fixture *f, const char *id_str)
{
  g_autoptr (JsonNode) shown = JSON (f, "show", id_str);
  return g_strdup (json_object_get_string_member (json_node_get_object (shown), "text"));
}

/* Code-point offset of the @nth (0-based) occurrence of @needle in @text. */
static gint64
nth_offset (const char *text, const char *needle, guint nth)
{
  const char *p = text;

  for (guint i = 0;; i++)
    {
      p = strstr (p, needle);
      g_assert_nonnull (p);
      if (i == nth)
        return g_utf8_pointer_to_offset (text, p);
      p++;
    }
}

static JsonObject *
get_highlight (Fixture *f, JsonNode **holder, const char *article_id, gint64 highlight_id)
{
  JsonArray *all;

  *holder = JSON (f, "highlights", article_id);
  all = json_node_get_array (*holder);
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *o = json_array_get_object_element (all, i);
      if (json_object_get_int_member (o, "id") == highlight_id)
        return o;
    }
  g_error ("highlight %" G_GINT64_FORMAT " not listed", highlight_id);
}

static void
test_highlight (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "article.html", NULL);
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *text = dup_article_text (f, id_str);
  const char *quote = "a new respect for how small a margin";
  gint64 h1, h2, h3;

  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) holder = NULL;
    JsonObject *h;
    gint64 start;
    g_autofree char *slice = NULL;
    g_autofree char *before = NULL;

    RUN (f, &run, "highlight", id_str, "--quote", quote);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    h1 = clipper_test_parse_id (run.out);

    h = get_highlight (f, &holder, id_str, h1);
    start = json_object_get_int_member (h, "start");
    g_assert_cmpint (start, ==, nth_offset (text, quote, 0));
    g_assert_cmpint (json_object_get_int_member (h, "end"), ==, start + g_utf8_strlen (quote, -1));
    slice = g_utf8_substring (text, start, json_object_get_int_member (h, "end"));
    g_assert_cmpstr (slice, ==, quote);
    g_assert_cmpstr (json_object_get_string_member (h, "quote"), ==, quote);
    g_assert_cmpstr (json_object_get_string_member (h, "color"), ==, "yellow");
    g_assert_true (json_object_get_boolean_member (h, "anchored"));
    g_assert_true (json_object_get_null_member (h, "note"));
    g_assert_cmpint (json_object_get_int_member (h, "articleId"), ==, id);
    g_assert_cmpuint (strlen (json_object_get_string_member (h, "uuid")), ==, 36);
    /* Context: the 32 code points each side. */
    before = g_utf8_substring (text, start - 32, start);
    g_assert_cmpstr (json_object_get_string_member (h, "prefix"), ==, before);
    g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (h, "suffix"), -1), <=, 32);
  }

  /* Twice in the text, no context: the first, with a warning. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) holder = NULL;
    JsonObject *h;

    RUN (f, &run, "highlight", id_str, "--quote", "the first evening", "--color", "green", "--tag",
         "study", "--note", "counts");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "the quote occurs 2 times; took the first"));
    g_assert_nonnull (strstr (run.err, "--prefix/--suffix"));
    h2 = clipper_test_parse_id (run.out);
    h = get_highlight (f, &holder, id_str, h2);
    g_assert_cmpint (json_object_get_int_member (h, "start"), ==,
                     nth_offset (text, "the first evening", 0));
    g_assert_cmpstr (json_object_get_string_member (h, "color"), ==, "green");
    g_assert_cmpstr (json_object_get_string_member (h, "note"), ==, "counts");
    g_assert_true (strv_node_contains (json_object_get_array_member (h, "tags"), "study"));
  }

  /* Context chooses the second, silently. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) holder = NULL;
    JsonObject *h;

    RUN (f, &run, "highlight", id_str, "--quote", "the first evening", "--prefix", "quokkas on ",
         "--color", "blue");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    h3 = clipper_test_parse_id (run.out);
    h = get_highlight (f, &holder, id_str, h3);
    g_assert_cmpint (json_object_get_int_member (h, "start"), ==,
                     nth_offset (text, "the first evening", 1));
  }
  g_assert_cmpint (h1, !=, h2);
  g_assert_cmpint (h2, !=, h3);

  /* Non-ASCII arguments work whatever the locale. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    run_full (
      f, &run, TRUE, (const char *const[]){ "LC_ALL=C", "LANG=C", NULL }, NULL,
      (const char *const[]){ "highlight", id_str, "--quote", "café owner from Zürich", NULL });
    g_assert_cmpint (run.status, ==, 0);
  }
  /* A short quote with no context, found once: placed (the anchoring alone
   * would call it too weak to place when re-anchoring). */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) holder = NULL;
    JsonObject *h;

    RUN (f, &run, "highlight", id_str, "--quote", "Fremantle", "--color", "pink");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    h = get_highlight (f, &holder, id_str, clipper_test_parse_id (run.out));
    g_assert_cmpint (json_object_get_int_member (h, "start"), ==,
                     nth_offset (text, "Fremantle", 0));
    g_assert_cmpstr (json_object_get_string_member (h, "color"), ==, "pink");
  }

  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("the quote is not in article %s", id_str);
    RUN (f, &run, "highlight", id_str, "--quote", "the platypus of the river");
    assert_failed (&run, 1, expected);
  }
  /* Close but not exact: refused, never placed by guesswork. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("the quote is not in article %s", id_str);
    RUN (f, &run, "highlight", id_str, "--quote", "teh first evening we counted");
    assert_failed (&run, 1, expected);
  }
  /* Context that matches neither occurrence chooses nothing. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "highlight", id_str, "--quote", "the first evening", "--prefix", "zzzz ");
    assert_failed (&run, 1, "the quote occurs 2 times");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "highlight", id_str, "--quote", "walk", "--color", "mauve");
    assert_failed (&run, 2, "unknown colour 'mauve' (one of yellow, green, blue, pink, purple)");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "highlight", id_str, "--quote", "");
    assert_failed (&run, 1, "the quote is empty");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "highlight", id_str, "--quote", "island\xc3\x28");
    assert_failed (&run, 1, "not valid UTF-8");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "highlight", "99", "--quote", "island");
    assert_failed (&run, 1, "there is no article 99");
  }
  EXPECT (f, 2, "highlight", id_str);
  EXPECT (f, 2, "highlight", "--quote", "island");

  /* Filters. */
  {
    g_autoptr (JsonNode) all = JSON (f, "highlights");
    g_autoptr (JsonNode) of_article = JSON (f, "highlights", id_str);
    g_autoptr (JsonNode) green = JSON (f, "highlights", "--color", "green");
    g_autoptr (JsonNode) study = JSON (f, "highlights", "--tag", "study");
    g_autoptr (JsonNode) orphans = JSON (f, "highlights", "--orphans");
    JsonArray *in_order = json_node_get_array (of_article);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (all)), ==, 5);
    g_assert_cmpuint (json_array_get_length (in_order), ==, 5);
    /* An article's highlights come in text order. */
    for (guint i = 1; i < json_array_get_length (in_order); i++)
      g_assert_cmpint (
        json_object_get_int_member (json_array_get_object_element (in_order, i - 1), "start"), <=,
        json_object_get_int_member (json_array_get_object_element (in_order, i), "start"));
    g_assert_cmpuint (json_array_get_length (json_node_get_array (green)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (
                       json_array_get_object_element (json_node_get_array (green), 0), "id"),
                     ==, h2);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (study)), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (orphans)), ==, 0);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "highlights", "--color", "green");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "“the first evening”"));
    g_assert_nonnull (strstr (run.out, "Note: counts"));
    g_assert_nonnull (strstr (run.out, "The Quokkas of Rottnest Island"));
  }
  {
    g_autoptr (JsonNode) listed = JSON (f, "list");
    JsonObject *o = json_array_get_object_element (json_node_get_array (listed), 0);
    g_assert_cmpint (json_object_get_int_member (o, "highlightCount"), ==, 5);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "highlights", "99");
    assert_failed (&run, 1, "there is no article 99");
  }
  EXPECT (f, 2, "highlights", "--color", "mauve");
  EXPECT (f, 2, "highlights", "1", "2");
}

static void
test_note (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "article.html", NULL);
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *h_str = NULL;
  gint64 h;

  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "highlight", id_str, "--quote", "sleeps through the heat of the day");
    g_assert_cmpint (run.status, ==, 0);
    h = clipper_test_parse_id (run.out);
    h_str = g_strdup_printf ("%" G_GINT64_FORMAT, h);
  }

  EXPECT (f, 0, "note", h_str, "Like *cats*, in fact.");
  {
    g_autoptr (JsonNode) holder = NULL;
    JsonObject *o = get_highlight (f, &holder, id_str, h);
    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "Like *cats*, in fact.");
  }

  /* From stdin, without the final newline. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    static const char note[] = "First line.\n\nSecond — ünïcode.\n";
    g_autoptr (GBytes) input = g_bytes_new_static (note, strlen (note));
    g_autoptr (JsonNode) holder = NULL;
    JsonObject *o;

    RUN_STDIN (f, &run, input, "note", h_str, "-");
    g_assert_cmpint (run.status, ==, 0);
    o = get_highlight (f, &holder, id_str, h);
    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==,
                     "First line.\n\nSecond — ünïcode.");
  }

  /* 10 MB on stdin: refused, the old note kept. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    gsize size = 10 * 1024 * 1024;
    char *big = g_malloc (size);
    g_autoptr (GBytes) input = NULL;
    g_autoptr (JsonNode) holder = NULL;
    JsonObject *o;

    memset (big, 'a', size);
    input = g_bytes_new_take (big, size);
    RUN_STDIN (f, &run, input, "note", h_str, "-");
    assert_failed (&run, 1, "too large");
    o = get_highlight (f, &holder, id_str, h);
    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==,
                     "First line.\n\nSecond — ünïcode.");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (GBytes) input = g_bytes_new_static ("nul\0byte", 8);
    RUN_STDIN (f, &run, input, "note", h_str, "-");
    assert_failed (&run, 1, "NUL");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (GBytes) input = g_bytes_new_static ("bad \xff utf-8", 11);
    RUN_STDIN (f, &run, input, "note", h_str, "-");
    assert_failed (&run, 1, "not valid UTF-8");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (GBytes) input = g_bytes_new_static ("", 0);
    RUN_STDIN (f, &run, input, "note", h_str, "-");
    assert_failed (&run, 1, "the note is empty");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "note", h_str, "");
    assert_failed (&run, 1, "the note is empty");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "note", h_str, "\xc0\xaf");
    assert_failed (&run, 1, "not valid UTF-8");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "note", "999", "text");
    assert_failed (&run, 1, "there is no highlight 999");
  }
  EXPECT (f, 2, "note", h_str);
  EXPECT (f, 2, "note", h_str, "a", "b");
  EXPECT (f, 2, "note", h_str, "text", "--clear");

  EXPECT (f, 0, "note", h_str, "--clear");
  {
    g_autoptr (JsonNode) holder = NULL;
    JsonObject *o = get_highlight (f, &holder, id_str, h);
    g_assert_true (json_object_get_null_member (o, "note"));
  }
}

static void
test_delete (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "article.html", NULL);
  gint64 other = add_page (f, "second.html", NULL);
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *other_str = g_strdup_printf ("%" G_GINT64_FORMAT, other);
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;

  {
    g_auto (ClipperTestRun) a = { 0 };
    g_auto (ClipperTestRun) b = { 0 };
    RUN (f, &a, "highlight", id_str, "--quote", "feeding them bread or crisps");
    RUN (f, &b, "highlight", id_str, "--quote", "Signs everywhere");
    g_assert_cmpint (a.status, ==, 0);
    g_assert_cmpint (b.status, ==, 0);
    h1 = g_strdup_printf ("%" G_GINT64_FORMAT, clipper_test_parse_id (a.out));
    h2 = g_strdup_printf ("%" G_GINT64_FORMAT, clipper_test_parse_id (b.out));
  }

  EXPECT (f, 0, "delete-highlight", h1);
  {
    g_autoptr (JsonNode) left = JSON (f, "highlights", id_str);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (left)), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (json_node_get_array (left), 0), "quote"),
                     ==, "Signs everywhere");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("there is no highlight %s", h1);
    RUN (f, &run, "delete-highlight", h1);
    assert_failed (&run, 1, expected);
  }

  EXPECT (f, 0, "delete", id_str);
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("there is no article %s", id_str);
    RUN (f, &run, "show", id_str);
    assert_failed (&run, 1, expected);
  }
  {
    /* The article's highlights went with it; the other article stays. */
    g_autoptr (JsonNode) highlights = JSON (f, "highlights");
    g_autoptr (JsonNode) list = JSON (f, "list", "--state", "all");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (highlights)), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (
                       json_array_get_object_element (json_node_get_array (list), 0), "id"),
                     ==, other);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("there is no highlight %s", h2);
    RUN (f, &run, "note", h2, "gone");
    assert_failed (&run, 1, expected);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("there is no article %s", id_str);
    RUN (f, &run, "delete", id_str);
    assert_failed (&run, 1, expected);
  }
  EXPECT (f, 2, "delete", "x");
  EXPECT (f, 2, "delete-highlight", "-3");
  EXPECT (f, 0, "show", other_str);
}

static void
test_default_db (Fixture *f, gconstpointer data)
{
  g_autofree char *page = data_path ("second.html");
  g_autofree char *env_db = g_build_filename (f->dir, "from-env.db", NULL);
  g_autofree char *env_db_var = g_strdup_printf ("CLIPPER_DB=%s", env_db);
  g_autofree char *xdg = g_build_filename (f->dir, "xdg", NULL);
  g_autofree char *xdg_var = g_strdup_printf ("XDG_DATA_HOME=%s", xdg);
  g_autofree char *xdg_db = g_build_filename (xdg, "clipper", "library.db", NULL);

  /* $CLIPPER_DB names the library when --db does not. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    run_full (f, &run, FALSE, (const char *const[]){ env_db_var, NULL }, NULL,
              (const char *const[]){ "add", page, NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (env_db, G_FILE_TEST_IS_REGULAR));
    g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
  }
  /* --db wins over $CLIPPER_DB: it is the library that is not there. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("no library at '%s'", f->db);
    run_full (f, &run, TRUE, (const char *const[]){ env_db_var, NULL }, NULL,
              (const char *const[]){ "list", "--format", "json", NULL });
    assert_failed (&run, 1, expected);
  }
  /* Else $XDG_DATA_HOME/clipper/library.db. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) list = NULL;
    run_full (f, &run, FALSE, (const char *const[]){ xdg_var, "CLIPPER_DB", NULL }, NULL,
              (const char *const[]){ "add", page, NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (xdg_db, G_FILE_TEST_IS_REGULAR));
    clipper_test_run_clear (&run);
    run_full (f, &run, FALSE, (const char *const[]){ xdg_var, "CLIPPER_DB", NULL }, NULL,
              (const char *const[]){ "list", "--format", "json", NULL });
    g_assert_cmpint (run.status, ==, 0);
    list = clipper_test_parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    run_full (f, &run, FALSE, NULL, NULL, (const char *const[]){ "--db", "", "list", NULL });
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--db needs a file name"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    run_full (f, &run, FALSE, NULL, NULL, (const char *const[]){ "--db", NULL });
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--db needs a file name"));
  }
}

/* A saved page cannot drive the terminal of whoever lists or reads it. */
static void
test_terminal_controls (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "hostile.html", NULL);
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *const commands[][4] = {
    { "list", NULL },
    { "show", id_str, NULL },
    { "search", "terminal", NULL },
  };

  EXPECT (f, 0, "highlight", id_str, "--quote", "ordinary prose", "--note",
          "bell \x07 and \x1b[2J");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (ClipperTestRun) run = { 0 };

      run_full (f, &run, TRUE, NULL, NULL, commands[i]);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "screen"));
      g_assert_null (strchr (run.out, '\x1b'));
      g_assert_null (strchr (run.out, '\x07'));
      g_assert_null (strstr (run.out, "\xc2\x9b"));
    }
  {
    g_auto (ClipperTestRun) run = { 0 };
    RUN (f, &run, "highlights");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "bell"));
    g_assert_null (strchr (run.out, '\x1b'));
    g_assert_null (strchr (run.out, '\x07'));
  }
}

/* The library file itself can be wrong. */
static void
test_bad_library (Fixture *f, gconstpointer data)
{
  g_autofree char *junk = g_build_filename (f->dir, "junk.db", NULL);
  g_autofree char *inside_file = g_build_filename (junk, "library.db", NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (
    junk, "This is not an SQLite database, just some text that is long enough.\n", -1, &error);
  g_assert_no_error (error);

  {
    g_auto (ClipperTestRun) run = { 0 };
    run_full (f, &run, FALSE, NULL, NULL, (const char *const[]){ "--db", junk, "list", NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_true (g_str_has_prefix (run.err, "clipper-cli: "));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    run_full (f, &run, FALSE, NULL, NULL,
              (const char *const[]){ "--db", inside_file, "list", NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, "clipper-cli: "));
  }
  /* A --db in a folder that is not there is a typo: no folder, no library made. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *missing_dir = g_build_filename (f->dir, "no-such-folder", NULL);
    g_autofree char *missing = g_build_filename (missing_dir, "library.db", NULL);

    run_full (f, &run, FALSE, NULL, NULL, (const char *const[]){ "--db", missing, "list", NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "there is no folder"));
    g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };
    run_full (f, &run, FALSE, NULL, NULL, (const char *const[]){ NULL });
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "Usage:"));
  }
}

/* A library file that is not there (QA-j item 7): a mistyped --db, a
 * $CLIPPER_DB or the default library never made.  "show 1" answered
 * "there is no article 1" and "list" "No articles." (exit 0) from an
 * empty library made on the spot, -wal and -shm beside it.  Now every
 * command that reads or changes a library says there is none and makes
 * nothing; add and import make one, as before. */
static void
test_missing_library (Fixture *f, gconstpointer data)
{
  g_autofree char *typo = g_build_filename (f->dir, "typo.db", NULL);
  g_autofree char *typo_wal = g_strconcat (typo, "-wal", NULL);
  g_autofree char *typo_shm = g_strconcat (typo, "-shm", NULL);
  g_autofree char *xdg = g_build_filename (f->dir, "xdg", NULL);
  g_autofree char *xdg_var = g_strdup_printf ("XDG_DATA_HOME=%s", xdg);
  g_autofree char *env_missing = g_build_filename (f->dir, "no-such-folder", "library.db", NULL);
  g_autofree char *env_var = g_strdup_printf ("CLIPPER_DB=%s", env_missing);
  g_autofree char *page = data_path ("second.html");
  static const char *const commands[][4] = {
    { "show", "1", NULL },       { "list", NULL },           { "search", "word", NULL },
    { "highlights", NULL },      { "tags", NULL },           { "export", "--format", "json", NULL },
    { "tag", "1", "later", NULL }, { "delete", "1", NULL },  { "refetch", "--all", "--offline", NULL },
    { "rename-tag", "a", "b", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (ClipperTestRun) run = { 0 };
      g_autoptr (GPtrArray) args = g_ptr_array_new ();
      g_autofree char *expected = g_strdup_printf ("clipper-cli: no library at '%s'", typo);

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, typo);
      for (guint j = 0; commands[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) commands[i][j]);
      g_ptr_array_add (args, NULL);
      run_full (f, &run, FALSE, NULL, NULL, (const char *const *) args->pdata);
      g_test_message ("%s: %s", commands[i][0], run.err);
      assert_failed (&run, 1, expected);
      g_assert_nonnull (strstr (run.err, "clipper-cli add"));
      g_assert_false (g_file_test (typo, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (typo_wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (typo_shm, G_FILE_TEST_EXISTS));
    }

  /* The default library is not made by a look at it either. */
  {
    g_auto (ClipperTestRun) run = { 0 };

    run_full (f, &run, FALSE, (const char *const[]){ xdg_var, "CLIPPER_DB", NULL }, NULL,
              (const char *const[]){ "show", "14", NULL });
    assert_failed (&run, 1, "no library at");
    g_assert_false (g_file_test (xdg, G_FILE_TEST_EXISTS));
  }
  /* $CLIPPER_DB in a folder that is not there is refused as --db is, even
   * to add (its folder was made). */
  {
    g_auto (ClipperTestRun) run = { 0 };

    run_full (f, &run, FALSE, (const char *const[]){ env_var, NULL }, NULL,
              (const char *const[]){ "add", page, NULL });
    assert_failed (&run, 1, "there is no folder");
    g_assert_false (g_file_test (env_missing, G_FILE_TEST_EXISTS));
  }
  /* What adds content starts a library. */
  {
    g_auto (ClipperTestRun) run = { 0 };

    run_full (f, &run, FALSE, NULL, NULL, (const char *const[]){ "--db", typo, "add", page, NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (typo, G_FILE_TEST_IS_REGULAR));
  }
}

/* The CLI's own wording (QA-j item 14): every failure reads
 * "clipper-cli: lower case" (the import's said "The file is empty",
 * "Cannot read '…'"); an empty tag is a bad argument, exit 2, like the
 * others (it exited 1, and add had fetched the page first); the
 * top-level --help names --color-name.  The library's messages are
 * written so, and printed as they are: the CLI lower-cased the first
 * letter of those that were not, whose words in capitals (JSON) it had
 * to leave alone. */
static void
test_cli_wording (Fixture *f, gconstpointer data)
{
  g_autofree char *empty = g_build_filename (f->dir, "empty.txt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autofree char *bare = g_build_filename (f->dir, "bare.json", NULL);
  g_autofree char *page = data_path ("article.html");

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (bare, "{}", -1, NULL));
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", empty);
    assert_failed (&run, 1, "clipper-cli: the file is empty");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", missing, "--format", "json");
    g_test_message ("%s", run.err);
    assert_failed (&run, 1, "clipper-cli: cannot read '");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", bare, "--format", "json");
    assert_failed (&run, 1, "clipper-cli: the JSON holds no annotations (");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "add", page, "--tag", "");
    assert_failed (&run, 2, "clipper-cli add: a tag is empty");
    g_assert_nonnull (strstr (run.err, "Try 'clipper-cli add --help'"));
  }
  add_page (f, "article.html", NULL);
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "tag", "1", "  ");
    assert_failed (&run, 2, "clipper-cli tag: a tag is empty");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "highlight", "1", "--quote", "x", "--tag", "\t");
    assert_failed (&run, 2, "clipper-cli highlight: a tag is empty");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "--help");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "export [ID...] --format markdown|json [--tag TAG] [--out DIR|FILE|-] "
                                       "[--color-name C=M]..."));
    g_assert_nonnull (strstr (run.out, "import FILE|FOLDER [--format auto|json|hypothesis|kindle|markdown] "
                                       "[--color-name C=M]..."));
  }
}

/* show's line of byline and date (QA-j item 10): a byline that says "By"
 * itself is not given another ("By By Erin Cunningham"), and the
 * published date reads as in the reader, not as the page wrote it.  A
 * byline that is the site's name is said once (QA-m 9: "By BBC News ·
 * BBC News"). */
static void
test_show_byline_and_date (Fixture *f, gconstpointer data)
{
  static const char *const bylines[][3] = {
    { "By Erin Cunningham", "The Daily Page", "By Erin Cunningham · The Daily Page · " },
    { "Written by Rob Ewaschuk, edited by Betsy Beyer", "The Daily Page",
      "\nWritten by Rob Ewaschuk, edited by Betsy Beyer · The Daily Page · " },
    { "Erin Cunningham", "The Daily Page", "By Erin Cunningham · The Daily Page · " },
    { "Bynum Abbey", "The Daily Page", "By Bynum Abbey · The Daily Page · " },
    { "BBC News", "BBC  news", "\nBy BBC News · January 13, 2017\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bylines); i++)
    {
      g_autofree char *name = g_strdup_printf ("page-%u.html", i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *html = g_strdup_printf (
        "<html><head><title>Dates %u</title><meta name=\"author\" content=\"%s\">"
        "<meta property=\"og:site_name\" content=\"%s\">"
        "<meta property=\"article:published_time\" content=\"2017-01-13T00:00:04-05:00\"></head>"
        "<body><article><h1>Dates</h1><p>There is a way of reading that cannot be hurried. It happens "
        "with a cup going cold beside you, a pencil in hand, and the sense that the page is talking "
        "back.</p><p>Most of what crosses our screens is not written for that kind of attention, but "
        "some of it is, and it deserves a better home than a browser tab closed by Friday.</p>"
        "</article></body></html>", i, bylines[i][0], bylines[i][1]);
      g_autofree char *id = NULL;
      g_auto (ClipperTestRun) add = { 0 };
      g_auto (ClipperTestRun) show = { 0 };

      g_assert_true (g_file_set_contents (path, html, -1, NULL));
      RUN (f, &add, "add", path);
      g_assert_cmpint (add.status, ==, 0);
      id = g_strdup_printf ("%u", i + 1);
      RUN (f, &show, "show", id);
      g_assert_cmpint (show.status, ==, 0);
      g_test_message ("%s", show.out);
      g_assert_nonnull (strstr (show.out, bylines[i][2]));
      g_assert_null (strstr (show.out, "By By "));
      g_assert_nonnull (strstr (show.out, " · January 13, 2017\n"));
      g_assert_null (strstr (show.out, "2017-01-13T"));
    }
}

/* The reading time by the app's rule: "15826 min" for a huge page said
 * nothing, and the app showed it as "264 h" and "264 hours read". */
static void
test_reading_time_shown (Fixture *f, gconstpointer data)
{
  const struct { guint words; const char *shown; } pages[] = {
    { 230 * 25, " · 25 min · " },
    { 230 * 80, " · 1 h 20 min · " },
    { 230 * 120, " · 2 h · " },
    { 230 * 700, " · more than 10 h · " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("long-%u.html", i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      GString *html = g_string_new ("<html><head><title>Long</title></head><body><article><h1>Long</h1><p>");
      g_autoptr (GError) error = NULL;
      g_auto (ClipperTestRun) add = { 0 };
      g_auto (ClipperTestRun) list = { 0 };
      g_auto (ClipperTestRun) show = { 0 };
      g_autofree char *id = NULL;

      for (guint w = 0; w < pages[i].words; w++)
        g_string_append (html, w % 40 == 39 ? "word.</p><p>" : "word ");
      g_string_append (html, "end.</p></article></body></html>");
      g_file_set_contents (path, html->str, html->len, &error);
      g_string_free (html, TRUE);
      g_assert_no_error (error);
      RUN (f, &add, "add", path);
      g_assert_cmpint (add.status, ==, 0);
      id = g_strdup_printf ("%u", i + 1);
      RUN (f, &list, "list", "--state", "all");
      g_test_message ("%s", list.out);
      g_assert_nonnull (strstr (list.out, pages[i].shown));
      RUN (f, &show, "show", id);
      g_assert_nonnull (strstr (show.out, pages[i].shown));
    }
}

/* QA (qa-o 11): "search 'Uber -Sydney'" ignored the minus, and
 * "search -Uber" failed as an unknown option.  A -word leaves out what
 * holds it, in one argument or many, before or after the options. */
static void
test_search_exclude (Fixture *f, gconstpointer data)
{
  gint64 quokkas = add_page (f, "article.html", NULL);
  gint64 bread = add_page (f, "second.html", NULL);
  const char *const *queries[] = {
    (const char *const[]){ "search", "the -quokkas", NULL },
    (const char *const[]){ "search", "the", "-quokkas", NULL },
    (const char *const[]){ "search", "-quokkas", "the", NULL },
    (const char *const[]){ "search", "-n", "5", "-quokkas", "the", NULL },
    (const char *const[]){ "search", "--", "-quokkas", "the", NULL },
    (const char *const[]){ "search", "-quokkas", "--", "the", NULL },
    (const char *const[]){ "search", "the", "-\"house cat\"", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_auto (ClipperTestRun) run = { 0 };
      g_autofree char *bread_line = g_strdup_printf ("article %" G_GINT64_FORMAT, bread);
      g_autofree char *quokkas_line = g_strdup_printf ("article %" G_GINT64_FORMAT, quokkas);

      run_full (f, &run, TRUE, NULL, NULL, queries[i]);
      g_test_message ("query %u: %s%s", i, run.out, run.err);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, bread_line));
      g_assert_null (strstr (run.out, quokkas_line));
    }

  /* Nothing but a left-out word: said, not a search for the word. */
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "search", "-quokkas");
    assert_failed (&run, 1, "only leaves words out");
  }
  /* The options still work, and an unknown long one is still refused. */
  {
    g_autoptr (JsonNode) result = JSON (f, "search", "-quokkas", "the");

    g_assert_cmpuint (json_array_get_length (json_node_get_array (result)), ==, 1);
    g_assert_nonnull (find_hit (json_node_get_array (result), "article", bread));
  }
  EXPECT (f, 2, "search", "--no-such-option", "the");
}

/* QA (qa-o 9): a Kindle book showed "0 min" and "saved" the day it was
 * imported.  It has no text to read, and its clippings' date is what
 * dates it. */
static void
test_kindle_book_date (Fixture *f, gconstpointer data)
{
  g_autofree char *kindle = g_build_filename (f->dir, "My Clippings.txt", NULL);
  g_autoptr (GError) error = NULL;
  g_auto (ClipperTestRun) list = { 0 };
  g_auto (ClipperTestRun) show = { 0 };

  g_file_set_contents (kindle,
                       "The Pragmatic Programmer (Hunt, Andrew;Thomas, David)\r\n"
                       "- Your Highlight on page 3 | Location 40-41 | Added on Monday, March 4, 2019 9:15:02 PM\r\n"
                       "\r\n"
                       "Care about your craft.\r\n"
                       "==========\r\n"
                       "The Pragmatic Programmer (Hunt, Andrew;Thomas, David)\r\n"
                       "- Your Highlight on page 9 | Location 120-121 | Added on Thursday, March 14, 2024 8:00:00 AM\r\n"
                       "\r\n"
                       "Don't live with broken windows.\r\n"
                       "==========\r\n",
                       -1, &error);
  g_assert_no_error (error);
  EXPECT (f, 0, "import", kindle);

  RUN (f, &list, "list");
  g_test_message ("%s", list.out);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "      Andrew Hunt, David Thomas · highlighted 2024-03-14 · 2 highlights\n"));
  g_assert_null (strstr (list.out, " min"));
  RUN (f, &show, "show", "1");
  g_test_message ("%s", show.out);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "Article 1 · highlighted 2024-03-14 · unread\n"));
  g_assert_null (strstr (show.out, " min"));
  g_assert_null (strstr (show.out, "saved"));
}

/* QA (qa-o 8): a library restored from its vault called every highlight
 * an "orphan (no longer found in the article)": the article has no text
 * yet, and the passage was never looked for.  (The page's address names a
 * folder of the checkout: the test looks for the CLI's words for an
 * orphan, " · orphan (", not "orphan" anywhere, which failed in a checkout
 * whose folder was named for orphans.) */
static void
test_restored_not_placed (Fixture *f, gconstpointer data)
{
  g_autofree char *a_db = g_build_filename (f->dir, "a.db", NULL);
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  Fixture a = { f->dir, a_db };
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, add_page (&a, "article.html", NULL));
  const char *const *commands[] = {
    (const char *const[]){ "highlights", NULL },
    (const char *const[]){ "show", "1", NULL },
  };

  EXPECT (&a, 0, "highlight", id, "--quote", "A quokka weighs");
  EXPECT (&a, 0, "export", "--format", "markdown", "--out", vault);
  EXPECT (f, 0, "import", vault);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (ClipperTestRun) run = { 0 };

      run_full (f, &run, TRUE, NULL, NULL, commands[i]);
      g_test_message ("%s", run.out);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, " · not placed: the article's text is not in the library yet "
                                         "(Fetch Again, or clipper-cli refetch 1)\n"));
      g_assert_null (strstr (run.out, " · orphan ("));
    }

  /* What it advises places it. */
  EXPECT (f, 0, "refetch", "1");
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "highlights");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "“A quokka weighs”"));
    g_assert_null (strstr (run.out, "not placed"));
    g_assert_null (strstr (run.out, " · orphan ("));
  }
}

/* More articles than one page of the store's keyset paging. */
static void
test_list_paging (Fixture *f, gconstpointer data)
{
  g_autofree char *template = data_path ("second.html");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  const guint n = 105;

  g_file_get_contents (template, &contents, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("page-%03u.html", i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_auto (ClipperTestRun) run = { 0 };

      g_file_set_contents (path, contents, -1, &error);
      g_assert_no_error (error);
      RUN (f, &run, "add", path);
      g_assert_cmpint (run.status, ==, 0);
    }

  {
    g_autoptr (JsonNode) all = JSON (f, "list");
    g_autoptr (JsonNode) some = JSON (f, "list", "--limit", "103");
    JsonArray *array = json_node_get_array (all);

    g_assert_cmpuint (json_array_get_length (array), ==, n);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (some)), ==, 103);
    /* Every article once: pages neither overlap nor skip. */
    for (guint i = 0; i < n; i++)
      {
        JsonObject *o = json_array_get_object_element (array, i);
        gint64 *id = g_new (gint64, 1);

        *id = json_object_get_int_member (o, "id");
        g_assert_false (g_hash_table_contains (seen, id));
        g_hash_table_add (seen, id);
      }
    g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  }
}

/* Runs clipper-cli --db DB ARGS… with @setup run in the child before
 * exec (NULL: none). */
static void
run_with_child_setup (Fixture *f, ClipperTestRun *run, GSpawnChildSetupFunc setup, const char *const *args)
{
  g_autofree char *xdg = g_build_filename (f->dir, "xdg-data", NULL);
  g_autofree char *xdg_var = g_strconcat ("XDG_DATA_HOME=", xdg, NULL);
  const char *env[] = { xdg_var, NULL };
  ClipperTestCliOptions options = { 0 };

  options.db_path = f->db;
  options.env = env;
  options.child_setup = setup;
  clipper_test_run_cli (run, &options, args);
}

/* In the child, before exec: standard output is a full disk. */
static void
stdout_to_full_disk (gpointer data)
{
  int fd = open ("/dev/full", O_WRONLY);

  if (fd < 0 || dup2 (fd, STDOUT_FILENO) < 0)
    _exit (126);
  close (fd);
}

/* Runs clipper-cli ARGS… on a library of one article with its standard
 * output on a full disk; FALSE (the test skipped) without /dev/full. */
static gboolean
run_to_full_disk (Fixture *f, ClipperTestRun *run, const char *const *args)
{
  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return FALSE;
    }
  add_page (f, "article.html", NULL);
  run_with_child_setup (f, run, stdout_to_full_disk, args);
  return TRUE;
}

/* A JSON export that cannot be written says so as clipper-cli's own
 * messages do, in lower case and naming what it was writing, with GLib's
 * words after it unchanged: it printed GLib's message alone, "clipper-cli:
 * Error writing to file descriptor: No space left on device". */
static void
test_export_json_write_error (Fixture *f, gconstpointer data)
{
  g_auto (ClipperTestRun) run = { 0 };

  if (!run_to_full_disk (f, &run, CLIPPER_TEST_ARGS ("export", "--format", "json", "--out", "-")))
    return;
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "clipper-cli: cannot write to standard output: Error writing to "));
  g_assert_true (g_str_has_suffix (run.err, ": No space left on device\n"));
}

/* In the child, before exec: no file it writes may grow past 64 KiB
 * (RLIMIT_FSIZE; a write past it fails with "File too large", as on a
 * full disk, rather than killing it).  The library's files stay below
 * it: they are only read (SQLite's shared memory file is 32 KiB). */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 65536, 65536 };

  signal (SIGXFSZ, SIG_IGN);
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    _exit (126);
}

/* Adds an article of 150 KB of text, more than limit_file_size() lets
 * be written. */
static void
add_long_page (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "long.html", NULL);
  g_autoptr (GString) html = g_string_new ("<html><head><title>A long read</title></head><body><article>"
                                           "<h1>A long read</h1>\n");
  g_auto (ClipperTestRun) run = { 0 };

  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (html, "<p>Paragraph %u of a long article, with enough words in it to be read as "
                                  "text by the extractor and kept whole.</p>\n", i);
  g_string_append (html, "</article></body></html>\n");
  g_assert_true (g_file_set_contents (path, html->str, -1, NULL));
  RUN (f, &run, "add", path);
  g_assert_cmpint (run.status, ==, 0);
}

/* The names in @dir that start with a dot (a temporary file left). */
static guint
count_hidden (const char *dir, const char *but)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] == '.' && g_strcmp0 (name, but) != 0)
      {
        g_test_message ("left: %s", name);
        n++;
      }
  return n;
}

/* review21 N2: `--out file:///…` was taken as a file:// URI until the
 * export wrote through its own writer, then as a relative path ("file:"
 * made a folder of that name, or the export failed).  A file:// URI names
 * its file again, for JSON and for a vault; another scheme is an error. */
static void
test_export_out_uri (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (f->dir, "with space", NULL);
  g_autofree char *json = g_build_filename (dir, "library.json", NULL);
  g_autofree char *vault = g_build_filename (dir, "vault", NULL);
  g_autofree char *json_uri = g_filename_to_uri (json, NULL, NULL);
  g_autofree char *vault_uri = g_filename_to_uri (vault, NULL, NULL);
  g_autofree char *manifest = g_build_filename (vault, ".clipper-vault.json", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *stray = g_build_filename (cwd, "file:", NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  add_page (f, "article.html", NULL);
  g_assert_nonnull (strstr (json_uri, "%20"));
  EXPECT (f, 0, "export", "--format", "json", "--out", json_uri);
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{"));
  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault_uri);
  g_assert_true (g_file_test (manifest, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "export", "--format", "json", "--out", "https://example.org/library.json");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "'https://example.org/library.json' is not a local file"));
  }
}

/* QA-o finding 3: a JSON export to a new file that fails (a full disk)
 * left the file cut short under the name asked for (g_file_replace()
 * writes a new file in place).  Now nothing is there, no temporary file
 * either; an older file stays whole, as it did. */
static void
test_export_json_fails_whole (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *fresh = g_build_filename (dir, "new.json", NULL);
  g_autofree char *older = g_build_filename (dir, "older.json", NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (older, "{\"an\": \"older export\"}\n", -1, NULL));
  add_long_page (f);
  {
    g_auto (ClipperTestRun) run = { 0 };

    run_with_child_setup (f, &run, limit_file_size,
                          CLIPPER_TEST_ARGS ("export", "--format", "json", "--out", fresh));
    g_test_message ("%s", run.err);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, "clipper-cli: cannot write '"));
    g_assert_nonnull (strstr (run.err, "/backups/new.json': "));
    g_assert_true (g_str_has_suffix (run.err, "File too large\n"));
  }
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_hidden (dir, NULL), ==, 0);
  {
    g_auto (ClipperTestRun) run = { 0 };

    run_with_child_setup (f, &run, limit_file_size,
                          CLIPPER_TEST_ARGS ("export", "--format", "json", "--out", older));
    g_assert_cmpint (run.status, ==, 1);
  }
  g_assert_true (g_file_get_contents (older, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"an\": \"older export\"}\n");
  g_assert_cmpuint (count_hidden (dir, NULL), ==, 0);
  /* And written whole when it can be. */
  EXPECT (f, 0, "export", "--format", "json", "--out", fresh);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (fresh, &contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (contents, "}\n"));
}

/* The number of articles `list --state STATE [--starred]` lists. */
static guint
count_listed (Fixture *f, const char *state, gboolean starred)
{
  g_autoptr (JsonNode) list = starred ? JSON (f, "list", "--state", state, "--starred")
                                      : JSON (f, "list", "--state", state);

  return json_array_get_length (json_node_get_array (list));
}

/* QA-r finding 3: delete took one id, and there was no archive or star
 * command (list --state archived was there), so a script cleaning up a
 * year of saves ran a process per article and could not archive.  They
 * take several ids, all changed in one transaction or, an id not there,
 * none. */
static void
test_bulk (Fixture *f, gconstpointer data)
{
  gint64 a = add_page (f, "article.html", NULL);
  gint64 b = add_page (f, "second.html", NULL);
  gint64 c = add_page (f, "arabic.html", NULL);
  g_autofree char *as = g_strdup_printf ("%" G_GINT64_FORMAT, a);
  g_autofree char *bs = g_strdup_printf ("%" G_GINT64_FORMAT, b);
  g_autofree char *cs = g_strdup_printf ("%" G_GINT64_FORMAT, c);

  {
    g_autoptr (JsonNode) done = JSON (f, "archive", as, bs);
    JsonArray *ids = json_object_get_array_member (json_node_get_object (done), "archived");

    g_assert_cmpuint (json_array_get_length (ids), ==, 2);
    g_assert_cmpint (json_array_get_int_element (ids, 0), ==, a);
    g_assert_cmpint (json_array_get_int_element (ids, 1), ==, b);
  }
  g_assert_cmpuint (count_listed (f, "archived", FALSE), ==, 2);
  g_assert_cmpuint (count_listed (f, "unread", FALSE), ==, 1);
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "archive", cs, "999");
    assert_failed (&run, 1, "there is no article 999; no article was archived");
  }
  g_assert_cmpuint (count_listed (f, "archived", FALSE), ==, 2);
  EXPECT (f, 0, "unarchive", as);
  g_assert_cmpuint (count_listed (f, "archived", FALSE), ==, 1);

  EXPECT (f, 0, "star", as, cs);
  g_assert_cmpuint (count_listed (f, "all", TRUE), ==, 2);
  EXPECT (f, 0, "unstar", cs);
  g_assert_cmpuint (count_listed (f, "all", TRUE), ==, 1);

  /* tag and untag as add takes tags: every argument an id. */
  EXPECT (f, 0, "tag", as, cs, "--tag", "later", "--tag", "work");
  {
    g_autoptr (JsonNode) work = JSON (f, "list", "--state", "all", "--tag", "work");

    g_assert_cmpuint (json_array_get_length (json_node_get_array (work)), ==, 2);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "tag", bs, "999", "--tag", "work");
    assert_failed (&run, 1, "there is no article 999");
    RUN (f, &run, "untag", as, bs, "--tag", "later");
    assert_failed (&run, 1, "has no tag 'later'; no tag removed");
  }
  EXPECT (f, 0, "untag", as, cs, "--tag", "work");
  {
    g_autoptr (JsonNode) work = JSON (f, "list", "--state", "all", "--tag", "work");
    g_autoptr (JsonNode) later = JSON (f, "list", "--state", "all", "--tag", "later");

    g_assert_cmpuint (json_array_get_length (json_node_get_array (work)), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (later)), ==, 2);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "delete", as, bs, "999");
    assert_failed (&run, 1, "there is no article 999; no article was deleted");
  }
  g_assert_cmpuint (count_listed (f, "all", FALSE), ==, 3);
  EXPECT (f, 0, "delete", as, bs, as);
  g_assert_cmpuint (count_listed (f, "all", FALSE), ==, 1);
  EXPECT (f, 2, "archive");
  EXPECT (f, 2, "star", cs, "x");
  EXPECT (f, 2, "delete", cs, "--format", "xml");
  g_assert_cmpuint (count_listed (f, "all", FALSE), ==, 1);
}

/* QA-r finding 1: an import that fills the disk is undone whole, but
 * what it had written to the library's log stayed there (31 MB of a
 * full disk), and the error ("cannot save the article's text: database
 * or disk is full") did not say that nothing was imported.  Now the log
 * is emptied, and the error says so.  Into a new library: its schema
 * went to the log alone, and emptying that log needed room in
 * library.db the disk no longer had. */
/* limit_file_size(), with room for a new library's schema (400 KiB of
 * log) but not for add_long_page()'s article besides it. */
static void
limit_file_size_to_import (gpointer data)
{
  struct rlimit limit = { 512 * 1024, 512 * 1024 };

  signal (SIGXFSZ, SIG_IGN);
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    _exit (126);
}

static void
test_import_full_disk_undone (Fixture *f, gconstpointer data)
{
  g_autofree char *json = g_build_filename (f->dir, "library.json", NULL);
  g_autofree char *source = NULL;
  g_autofree char *wal = NULL;
  GStatBuf st;

  add_long_page (f);
  EXPECT (f, 0, "export", "--format", "json", "--out", json);
  source = g_steal_pointer (&f->db);
  f->db = g_build_filename (f->dir, "fresh.db", NULL);
  wal = g_strconcat (f->db, "-wal", NULL);
  {
    g_auto (ClipperTestRun) run = { 0 };

    run_with_child_setup (f, &run, limit_file_size_to_import, CLIPPER_TEST_ARGS ("import", json));
    g_test_message ("%s", run.err);
    g_assert_cmpint (run.status, ==, 1);
    /* (Past RLIMIT_FSIZE SQLite says "disk I/O error"; on a full disk
     * "database or disk is full".) */
    g_assert_true (g_str_has_prefix (run.err, "clipper-cli: cannot save the change to the library: "));
    g_assert_true (g_str_has_suffix (run.err, "; nothing was imported\n"));
  }
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "list", "--state", "all");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "No articles.\n");
  }
  /* And imported whole where there is room. */
  EXPECT (f, 0, "import", json);
  g_free (f->db);
  f->db = g_steal_pointer (&source);
}

/* A JSON export whose --out is a symbolic link (a backup file linked to
 * where it is synced) writes the file the link names, and the link stays
 * one, as GNOME Text Editor writes a linked file.  Renamed over it, the
 * link became a regular file and the backup it named stayed as it was.
 * A link that names no file yet makes that file. */
static void
test_export_json_symlink (Fixture *f, gconstpointer data)
{
  g_autofree char *synced = g_build_filename (f->dir, "synced", NULL);
  g_autofree char *backup = g_build_filename (synced, "backup.json", NULL);
  g_autofree char *link = g_build_filename (f->dir, "backup.json", NULL);
  g_autofree char *fresh = g_build_filename (synced, "fresh.json", NULL);
  g_autofree char *dangling = g_build_filename (f->dir, "fresh.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *target = NULL;

  add_long_page (f);
  g_assert_cmpint (g_mkdir (synced, 0755), ==, 0);
  g_assert_true (g_file_set_contents (backup, "{\"an\": \"older export\"}\n", -1, NULL));
  g_assert_cmpint (symlink ("synced/backup.json", link), ==, 0);

  EXPECT (f, 0, "export", "--format", "json", "--out", link);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "synced/backup.json");
  g_assert_true (g_file_get_contents (backup, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "A long read"));
  g_assert_cmpuint (count_hidden (synced, NULL), ==, 0);

  g_assert_cmpint (symlink (fresh, dangling), ==, 0);
  EXPECT (f, 0, "export", "--format", "json", "--out", dangling);
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (fresh, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "A long read"));
}

/* QA-o finding 4: a vault export into a folder that fills up named the
 * temporary file of the Markdown file it could not write ("….md.UJJ9Y3",
 * never seen on disk).  Now the error names the file, and no temporary
 * file is left.  (It also left an empty manifest: a new one was written
 * in place, as a new JSON file was; both now go through the writer
 * export-json-fails-whole checks.) */
static void
test_export_vault_fails_whole (Fixture *f, gconstpointer data)
{
  g_autofree char *vault = g_build_filename (f->dir, "full-vault", NULL);
  g_autofree char *manifest = g_build_filename (vault, ".clipper-vault.json", NULL);
  g_auto (ClipperTestRun) run = { 0 };

  add_page (f, "article.html", NULL);
  add_page (f, "second.html", NULL);
  add_long_page (f);
  run_with_child_setup (f, &run, limit_file_size,
                        CLIPPER_TEST_ARGS ("export", "--body", "--format", "markdown", "--out", vault));
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "clipper-cli: cannot write '"));
  /* QA-r finding 4: and how far it got, which it did not say. */
  g_assert_true (g_str_has_suffix (run.err, "/A long read.md': File too large; 2 of 3 files written, each whole; "
                                            "the other 1 not written\n"));
  g_assert_cmpuint (count_hidden (vault, ".clipper-vault.json"), ==, 0);
  /* Again, still without room: the files written are there as they were. */
  {
    g_auto (ClipperTestRun) again = { 0 };

    run_with_child_setup (f, &again, limit_file_size,
                          CLIPPER_TEST_ARGS ("export", "--body", "--format", "markdown", "--out", vault));
    g_assert_cmpint (again.status, ==, 1);
    g_assert_true (g_str_has_suffix (again.err, "; 0 of 3 files written, each whole, 2 unchanged; the other 1 "
                                                "not written\n"));
  }
  /* The next export, with room, writes it all. */
  EXPECT (f, 0, "export", "--body", "--format", "markdown", "--out", vault);
  g_assert_true (g_file_test (manifest, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_hidden (vault, ".clipper-vault.json"), ==, 0);
}

/* QA-o finding 2: a JSON file none of whose entries could be read was
 * "imported 0 articles, 0 highlights; skipped 3 broken entries", exit 0,
 * and --output json counted "skipped": 0 beside its problems.  As a
 * Kindle file's: nothing read fails, saying why; a file with some broken
 * entries is imported, and "broken" counts them for scripts. */
static void
test_import_json_nothing_read (Fixture *f, gconstpointer data)
{
  g_autofree char *numbers = g_build_filename (f->dir, "numbers.json", NULL);
  g_autofree char *objects = g_build_filename (f->dir, "objects.json", NULL);
  g_autofree char *good = g_build_filename (f->dir, "good.json", NULL);
  g_autofree char *some = g_build_filename (f->dir, "some.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GString) edited = NULL;
  const char *items;

  g_assert_true (g_file_set_contents (numbers, "[1,2,3]\n", -1, NULL));
  g_assert_true (g_file_set_contents (objects, "[{\"a\":1},{\"b\":2}]\n", -1, NULL));
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", numbers);
    assert_failed (&run, 1, "clipper-cli: nothing imported: none of the file's entries could be read (3 broken); ");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", objects, "--output", "json");
    assert_failed (&run, 1, "clipper-cli: nothing imported: none of the file's entries could be read (2 broken); ");
  }

  /* One broken record among good ones. */
  add_page (f, "article.html", NULL);
  EXPECT (f, 0, "export", "--format", "json", "--out", good);
  g_assert_true (g_file_get_contents (good, &contents, NULL, NULL));
  items = strstr (contents, "\"items\":[");
  g_assert_nonnull (items);
  edited = g_string_new_len (contents, strchr (items, '\n') + 1 - contents);
  g_string_append (edited, "{\"broken\n");
  g_string_append (edited, strchr (items, '\n') + 1);
  g_assert_true (g_file_set_contents (some, edited->str, -1, NULL));
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) node = NULL;
    JsonObject *o;

    RUN (f, &run, "import", some, "--output", "json");
    g_test_message ("%s%s", run.out, run.err);
    g_assert_cmpint (run.status, ==, 0);
    node = clipper_test_parse_json (run.out);
    o = json_node_get_object (node);
    g_assert_cmpint (json_object_get_int_member (o, "articlesExisting"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "broken"), ==, 1);
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (o, "problems")), ==, 1);
  }
}

/* QA-o finding 6: JSON that cannot be read was described in json-glib's
 * words, "<data>:10:7137: Parse error: scanner: unterminated string
 * constant", naming no file and not saying it was cut short; a damaged
 * vault manifest, '{"broken', was "<data>:1:1: … unexpected character
 * `{'".  Now the file, the line and what happened. */
static void
test_json_parse_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *good = g_build_filename (f->dir, "good.json", NULL);
  g_autofree char *cut = g_build_filename (f->dir, "cut.json", NULL);
  g_autofree char *typo = g_build_filename (f->dir, "typo.json", NULL);
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *manifest = g_build_filename (vault, ".clipper-vault.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *want = NULL;
  gsize length = 0;

  add_page (f, "article.html", NULL);
  EXPECT (f, 0, "export", "--format", "json", "--out", good);
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  /* Cut in the middle of the article's text, on its record's line. */
  g_assert_true (g_file_set_contents (cut, contents, strstr (contents, "\"text\"") + 20 - contents, NULL));
  {
    g_auto (ClipperTestRun) run = { 0 };
    guint line = 1;

    for (const char *p = contents; p < strstr (contents, "\"text\""); p++)
      line += *p == '\n';
    RUN (f, &run, "import", cut);
    want = g_strdup_printf ("clipper-cli: '%s' is not valid JSON: the file ends in the middle (cut short?), at "
                            "line %u\n", cut, line);
    assert_failed (&run, 1, want);
    g_assert_null (strstr (run.err, "<data>"));
  }
  g_assert_true (g_file_set_contents (typo, "[{\"type\": \"Annotation\",\n \"target\": nope}]\n", -1, NULL));
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", typo);
    g_clear_pointer (&want, g_free);
    want = g_strdup_printf ("clipper-cli: '%s' is not valid JSON: line 2, column ", typo);
    assert_failed (&run, 1, want);
    g_assert_null (strstr (run.err, "<data>"));
    g_assert_null (strstr (run.err, "Parse error"));
  }
  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault);
  g_assert_true (g_file_set_contents (manifest, "{\"broken", -1, NULL));
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "export", "--format", "markdown", "--out", vault);
    g_clear_pointer (&want, g_free);
    want = g_strdup_printf ("clipper-cli: cannot read the vault's list of files '%s': the file ends in the middle "
                            "(cut short?), at line 1 (move it away to start afresh)\n", manifest);
    assert_failed (&run, 1, want);
  }
}

/* QA-o finding 5: the export said nothing of a sync conflict's copy of a
 * file; the import did.  Now the export names it on stderr, as the import
 * does, and counts it in its summary. */
static void
test_export_says_copies (Fixture *f, gconstpointer data)
{
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  g_autoptr (GDir) dir = NULL;
  g_autofree char *copy = NULL;
  const char *name;

  add_page (f, "article.html", NULL);
  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault);
  dir = g_dir_open (vault, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      {
        g_autofree char *path = g_build_filename (vault, name, NULL);
        g_autofree char *contents = NULL;
        g_autofree char *stem = g_strndup (name, strlen (name) - 3);

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        copy = g_strdup_printf ("%s/%s (conflicted copy 2026-12-01).md", vault, stem);
        g_assert_true (g_file_set_contents (copy, contents, -1, NULL));
        break;
      }
  g_assert_nonnull (copy);
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "export", "--format", "markdown", "--out", vault);
    g_test_message ("%s%s", run.out, run.err);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "clipper-cli export: '"));
    g_assert_nonnull (strstr (run.err, " (conflicted copy 2026-12-01).md' holds the same article as '"));
    g_assert_nonnull (strstr (run.err, "edits made in the copy are not taken"));
    g_assert_nonnull (strstr (run.out, "; 1 copy of a file left as it is, not read\n"));
  }
}

/* Output that stdio could not write out at exit is a failure too: `list`
 * to a full disk exited 0, the list lost without a word. */
static void
test_list_write_error (Fixture *f, gconstpointer data)
{
  g_auto (ClipperTestRun) run = { 0 };

  if (!run_to_full_disk (f, &run, CLIPPER_TEST_ARGS ("list")))
    return;
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "clipper-cli: cannot write to standard output: No space left on device\n");
}

/* Output printed with g_print() to a full disk is a failure too: GLib
 * flushes each line and drops the failure, and `extract --format html`
 * and `--version` exited 0 with nothing written. */
static void
test_extract_write_error (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("arabic.html");
  g_auto (ClipperTestRun) run = { 0 };

  if (!run_to_full_disk (f, &run, CLIPPER_TEST_ARGS ("extract", "--format", "html", path)))
    return;
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "clipper-cli: cannot write to standard output\n");
  clipper_test_run_clear (&run);
  run_with_child_setup (f, &run, stdout_to_full_disk, CLIPPER_TEST_ARGS ("--version"));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "clipper-cli: cannot write to standard output\n");
}

/* What the vault export tells the user comes as the command's own lines. */
static void
test_export_messages (Fixture *f, gconstpointer data)
{
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *copy = g_build_filename (vault, "A copy.md", NULL);
  g_autoptr (GDir) dir = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *original = NULL;
  g_autofree char *copy2 = g_build_filename (vault, "Another copy.md", NULL);
  const char *name;

  add_page (f, "article.html", NULL);
  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault);
  dir = g_dir_open (vault, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      {
        g_autofree char *path = g_build_filename (vault, name, NULL);

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        original = g_steal_pointer (&path);
        break;
      }
  g_assert_nonnull (contents);
  /* Its file gone, two copies of it: Clipper says which one it updates. */
  g_assert_true (g_file_set_contents (copy, contents, -1, NULL));
  g_assert_true (g_file_set_contents (copy2, contents, -1, NULL));
  g_assert_cmpint (g_unlink (original), ==, 0);
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "export", "--format", "markdown", "--out", vault);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "clipper-cli export: 2 files carry the clipper-id"));
    g_assert_null (strstr (run.err, "Message"));
  }
  /* Another library's export into this vault: refused, exit status 1 and
   * one line naming the ways out, whatever the core's error code. */
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
    g_autofree char *page = data_path ("second.html");

    run_full (f, &run, FALSE, NULL, NULL, (const char *const[]){ "--db", other, "add", page, NULL });
    g_assert_cmpint (run.status, ==, 0);
    clipper_test_run_clear (&run);
    run_full (f, &run, FALSE, NULL, NULL,
              (const char *const[]){ "--db", other, "export", "--format", "markdown", "--out", vault,
                                     NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_true (g_str_has_prefix (run.err, "clipper-cli: '"));
    g_assert_nonnull (strstr (run.err, "' is the vault of another Clipper library"));
    g_assert_nonnull (strstr (run.err, "'clipper-cli import "));
    g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
  }
}

/* Highlights @quote in article @article_id of @f's library with @note;
 * its id. */
static gint64
highlight_with_note (Fixture *f, const char *article_id, const char *quote, const char *note)
{
  g_auto (ClipperTestRun) run = { 0 };

  RUN (f, &run, "highlight", article_id, "--quote", quote, "--note", note);
  g_assert_cmpint (run.status, ==, 0);
  return clipper_test_parse_id (run.out);
}

/* Two computers, each with its own library, share one vault folder: A
 * exports, B (which highlighted the same passage) imports, A edits its
 * note and exports again, B imports again.  B's note holds A's latest
 * text once, below B's own (until schema version 9 it read "B's note, A's
 * note, A's note edited", one more paragraph at each edit). */
static void
test_vault_other_library_edit (Fixture *f, gconstpointer data)
{
  static const char quote[] = "sleeps through the heat of the day";
  g_autofree char *b_db = g_build_filename (f->dir, "b.db", NULL);
  g_autofree char *vault = g_build_filename (f->dir, "vault-a", NULL);
  Fixture b = { f->dir, b_db };
  gint64 a_article = add_page (f, "article.html", NULL);
  gint64 b_article = add_page (&b, "article.html", NULL);
  g_autofree char *a_id = g_strdup_printf ("%" G_GINT64_FORMAT, a_article);
  g_autofree char *b_id = g_strdup_printf ("%" G_GINT64_FORMAT, b_article);
  gint64 a_h = highlight_with_note (f, a_id, quote, "A's note");
  gint64 b_h = highlight_with_note (&b, b_id, quote, "B's note");
  g_autofree char *a_h_str = g_strdup_printf ("%" G_GINT64_FORMAT, a_h);

  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault);
  EXPECT (&b, 0, "import", vault);
  {
    g_autoptr (JsonNode) holder = NULL;
    JsonObject *o = get_highlight (&b, &holder, b_id, b_h);

    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "B's note\n\nA's note");
  }

  EXPECT (f, 0, "note", a_h_str, "A's note, edited on A");
  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault);
  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) holder = NULL;
    JsonObject *o;

    RUN (&b, &run, "import", vault);
    g_assert_cmpint (run.status, ==, 0);
    g_test_message ("%s%s", run.out, run.err);
    g_assert_nonnull (strstr (run.out, "1 note updated"));
    o = get_highlight (&b, &holder, b_id, b_h);
    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "B's note\n\nA's note, edited on A");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (holder)), ==, 1);
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (&b, &run, "import", vault);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "nothing changed"));
  }
}

/* A Markdown export names colours as the app's Preferences do (when the
 * app's settings are there), so the app and the CLI write a vault alike;
 * --color-name still wins. */
static void
test_export_app_color_names (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "article.html", NULL);
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *config = g_build_filename (f->dir, "config", NULL);
  g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *config_env = g_strconcat ("XDG_CONFIG_HOME=", config, NULL);
  const char *env[] = { "GSETTINGS_BACKEND=keyfile", config_env, NULL };

  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[org/example/Clipper]\ncolor-names={'pink': 'Why', 'blue': ''}\n",
                                      -1, NULL));
  EXPECT (f, 0, "highlight", id_str, "--quote", "feeding them bread or crisps", "--color", "pink");
  EXPECT (f, 0, "highlight", id_str, "--quote", "Signs everywhere", "--color", "blue");
  {
    g_auto (ClipperTestRun) run = { 0 };

    run_full (f, &run, TRUE, env, NULL, (const char *const[]){ "export", id_str, "--format", "markdown", "--out", "-", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "#clipper/why"));
    /* An empty name keeps the default. */
    g_assert_nonnull (strstr (run.out, "#clipper/definition"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    run_full (f, &run, TRUE, env, NULL,
              (const char *const[]){ "export", id_str, "--format", "markdown", "--out", "-", "--color-name", "pink=Doubt", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "#clipper/doubt"));
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "export", id_str, "--format", "markdown", "--out", "-");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "#clipper/question"));
  }
}

/* Opens and closes @path, as anything in the process that reads a file
 * does (a GTK file chooser guessing the type of library.db-shm). */
static void
touch_read (const char *path)
{
  char byte;
  int fd = open (path, O_RDONLY);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, &byte, 1), >=, 0);
  close (fd);
}

/* SQLite's POSIX locks belong to the process, and closing any descriptor
 * of a locked file drops them.  A clipper-cli run then took itself for
 * the library's last user, checkpointed, and deleted the -wal and -shm
 * files the app still wrote to: every later change in the app vanished.
 * No connection deletes them now (the checkpoint on close stays). */
static void
test_locks_dropped (Fixture *f, gconstpointer data)
{
  gint64 id = add_page (f, "article.html", NULL);
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);
  g_autoptr (ClipperStore) app = clipper_test_open_store (f->db);
  g_autoptr (ClipperStore) later = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (ClipperArticle) seen = NULL;
  g_autoptr (GError) error = NULL;

  /* The app writes, then something in it reads the library's files. */
  article = clipper_store_get_article (app, id, &error);
  g_assert_no_error (error);
  clipper_article_set_starred (article, TRUE);
  g_assert_true (clipper_store_update_article (app, article, &error));
  g_assert_no_error (error);
  touch_read (f->db);
  touch_read (wal);
  touch_read (shm);

  /* clipper-cli comes and goes. */
  EXPECT (f, 0, "show", id_str);

  /* The app goes on writing; the next clipper-cli sees it, and writes
   * too; the app writes again.  Nothing is lost. */
  clipper_article_set_title (article, "Written after the CLI left");
  g_assert_true (clipper_store_update_article (app, article, &error));
  g_assert_no_error (error);
  {
    g_autoptr (JsonNode) shown = JSON (f, "show", id_str);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown), "title"), ==,
                     "Written after the CLI left");
  }
  EXPECT (f, 0, "tag", id_str, "kept");
  g_clear_object (&article);
  article = clipper_store_get_article (app, id, &error);
  g_assert_no_error (error);
  clipper_article_set_starred (article, FALSE);
  g_assert_true (clipper_store_update_article (app, article, &error));
  g_assert_no_error (error);
  g_clear_object (&app);

  later = clipper_test_open_store (f->db);
  seen = clipper_store_get_article (later, id, &error);
  g_assert_no_error (error);
  g_assert_false (clipper_article_get_starred (seen));
  g_assert_cmpstr (clipper_article_get_title (seen), ==, "Written after the CLI left");
  g_assert_cmpstr (clipper_article_get_tags (seen)[0], ==, "kept");
}

/* In the child, before exec: root becomes nobody, for whom file modes
 * count (root writes whatever the mode says).  A child that cannot is
 * told apart by its status, 126. */
static void
become_nobody (gpointer data)
{
  if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
    _exit (126);
}

/* clipper-cli run by someone who cannot write the library: nobody when
 * the tests run as root, else the user, whose own modes then count. */
static void
run_reader (Fixture *f, ClipperTestRun *run, const char *const *args)
{
  run_with_child_setup (f, run, geteuid () == 0 ? become_nobody : NULL, args);
}
#define RUN_READER(f, run, ...) run_reader ((f), (run), (const char *const[]){ __VA_ARGS__, NULL })

static void
set_mode (const char *path, int mode, gboolean to_nobody)
{
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  if (to_nobody)
    g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
}

/* Commands that read work on a library that cannot be written, and
 * those that write say so before they start, changing nothing. */
static void
assert_read_only_library (Fixture *f, gint64 id)
{
  g_autofree char *id_str = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *const reads[][4] = {
    { "list", NULL },
    { "show", id_str, NULL },
    { "search", "quokkas", NULL },
    { "highlights", NULL },
    { "tags", NULL },
    { "export", "--format", "json", NULL },
  };
  const char *const writes[][4] = {
    { "tag", id_str, "more", NULL },
    { "untag", id_str, "nature", NULL },
    { "delete", id_str, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_auto (ClipperTestRun) run = { 0 };

      run_reader (f, &run, reads[i]);
      if (run.status != 0)
        g_error ("clipper-cli %s on a read-only library: exit %d; stderr: %s", reads[i][0], run.status,
                 run.err);
      g_assert_cmpstr (run.err, ==, "");
    }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN_READER (f, &run, "search", "quokkas");
    g_assert_nonnull (strstr (run.out, "article " ));
  }
  for (gsize i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_auto (ClipperTestRun) run = { 0 };
      g_autofree char *said = g_strdup_printf ("the library '%s' is read-only", f->db);

      run_reader (f, &run, writes[i]);
      assert_failed (&run, 1, said);
    }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN_READER (f, &run, "show", id_str, "--format", "json");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"tags\" : [\n    \"nature\"\n  ]"));
  }
}

/* A read-only library (QA: not even `list` could read one): in a folder
 * that cannot be written, without the -wal and -shm files (library.db
 * alone is a complete copy, README), which SQLite cannot make there; and
 * a file of mode 0444 in a folder that can be written.  As root the
 * commands run as nobody, for whom the modes count. */
static void
test_read_only_library (Fixture *f, gconstpointer data)
{
  gboolean root = geteuid () == 0;
  gint64 id = add_page (f, "article.html", "nature");
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

  if (root)
    {
      g_auto (ClipperTestRun) run = { 0 };

      /* nobody must reach the binary and the folder. */
      set_mode (f->dir, 0755, FALSE);
      RUN_READER (f, &run, "--version");
      if (run.status != 0)
        {
          g_test_skip ("clipper-cli cannot be run as nobody here (no setuid, or a folder "
                       "nobody cannot reach)");
          return;
        }
    }

  /* A folder that cannot be written. */
  g_assert_cmpint (g_unlink (wal), ==, 0);
  g_assert_cmpint (g_unlink (shm), ==, 0);
  set_mode (f->dir, 0555, FALSE);
  assert_read_only_library (f, id);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* A file that cannot be written, in a folder that can. */
  set_mode (f->dir, 0755, root);
  set_mode (f->db, 0444, root);
  assert_read_only_library (f, id);

  set_mode (f->dir, 0700, FALSE);
}

/* The one Markdown file at the top of @vault. (transfer full) */
static char *
vault_file (const char *vault)
{
  g_autoptr (GDir) dir = g_dir_open (vault, 0, NULL);
  const char *name;
  char *found = NULL;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      {
        g_assert_null (found);
        found = g_build_filename (vault, name, NULL);
      }
  g_assert_nonnull (found);
  return found;
}

/* search22: a library restored from its vault listed its highlights
 * under `highlights --orphans`, and its export wrote each "Not found in
 * the article's current text": the article has no text yet, and the
 * passages were never looked for.  They are not placed yet. */
static void
test_restored_not_orphans (Fixture *f, gconstpointer data)
{
  g_autofree char *a_db = g_build_filename (f->dir, "a.db", NULL);
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again", NULL);
  Fixture a = { f->dir, a_db };
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, add_page (&a, "article.html", NULL));
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  EXPECT (&a, 0, "highlight", id, "--quote", "A quokka weighs");
  EXPECT (&a, 0, "export", "--format", "markdown", "--out", vault);
  EXPECT (f, 0, "import", vault);

  {
    g_auto (ClipperTestRun) run = { 0 };
    g_autoptr (JsonNode) orphans = JSON (f, "highlights", "--orphans");

    RUN (f, &run, "highlights", "--orphans");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "No orphans.\n");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (orphans)), ==, 0);
  }

  EXPECT (f, 0, "export", "--format", "markdown", "--out", again);
  path = vault_file (again);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_test_message ("%s", contents);
  g_assert_nonnull (strstr (contents, " · Not placed yet: the article's text is not in the library\n"));
  g_assert_null (strstr (contents, "Not found in the article"));
}

/* search22: an operator with nothing before it to join fell back to a
 * literal search ("NOT quokkas the" required the word "not"), and
 * "the OR (-quokkas)" read as "the NOT quokkas".  A NOT with nothing
 * before it leaves out what follows, as a minus does; AND and OR with
 * nothing on a side go; the rest is a clear error. */
static void
test_search_dangling_operators (Fixture *f, gconstpointer data)
{
  gint64 quokkas = add_page (f, "article.html", NULL);
  gint64 bread = add_page (f, "second.html", NULL);
  g_autofree char *bread_line = g_strdup_printf ("article %" G_GINT64_FORMAT, bread);
  g_autofree char *quokkas_line = g_strdup_printf ("article %" G_GINT64_FORMAT, quokkas);
  const char *const *queries[] = {
    (const char *const[]){ "search", "NOT", "quokkas", "the", NULL },
    (const char *const[]){ "search", "the AND NOT quokkas", NULL },
    (const char *const[]){ "search", "AND the -quokkas", NULL },
    (const char *const[]){ "search", "the -quokkas OR", NULL },
  };
  static const struct {
    const char *query;
    const char *message;
  } refused[] = {
    { "the OR (-quokkas)", "with OR" },
    { "the AND OR bread", "two operators side by side" },
    { "NOT quokkas", "only leaves words out" },
    { "NOT (quokkas) the", "NOT before a parenthesis" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_auto (ClipperTestRun) run = { 0 };

      run_full (f, &run, TRUE, NULL, NULL, queries[i]);
      g_test_message ("query %u: %s%s", i, run.out, run.err);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, bread_line));
      g_assert_null (strstr (run.out, quokkas_line));
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto (ClipperTestRun) run = { 0 };

      RUN (f, &run, "search", refused[i].query);
      g_test_message ("%s: %s", refused[i].query, run.err);
      assert_failed (&run, 1, refused[i].message);
    }
}

/* search22 (the mission's "filters by tag and colour"): `search` takes
 * tag:NAME, tag:"a name", color:NAME and -tag:/-color:, alone or with
 * words; "tag:work" was searched as the words "tag" and "work". */
static void
test_search_filters (Fixture *f, gconstpointer data)
{
  gint64 quokkas = add_page (f, "article.html", "field notes");
  gint64 bread = add_page (f, "second.html", NULL);
  g_autofree char *quokkas_id = g_strdup_printf ("%" G_GINT64_FORMAT, quokkas);

  EXPECT (f, 0, "highlight", quokkas_id, "--quote", "A quokka weighs", "--color", "pink", "--tag", "done");
  {
    g_autoptr (JsonNode) hits = JSON (f, "search", "tag:\"field notes\" the");
    JsonArray *array = json_node_get_array (hits);

    g_assert_nonnull (find_hit (array, "article", quokkas));
    g_assert_null (find_hit (array, "article", bread));
  }
  {
    g_autoptr (JsonNode) hits = JSON (f, "search", "the", "-tag:\"field notes\"");
    JsonArray *array = json_node_get_array (hits);

    g_assert_nonnull (find_hit (array, "article", bread));
    g_assert_null (find_hit (array, "article", quokkas));
  }
  /* Alone: what passes, a colour only highlights. */
  {
    g_autoptr (JsonNode) hits = JSON (f, "search", "color:pink");
    JsonArray *array = json_node_get_array (hits);
    JsonObject *hit;

    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    hit = json_array_get_object_element (array, 0);
    g_assert_cmpstr (json_object_get_string_member (hit, "kind"), ==, "highlight");
    g_assert_cmpstr (json_object_get_string_member (hit, "quote"), ==, "A quokka weighs");
  }
  {
    g_autoptr (JsonNode) hits = JSON (f, "search", "tag:done");
    JsonArray *array = json_node_get_array (hits);

    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "match"), ==, "tag");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "search", "color:red", "quokka");
    assert_failed (&run, 1, "colour that is none");
  }
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "search", "tag:");
    assert_failed (&run, 1, "no name after it");
  }
}

/* @old replaced by @new in the file at @path, as an editor saves it: a
 * second later, so that its mtime is not the export's. */
static void
edit_vault_file (const char *path, const char *old, const char *new)
{
  g_autofree char *contents = NULL;
  g_autoptr (GString) edited = NULL;
  struct utimbuf times;
  const char *at;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  at = strstr (contents, old);
  g_assert_nonnull (at);
  edited = g_string_new_len (contents, at - contents);
  g_string_append (edited, new);
  g_string_append (edited, at + strlen (old));
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
  times.actime = times.modtime = g_get_real_time () / G_USEC_PER_SEC + 5;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* QA: a note edited in the vault, imported ("1 note updated"), then
 * edited with `clipper-cli note`, was "1 change made differently in the
 * vault and in the library" at the next export, the vault's old text in a
 * callout below the section from then on.  The import records what it
 * took in, so that export writes the library's note, and says nothing. */
static void
test_vault_import_then_note (Fixture *f, gconstpointer data)
{
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, add_page (f, "article.html", NULL));
  g_autofree char *h = g_strdup_printf ("%" G_GINT64_FORMAT,
                                        highlight_with_note (f, id, "sleeps through the heat of the day", "v1"));
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault);
  path = vault_file (vault);
  edit_vault_file (path, "\nv1\n", "\nv2 from Obsidian\n");
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "import", vault);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "1 note updated"));
    g_assert_cmpstr (run.err, ==, "");
  }
  EXPECT (f, 0, "note", h, "v3 from Clipper");
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "export", "--format", "markdown", "--out", vault);
    g_assert_cmpint (run.status, ==, 0);
    g_test_message ("%s%s", run.out, run.err);
    g_assert_null (strstr (run.out, "differently"));
    g_assert_cmpstr (run.err, ==, "");
  }
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\nv3 from Clipper\n"));
  g_assert_null (strstr (contents, "v2 from Obsidian"));
  g_assert_null (strstr (contents, "[!note]"));
}

/* QA: two Kindle imports, a vault export, a note edited in the vault and
 * imported, then My Clippings.txt again with a highlight the device had
 * trimmed: the export said "the quote of ^… was edited in the file",
 * which the user never touched. */
static void
test_vault_kindle_trimmed (Fixture *f, gconstpointer data)
{
  static const char first[] =
    "The Art of Testing (Doe, Jane)\r\n"
    "- Your Highlight on page 12 | Location 200-210 | Added on Monday, October 5, 2026 10:05:00 AM\r\n"
    "\r\n"
    "Every bug is a missing test.\r\n"
    "==========\r\n"
    "The Art of Testing (Doe, Jane)\r\n"
    "- Your Note on page 12 | Location 210 | Added on Monday, October 5, 2026 10:06:00 AM\r\n"
    "\r\n"
    "kindle note two\r\n"
    "==========\r\n"
    "The Art of Testing (Doe, Jane)\r\n"
    "- Your Highlight on page 12 | Location 300-305 | Added on Thursday, November 5, 2026 9:10:00 AM\r\n"
    "\r\n"
    "Green is not done.\r\n"
    "==========\r\n";
  static const char trimmed[] =
    "The Art of Testing (Doe, Jane)\r\n"
    "- Your Highlight on page 12 | Location 300-303 | Added on Saturday, November 28, 2026 9:12:00 AM\r\n"
    "\r\n"
    "Green is not\r\n"
    "==========\r\n";
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *clip1 = g_build_filename (f->dir, "clip1.txt", NULL);
  g_autofree char *clip2 = g_build_filename (f->dir, "clip2.txt", NULL);
  g_autofree char *both = g_strconcat (first, trimmed, NULL);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (clip1, first, -1, NULL));
  g_assert_true (g_file_set_contents (clip2, both, -1, NULL));
  EXPECT (f, 0, "import", clip1);
  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault);
  path = vault_file (vault);
  edit_vault_file (path, "kindle note two", "kindle note two, edited in Obsidian");
  EXPECT (f, 0, "import", vault);
  EXPECT (f, 0, "import", clip2);
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN (f, &run, "export", "--format", "markdown", "--out", vault);
    g_assert_cmpint (run.status, ==, 0);
    g_test_message ("%s%s", run.out, run.err);
    g_assert_null (strstr (run.err, "was edited in the file"));
    g_assert_cmpstr (run.err, ==, "");
  }
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "> Green is not ^"));
  g_assert_nonnull (strstr (contents, "kindle note two, edited in Obsidian"));
}

/* A vault folder the import cannot write to (another user's, a read-only
 * mount) is imported all the same: the manifest cannot record what was
 * taken in, which is said, and it is left as it was.  As root the import
 * runs as nobody, for whom the folder's mode counts. */
static void
test_vault_import_read_only (Fixture *f, gconstpointer data)
{
  gboolean root = geteuid () == 0;
  g_autofree char *vault = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, add_page (f, "article.html", NULL));
  gint64 h = highlight_with_note (f, id, "sleeps through the heat of the day", "v1");
  g_autofree char *manifest = g_build_filename (vault, ".clipper-vault.json", NULL);
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;

  EXPECT (f, 0, "export", "--format", "markdown", "--out", vault);
  path = vault_file (vault);
  edit_vault_file (path, "\nv1\n", "\nv2 from Obsidian\n");
  g_assert_true (g_file_get_contents (manifest, &before, NULL, NULL));

  if (root)
    {
      g_auto (ClipperTestRun) run = { 0 };

      /* nobody writes the library, not the vault. */
      set_mode (f->dir, 0755, TRUE);
      set_mode (f->db, 0644, TRUE);
      set_mode (wal, 0644, TRUE);
      set_mode (shm, 0644, TRUE);
      RUN_READER (f, &run, "--version");
      if (run.status != 0)
        {
          g_test_skip ("clipper-cli cannot be run as nobody here (no setuid, or a folder "
                       "nobody cannot reach)");
          return;
        }
    }
  set_mode (vault, 0555, FALSE);
  {
    g_auto (ClipperTestRun) run = { 0 };

    RUN_READER (f, &run, "import", vault);
    set_mode (vault, 0755, FALSE);
    g_test_message ("%s%s", run.out, run.err);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "1 note updated"));
    g_assert_nonnull (strstr (run.err, "cannot write the vault's list of files"));
    g_assert_nonnull (strstr (run.err, "everything was imported"));
  }
  g_assert_true (g_file_get_contents (manifest, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  {
    g_autoptr (JsonNode) holder = NULL;
    JsonObject *o = get_highlight (f, &holder, id, h);

    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "v2 from Obsidian");
  }
}

/* `highlights --orphans` offers an orphan's closest passage by where its
 * offsets come from.  One file, one article, the same rewritten sentence
 * highlighted twice at offsets 2,000 characters before where it now
 * stands: by Clipper's own export (clipper:anchored, the offsets of this
 * very text), whose passage would stand at them, so the lookalike far
 * from them is not offered; and by another tool (no clipper:anchored, so
 * another page's offsets), whose passage may be anywhere: offered. */
static void
test_orphan_suggestion_by_origin (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->dir, "annotations.json", NULL);
  g_autoptr (GString) filler = g_string_new (NULL);
  g_autoptr (GString) json = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) list = NULL;
  const char *quote = "The village below depended on that light.";
  JsonArray *orphans;
  guint offered = 0;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (filler, "In year %u the keeper counted %u gulls on the north rock. ", 1800 + i, 3 * i + 7);
  g_assert_cmpuint (filler->len, >, 2000);
  g_string_append_printf (json,
                          "{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"type\":\"AnnotationCollection\","
                          "\"label\":\"Clipper library\",\"clipper:version\":1,\"clipper:articles\":["
                          "{\"id\":\"urn:uuid:02cf83d8-dec6-5f69-b541-f631e0ce9ff2\",\"type\":\"clipper:Article\","
                          "\"url\":\"https://example.com/keeper\",\"title\":\"The keeper\","
                          "\"saved\":\"2023-11-14T22:13:20Z\",\"updated\":\"2023-11-14T22:13:20Z\","
                          "\"html\":\"<p>%s</p><p>The town below depended on that lamp. The boats came home by it.</p>\","
                          "\"text\":\"%s\\n\\nThe town below depended on that lamp. The boats came home by it.\"}],"
                          "\"first\":{\"type\":\"AnnotationPage\",\"startIndex\":0,\"items\":[",
                          filler->str, filler->str);
  g_string_append_printf (json,
                          "{\"id\":\"urn:uuid:aaaaaaaa-1111-4111-8111-111111111111\",\"type\":\"Annotation\","
                          "\"motivation\":\"commenting\",\"created\":\"2023-11-14T22:13:20Z\","
                          "\"body\":[{\"type\":\"TextualBody\",\"value\":\"ours\",\"purpose\":\"commenting\"}],"
                          "\"target\":{\"source\":\"https://example.com/keeper\",\"selector\":["
                          "{\"type\":\"TextQuoteSelector\",\"exact\":\"%s\",\"suffix\":\" The boats came home by it.\"},"
                          "{\"type\":\"TextPositionSelector\",\"start\":10,\"end\":51}]},"
                          "\"clipper:color\":\"green\",\"clipper:article\":\"urn:uuid:02cf83d8-dec6-5f69-b541-f631e0ce9ff2\","
                          "\"clipper:anchored\":false},",
                          quote);
  g_string_append_printf (json,
                          "{\"id\":\"urn:uuid:bbbbbbbb-2222-4222-8222-222222222222\",\"type\":\"Annotation\","
                          "\"motivation\":\"commenting\",\"created\":\"2023-11-14T22:13:20Z\","
                          "\"body\":[{\"type\":\"TextualBody\",\"value\":\"theirs\",\"purpose\":\"commenting\"}],"
                          "\"target\":{\"source\":\"https://example.com/keeper\",\"selector\":["
                          "{\"type\":\"TextQuoteSelector\",\"exact\":\"%s\",\"suffix\":\" The boats came home by it.\"},"
                          "{\"type\":\"TextPositionSelector\",\"start\":10,\"end\":51}]}}"
                          "]},\"total\":2}\n",
                          quote);
  g_file_set_contents (file, json->str, -1, &error);
  g_assert_no_error (error);
  EXPECT (f, 0, "import", file);

  list = JSON (f, "highlights", "--orphans");
  orphans = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (orphans), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *h = json_array_get_object_element (orphans, i);
      JsonNode *suggestion = json_object_get_member (h, "suggestion");

      g_assert_nonnull (suggestion);
      if (g_str_equal (json_object_get_string_member (h, "note"), "ours"))
        g_assert_true (JSON_NODE_HOLDS_NULL (suggestion));
      else
        {
          JsonObject *o = json_node_get_object (suggestion);

          g_assert_cmpstr (json_object_get_string_member (h, "note"), ==, "theirs");
          g_assert_nonnull (strstr (json_object_get_string_member (o, "quote"), "below depended on that"));
          g_assert_cmpint (json_object_get_int_member (o, "start"), >=, 2000);
          offered++;
        }
    }
  g_assert_cmpuint (offered, ==, 1);

  {
    g_auto (ClipperTestRun) run = { 0 };
    const char *theirs, *ours;

    RUN (f, &run, "highlights", "--orphans");
    g_assert_cmpint (run.status, ==, 0);
    /* One "Closest passage", under the other tool's highlight. */
    theirs = strstr (run.out, "Note: theirs");
    ours = strstr (run.out, "Note: ours");
    g_assert_nonnull (theirs);
    g_assert_nonnull (ours);
    g_assert_nonnull (strstr (run.out, "Closest passage: “"));
    g_assert_null (strstr (strstr (run.out, "Closest passage: “") + 1, "Closest passage: “"));
    g_assert_true (ours < theirs ? strstr (ours, "Closest passage") > theirs
                                 : strstr (theirs, "Closest passage") < ours);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func)                                                                            \
  g_test_add ("/cli/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("help-and-usage", test_help);
  ADD ("add-list-show", test_add_list_show);
  ADD ("add-errors", test_add_errors);
  ADD ("add-refuses-exports", test_add_refuses_exports);
  ADD ("kindle-locations", test_kindle_locations);
  ADD ("kindle-roman-page", test_kindle_roman_page);
  ADD ("refetch-kindle-book", test_refetch_kindle_book);
  ADD ("import-other-library-vault", test_import_other_library_vault);
  ADD ("import-kindle-encodings", test_import_kindle_encodings);
  ADD ("highlight-across-paragraphs", test_highlight_across_paragraphs);
  ADD ("import-hypothesis-again", test_import_hypothesis_again);
  ADD ("add-legacy-charset", test_add_legacy_charset);
  ADD ("add-deep-nesting", test_add_deep_nesting);
  ADD ("tags", test_tags);
  ADD ("search", test_search);
  ADD ("search/arabic", test_search_arabic);
  ADD ("highlight", test_highlight);
  ADD ("note", test_note);
  ADD ("delete", test_delete);
  ADD ("default-db", test_default_db);
  ADD ("list-paging", test_list_paging);
  ADD ("reading-time-shown", test_reading_time_shown);
  ADD ("search-exclude", test_search_exclude);
  ADD ("kindle-book-date", test_kindle_book_date);
  ADD ("restored-not-placed", test_restored_not_placed);
  ADD ("restored-not-orphans", test_restored_not_orphans);
  ADD ("search-dangling-operators", test_search_dangling_operators);
  ADD ("search-filters", test_search_filters);
  ADD ("terminal-controls", test_terminal_controls);
  ADD ("bad-library", test_bad_library);
  ADD ("missing-library", test_missing_library);
  ADD ("wording", test_cli_wording);
  ADD ("show-byline-and-date", test_show_byline_and_date);
  ADD ("locks-dropped", test_locks_dropped);
  ADD ("export-app-color-names", test_export_app_color_names);
  ADD ("export-messages", test_export_messages);
  ADD ("export-json-write-error", test_export_json_write_error);
  ADD ("export-json-fails-whole", test_export_json_fails_whole);
  ADD ("import-full-disk-undone", test_import_full_disk_undone);
  ADD ("bulk", test_bulk);
  ADD ("export-json-symlink", test_export_json_symlink);
  ADD ("export-out-uri", test_export_out_uri);
  ADD ("export-vault-fails-whole", test_export_vault_fails_whole);
  ADD ("import-json-nothing-read", test_import_json_nothing_read);
  ADD ("json-parse-errors", test_json_parse_errors);
  ADD ("export-says-copies", test_export_says_copies);
  ADD ("list-write-error", test_list_write_error);
  ADD ("extract-write-error", test_extract_write_error);
  ADD ("vault-other-library-edit", test_vault_other_library_edit);
  ADD ("read-only-library", test_read_only_library);
  ADD ("vault-import-then-note", test_vault_import_then_note);
  ADD ("vault-kindle-trimmed", test_vault_kindle_trimmed);
  ADD ("vault-import-read-only", test_vault_import_read_only);
  ADD ("orphan-suggestion-by-origin", test_orphan_suggestion_by_origin);
  ADD ("tags-natural-order", test_tags_natural_order);
  ADD ("busy-library", test_busy_library);
  ADD ("tags-with-comma-quoted", test_tags_with_comma_quoted);
#undef ADD

  return g_test_run ();
}

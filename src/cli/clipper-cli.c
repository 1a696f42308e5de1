/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper-cli: the library from a terminal or a script.  This file holds
 * main(), the global options and the command table; the commands live in
 * clipper-cli-<group>.c.
 */
#define G_LOG_DOMAIN "clipper-cli"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "clipper-cli-format.h"
#include "clipper-cli-private.h"
#include "clipper-fetcher.h"

typedef int (*CommandFunc) (ClipperCli *cli, int argc, char **argv);

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *synopsis;
} commands[] = {
  { "add",              clipper_cli_cmd_add,              "add URL|FILE [--tag TAG]...          save; print the article id" },
  { "extract",          clipper_cli_cmd_extract,          "extract URL|FILE [--format text|html|json]   extract only, no database\n"
                                                          "  extract --batch DIR --out OUTDIR      every page in DIR; timings and metadata" },
  { "list",             clipper_cli_cmd_list,             "list [--tag TAG] [--state unread|archived|all] [--starred] [--limit N] [--format text|json]" },
  { "show",             clipper_cli_cmd_show,             "show ID [--format text|html|json|markdown]" },
  { "search",           clipper_cli_cmd_search,           "search QUERY [--limit N] [--format text|json]" },
  { "tag",              clipper_cli_cmd_tag,              "tag ID TAG... | tag ID... --tag TAG...   (several: in one change)" },
  { "untag",            clipper_cli_cmd_untag,            "untag ID TAG... | untag ID... --tag TAG..." },
  { "tags",             clipper_cli_cmd_tags,             "tags [--format text|json]            every tag with its article and highlight counts" },
  { "rename-tag",       clipper_cli_cmd_rename_tag,       "rename-tag TAG NEW_NAME              on everything; into another tag merges them" },
  { "delete-tag",       clipper_cli_cmd_delete_tag,       "delete-tag TAG                       off every article and highlight" },
  { "highlight",        clipper_cli_cmd_highlight,        "highlight ID --quote TEXT [--prefix P] [--suffix S] [--color NAME] [--note TEXT] [--tag TAG]..." },
  { "highlights",       clipper_cli_cmd_highlights,       "highlights [ID] [--tag TAG] [--color NAME] [--orphans] [--format text|json]" },
  { "reattach",         clipper_cli_cmd_reattach,         "reattach HIGHLIGHT_ID --quote TEXT [--prefix P] [--suffix S] | --suggested\n"
                                                          "                                        attach an orphan again" },
  { "note",             clipper_cli_cmd_note,             "note HIGHLIGHT_ID TEXT|-   (- reads stdin; --clear removes the note)" },
  { "delete",           clipper_cli_cmd_delete,           "delete ID... [--format text|json]     all or none, in one change" },
  { "archive",          clipper_cli_cmd_archive,          "archive ID... [--format text|json]    (unarchive ID...: back to the reading list)" },
  { "unarchive",        clipper_cli_cmd_unarchive,        NULL },
  { "star",             clipper_cli_cmd_star,             "star ID... [--format text|json]       (unstar ID...)" },
  { "unstar",           clipper_cli_cmd_unstar,           NULL },
  { "delete-highlight", clipper_cli_cmd_delete_highlight, "delete-highlight HIGHLIGHT_ID" },
  { "refetch",          clipper_cli_cmd_refetch,          "refetch ID|--all [--offline] [--format text|json]   fetch again, re-extract, re-anchor" },
  { "export",           clipper_cli_cmd_export,           "export [ID...] --format markdown|json [--tag TAG] [--out DIR|FILE|-] [--color-name C=M]..." },
  { "import",           clipper_cli_cmd_import,           "import FILE|FOLDER [--format auto|json|hypothesis|kindle|markdown] [--color-name C=M]...\n"
                                                          "                                        [--output text|json]" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: clipper-cli [--db FILE] COMMAND [ARGS...]\n\n"
                "Keeps a library of saved articles, highlights and notes.\n\n"
                "Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (commands[i].synopsis != NULL)
      fprintf (out, "  %s\n", commands[i].synopsis);
  fprintf (out, "\nOptions:\n"
                "  --db FILE     the library file (default: $CLIPPER_DB, else\n"
                "                $XDG_DATA_HOME/clipper/library.db)\n"
                "  -h, --help    show this help; 'clipper-cli COMMAND --help' for a command\n"
                "  --version     show the version\n\n"
                "Exit status: 0 done, 1 the operation failed, 2 usage error.\n");
}

static int
fail_read_only (ClipperCli *cli)
{
  g_autofree char *path = cli->db_path != NULL ? g_strdup (cli->db_path)
                                                : clipper_store_dup_default_path ();

  return clipper_cli_fail ("the library '%s' is read-only (its file or its folder cannot be "
                           "written): it can be read (list, show, search, highlights, tags, "
                           "export), not changed",
                           path);
}

/* What a command does with the library: reads it, changes what is in it,
 * or adds to it (which alone may start a new library). */
typedef enum {
  STORE_TO_READ,
  STORE_TO_CHANGE,
  STORE_TO_ADD,
} StoreUse;

static ClipperStore *
open_store (ClipperCli *cli, StoreUse use)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  const char *env_db = g_getenv ("CLIPPER_DB");
  gboolean to_write = use != STORE_TO_READ;

  if (cli->store != NULL)
    return cli->store;

  path = cli->db_path != NULL ? g_strdup (cli->db_path) : clipper_store_dup_default_path ();
  /* The default library's folder is made on first use; a folder named with
   * --db or $CLIPPER_DB that is not there is a typo far more often than a
   * wish, and making it (and an empty library in it) hid the typo. */
  if (cli->db_path != NULL || (env_db != NULL && *env_db != '\0'))
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (!g_file_test (folder, G_FILE_TEST_EXISTS))
        {
          clipper_cli_fail ("cannot open the library '%s': there is no folder '%s'", path, folder);
          return NULL;
        }
    }
  /* Likewise a library file that is not there: "show 1" answered "there
   * is no article 1" and "list" "No articles." from an empty library it
   * had just made, so a mistyped name looked like a library emptied.  Only
   * what adds content starts one. */
  if (use != STORE_TO_ADD && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      clipper_cli_fail ("no library at '%s' (start one with 'clipper-cli add URL|FILE', "
                        "'clipper-cli import FILE' or the app)",
                        path);
      return NULL;
    }

  cli->store = clipper_store_open (cli->db_path, &error);
  /* Its file or folder cannot be written (a file of mode 0444, someone
   * else's folder): a command that only reads reads it as it is, one that
   * writes says so before it starts (SQLite opens a file it cannot write
   * for reading alone, and the first write failed halfway through the
   * command, "attempt to write a readonly database"). */
  if (cli->store == NULL &&
      g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_READ_ONLY))
    {
      if (to_write)
        {
          fail_read_only (cli);
          return NULL;
        }
      g_clear_error (&error);
      cli->store = clipper_store_open_read_only (cli->db_path, &error);
    }
  if (cli->store == NULL)
    clipper_cli_print_error (error);
  else if (to_write && clipper_store_is_read_only (cli->store))
    {
      g_clear_object (&cli->store);
      fail_read_only (cli);
    }

  return cli->store;
}

ClipperStore *
clipper_cli_get_store (ClipperCli *cli)
{
  return open_store (cli, STORE_TO_CHANGE);
}

ClipperStore *
clipper_cli_get_store_to_add (ClipperCli *cli)
{
  return open_store (cli, STORE_TO_ADD);
}

ClipperStore *
clipper_cli_get_store_to_read (ClipperCli *cli)
{
  return open_store (cli, STORE_TO_READ);
}

char *
clipper_cli_dup_address (const char *target, char **out_fallback)
{
  if (out_fallback != NULL)
    *out_fallback = NULL;
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    return NULL;
  return clipper_fetch_dup_typed_uri (target, out_fallback);
}

char *
clipper_cli_dup_local_path (const char *target)
{
  if (g_str_has_prefix (target, "file:"))
    return g_filename_from_uri (target, NULL, NULL);
  if (strstr (target, "://") == NULL)
    return g_strdup (target);
  return NULL;
}

int
clipper_cli_print_error (const GError *error)
{
  g_printerr ("clipper-cli: %s\n", error != NULL ? error->message : "unknown error");
  return CLIPPER_CLI_EXIT_FAILED;
}

int
clipper_cli_fail (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("clipper-cli: %s\n", message);
  return CLIPPER_CLI_EXIT_FAILED;
}

int
clipper_cli_usage_error (const char *command, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("clipper-cli %s: %s\nTry 'clipper-cli %s --help'.\n", command, message, command);
  return CLIPPER_CLI_EXIT_USAGE;
}

int
clipper_cli_parse (GOptionContext *context, const char *command, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  /* "Usage: clipper-cli show [OPTION…] ID" rather than GOption's
   * default of argv[0] alone, which is the command name here. */
  {
    g_autofree char *prgname = g_strdup_printf ("clipper-cli %s", command);
    g_set_prgname (prgname);
  }

  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    return clipper_cli_usage_error (command, "%s", error->message);

  return -1;
}

gboolean
clipper_cli_parse_id (const char *command, const char *str, gint64 *out_id)
{
  guint64 value = 0;

  if (str == NULL || !g_ascii_string_to_unsigned (str, 10, 1, G_MAXINT64, &value, NULL))
    {
      clipper_cli_usage_error (command, "'%s' is not a valid id (a whole number above 0)",
                               str != NULL ? str : "");
      return FALSE;
    }

  *out_id = (gint64) value;
  return TRUE;
}

GArray *
clipper_cli_parse_ids (const char *command, int argc, char **argv)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int i = 0; i < argc; i++)
    {
      gint64 id;

      if (!clipper_cli_parse_id (command, argv[i], &id))
        return NULL;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

gboolean
clipper_cli_check_format (const char *command, const char *format, const char *const *allowed)
{
  g_autofree char *list = NULL;

  if (format != NULL && g_strv_contains (allowed, format))
    return TRUE;

  list = g_strjoinv ("|", (char **) allowed);
  clipper_cli_usage_error (command, "unknown format '%s' (one of %s)", format != NULL ? format : "", list);
  return FALSE;
}

/* The command running, for the core's messages. */
static const char *running_command;

/* What the library says to the user with g_message() (a vault file it
 * left as it is, say) reads as the command's own lines on stderr, not
 * as GLib's "clipper-export-Message: 02:24:54.062: …". */
static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  if ((level & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO)) != 0)
    {
      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "MESSAGE"))
          {
            g_autofree char *printable = clipper_cli_dup_printable (fields[i].value);

            g_printerr ("clipper-cli %s: %s\n", running_command != NULL ? running_command : "", printable);
            return G_LOG_WRITER_HANDLED;
          }
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
cli_clear (ClipperCli *cli)
{
  g_clear_object (&cli->store);
  g_clear_pointer (&cli->db_path, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClipperCli, cli_clear)

/* @status, or a failure when what was printed could not be written.
 * What a command printed is still in stdio's buffer: written out at exit,
 * a failure (a full disk) went unsaid, and `list > file` exited 0 with
 * the list lost.  g_print() flushes each time and drops the failure,
 * leaving only the stream's error flag: the last fflush() has nothing to
 * write and returns 0, and errno no longer says why. */
static int
output_written (int status)
{
  if (fflush (stdout) != 0 && status == CLIPPER_CLI_EXIT_OK)
    return clipper_cli_fail ("cannot write to standard output: %s", g_strerror (errno));
  if (ferror (stdout) && status == CLIPPER_CLI_EXIT_OK)
    return clipper_cli_fail ("cannot write to standard output");
  return status;
}

int
main (int argc, char **argv)
{
  /* Cleared on every return, so that LeakSanitizer sees no leak on the
   * --help and usage-error paths either. */
  g_auto (ClipperCli) cli = { NULL, NULL };
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  g_log_set_writer_func (write_log, NULL, NULL);

  /* Global options come before the command, as in 'git -C dir status'. */
  while (first < argc && argv[first][0] == '-')
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--db") && first + 1 < argc)
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[first + 1]);
          first += 2;
        }
      else if (g_str_equal (arg, "--db"))
        {
          g_printerr ("clipper-cli: --db needs a file name\n");
          return CLIPPER_CLI_EXIT_USAGE;
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (arg + strlen ("--db="));
          first += 1;
        }
      else if (g_str_equal (arg, "-h") || g_str_equal (arg, "--help"))
        {
          print_usage (stdout);
          return CLIPPER_CLI_EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("clipper-cli %s\n", PACKAGE_VERSION);
          return output_written (CLIPPER_CLI_EXIT_OK);
        }
      else
        {
          g_printerr ("clipper-cli: unknown option '%s'\n", arg);
          print_usage (stderr);
          return CLIPPER_CLI_EXIT_USAGE;
        }
    }

  if (cli.db_path != NULL && cli.db_path[0] == '\0')
    {
      g_printerr ("clipper-cli: --db needs a file name\n");
      return CLIPPER_CLI_EXIT_USAGE;
    }

  if (first >= argc)
    {
      print_usage (stderr);
      return CLIPPER_CLI_EXIT_USAGE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[first], commands[i].name))
        {
          running_command = commands[i].name;
          status = commands[i].func (&cli, argc - first, argv + first);
          return output_written (status);
        }
    }

  g_printerr ("clipper-cli: unknown command '%s'\n", argv[first]);
  print_usage (stderr);
  return CLIPPER_CLI_EXIT_USAGE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared pieces of clipper-cli.  Each group of commands lives in its own
 * clipper-cli-<group>.c and exposes one entry point per command:
 *
 *   int clipper_cli_cmd_<name> (ClipperCli *cli, int argc, char **argv);
 *
 * argv[0] is the command name; the global options (--db) are already
 * removed.  A command returns CLIPPER_CLI_EXIT_OK, _FAILED (after printing
 * one line on stderr with clipper_cli_print_error()) or _USAGE.
 */
#pragma once

#include <glib.h>

#include "clipper-store.h"

G_BEGIN_DECLS

enum {
  CLIPPER_CLI_EXIT_OK = 0,
  CLIPPER_CLI_EXIT_FAILED = 1,
  CLIPPER_CLI_EXIT_USAGE = 2,
};

typedef struct {
  char         *db_path;   /* --db FILE, or NULL for the default */
  ClipperStore *store;     /* opened on demand */
} ClipperCli;

/* Opens the library on first use, to change it; on failure prints the
 * error and returns NULL.  A library that cannot be written is a failure
 * here, said before the command does anything, and so is one that is not
 * there ("no library at …"). */
ClipperStore *clipper_cli_get_store         (ClipperCli *cli);
/* The same for a command that adds content (add, import): a library that
 * is not there is made. */
ClipperStore *clipper_cli_get_store_to_add  (ClipperCli *cli);
/* The same for a command that only reads: a library that cannot be
 * written is read as it is; one that is not there is a failure. */
ClipperStore *clipper_cli_get_store_to_read (ClipperCli *cli);

/* What add and extract take: the web address @target names by the app's
 * rule (clipper_fetch_dup_typed_uri(): "example.org/page" with https,
 * "localhost:8000/page" with http), unless a file of that name is here,
 * a relative path being a file as it always was: NULL then.
 * @out_fallback: the address with http, to try when https cannot be
 * reached; NULL when there is none. */
char *clipper_cli_dup_address    (const char *target,
                                  char      **out_fallback);
/* The local file @target names (a path or a file:// URI), or NULL. */
char *clipper_cli_dup_local_path (const char *target);

/* "clipper-cli: <message>" on stderr.  Returns CLIPPER_CLI_EXIT_FAILED. */
int  clipper_cli_print_error (const GError *error);
int  clipper_cli_fail        (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* "clipper-cli <command>: <message>" plus "Try 'clipper-cli <command> --help'." Returns _USAGE. */
int  clipper_cli_usage_error (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Parses @argv with @context (help enabled, summary set by the caller).
 * Returns -1 to go on, or the exit code to return (after --help or a usage error). */
int  clipper_cli_parse       (GOptionContext *context, const char *command, int *argc, char ***argv);

/* Parses a decimal id > 0; prints a usage error and returns FALSE otherwise. */
gboolean clipper_cli_parse_id (const char *command, const char *str, gint64 *out_id);
/* The ids @argv[0..@argc), each as clipper_cli_parse_id() takes it; NULL
 * (a usage error printed) at the first that is not one. */
GArray  *clipper_cli_parse_ids (const char *command, int argc, char **argv);

/* "text" or "json" (and whatever else @allowed lists, NULL-terminated). */
gboolean clipper_cli_check_format (const char *command, const char *format, const char *const *allowed);

/* Commands, one per DESIGN.md entry. */
int clipper_cli_cmd_add              (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_list             (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_show             (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_search           (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_tag              (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_untag            (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_tags             (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_rename_tag       (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_delete_tag       (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_highlight        (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_highlights       (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_reattach         (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_note             (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_delete           (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_archive          (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_unarchive        (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_star             (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_unstar           (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_delete_highlight (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_extract          (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_refetch          (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_export           (ClipperCli *cli, int argc, char **argv);
int clipper_cli_cmd_import           (ClipperCli *cli, int argc, char **argv);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where a vault export goes, when the folder the user chose holds other
 * things.  A vault export writes one Markdown file for each article (and
 * its hidden manifest) at the top of its folder: chosen as it stands,
 * Documents or an Obsidian vault full of the user's own notes gets
 * hundreds of files among them.  So such a folder is asked about first,
 * with a folder of its own inside ("Clipper") as the suggested answer, as
 * Readwise writes into a "Readwise" folder of the vault.  An empty folder,
 * one that does not exist yet and one that is a Clipper vault already are
 * taken without a question; the vault of another library is not taken at
 * all (its export would be refused), and the question says so.
 *
 * The window's Export Library as Markdown… and the Preferences' vault
 * folder both ask through clipper_vault_folder_confirm().
 */
#define G_LOG_DOMAIN "clipper-vault-folder"

#include <glib/gi18n.h>

#include "clipper-vault-folder.h"
#include "clipper-markdown.h"

/* A manifest's front matter is a few hundred bytes; a file's own keys
 * above it rarely more than a few kilobytes. */
#define FRONT_MATTER_MAX (64 * 1024)
/* Enough to tell a vault from a folder of notes, without reading every
 * file of a large vault on the main thread. */
#define FILES_READ_MAX 100

/* The folder a vault goes into when the chosen one holds other files:
 * a name of its own, for every language (it is the app's name). */
#define SUB_FOLDER_NAME "Clipper"

typedef enum {
  FOLDER_EMPTY,     /* or not there yet, or not listable: the export says why */
  FOLDER_VAULT,
  FOLDER_OTHER_LIBRARY,   /* the vault of another library (its manifest says) */
  FOLDER_OTHER,
} FolderKind;

static gboolean
file_has_clipper_id (GFile *file)
{
  g_autoptr (GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autofree char *head = g_malloc (FRONT_MATTER_MAX + 1);
  g_autofree char *uid = NULL;
  gsize length = 0;

  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, FRONT_MATTER_MAX, &length, NULL, NULL))
    return FALSE;
  head[length] = '\0';
  uid = clipper_markdown_file_uid (head);
  return uid != NULL;
}

/* A folder with the manifest is a vault.  Without it (lost, or never
 * carried over by a sync that leaves hidden files out) the export finds
 * its files again by the clipper-id in their front matter; such a folder
 * is taken for a vault too when every file at its top is one of them
 * (hidden ones aside: .obsidian, .trash, a desktop's .directory).  One
 * file of anyone else's, and the user is asked: a question too many costs
 * a click, one too few mixes hundreds of files into theirs. */
static FolderKind
folder_kind (GFile      *folder,
             const char *library_id)
{
  g_autoptr (GFile) manifest = g_file_get_child (folder, CLIPPER_VAULT_MANIFEST);
  g_autoptr (GFileEnumerator) children = NULL;
  gboolean anything = FALSE;
  guint clipper_files = 0;
  guint read = 0;

  if (g_file_query_exists (manifest, NULL))
    {
      g_autofree char *path = g_file_get_path (folder);
      g_autofree char *owner = path != NULL ? clipper_markdown_dup_vault_library (path) : NULL;

      if (owner != NULL && library_id != NULL && !g_str_equal (owner, library_id))
        return FOLDER_OTHER_LIBRARY;
      return FOLDER_VAULT;
    }
  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return FOLDER_EMPTY;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      anything = TRUE;
      name = g_file_info_get_name (info);
      if (name[0] == '.' || g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        continue;
      if (!g_str_has_suffix (name, ".md"))
        return FOLDER_OTHER;
      if (read++ >= FILES_READ_MAX)
        continue;
      if (!file_has_clipper_id (child))
        return FOLDER_OTHER;
      clipper_files++;
    }
  if (clipper_files > 0)
    return FOLDER_VAULT;
  return anything ? FOLDER_OTHER : FOLDER_EMPTY;
}

/* The folder for the vault inside @folder: "Clipper" when it is not there
 * yet, or is empty or this library's vault already; else "Clipper 2",
 * "Clipper 3"…, by the same rule. */
static GFile *
dup_sub_folder (GFile      *folder,
                const char *library_id)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *name =
        n == 1 ? g_strdup (SUB_FOLDER_NAME) : g_strdup_printf ("%s %u", SUB_FOLDER_NAME, n);
      g_autoptr (GFile) sub = g_file_get_child (folder, name);
      GFileType type = g_file_query_file_type (sub, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL);
      FolderKind kind;

      if (type == G_FILE_TYPE_UNKNOWN ||
          (type == G_FILE_TYPE_DIRECTORY &&
           (kind = folder_kind (sub, library_id)) != FOLDER_OTHER && kind != FOLDER_OTHER_LIBRARY))
        return g_steal_pointer (&sub);
    }
}

typedef struct {
  GWeakRef   widget;
  GFile     *folder;
  GFile     *sub;
  ClipperVaultFolderFunc done;
} Question;

static void
question_free (Question *q)
{
  g_weak_ref_clear (&q->widget);
  g_clear_object (&q->folder);
  g_clear_object (&q->sub);
  g_free (q);
}

static void
on_question_response (AdwMessageDialog *dialog,
                      const char       *response,
                      Question         *q)
{
  g_autoptr (GtkWidget) widget = g_weak_ref_get (&q->widget);
  g_autoptr (GError) error = NULL;

  /* Closed with its window, the question has no one left to answer. */
  if (widget == NULL)
    return;
  if (g_str_equal (response, "this"))
    q->done (widget, q->folder, NULL);
  else if (g_str_equal (response, "sub-folder"))
    {
      if (!g_file_make_directory (q->sub, NULL, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        q->done (widget, NULL, error);
      else
        q->done (widget, q->sub, NULL);
    }
}

/**
 * clipper_vault_folder_confirm:
 * @parent: the window the question is asked over
 * @folder: the folder the user chose for a vault
 * @library_id: (nullable): the library's clipper_store_get_library_id(),
 *   or NULL when not known (any vault is then taken)
 * @widget: what @done is for; not kept alive by the question
 * @done: called with the folder to export into
 *
 * Calls @done at once with @folder when it is empty, not there yet, or
 * this library's vault; else asks whether to use it as it is or a new
 * "Clipper" folder inside (the suggested answer), and calls @done with
 * that, unless the user cancels or @widget is gone by then.  Another
 * library's vault is never used: the question offers a new folder beside
 * it, and says how to import it.
 */
void
clipper_vault_folder_confirm (GtkWindow              *parent,
                              GFile                  *folder,
                              const char             *library_id,
                              GtkWidget              *widget,
                              ClipperVaultFolderFunc  done)
{
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *sub_name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *sub_label = NULL;
  g_autoptr (GFile) parent_folder = NULL;
  AdwMessageDialog *dialog;
  FolderKind kind;
  Question *q;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (done != NULL);

  kind = folder_kind (folder, library_id);
  if (kind == FOLDER_EMPTY || kind == FOLDER_VAULT)
    {
      done (widget, folder, NULL);
      return;
    }
  /* Another library's vault: not inside it, where that library's import
   * (which reads sub-folders too) would take this one's files for its
   * own, but beside it. */
  if (kind == FOLDER_OTHER_LIBRARY)
    parent_folder = g_file_get_parent (folder);

  q = g_new0 (Question, 1);
  g_weak_ref_init (&q->widget, widget);
  q->folder = g_object_ref (folder);
  q->sub = dup_sub_folder (parent_folder != NULL ? parent_folder : folder, library_id);
  q->done = done;

  path = g_file_get_path (folder);
  display = path != NULL ? g_filename_display_basename (path) : g_file_get_parse_name (folder);
  sub_name = g_file_get_basename (q->sub);
  if (kind == FOLDER_OTHER_LIBRARY)
    /* Translators: %s is the name of the folder chosen */
    heading = g_strdup_printf (_("“%s” Is Another Library’s Vault"), display);
  else
    /* Translators: %s is the name of the folder chosen, "Documents" */
    heading = g_strdup_printf (_("Export into “%s”?"), display);
  if (kind == FOLDER_OTHER_LIBRARY && g_file_query_exists (q->sub, NULL))
    /* Translators: %s is "Clipper" (or "Clipper 2"…), a folder beside
     * the one chosen, there already: empty or holding Clipper's files */
    sub_label = g_strdup_printf (_("_Into Folder “%s” Beside It"), sub_name);
  else if (kind == FOLDER_OTHER_LIBRARY)
    /* Translators: %s is "Clipper" (or "Clipper 2"…), a folder to make
     * beside the one chosen */
    sub_label = g_strdup_printf (_("_New Folder “%s” Beside It"), sub_name);
  else if (g_file_query_exists (q->sub, NULL))
    /* Translators: %s is "Clipper" (or "Clipper 2"…), a folder inside the
     * one chosen, there already: empty or holding Clipper's files */
    sub_label = g_strdup_printf (_("_Into Folder “%s”"), sub_name);
  else
    /* Translators: %s is "Clipper" (or "Clipper 2"…), a folder to make
     * inside the one chosen */
    sub_label = g_strdup_printf (_("_New Folder “%s”"), sub_name);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, NULL));
  if (kind == FOLDER_OTHER_LIBRARY)
    {
      /* Exporting there would be refused: no "Use This Folder". */
      adw_message_dialog_set_body (dialog,
                                   _("Another Clipper library exported its notes there, and this "
                                     "library’s export would write over them. To bring them into "
                                     "this library, use Import Vault Folder… in the main menu; this "
                                     "library’s vault needs a folder of its own."));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "sub-folder", sub_label, NULL);
    }
  else
    {
      adw_message_dialog_set_body (dialog,
                                   _("It holds other files. Clipper keeps one file for each article in "
                                     "the folder it exports to; in a folder of their own inside, they "
                                     "stay apart from yours."));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "this", _("_Use This Folder"),
                                        "sub-folder", sub_label, NULL);
    }
  adw_message_dialog_set_response_appearance (dialog, "sub-folder", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "sub-folder");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "clipper-question", q, (GDestroyNotify) question_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_question_response), q);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Never the current directory, and never the library's own folder.  A GTK
 * file chooser that lists that folder opens and closes library.db-wal and
 * -shm to sniff them, and closing any descriptor of a file drops every
 * POSIX lock this process holds on it: SQLite's locks went, and the next
 * clipper-cli run deleted the live WAL. */
GFile *
clipper_dup_start_folder (GFile      *last,
                          const char *library_path)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *library_dir = g_path_get_dirname (library_path);
  g_autoptr (GFile) library = g_file_new_for_path (library_dir);
  g_autoptr (GFile) folder = NULL;

  if (last != NULL)
    folder = g_object_ref (last);
  else if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    folder = g_file_new_for_path (documents);
  else
    folder = g_file_new_for_path (g_get_home_dir ());

  if (g_file_equal (folder, library))
    {
      GFile *parent = g_file_get_parent (library);

      if (parent != NULL)
        return parent;
    }
  return g_steal_pointer (&folder);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called with the folder to export into, or with @error when the folder
 * for the vault could not be made; not called when the user cancels. */
typedef void (*ClipperVaultFolderFunc) (GtkWidget    *widget,
                                        GFile        *folder,
                                        const GError *error);

void clipper_vault_folder_confirm (GtkWindow              *parent,
                                   GFile                  *folder,
                                   const char             *library_id,
                                   GtkWidget              *widget,
                                   ClipperVaultFolderFunc  done);

/* Where a file dialog starts: @last (the folder the user chose last) if
 * given, else Documents, else home; never the library's own folder (the
 * folder of @library_path).  (transfer full) */
GFile *clipper_dup_start_folder (GFile      *last,
                                 const char *library_path);

G_END_DECLS

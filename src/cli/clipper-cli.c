/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-cli"

#include <glib.h>

int
main (int argc, char **argv)
{
  g_printerr ("clipper-cli: not built yet\n");
  return 1;
}

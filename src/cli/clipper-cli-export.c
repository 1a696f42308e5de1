/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-cli"

#include "clipper-cli-private.h"

/* Placeholder until this command group is written: fails honestly. */
int
clipper_cli_cmd_export (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}

int
clipper_cli_cmd_import (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}


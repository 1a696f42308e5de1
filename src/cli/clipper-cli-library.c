/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-cli"

#include "clipper-cli-private.h"

/* Placeholder until this command group is written: fails honestly. */
int
clipper_cli_cmd_add (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}

int
clipper_cli_cmd_list (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}

int
clipper_cli_cmd_show (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}

int
clipper_cli_cmd_search (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}

int
clipper_cli_cmd_tag (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}

int
clipper_cli_cmd_untag (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}

int
clipper_cli_cmd_highlight (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}

int
clipper_cli_cmd_highlights (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}

int
clipper_cli_cmd_note (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}

int
clipper_cli_cmd_delete (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}

int
clipper_cli_cmd_delete_highlight (ClipperCli *cli, int argc, char **argv)
{
  return clipper_cli_fail ("'%s' is not available in this build yet", argv[0]);
}


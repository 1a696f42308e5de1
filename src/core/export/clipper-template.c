/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-export"

#include "clipper-template.h"

#include <string.h>

#include "clipper-export.h"

typedef enum {
  NODE_TEXT,
  NODE_VAR,
  NODE_SECTION,
} NodeKind;

typedef struct {
  NodeKind   kind;
  char      *text;      /* the text, or the name */
  gboolean   raw;       /* NODE_VAR: no escaping */
  gboolean   inverted;  /* NODE_SECTION: {{^name}} */
  GPtrArray *children;  /* NODE_SECTION */
  char     **path;      /* NODE_VAR, NODE_SECTION: the name split at '.' */
} Node;

struct _ClipperTemplate {
  GPtrArray *root;
};

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->text);
  g_strfreev (node->path);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static Node *
node_new (NodeKind kind, char *text)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->text = text;
  /* Split once here, not at every lookup. */
  if (kind != NODE_TEXT && !g_str_equal (text, "."))
    node->path = g_strsplit (text, ".", -1);
  if (kind == NODE_SECTION)
    node->children = g_ptr_array_new_with_free_func (node_free);
  return node;
}

void
clipper_template_free (ClipperTemplate *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->root);
  g_free (self);
}

static guint
line_of (const char *source, const char *at)
{
  guint line = 1;

  for (const char *p = source; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

static gboolean
all_blank (const char *from, const char *to)
{
  for (const char *p = from; p < to; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return TRUE;
}

typedef struct {
  GPtrArray  *children;
  Node       *section;  /* NULL for the root */
  const char *opened_at;
} Frame;

ClipperTemplate *
clipper_template_new (const char *source, GError **error)
{
  g_autoptr (GPtrArray) root = g_ptr_array_new_with_free_func (node_free);
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  const char *pos = source;
  const char *end;
  gboolean at_line_start = TRUE;  /* pos is the start of a line */
  ClipperTemplate *self;

  g_return_val_if_fail (source != NULL, NULL);

  end = source + strlen (source);
  g_array_append_val (stack, ((Frame) { root, NULL, source }));

  while (pos < end)
    {
      Frame *top = &g_array_index (stack, Frame, stack->len - 1);
      const char *open = strstr (pos, "{{");
      const char *close, *content, *content_end, *tag_end, *text_end;
      const char *last_nl = NULL;
      char sigil = 0;
      gboolean triple = FALSE;
      g_autofree char *name = NULL;

      if (open == NULL)
        {
          g_ptr_array_add (top->children, node_new (NODE_TEXT, g_strdup (pos)));
          break;
        }

      if (open[2] == '{')
        {
          triple = TRUE;
          content = open + 3;
          close = strstr (content, "}}}");
          tag_end = close != NULL ? close + 3 : NULL;
        }
      else
        {
          content = open + 2;
          close = strstr (content, "}}");
          tag_end = close != NULL ? close + 2 : NULL;
        }
      if (close == NULL)
        {
          g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_TEMPLATE,
                       "template line %u: '{{' is never closed with '}}'", line_of (source, open));
          return NULL;
        }
      content_end = close;

      while (content < content_end && g_ascii_isspace (*content))
        content++;
      if (!triple && content < content_end && strchr ("#^/!&", *content) != NULL)
        sigil = *content++;
      name = g_strstrip (g_strndup (content, content_end - content));

      if (sigil != '!' && *name == '\0')
        {
          g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_TEMPLATE,
                       "template line %u: a tag without a name", line_of (source, open));
          return NULL;
        }

      text_end = open;
      if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!')
        {
          const char *line_start = NULL;
          const char *nl;

          /* Standalone tags take their whole line with them. */
          for (const char *p = open; p > pos; p--)
            if (p[-1] == '\n')
              {
                last_nl = p;
                break;
              }
          if (last_nl != NULL)
            line_start = last_nl;
          else if (at_line_start)
            line_start = pos;

          nl = strchr (tag_end, '\n');
          if (line_start != NULL && all_blank (line_start, open)
              && all_blank (tag_end, nl != NULL ? nl : end))
            {
              text_end = line_start;
              tag_end = nl != NULL ? nl + 1 : end;
            }
        }

      if (text_end > pos)
        g_ptr_array_add (top->children, node_new (NODE_TEXT, g_strndup (pos, text_end - pos)));

      switch (sigil)
        {
        case '#':
        case '^':
          {
            Node *section = node_new (NODE_SECTION, g_steal_pointer (&name));

            section->inverted = sigil == '^';
            g_ptr_array_add (top->children, section);
            g_array_append_val (stack, ((Frame) { section->children, section, open }));
          }
          break;

        case '/':
          if (top->section == NULL || g_strcmp0 (top->section->text, name) != 0)
            {
              g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_TEMPLATE,
                           "template line %u: '{{/%s}}' closes no open '{{#%s}}'",
                           line_of (source, open), name, name);
              return NULL;
            }
          g_array_set_size (stack, stack->len - 1);
          break;

        case '!':
          break;

        default:
          {
            Node *var = node_new (NODE_VAR, g_steal_pointer (&name));

            var->raw = triple || sigil == '&';
            g_ptr_array_add (top->children, var);
          }
          break;
        }

      at_line_start = tag_end > source && tag_end[-1] == '\n';
      pos = tag_end;
    }

  if (stack->len > 1)
    {
      Frame *top = &g_array_index (stack, Frame, stack->len - 1);

      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_TEMPLATE,
                   "template line %u: section '%s' is never closed",
                   line_of (source, top->opened_at), top->section->text);
      return NULL;
    }

  self = g_new0 (ClipperTemplate, 1);
  self->root = g_steal_pointer (&root);
  return self;
}

static JsonNode *
lookup (GPtrArray *contexts, Node *var)
{
  JsonNode *node = NULL;

  if (var->path == NULL)
    return contexts->len > 0 ? g_ptr_array_index (contexts, contexts->len - 1) : NULL;

  for (guint i = contexts->len; i > 0 && node == NULL; i--)
    {
      JsonNode *ctx = g_ptr_array_index (contexts, i - 1);

      if (JSON_NODE_HOLDS_OBJECT (ctx))
        node = json_object_get_member (json_node_get_object (ctx), var->path[0]);
    }
  for (guint i = 1; node != NULL && var->path[i] != NULL; i++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      node = json_object_get_member (json_node_get_object (node), var->path[i]);
    }
  return node;
}

static gboolean
is_truthy (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) > 0;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        return json_node_get_boolean (node);
      if (type == G_TYPE_STRING)
        return *json_node_get_string (node) != '\0';
    }
  return TRUE;
}

static void
append_value (GString *out, JsonNode *node, gboolean raw)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *str = NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    str = json_node_get_string (node);
  else if (type == G_TYPE_INT64)
    str = (g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int (node)), buf);
  else if (type == G_TYPE_DOUBLE)
    str = g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    str = json_node_get_boolean (node) ? "true" : "false";

  if (str == NULL)
    return;
  if (raw)
    g_string_append (out, str);
  else
    {
      g_autofree char *escaped = clipper_export_escape_markdown (str, NULL);
      g_string_append (out, escaped);
    }
}

static void
render_nodes (GPtrArray *nodes, GString *out, GPtrArray *contexts)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);
      JsonNode *value;

      switch (node->kind)
        {
        case NODE_TEXT:
          g_string_append (out, node->text);
          break;

        case NODE_VAR:
          append_value (out, lookup (contexts, node), node->raw);
          break;

        case NODE_SECTION:
          value = lookup (contexts, node);
          if (node->inverted)
            {
              if (!is_truthy (value))
                render_nodes (node->children, out, contexts);
            }
          else if (is_truthy (value))
            {
              if (JSON_NODE_HOLDS_ARRAY (value))
                {
                  JsonArray *array = json_node_get_array (value);

                  for (guint j = 0; j < json_array_get_length (array); j++)
                    {
                      g_ptr_array_add (contexts, json_array_get_element (array, j));
                      render_nodes (node->children, out, contexts);
                      g_ptr_array_set_size (contexts, contexts->len - 1);
                    }
                }
              else
                {
                  g_ptr_array_add (contexts, value);
                  render_nodes (node->children, out, contexts);
                  g_ptr_array_set_size (contexts, contexts->len - 1);
                }
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static gboolean
nodes_use (GPtrArray *nodes, const char *name)
{
  for (guint i = 0; nodes != NULL && i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (node->kind == NODE_VAR && node->path != NULL && node->path[0] != NULL &&
          g_str_equal (node->path[g_strv_length (node->path) - 1], name))
        return TRUE;
      if (node->kind == NODE_SECTION && nodes_use (node->children, name))
        return TRUE;
    }
  return FALSE;
}

gboolean
clipper_template_uses (ClipperTemplate *self, const char *name)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return nodes_use (self->root, name);
}

void
clipper_template_render (ClipperTemplate *self, GString *out, JsonNode *data)
{
  g_autoptr (GPtrArray) contexts = g_ptr_array_new ();

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (data != NULL);

  g_ptr_array_add (contexts, data);
  render_nodes (self->root, out, contexts);
}

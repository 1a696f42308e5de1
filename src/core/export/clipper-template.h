/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperTemplate: the small mustache-like language a user shapes exported
 * Markdown with (see docs/export.md for the user's description).
 *
 *   {{name}}            the value, escaped as Markdown text (renders to itself)
 *   {{{name}}} {{&name}} the value as is (for values that are Markdown already)
 *   {{#name}}…{{/name}} repeated for each element of a list, once for a true
 *                       value or an object (whose fields are then visible),
 *                       not at all for a missing, false, empty or "" value
 *   {{^name}}…{{/name}} only when name is missing, false, empty or ""
 *   {{! comment }}      nothing
 *   {{.}}               the current list element
 *   a.b                 field b of a
 *
 * A line holding only a section, close or comment tag (and white space)
 * disappears entirely, as in mustache, so templates can be laid out one tag
 * a line.  Names are looked up from the innermost section outwards.
 * Values are JSON: strings, numbers, booleans, arrays and objects.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _ClipperTemplate ClipperTemplate;

/**
 * clipper_template_new:
 * @source: the template text (UTF-8)
 * @error: set to CLIPPER_EXPORT_ERROR_TEMPLATE with the line number when
 *   a tag is not closed, a section is not closed or closed with the wrong
 *   name, or a name is empty
 *
 * Returns: (transfer full): the compiled template, or %NULL
 */
ClipperTemplate *clipper_template_new    (const char *source, GError **error);
void             clipper_template_free   (ClipperTemplate *self);

/**
 * clipper_template_render:
 * @self: a template
 * @out: where to append the result
 * @data: an object node: the outermost context
 */
void             clipper_template_render (ClipperTemplate *self, GString *out, JsonNode *data);

/**
 * clipper_template_uses:
 * @self: a template
 * @name: a variable's last name part ("note_markdown")
 *
 * Returns: whether @self writes the variable @name anywhere
 */
gboolean         clipper_template_uses   (ClipperTemplate *self, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperTemplate, clipper_template_free)

G_END_DECLS

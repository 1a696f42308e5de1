/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperArticle: one saved article, as the store keeps it.
 *
 * A plain value object: the store fills it, callers read it and may change
 * fields before handing it back to clipper_store_update_article().  It is a
 * GObject so that list models in the app can hold it directly.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  CLIPPER_READ_STATE_UNREAD = 0,
  CLIPPER_READ_STATE_READ = 1,
  CLIPPER_READ_STATE_ARCHIVED = 2,
} ClipperReadState;

#define CLIPPER_TYPE_ARTICLE (clipper_article_get_type ())
G_DECLARE_FINAL_TYPE (ClipperArticle, clipper_article, CLIPPER, ARTICLE, GObject)

ClipperArticle   *clipper_article_new                (void);

gint64            clipper_article_get_id             (ClipperArticle *self);
void              clipper_article_set_id             (ClipperArticle *self, gint64 id);
const char       *clipper_article_get_url            (ClipperArticle *self);
void              clipper_article_set_url            (ClipperArticle *self, const char *url);
const char       *clipper_article_get_canonical_url  (ClipperArticle *self);
void              clipper_article_set_canonical_url  (ClipperArticle *self, const char *url);
const char       *clipper_article_get_title          (ClipperArticle *self);
void              clipper_article_set_title          (ClipperArticle *self, const char *title);
const char       *clipper_article_get_byline         (ClipperArticle *self);
void              clipper_article_set_byline         (ClipperArticle *self, const char *byline);
const char       *clipper_article_get_site_name      (ClipperArticle *self);
void              clipper_article_set_site_name      (ClipperArticle *self, const char *site_name);
const char       *clipper_article_get_lang           (ClipperArticle *self);
void              clipper_article_set_lang           (ClipperArticle *self, const char *lang);
/* "ltr", "rtl" or NULL */
const char       *clipper_article_get_dir            (ClipperArticle *self);
void              clipper_article_set_dir            (ClipperArticle *self, const char *dir);
/* ISO 8601 string as found or normalised by the extractor, or NULL */
const char       *clipper_article_get_published_time (ClipperArticle *self);
void              clipper_article_set_published_time (ClipperArticle *self, const char *published_time);
const char       *clipper_article_get_excerpt        (ClipperArticle *self);
void              clipper_article_set_excerpt        (ClipperArticle *self, const char *excerpt);
const char       *clipper_article_get_lead_image     (ClipperArticle *self);
void              clipper_article_set_lead_image     (ClipperArticle *self, const char *lead_image);
/* Sanitized article HTML (a fragment, serialized for HTML5 parsers). */
const char       *clipper_article_get_html           (ClipperArticle *self);
void              clipper_article_set_html           (ClipperArticle *self, const char *html);
/* textContent of the article root; highlight offsets count code points in it. */
const char       *clipper_article_get_text           (ClipperArticle *self);
void              clipper_article_set_text           (ClipperArticle *self, const char *text);
guint             clipper_article_get_word_count     (ClipperArticle *self);
void              clipper_article_set_word_count     (ClipperArticle *self, guint word_count);
ClipperReadState  clipper_article_get_read_state     (ClipperArticle *self);
void              clipper_article_set_read_state     (ClipperArticle *self, ClipperReadState state);
gboolean          clipper_article_get_starred        (ClipperArticle *self);
void              clipper_article_set_starred        (ClipperArticle *self, gboolean starred);
/* 0.0 … 1.0, fraction of the article scrolled past */
double            clipper_article_get_reading_position (ClipperArticle *self);
void              clipper_article_set_reading_position (ClipperArticle *self, double position);
/* Unix time in seconds (UTC). */
gint64            clipper_article_get_saved_at       (ClipperArticle *self);
void              clipper_article_set_saved_at       (ClipperArticle *self, gint64 saved_at);
gint64            clipper_article_get_updated_at     (ClipperArticle *self);
void              clipper_article_set_updated_at     (ClipperArticle *self, gint64 updated_at);
/* Filled by list queries; not written by update. */
guint             clipper_article_get_highlight_count (ClipperArticle *self);
void              clipper_article_set_highlight_count (ClipperArticle *self, guint count);
/* Filled by list queries for a Kindle book only: its latest clipping's
 * date (Unix time; 0 for none, and for any other article). */
gint64            clipper_article_get_last_highlight_at (ClipperArticle *self);
void              clipper_article_set_last_highlight_at (ClipperArticle *self, gint64 t);
/* The date the article is shown with (Unix time; 0 for none): the day
 * it was saved, or for a Kindle book, saved the day it was imported, the
 * day of its latest clipping, as Readwise dates a book; a book none of
 * whose clippings has a date keeps the import day.  @by_clipping (may be
 * NULL) says which.  The app's rows and clipper-cli list both show it. */
gint64            clipper_article_get_display_date   (ClipperArticle *self,
                                                      gboolean       *by_clipping);
/* Whether it has text to read, by the words counted when it was saved (all
 * a list row has): a Kindle book, or an article restored from a vault
 * before Fetch Again, has none.  The store's highlight queries say the
 * same in SQL ("a.word_count > 0"). */
gboolean          clipper_article_has_text           (ClipperArticle *self);
/* Whether its text, as read whole (clipper_store_get_article()), is empty
 * or blanks only: the reader's test, by the text it shows. */
gboolean          clipper_article_text_is_blank      (ClipperArticle *self);
/* Sorted tag names; NULL-terminated, never NULL. */
const char *const *clipper_article_get_tags          (ClipperArticle *self);
void              clipper_article_set_tags           (ClipperArticle *self, const char *const *tags);

/* Minutes at 230 words a minute, at least 1 for a non-empty article. */
guint             clipper_article_get_reading_minutes (ClipperArticle *self);

/* Past this, a reading time is shown as "more than 10 hours": nobody reads
 * a 264-hour page in one sitting, and the exact figure said nothing more. */
#define CLIPPER_READING_MINUTES_SHOWN_MAX 600

/* How every front end shows @minutes: FALSE past
 * %CLIPPER_READING_MINUTES_SHOWN_MAX ("more than 10 hours"); else TRUE
 * with the whole hours in @hours and the minutes left in @rest ("1 h
 * 20 min"; under an hour, 0 and the minutes). */
gboolean          clipper_reading_time_split          (guint  minutes,
                                                       guint *hours,
                                                       guint *rest);

const char       *clipper_read_state_to_string       (ClipperReadState state);
gboolean          clipper_read_state_from_string     (const char *str, ClipperReadState *out_state);

G_END_DECLS

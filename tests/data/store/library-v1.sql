-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A library as Clipper's schema version 1 left it, with rows in every table.
-- The DDL is exactly what migrate_to_1() created (taken from such a file);
-- do not edit it to follow newer schemas.  test-store loads this and checks
-- that the upgrade keeps every row.

BEGIN;
CREATE TABLE articles (  id               INTEGER PRIMARY KEY,  saved_at         INTEGER NOT NULL,  updated_at       INTEGER NOT NULL,  read_state       INTEGER NOT NULL DEFAULT 0 CHECK (read_state BETWEEN 0 AND 2),  starred          INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),  word_count       INTEGER NOT NULL DEFAULT 0,  reading_position REAL NOT NULL DEFAULT 0,  title            TEXT NOT NULL DEFAULT '',  url              TEXT NOT NULL UNIQUE,  canonical_url    TEXT,  byline           TEXT,  site_name        TEXT,  lang             TEXT,  dir              TEXT,  published_time   TEXT,  lead_image       TEXT,  excerpt          TEXT);
CREATE INDEX articles_by_saved ON articles (saved_at);
CREATE INDEX articles_by_title ON articles (title COLLATE NOCASE);
CREATE INDEX articles_by_canonical_url ON articles (canonical_url) WHERE canonical_url IS NOT NULL;
CREATE TABLE article_contents (  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,  html       TEXT NOT NULL DEFAULT '',  text       TEXT NOT NULL DEFAULT '');
CREATE TABLE article_originals (  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,  size       INTEGER NOT NULL,  data       BLOB NOT NULL);
CREATE TABLE tags (  id   INTEGER PRIMARY KEY,  key  TEXT NOT NULL UNIQUE,  name TEXT NOT NULL);
CREATE TABLE article_tags (  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,  tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,  PRIMARY KEY (article_id, tag_id)) WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);
CREATE TABLE highlights (  id           INTEGER PRIMARY KEY,  uuid         TEXT NOT NULL UNIQUE,  article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,  color        TEXT NOT NULL,  quote        TEXT NOT NULL,  prefix       TEXT,  suffix       TEXT,  start_offset INTEGER NOT NULL,  end_offset   INTEGER NOT NULL,  note         TEXT,  anchored     INTEGER NOT NULL DEFAULT 1,  created_at   INTEGER NOT NULL,  updated_at   INTEGER NOT NULL);
CREATE INDEX highlights_by_article ON highlights (article_id, start_offset);
CREATE INDEX highlights_by_created ON highlights (created_at);
CREATE VIEW article_search AS  SELECT a.id AS id, a.title AS title, a.byline AS byline, c.text AS text  FROM articles a JOIN article_contents c ON c.article_id = a.id;
CREATE VIRTUAL TABLE articles_fts USING fts5 (  title, byline, text,  content='article_search', content_rowid='id',  tokenize='unicode61 remove_diacritics 2', prefix='3 4');
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON article_contents BEGIN  INSERT INTO articles_fts (rowid, title, byline, text)    SELECT a.id, a.title, a.byline, new.text FROM articles a WHERE a.id = new.article_id;END;
CREATE TRIGGER articles_fts_delete BEFORE DELETE ON articles BEGIN  INSERT INTO articles_fts (articles_fts, rowid, title, byline, text)    SELECT 'delete', old.id, old.title, old.byline, c.text    FROM article_contents c WHERE c.article_id = old.id;END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, byline ON articles  WHEN old.title IS NOT new.title OR old.byline IS NOT new.byline BEGIN  INSERT INTO articles_fts (articles_fts, rowid, title, byline, text)    SELECT 'delete', old.id, old.title, old.byline, c.text    FROM article_contents c WHERE c.article_id = old.id;  INSERT INTO articles_fts (rowid, title, byline, text)    SELECT new.id, new.title, new.byline, c.text    FROM article_contents c WHERE c.article_id = new.id;END;
CREATE TRIGGER articles_fts_update_text AFTER UPDATE OF text ON article_contents  WHEN old.text IS NOT new.text BEGIN  INSERT INTO articles_fts (articles_fts, rowid, title, byline, text)    SELECT 'delete', a.id, a.title, a.byline, old.text FROM articles a WHERE a.id = old.article_id;  INSERT INTO articles_fts (rowid, title, byline, text)    SELECT a.id, a.title, a.byline, new.text FROM articles a WHERE a.id = new.article_id;END;
CREATE VIRTUAL TABLE highlights_fts USING fts5 (  quote, note,  content='highlights', content_rowid='id',  tokenize='unicode61 remove_diacritics 2', prefix='3 4');
INSERT INTO highlights_fts (highlights_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO highlights_fts (highlights_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
CREATE TRIGGER highlights_fts_insert AFTER INSERT ON highlights BEGIN  INSERT INTO highlights_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);END;
CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights BEGIN  INSERT INTO highlights_fts (highlights_fts, rowid, quote, note)    VALUES ('delete', old.id, old.quote, old.note);END;
CREATE TRIGGER highlights_fts_update AFTER UPDATE OF quote, note ON highlights  WHEN old.quote IS NOT new.quote OR old.note IS NOT new.note BEGIN  INSERT INTO highlights_fts (highlights_fts, rowid, quote, note)    VALUES ('delete', old.id, old.quote, old.note);  INSERT INTO highlights_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);END;

INSERT INTO articles (id, saved_at, updated_at, read_state, starred, word_count, reading_position, title, url, canonical_url, byline, site_name, lang, dir, published_time, lead_image, excerpt) VALUES
  (1, 1700000000, 1700000100, 0, 1, 6, 0.25, 'Pruning roses', 'https://garden.example/roses', 'https://garden.example/pruning-roses', 'Vita Gardener', 'Garden Example', 'en', 'ltr', '2023-03-01T08:00:00Z', 'https://garden.example/rose.jpg', 'When and how to prune.'),
  (2, 1700000500, 1700000500, 2, 0, 4, 1.0, 'Ceci n''est pas une pipe', 'https://fr.example/pipe', NULL, NULL, 'Exemple', 'fr', 'ltr', NULL, NULL, NULL),
  (3, 1700000900, 1700000900, 1, 0, 3, 0, 'שלום עולם', 'https://rtl.example/shalom', NULL, 'Author', NULL, 'he', 'rtl', NULL, NULL, NULL);
INSERT INTO article_contents (article_id, html, text) VALUES
  (1, '<p>Cut above an outward-facing bud.</p>', 'Cut above an outward-facing bud.'),
  (2, '<p>Les étés sont chauds.</p>', 'Les étés sont chauds.'),
  (3, '<p>שלום עולם meadow</p>', 'שלום עולם meadow');
INSERT INTO article_originals (article_id, size, data) VALUES
  (1, 140, X'789C3D8DC10D02310C045B3105801BB0FCA1015A706203918E38CA39A0EB1E8E203EFB18EDECD2413DC7D60CEEF158987E69A24C516231BEF4514BBD41F7D556C209096725B96E4CD2A3E49D363E8F0049FE34900A3EE2255D8F57C9FB421A7A226C1FF92FE01CC0EFED1BE46031CC'),
  (2, 1126, X'789CB3C928C9CDB1B349CA4FA9B4B329B0734E4DCE54C8534F2D2E5128482C5628CD4B5528C82C48D553F0492D5638BCB2E4F0CA6285E2FCBC1285E48CC4D294623D1BFD82516DA3DA46B58D6A43D3A60F2952F4C1E50B00A5219A20');
INSERT INTO tags (id, key, name) VALUES (1, 'garden', 'Garden'), (2, 'french', 'French'), (3, 'to read', 'To Read');
INSERT INTO article_tags (article_id, tag_id) VALUES (1, 1), (1, 3), (2, 2), (3, 3);
INSERT INTO highlights (id, uuid, article_id, color, quote, prefix, suffix, start_offset, end_offset, note, anchored, created_at, updated_at) VALUES
  (1, '0b7e3f4c-1f1e-4c9a-9a64-2f3b0c6d1a01', 1, 'yellow', 'outward-facing bud', 'Cut above an ', '.', 13, 31, 'Remember this in **March**.', 1, 1700000200, 1700000200),
  (2, '0b7e3f4c-1f1e-4c9a-9a64-2f3b0c6d1a02', 1, 'green', 'Cut above', '', ' an outward', 0, 9, NULL, 1, 1700000300, 1700000300),
  (3, '0b7e3f4c-1f1e-4c9a-9a64-2f3b0c6d1a03', 2, 'pink', 'étés sont chauds', 'Les ', '.', 4, 20, 'Summer heat', 0, 1700000600, 1700000700),
  (4, '0b7e3f4c-1f1e-4c9a-9a64-2f3b0c6d1a04', 3, 'blue', 'meadow', 'עולם ', '', 10, 16, NULL, 1, 1700001000, 1700001000);
PRAGMA user_version = 1;
COMMIT;

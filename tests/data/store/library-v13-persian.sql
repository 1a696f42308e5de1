-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A library as Clipper's schema version 13 left it (sqlite3 .dump of a file
-- clipper-cli made at 488036d): one Persian article, saved from a file,
-- and a highlight with an Arabic note, their search indexes as version
-- 13's tokenizer split them, before it folded ؤ, ئ and Persian's ی and
-- ک.  Do not edit it; test-store loads it and checks that the upgrade
-- re-indexes them.  .dump leaves out the schema version: the PRAGMA
-- before COMMIT is the file's.

PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE articles (  id               INTEGER PRIMARY KEY,  saved_at         INTEGER NOT NULL,  updated_at       INTEGER NOT NULL,  read_state       INTEGER NOT NULL DEFAULT 0 CHECK (read_state BETWEEN 0 AND 2),  starred          INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),  word_count       INTEGER NOT NULL DEFAULT 0,  reading_position REAL NOT NULL DEFAULT 0,  title            TEXT NOT NULL DEFAULT '',  url              TEXT NOT NULL UNIQUE,  canonical_url    TEXT,  byline           TEXT,  site_name        TEXT,  lang             TEXT,  dir              TEXT,  published_time   TEXT,  lead_image       TEXT,  excerpt          TEXT);
INSERT INTO articles VALUES(1,1796064620,1796064620,0,0,54,0.0,'کتابخانه ملی','file:///tmp/fc18v13/kitab.html',NULL,NULL,NULL,'fa','rtl',NULL,NULL,'کتابخانه ملی ایران بزرگ‌ترین کتابخانه کشور است. هر سال هزاران دانشجو برای خواندن کتاب به آنجا می‌آیند و مسئول هر بخش به پرسش‌های آنان پاسخ می‌دهد.');
CREATE TABLE article_contents (  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,  html       TEXT NOT NULL DEFAULT '',  text       TEXT NOT NULL DEFAULT '');
INSERT INTO article_contents VALUES(1,replace('<article dir="rtl" lang="fa"><div><p>کتابخانه ملی ایران بزرگ‌ترین کتابخانه کشور است. هر سال هزاران دانشجو برای خواندن کتاب به آنجا می‌آیند و مسئول هر بخش به پرسش‌های آنان پاسخ می‌دهد.\n</p><p>رئیس کتابخانه می‌گوید که کتاب‌های کهن در تالار بزرگ نگهداری می‌شوند و هر روز صبح درهای آن برای خوانندگان باز است.\n</p></div></article>','\n',char(10)),replace('کتابخانه ملی ایران بزرگ‌ترین کتابخانه کشور است. هر سال هزاران دانشجو برای خواندن کتاب به آنجا می‌آیند و مسئول هر بخش به پرسش‌های آنان پاسخ می‌دهد.\nرئیس کتابخانه می‌گوید که کتاب‌های کهن در تالار بزرگ نگهداری می‌شوند و هر روز صبح درهای آن برای خوانندگان باز است.\n','\n',char(10)));
CREATE TABLE article_originals (  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,  size       INTEGER NOT NULL,  data       BLOB NOT NULL);
INSERT INTO article_originals VALUES(1,682,X'789c75523d53c24014ecf915677ac9d8591c69d45a0b1bcb08c13083cac458d859f09122bf82822883dc84c4d6dff12ee9fc25eebb83c80c4375c9eedb7d6fdf9d3cb9bcbeb8bdbbb91261fc38f45a920f31f49f1e3a4edf77446f10759c281e3a9e0c03bfe7c9c720f64537f4a39720ee38af71fff41c5c3c888781577dd29232faa035657aaa67424ff4b84ea56b69e91a8b96bc7feebd79d28fe24197e1f0ecb8125c4b8e8ef182b23aa59c3101724379a57edf53d4e6750aec4006a0d409e5105241cbb6d033fe29408ff97b037c6ba7f8a092563a61ef9c5b095a43cdb8da73070d6b9a035e5186d1ea948798f308a404f47a82160b9dd826b930139556a77fe05d50090938d3849d7806503ce6bab154a8506de98ecc52a05b207e7118735b5f299da040a1c0663755ff8d18b65131d29277c0f19b4d0a3dad4c474651be9b021b6c8299343996b211f40de19771db0b72b83bd6566a7767192bed65d85c6ef32e5cfb4e5cfb32ff00cf1691b6');
CREATE TABLE tags (  id   INTEGER PRIMARY KEY,  key  TEXT NOT NULL UNIQUE,  name TEXT NOT NULL);
CREATE TABLE article_tags (  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,  tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,  PRIMARY KEY (article_id, tag_id)) WITHOUT ROWID;
CREATE TABLE highlights (  id           INTEGER PRIMARY KEY,  uuid         TEXT NOT NULL UNIQUE,  article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,  color        TEXT NOT NULL,  quote        TEXT NOT NULL,  prefix       TEXT,  suffix       TEXT,  start_offset INTEGER NOT NULL,  end_offset   INTEGER NOT NULL,  note         TEXT,  anchored     INTEGER NOT NULL DEFAULT 1,  created_at   INTEGER NOT NULL,  updated_at   INTEGER NOT NULL, original_quote TEXT, page TEXT, offsets_from TEXT CHECK (offsets_from IN ('text', 'carried')));
INSERT INTO highlights VALUES(1,'01a22dcb-2e59-763e-a913-561bb3f027f3',1,'yellow','رئیس کتابخانه می‌گوید',replace('ش به پرسش‌های آنان پاسخ می‌دهد.\n','\n',char(10)),' که کتاب‌های کهن در تالار بزرگ ن',147,168,'مسؤول القسم رئيس المكتبة',1,1796064620,1796064620,NULL,NULL,'text');
CREATE TABLE highlight_tags (  highlight_id INTEGER NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,  tag_id       INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,  PRIMARY KEY (highlight_id, tag_id)) WITHOUT ROWID;
CREATE TABLE images (  id     INTEGER PRIMARY KEY,  sha256 TEXT NOT NULL UNIQUE,  size   INTEGER NOT NULL,  data   BLOB NOT NULL);
CREATE TABLE article_images (  article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,  url          TEXT NOT NULL,  content_type TEXT,  image_id     INTEGER NOT NULL REFERENCES images (id),  PRIMARY KEY (article_id, url)) WITHOUT ROWID;
CREATE TABLE library (  id   INTEGER PRIMARY KEY CHECK (id = 1),  uuid TEXT NOT NULL);
INSERT INTO library VALUES(1,'59c7bb08-1aa5-44f4-a2f6-b3f80ee7a225');
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','articles_fts','articles_fts',0,'CREATE VIRTUAL TABLE articles_fts USING fts5 (  title, byline, text,  content=''article_search'', content_rowid=''id'',  tokenize=''clipper_words'', prefix=''3 4'')');
CREATE TABLE IF NOT EXISTS 'articles_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO articles_fts_data VALUES(1,X'01020036');
INSERT INTO articles_fts_data VALUES(10,X'000000020101010001010101');
INSERT INTO articles_fts_data VALUES(137438953473,X'0000048f0730d8a7d8b3d8aa0108010209300302d98601060102330504d8a7d986010601021c0603acd8a701060102120308db8cd8b1d8a7d98601060102040504d986d8af01060102140205a8d8a7d8b201060102360403aed8b401060102180405b1d8a7db8c010801020e280405b2d8b1daaf0108010205270302d98701080102110a0209aad8a7d984d8a7d8b101060102290405b1db8cd9860106010206020baed988d8a7d986d8afd986010601020f090ad986d8afdaafd8a7d9860106010235020bafd8a7d986d8b4d8acd988010601020d0401b101060102280506d987d8a7db8c01060102320304d987d8af010601021f0207b1d8a6db8cd8b301060102200304d988d8b201060102300205b3d8a7d984010601020b0207b4d988d986d8af010601022d0205b5d8a8d8ad0106010231010ad985d8b3d8a6d988d98401060102160304d984db8c0108030102030302db8c010c0102130d060c020d86daafd987d8afd8a7d8b1db8c010601022b020587d8a7db8c010801021b0d0401b1010a01020a0f1a0409b2d8a7d8b1d8a7d986010601020c02018801080102151b0207bed8a7d8b3d8ae010601021d0405b1d8b3d8b4010601021a0108daa9d8aad8a7d8a80108010210170908d8aed8a7d986d987010c02010202071c0405b4d988d8b101060102080302d98701060102240502d98601060102270207afd988db8cd8af0106010223000731d8a7d8b3d8aa0108010209300304d986d8a7010601021c0601ac01060102120304db8cd8b101060102040502d98601060102140205a8d8a7d8b201060102360403aed8b401060102180403b1d8a7010801020e280403b2d8b10108010205270205aad8a7d98401060102290403b1db8c01060102060205aed988d8a7010801020f280205afd8a7d986010601020d0403b1d98701060102320304d987d8af010601021f0205b1d8a6db8c01060102200304d988d8b201060102300205b3d8a7d984010601020b0205b4d988d986010601022d0205b5d8a8d8ad01060102310106d985d8b3d8a601060102160304d984db8c010803010203020586daafd987010601022b020587d8a7db8c010801021b0d0403b2d8a7010601020c0205bed8a7d8b3010601021d0403b1d8b3010601021a0106daa9d8aad8a7011002010202070b13060403b4d98801060102080304d987d98601060102270205afd988db8c0106010223000932d8a7d986d8a7d986010601021c0603acd8a701060102120306db8cd8b1d8a701060102040504d986d8af01060102140207a8d8b1d8a7db8c010801020e280405b2d8b1daaf0108010205270207aad8a7d984d8a701060102290405b1db8cd98601060102060207aed988d8a7d986010801020f280207afd8a7d986d8b4010601020d0405b1d987d8a701060102320207b1d8a6db8cd8b301060102200207b4d988d986d8af010601022d0108d985d8b3d8a6d9880106010216020786daafd987d8af010601022b020787d8b2d8a7d8b1010601020c0207bed8a7d8b3d8ae010601021d0405b1d8b3d8b4010601021a0108daa9d8aad8a7d8a8011002010202070b13060405b4d988d8b101060102080207afd988db8cd8af0106010223040e090b0a0f0b0c0a0d0d0a100c121112080d0b0e0b0c0e0c110c0c140d0a10090e0c10120c09090e0f0b080b090c0a0b0b0c0a0d0c0a0b0c0b0c0c0c0d0c0c0d0a0c0a120a0b0c100a0d0b0f0d0e0c0f0e0c0e0e0f0e0e0e0c140c');
CREATE TABLE IF NOT EXISTS 'articles_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO articles_fts_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'articles_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO articles_fts_docsize VALUES(1,X'020036');
CREATE TABLE IF NOT EXISTS 'articles_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO articles_fts_config VALUES('hashsize',8388608);
INSERT INTO articles_fts_config VALUES('rank','bm25(10.0, 5.0, 1.0)');
INSERT INTO articles_fts_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','highlights_fts','highlights_fts',0,'CREATE VIRTUAL TABLE highlights_fts USING fts5 (  quote, note,  content=''highlights'', content_rowid=''id'',  tokenize=''clipper_words'', prefix=''3 4'')');
CREATE TABLE IF NOT EXISTS 'highlights_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO highlights_fts_data VALUES(1,X'010404');
INSERT INTO highlights_fts_data VALUES(10,X'000000020101010001010101');
INSERT INTO highlights_fts_data VALUES(137438953473,X'000001190b30d8a7d984d982d8b3d9850106010103060985d983d8aad8a8d98701060101050207b1d8a6d98ad8b301060101040504db8cd8b3010202010ad985d8b3d8a4d988d98401060101020302db8c0102040110daa9d8aad8a7d8a8d8aed8a7d986d9870102030207afd988db8cd8af010205000731d8a7d984d982010601010306018501060101050205b1d8a6d98a01060101040502db8c0102020106d985d8b3d8a401060101020106daa9d8aad8a70102030205afd988db8c010205000932d8a7d984d982d8b30106010103060385d98301060101050207b1d8a6d98ad8b301060101040504db8cd8b30102020108d985d8b3d8a4d98801060101020108daa9d8aad8a7d8a80102030207afd988db8cd8af0102050411100e091107150c0e080c070d0b0a100a0e090f0d');
CREATE TABLE IF NOT EXISTS 'highlights_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO highlights_fts_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'highlights_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO highlights_fts_docsize VALUES(1,X'0404');
CREATE TABLE IF NOT EXISTS 'highlights_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO highlights_fts_config VALUES('hashsize',8388608);
INSERT INTO highlights_fts_config VALUES('rank','bm25(2.0, 1.0)');
INSERT INTO highlights_fts_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','articles_bigrams','articles_bigrams',0,'CREATE VIRTUAL TABLE articles_bigrams USING fts5 (  title, byline, text,  content=''article_search'', content_rowid=''id'',  tokenize=''clipper_bigram'')');
CREATE TABLE IF NOT EXISTS 'articles_bigrams_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO articles_bigrams_data VALUES(1,X'01010035');
INSERT INTO articles_bigrams_data VALUES(10,X'000000020101010001010101');
INSERT INTO articles_bigrams_data VALUES(137438953473,X'000003f60c30d8a7d8b3d8aa20d987d8b10106010209030bd98620d8a8d8b1d8a7db8c0106010233050dd8a7d98620d9bed8a7d8b3d8ae010601021c0608acd8a720d985db8c01060102120311db8cd8b1d8a7d98620d8a8d8b2d8b1daaf01060102040507d986d8af20d9880106010214020ca8d8a7d8b220d8a7d8b3d8aa01060102360408aed8b420d8a8d98701060102180412b1d8a7db8c20d8aed988d8a7d986d8afd986010601020e120ad986d8afdaafd8a7d9860106010234040eb2d8b1daaf20d8aad8b1db8cd98601060102050a0ed986daafd987d8afd8a7d8b1db8c010601022a030bd98720d8a7d986d8acd8a701060102110608d9bed8b1d8b3d8b401060102190212aad8a7d984d8a7d8b120d8a8d8b2d8b1daaf01060102290416b1db8cd98620daa9d8aad8a7d8a8d8aed8a7d986d98701060102060214aed988d8a7d986d8afd98620daa9d8aad8a7d8a8010601020f0911d986d8afdaafd8a7d98620d8a8d8a7d8b201060102350214afd8a7d986d8b4d8acd98820d8a8d8b1d8a7db8c010601020d040cb120d8aad8a7d984d8a7d8b10106010228050bd987d8a7db8c20d8a7d9860106010232030dd987d8af20d8b1d8a6db8cd8b3010601021f0218b1d8a6db8cd8b320daa9d8aad8a7d8a8d8aed8a7d986d9870106010220030bd988d8b220d8b5d8a8d8ad01060102300212b3d8a7d98420d987d8b2d8a7d8b1d8a7d986010601020b020ab4d988d986d8af20d988010601022d0210b5d8a8d8ad20d8afd8b1d987d8a7db8c0106010231010fd985d8b3d8a6d988d98420d987d8b10106010216030fd984db8c20d8a7db8cd8b1d8a7d9860106010203030bdb8c20d8a7db8cd986d8af01060102130705afd987d8af010601021e0707b4d988d986d8af010601022c0608daafd988db8cd8af0106010222021286daafd987d8afd8a7d8b1db8c20d985db8c010601022b020e87d8a7db8c20d8a7d986d8a7d986010601021b0806daa9d987d98601060102260408b120d8a8d8aed8b401060102170705b1d988d8b2010601022f0705b3d8a7d984010601020a0416b2d8a7d8b1d8a7d98620d8afd8a7d986d8b4d8acd988010601020c020c8820d985d8b3d8a6d988d9840106010215050387d8b1010601022e020cbed8a7d8b3d8ae20d985db8c010601021d040cb1d8b3d8b420d987d8a7db8c010601021a010ddaa9d8aad8a7d8a820d8a8d98701060102100a06d987d8a7db8c0106010225090fd8aed8a7d986d98720d985d984db8c0108020102021402db8c01060102211208daa9d8b4d988d8b10106010207040cb4d988d8b120d8a7d8b3d8aa0106010208030bd98720daa9d8aad8a7d8a801060102240507d98620d8afd8b10106010227020cafd988db8cd8af20daa9d9870106010223041212140f180e130f19111515120f191d1b181b1312141f121911171616120c0e0f19150d0f0c0c1d130a1313140d17090f13120e');
CREATE TABLE IF NOT EXISTS 'articles_bigrams_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO articles_bigrams_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'articles_bigrams_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO articles_bigrams_docsize VALUES(1,X'010035');
CREATE TABLE IF NOT EXISTS 'articles_bigrams_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO articles_bigrams_config VALUES('hashsize',8388608);
INSERT INTO articles_bigrams_config VALUES('rank','bm25(10.0, 5.0, 1.0)');
INSERT INTO articles_bigrams_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','highlights_bigrams','highlights_bigrams',0,'CREATE VIRTUAL TABLE highlights_bigrams USING fts5 (  quote, note,  content=''highlights'', content_rowid=''id'',  tokenize=''clipper_bigram'')');
CREATE TABLE IF NOT EXISTS 'highlights_bigrams_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO highlights_bigrams_data VALUES(1,X'010303');
INSERT INTO highlights_bigrams_data VALUES(10,X'000000020101010001010101');
INSERT INTO highlights_bigrams_data VALUES(137438953473,X'0000009b1430d8a7d984d982d8b3d98520d8b1d8a6d98ad8b301060101030216b1d8a6d98ad8b320d8a7d984d985d983d8aad8a8d98701060101040515db8cd8b320daa9d8aad8a7d8a8d8aed8a7d986d9870102020115d985d8b3d8a4d988d98420d8a7d984d982d8b3d9850106010102030bdb8c20daafd988db8cd8af0102040115daa9d8aad8a7d8a8d8aed8a7d986d98720d985db8c010203041a1d1a1c10');
CREATE TABLE IF NOT EXISTS 'highlights_bigrams_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO highlights_bigrams_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'highlights_bigrams_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO highlights_bigrams_docsize VALUES(1,X'0303');
CREATE TABLE IF NOT EXISTS 'highlights_bigrams_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO highlights_bigrams_config VALUES('hashsize',8388608);
INSERT INTO highlights_bigrams_config VALUES('rank','bm25(2.0, 1.0)');
INSERT INTO highlights_bigrams_config VALUES('version',4);
CREATE TABLE note_parts (  highlight_id INTEGER NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,  source       TEXT NOT NULL,  library      TEXT,  text         TEXT NOT NULL, written_at INTEGER,  PRIMARY KEY (highlight_id, source)) WITHOUT ROWID;
CREATE INDEX articles_by_saved ON articles (saved_at);
CREATE INDEX articles_by_title ON articles (title COLLATE NOCASE);
CREATE INDEX articles_by_canonical_url ON articles (canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);
CREATE INDEX highlights_by_article ON highlights (article_id, start_offset);
CREATE INDEX highlights_by_created ON highlights (created_at);
CREATE VIEW article_search AS  SELECT a.id AS id, a.title AS title, a.byline AS byline, c.text AS text  FROM articles a JOIN article_contents c ON c.article_id = a.id;
CREATE TRIGGER articles_fts_delete BEFORE DELETE ON articles BEGIN  INSERT INTO articles_fts (articles_fts, rowid, title, byline, text)    SELECT 'delete', old.id, old.title, old.byline, c.text    FROM article_contents c WHERE c.article_id = old.id;END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, byline ON articles  WHEN old.title IS NOT new.title OR old.byline IS NOT new.byline BEGIN  INSERT INTO articles_fts (articles_fts, rowid, title, byline, text)    SELECT 'delete', old.id, old.title, old.byline, c.text    FROM article_contents c WHERE c.article_id = old.id;  INSERT INTO articles_fts (rowid, title, byline, text)    SELECT new.id, new.title, new.byline, c.text    FROM article_contents c WHERE c.article_id = new.id;END;
CREATE TRIGGER articles_fts_update_text AFTER UPDATE OF text ON article_contents  WHEN old.text IS NOT new.text BEGIN  INSERT INTO articles_fts (articles_fts, rowid, title, byline, text)    SELECT 'delete', a.id, a.title, a.byline, old.text FROM articles a WHERE a.id = old.article_id;  INSERT INTO articles_fts (rowid, title, byline, text)    SELECT a.id, a.title, a.byline, new.text FROM articles a WHERE a.id = new.article_id;END;
CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights BEGIN  INSERT INTO highlights_fts (highlights_fts, rowid, quote, note)    VALUES ('delete', old.id, old.quote, old.note);END;
CREATE INDEX highlight_tags_by_tag ON highlight_tags (tag_id, highlight_id);
CREATE INDEX article_images_by_image ON article_images (image_id);
CREATE TRIGGER article_images_gc_delete AFTER DELETE ON article_images  WHEN NOT EXISTS (SELECT 1 FROM article_images WHERE image_id = old.image_id) BEGIN  DELETE FROM images WHERE id = old.image_id;END;
CREATE TRIGGER article_images_gc_update AFTER UPDATE OF image_id ON article_images  WHEN NOT EXISTS (SELECT 1 FROM article_images WHERE image_id = old.image_id) BEGIN  DELETE FROM images WHERE id = old.image_id;END;
CREATE TRIGGER articles_bigrams_delete BEFORE DELETE ON articles BEGIN  INSERT INTO articles_bigrams (articles_bigrams, rowid, title, byline, text)    SELECT 'delete', old.id, old.title, old.byline, c.text    FROM article_contents c WHERE c.article_id = old.id;END;
CREATE TRIGGER articles_bigrams_update AFTER UPDATE OF title, byline ON articles  WHEN old.title IS NOT new.title OR old.byline IS NOT new.byline BEGIN  INSERT INTO articles_bigrams (articles_bigrams, rowid, title, byline, text)    SELECT 'delete', old.id, old.title, old.byline, c.text    FROM article_contents c WHERE c.article_id = old.id;  INSERT INTO articles_bigrams (rowid, title, byline, text)    SELECT new.id, new.title, new.byline, c.text    FROM article_contents c WHERE c.article_id = new.id;END;
CREATE TRIGGER articles_bigrams_update_text AFTER UPDATE OF text ON article_contents  WHEN old.text IS NOT new.text BEGIN  INSERT INTO articles_bigrams (articles_bigrams, rowid, title, byline, text)    SELECT 'delete', a.id, a.title, a.byline, old.text FROM articles a WHERE a.id = old.article_id;  INSERT INTO articles_bigrams (rowid, title, byline, text)    SELECT a.id, a.title, a.byline, new.text FROM articles a WHERE a.id = new.article_id;END;
CREATE TRIGGER highlights_bigrams_delete AFTER DELETE ON highlights BEGIN  INSERT INTO highlights_bigrams (highlights_bigrams, rowid, quote, note)    VALUES ('delete', old.id, old.quote, old.note);END;
PRAGMA writable_schema=OFF;
PRAGMA user_version = 13;
COMMIT;

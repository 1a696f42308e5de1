// SPDX-License-Identifier: GPL-3.0-or-later
//
// The reader page's own script.  It runs in the private "clipper" script
// world: the article's scripts (which never run anyway, javascript markup is
// off) could not see these functions nor post to our message handler.
//
// Offsets are code points of the article text, the textContent of
// #clipper-article, as the core counts them; JS strings are UTF-16, so every
// length and index here is converted explicitly.
'use strict';

(function () {
  const VERSION = 1;
  const UNWRAPPABLE = new Set(['TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'OL', 'DL',
                               'SELECT', 'COLGROUP', 'STYLE', 'SCRIPT', 'TEXTAREA', 'TITLE',
                               'NOSCRIPT', 'TEMPLATE']);
  let highlights = [];
  let lastSelectionKey = '';
  let selectionTimer = 0;
  let positionTimer = 0;
  let pendingPosition = -1; // to scroll to once the page shows (scrollToPosition())
  let restoring = false;
  // The reading place (see keepPlace()): the text at the top of the view,
  // and the passage being annotated, with where each was in the view.
  let place = null;        // { node, offset, y }
  let focus = null;        // { id, y } a highlight, or { sel: true, y } the selection
  let placeWidth = window.innerWidth;
  let adjustedY = -1;      // the scroll position keepPlace() set
  // What the marks on the page show (see paintKey()), and what painting
  // them took: reported with "ready" (tests/bench/ui/bench-reader).
  let paintedKey = '';
  let paintMs = 0;
  let domOps = 0;          // the DOM changes of the last paint
  let servedPaint = false; // the marks were painted before the first paint
  // Where clearSelection() left the caret (a colour's highlight ends
  // there), as an offset of the text, until the reader moves it; else -1.
  let leftCaret = -1;

  function root () {
    return document.getElementById('clipper-article');
  }

  function post (type, payload) {
    const msg = Object.assign({ v: VERSION, type: type }, payload || {});
    window.webkit.messageHandlers.clipper.postMessage(JSON.stringify(msg));
  }

  function isHigh (c) { return c >= 0xD800 && c <= 0xDBFF; }
  function isLow (c) { return c >= 0xDC00 && c <= 0xDFFF; }

  // Code points in a UTF-16 string (a lone surrogate counts as one, as the
  // core counts the U+FFFD that replaced it).
  function cpLength (s) {
    let n = s.length;
    for (let i = 0; i + 1 < s.length; i++) {
      if (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1))) {
        n--;
        i++;
      }
    }
    return n;
  }

  // UTF-16 index of code point @cp in @s.
  function u16Index (s, cp) {
    let i = 0;
    while (cp > 0 && i < s.length) {
      if (isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1)))
        i++;
      i++;
      cp--;
    }
    return i;
  }

  // Code-point offset in the article text of (node, offset), a point in it.
  function offsetOf (node, offset) {
    const r = root();
    const before = document.createRange();
    before.setStart(r, 0);
    before.setEnd(node, offset);
    return cpLength(before.toString());
  }

  // The caret's offset in the article text, -1 when it is not in it.
  function caretAt () {
    const r = root();
    const sel = window.getSelection();
    if (!r || !sel || sel.rangeCount === 0 || !r.contains(sel.focusNode))
      return -1;
    return offsetOf(sel.focusNode, sel.focusOffset);
  }

  // The text node and UTF-16 offset at code point @cp of the article text.
  function pointAt (cp) {
    const r = root();
    const walker = document.createTreeWalker(r, NodeFilter.SHOW_TEXT);
    let pos = 0;
    let node;
    while ((node = walker.nextNode())) {
      const len = cpLength(node.data);
      if (len > 0 && cp < pos + len)
        return { node: node, offset: u16Index(node.data, cp - pos) };
      pos += len;
    }
    return null;
  }

  // pointAt(), or the end of the text for @cp at its end (where a caret
  // after the last word is).
  function pointAtOrEnd (cp) {
    const p = pointAt(cp);
    if (p)
      return p;
    const walker = document.createTreeWalker(root(), NodeFilter.SHOW_TEXT);
    let last = null;
    let node;
    while ((node = walker.nextNode()))
      last = node;
    return last ? { node: last, offset: last.data.length } : null;
  }

  function unwrapAll (r) {
    const marks = r.querySelectorAll('mark.clipper-hl');
    if (marks.length === 0)
      return;
    for (const m of marks) {
      const p = m.parentNode;
      while (m.firstChild) {
        p.insertBefore(m.firstChild, m);
        domOps++;
      }
      p.removeChild(m);
      domOps++;
    }
    // Merging the split text nodes back keeps the DOM as the parser made it.
    r.normalize();
    domOps++;
  }

  // Everything about a list of highlights that its marks show.
  function paintKey (list) {
    return list.map(h => h.id + ':' + h.start + ':' + h.end + ':' + h.color + ':' + (h.note ? 1 : 0)).join(',');
  }

  // The page's marks become @list's: the old ones go, the new ones come.
  function paint (list) {
    const r = root();
    if (!r)
      return;
    const t0 = performance.now();
    domOps = 0;
    paintedKey = paintKey(list);
    unwrapAll(r);
    if (list.length > 0)
      wrap(r, list);
    paintMs = performance.now() - t0;
  }

  // Paints every highlight in one pass over the text nodes: the ranges are
  // cut into elementary segments (the innermost highlight wins where they
  // overlap), then each text node is split at most once per segment.
  function wrap (r, list) {
    const sorted = list.filter(h => h.end > h.start)
      .sort((a, b) => (a.start - b.start) || (b.end - a.end));
    const points = new Set();
    for (const h of sorted) {
      points.add(h.start);
      points.add(h.end);
    }
    const bounds = Array.from(points).sort((a, b) => a - b);
    const segs = [];
    let active = [];
    let k = 0;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const s = bounds[i];
      const e = bounds[i + 1];
      while (k < sorted.length && sorted[k].start <= s)
        active.push(sorted[k++]);
      active = active.filter(h => h.end > s);
      if (active.length === 0)
        continue;
      const top = active[active.length - 1];
      // The highlight under it shows too, as an underline in its colour:
      // with the top one's background alone, a highlight ending inside
      // another could not be seen to go on.
      const under = active.length > 1 ? active[active.length - 2] : null;
      const last = segs[segs.length - 1];
      if (last && last.h === top && last.u === under && last.e === s)
        last.e = e;
      else
        segs.push({ s: s, e: e, h: top, u: under });
    }

    const walker = document.createTreeWalker(r, NodeFilter.SHOW_TEXT);
    const jobs = [];
    let pos = 0;
    let si = 0;
    let node;
    while (si < segs.length && (node = walker.nextNode())) {
      const len = cpLength(node.data);
      const ns = pos;
      const ne = pos + len;
      pos = ne;
      if (len === 0 || segs[si].s >= ne)
        continue;
      const pieces = [];
      while (si < segs.length && segs[si].s < ne) {
        const g = segs[si];
        if (g.e > ns)
          pieces.push([Math.max(g.s, ns) - ns, Math.min(g.e, ne) - ns, g.h, g.u]);
        if (g.e <= ne)
          si++;
        else
          break;
      }
      if (pieces.length > 0 && node.parentNode && !UNWRAPPABLE.has(node.parentNode.nodeName))
        jobs.push([node, pieces]);
    }

    for (const [n, pieces] of jobs) {
      const s = n.data;
      // Right to left, so that the offsets still to do stay valid in @n.
      for (let i = pieces.length - 1; i >= 0; i--) {
        const [a, b, h, u] = pieces[i];
        const ua = u16Index(s, a);
        const ub = u16Index(s, b);
        if (ub < n.data.length) {
          n.splitText(ub);
          domOps++;
        }
        const mid = ua > 0 ? n.splitText(ua) : n;
        const m = document.createElement('mark');
        m.className = 'clipper-hl clipper-' + h.color + (h.note ? ' clipper-has-note' : '') +
          (u ? ' clipper-under-' + u.color : '');
        m.dataset.id = String(h.id);
        mid.parentNode.insertBefore(m, mid);
        m.appendChild(mid);
        domOps += ua > 0 ? 3 : 2;
      }
    }
  }

  // The bounds of @range, cut to the view: the popover points at all of
  // the selection, above or below it.  Pointed at the first line only, it
  // went below that line near the top of the view, over the second line
  // of the words being selected.
  function rectOf (range) {
    const rect = range.getBoundingClientRect();
    const top = Math.max(0, Math.min(rect.top, window.innerHeight));
    const bottom = Math.max(top, Math.min(rect.bottom, window.innerHeight));
    return { x: rect.left, y: top, width: rect.width, height: bottom - top };
  }

  // Words as the page's language splits them (ICU's, dictionaries for
  // Chinese, Japanese and Thai included); without Intl.Segmenter, runs of
  // letters, digits and marks outside the scripts written without spaces,
  // whose words cannot be told that way.  Made at the first selection, not
  // before the article's first paint.
  let segmenter;
  function wordSegmenter () {
    if (segmenter !== undefined)
      return segmenter;
    segmenter = null;
    if (typeof Intl.Segmenter !== 'function')
      return segmenter;
    try {
      segmenter = new Intl.Segmenter(document.documentElement.lang || undefined, { granularity: 'word' });
    } catch (e) {
      // A page's lang that is no language tag ("en_US").
      segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    return segmenter;
  }
  const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
  const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

  function isWordChar (ch) {
    return WORD_CHAR.test(ch) && !SPACELESS.test(ch);
  }

  // The word of @s holding UTF-16 index @i, as [from, to), or null when
  // the character there is no word's (a space, punctuation).
  function wordAt (s, i) {
    if (wordSegmenter()) {
      const seg = segmenter.segment(s).containing(i);
      return seg && seg.isWordLike ? [seg.index, seg.index + seg.segment.length] : null;
    }
    if (!isWordChar(s[i]))
      return null;
    let from = i;
    let to = i + 1;
    while (from > 0 && isWordChar(s[from - 1]))
      from--;
    while (to < s.length && isWordChar(s[to]))
      to++;
    return [from, to];
  }

  // Code points [@start, @end) of the article text widened to whole words
  // where an end cuts one, as Kindle, Apple Books and Readwise Reader snap
  // a selection: a drag stops a letter short ("closer to t") as easily as
  // on the space, and the partial word went to the Highlights page, the
  // Markdown and the text fragment.  A selection inside one word is the
  // reader's choice and stays; punctuation at an end stays as selected.
  // Words are looked for in the text node of each end (a word split
  // by an element is rare, and one across elements is no word).
  function snapToWords (start, end) {
    const a = pointAt(start);
    const b = pointAt(end - 1);
    if (!a || !b)
      return [start, end];
    const bEnd = b.offset + (isHigh(b.node.data.charCodeAt(b.offset)) ? 2 : 1);
    const wa = wordAt(a.node.data, a.offset);
    const wb = wordAt(b.node.data, b.offset);
    if (a.node === b.node && wa && wb && wa[0] === wb[0])
      return [start, end];
    if (wa && wa[0] < a.offset)
      start -= cpLength(a.node.data.slice(wa[0], a.offset));
    if (wb && wb[1] > bEnd)
      end += cpLength(b.node.data.slice(bEnd, wb[1]));
    return [start, end];
  }

  // The selection clipped to the article and trimmed to its first and last
  // character that is not white space, as code-point offsets and quote.  A
  // drag that began in the title or at the end of a line would otherwise
  // keep "\n\n\n" or a space, which lists and exports then show.  Its
  // ends are then snapped to whole words (snapToWords()), and the quote is
  // the text between the offsets sent; with @snap false, as selected.
  function selectionInfo (snap) {
    const r = root();
    const sel = window.getSelection();
    if (!r || !sel || sel.rangeCount === 0 || sel.isCollapsed)
      return null;
    const range = sel.getRangeAt(0).cloneRange();
    const whole = document.createRange();
    whole.selectNodeContents(r);
    if (range.compareBoundaryPoints(Range.END_TO_START, whole) >= 0 ||
        range.compareBoundaryPoints(Range.START_TO_END, whole) <= 0)
      return null;
    if (range.compareBoundaryPoints(Range.START_TO_START, whole) < 0)
      range.setStart(r, 0);
    if (range.compareBoundaryPoints(Range.END_TO_END, whole) > 0)
      range.setEnd(r, r.childNodes.length);
    const before = document.createRange();
    before.setStart(r, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const wholeQuote = range.toString();
    const quote = wholeQuote.trim();
    if (quote.length === 0)
      return null;
    // Offsets of the article text, as the core counts them: the white
    // space left out before the quote moves its start.
    const lead = wholeQuote.length - wholeQuote.trimStart().length;
    const trimmed = cpLength(before.toString()) + cpLength(wholeQuote.slice(0, lead));
    const [start, end] = snap ? snapToWords(trimmed, trimmed + cpLength(quote)) : [trimmed, trimmed + cpLength(quote)];
    // The popover points at the text kept, not at the title above it.
    const a = pointAt(start);
    const b = pointAt(end - 1);
    if (!a || !b)
      return { start: start, end: end, quote: quote, rect: rectOf(range) };
    const c = b.node.data.charCodeAt(b.offset);
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset + (isHigh(c) && b.offset + 1 < b.node.data.length ? 2 : 1));
    return { start: start, end: end, quote: range.toString(), rect: rectOf(range) };
  }

  // @quiet: the selection is a find's match, to be read, not acted on
  // (no popover over it).
  function reportSelection (quiet) {
    selectionTimer = 0;
    const info = selectionInfo(true);
    const key = info ? info.start + ':' + info.end : '';
    if (key === lastSelectionKey)
      return;
    lastSelectionKey = key;
    if (info)
      focus = { sel: true, y: info.rect.y };
    else if (focus && focus.sel)
      focus = null;
    if (info)
      post('selection', quiet === true ? Object.assign(info, { quiet: true }) : info);
    else
      post('selection', { empty: true });
  }

  function scheduleSelection (delay) {
    if (selectionTimer)
      clearTimeout(selectionTimer);
    selectionTimer = setTimeout(reportSelection, delay);
  }

  function scrollFraction () {
    const max = document.documentElement.scrollHeight - window.innerHeight;
    if (max <= 0)
      return 0;
    return Math.min(1, Math.max(0, window.scrollY / max));
  }

  // The first article character in view: going down the start edge of
  // the text column, the first one hit whose line shows; null when none
  // is (a picture fills the view).
  function topPoint () {
    const r = root();
    if (!r || !document.caretRangeFromPoint)
      return null;
    const box = r.getBoundingClientRect();
    const rtl = getComputedStyle(r).direction === 'rtl';
    const x = rtl ? box.right - 4 : box.left + 4;
    for (let y = Math.max(2, box.top + 2); y < window.innerHeight; y += 6) {
      const c = document.caretRangeFromPoint(x, y);
      if (!c || c.startContainer.nodeType !== Node.TEXT_NODE || !r.contains(c.startContainer))
        continue;
      const rect = charRect(c.startContainer, c.startOffset);
      if (rect && rect.bottom > 0)
        return { node: c.startContainer, offset: c.startOffset };
    }
    return null;
  }

  // The reading position: how far into the article's text the words at
  // the top of the view are (0…1 of its code points), as the plain text
  // measures it, so that either view opens on the same words.  A fraction
  // of the page's height counted its header, which the plain text keeps
  // above its scrolled text, and its pictures, which the text has none
  // of: the plain text opened further down than the page.  An article
  // without text keeps the fraction of the height.  -1 while no text is
  // in view (a picture fills it): the position stays what it was.
  function readingFraction () {
    const r = root();
    const total = r ? cpLength(r.textContent) : 0;
    if (window.scrollY <= 0)
      return 0;
    if (total === 0)
      return scrollFraction();
    if (r.getBoundingClientRect().top >= 0)
      return 0;
    const p = topPoint();
    return p ? Math.min(1, offsetOf(p.node, p.offset) / total) : -1;
  }

  // The box of the character at (node, offset), or null.
  function charRect (node, offset) {
    const len = node.data.length;
    if (len === 0)
      return null;
    const range = document.createRange();
    const a = Math.min(offset, len - 1);
    range.setStart(node, a);
    range.setEnd(node, a + 1);
    const rects = range.getClientRects();
    return rects.length > 0 ? rects[0] : null;
  }

  // The text at the top of the view: the first character hit going down
  // the start edge of the text column.  Not at the very top of the page,
  // where the top simply stays the top.
  function capturePlace () {
    place = null;
    if (window.scrollY <= 0 || !document.caretRangeFromPoint)
      return;
    const r = root() || document.body;
    const box = r.getBoundingClientRect();
    const rtl = getComputedStyle(r).direction === 'rtl';
    const x = rtl ? box.right - 4 : box.left + 4;
    for (let y = 2; y < window.innerHeight / 2; y += 6) {
      const c = document.caretRangeFromPoint(x, y);
      if (!c || c.startContainer.nodeType !== Node.TEXT_NODE)
        continue;
      const rect = charRect(c.startContainer, c.startOffset);
      if (rect && rect.bottom > 0) {
        place = { node: c.startContainer, offset: c.startOffset, y: rect.top };
        return;
      }
    }
  }

  function focusRect () {
    if (!focus)
      return null;
    let rects = null;
    if (focus.id) {
      const m = document.querySelector('mark.clipper-hl[data-id="' + focus.id + '"]');
      rects = m ? m.getClientRects() : null;
    } else {
      const sel = window.getSelection();
      if (sel && sel.rangeCount > 0 && !sel.isCollapsed)
        rects = sel.getRangeAt(0).getClientRects();
    }
    return rects && rects.length > 0 ? rects[0] : null;
  }

  // After the reader scrolled: remember the text at the top, and where the
  // passage being annotated is (forgotten once scrolled out of view).
  function notePlace () {
    capturePlace();
    const rect = focusRect();
    if (focus && rect && rect.bottom > 0 && rect.top < window.innerHeight)
      focus.y = rect.top;
    else
      focus = null;
  }

  // The column's width changed (the side panel opened or closed, the
  // window was resized): the text reflowed, and the same pixel offset now
  // shows other text (two paragraphs further per F9).  The passage being
  // annotated goes back where it was in the view, or else the text that
  // was at the top; the C side then places the popover again ("layout").
  function keepPlace () {
    let rect = focusRect();
    let y = 0;
    if (rect) {
      const h = Math.min(rect.height, window.innerHeight / 3);
      y = Math.max(8, Math.min(focus.y, window.innerHeight - h - 8));
    } else if (place && place.node.isConnected) {
      rect = charRect(place.node, place.offset);
      y = place.y;
    }
    if (rect)
      window.scrollBy(0, Math.round(rect.top - y));
    adjustedY = window.scrollY;

    let hid = 0;
    let box = null;
    if (focus && focus.id) {
      const m = document.querySelector('mark.clipper-hl[data-id="' + focus.id + '"]');
      if (m) {
        hid = focus.id;
        box = m.getBoundingClientRect();
      }
    }
    const msg = { highlight: hid };
    if (box)
      msg.rect = { x: box.left, y: box.top, width: box.width, height: box.height };
    const sel = window.getSelection();
    if (sel && sel.rangeCount > 0 && !sel.isCollapsed)
      msg.selection = rectOf(sel.getRangeAt(0));
    post('layout', msg);
  }

  document.addEventListener('visibilitychange', () => {
    if (document.hidden || pendingPosition < 0)
      return;
    requestAnimationFrame(() => {
      if (pendingPosition < 0)
        return;
      scrollToPosition(pendingPosition);
      placeWidth = window.innerWidth;
      capturePlace();
    });
  });

  window.addEventListener('resize', () => {
    if (window.innerWidth === placeWidth)
      return;
    placeWidth = window.innerWidth;
    keepPlace();
  });

  // The caret at a highlight's end is no longer the one a colour left
  // there once the reader moved it, or clicked, even back to that spot.
  // Where the reader was before each link within the article took them
  // elsewhere in it (a footnote, a table of contents): Alt+Left comes
  // back here, as it does in a browser (clipper.back()).
  const jumps = [];
  document.addEventListener('selectionchange', () => {
    scheduleSelection(250);
    if (leftCaret >= 0 && caretAt() !== leftCaret)
      leftCaret = -1;
  });
  document.addEventListener('mousedown', () => {
    leftCaret = -1;
  });
  document.addEventListener('mouseup', () => scheduleSelection(10));
  document.addEventListener('keyup', () => scheduleSelection(10));
  document.addEventListener('click', (e) => {
    const link = e.target && e.target.closest ? e.target.closest('a[href^="#"]') : null;
    const r = root();
    if (link && r && r.contains(link) && e.button === 0 && !e.defaultPrevented) {
      jumps.push(window.scrollY);
      let id = link.getAttribute('href').slice(1);
      try {
        id = decodeURIComponent(id);
      } catch (err) {
        // Not percent-encoded text: the id as written.
      }
      const target = document.getElementById(id) || document.getElementsByName(id)[0];
      // Marked once WebKit has scrolled there.
      if (target && r.contains(target))
        setTimeout(() => markTarget(target), 0);
      return;
    }
    // A link out of the article (to a saved copy, perhaps): where the
    // reader is goes to the view now, not after the scroll's pause, for
    // Alt+Left to come back to from the article it opens.
    const out = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (out && r && r.contains(out) && e.button === 0) {
      const value = readingFraction();
      if (value >= 0)
        post('position', { value: value });
    }
  }, true);

  // The target of a link within the article, marked for a moment
  // (.clipper-target in reader-page.css): where a footnote begins is
  // not always where the eye lands.
  let markedTarget = null;
  let targetTimer = 0;
  function markTarget (target) {
    if (markedTarget)
      markedTarget.classList.remove('clipper-target');
    clearTimeout(targetTimer);
    markedTarget = target;
    // Again from its start when it was marked already.
    void target.offsetWidth;
    target.classList.add('clipper-target');
    targetTimer = setTimeout(() => {
      target.classList.remove('clipper-target');
      markedTarget = null;
    }, 3000);
  }
  document.addEventListener('click', (e) => {
    const t = e.target;
    const mark = t && t.closest ? t.closest('mark.clipper-hl') : null;
    const sel = window.getSelection();
    if (!mark || (sel && !sel.isCollapsed))
      return;
    const rect = mark.getBoundingClientRect();
    focus = { id: Number(mark.dataset.id) || 0, y: rect.top };
    post('activate', {
      highlight: Number(mark.dataset.id) || 0,
      rect: { x: rect.left, y: rect.top, width: rect.width, height: rect.height },
    });
  });
  window.addEventListener('scroll', () => {
    // Scrolled by the reader (not by keepPlace(), nor by a reflow whose
    // resize is still to come).
    if (window.innerWidth === placeWidth && window.scrollY !== adjustedY)
      notePlace();
    adjustedY = -1;
    if (restoring)
      return;
    if (positionTimer)
      clearTimeout(positionTimer);
    // Debounced: the position is written to the store, not on every frame.
    positionTimer = setTimeout(() => {
      positionTimer = 0;
      const value = readingFraction();
      if (value >= 0)
        post('position', { value: value });
    }, 400);
  }, { passive: true });

  // A picture the store does not hold (it could not be downloaded when the
  // page was saved: gone, too slow, too large) keeps its place: a box of
  // its size with its alt text, rather than a broken-image icon or
  // nothing, so that a lost picture is not taken for none.  Without alt
  // text the box says "Image not downloaded" (the page's data-missing-image,
  // translated): an empty dashed box read as a layout glitch.  The box
  // holds no text node (CSS draws the words from an attribute), so the
  // article's text, and every highlight's offsets, stay as stored.
  function showMissingImage (img) {
    if (img.hidden)
      return;
    const box = document.createElement('span');
    const alt = (img.getAttribute('alt') || '').trim() ||
                document.documentElement.dataset.missingImage || '';
    const width = parseInt(img.getAttribute('width') || '', 10);
    const height = parseInt(img.getAttribute('height') || '', 10);
    box.className = 'clipper-missing-image';
    box.dataset.alt = alt;
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', alt);
    if (width > 0)
      box.style.width = width + 'px';
    if (width > 0 && height > 0)
      box.style.aspectRatio = width + ' / ' + height;
    img.hidden = true;
    img.after(box);
    if ((width > 0 && width < 48) || (height > 0 && height < 40))
      makeSmall(box, width, height);
    else
      fitMissingImage(box);
  }

  // Too small for the words (an icon, a rule): the box alone, its
  // image's size (reader-page.css).
  function makeSmall (box, width, height) {
    box.classList.add('clipper-missing-small');
    if (height > 0)
      box.style.height = height + 'px';
    if (!(width > 0) && height > 0)
      box.style.width = height + 'px';
  }

  // The words spill out of the box: it is too small for them.  Asked
  // again once the style sheet is in (an image can fail before it is,
  // and an unstyled box measures nothing).
  function fitMissingImage (box) {
    if (box.classList.contains('clipper-missing-small'))
      return;
    if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) {
      const img = box.previousElementSibling;
      makeSmall(box, parseInt(img ? img.getAttribute('width') || '' : '', 10),
                parseInt(img ? img.getAttribute('height') || '' : '', 10));
    }
  }
  window.addEventListener('load', () => {
    for (const box of document.querySelectorAll('.clipper-missing-image'))
      fitMissingImage(box);
  });

  // Images are served by the store: point every picture at our scheme before
  // the (CSP-blocked) remote address could matter.
  function rewriteImages () {
    const r = root();
    const id = document.documentElement.dataset.articleId;
    if (!r || !id)
      return;
    for (const img of r.querySelectorAll('img')) {
      const src = img.getAttribute('src') || '';
      img.removeAttribute('srcset');
      img.addEventListener('error', () => showMissingImage(img));
      // An image with no address was never a picture to fetch.
      if (src === '') {
        img.hidden = true;
        continue;
      }
      if (src.startsWith('clipper-article:')) {
        if (img.complete && img.naturalWidth === 0)
          showMissingImage(img);
        continue;
      }
      img.setAttribute('src', 'clipper-article://image/' + id + '?url=' + encodeURIComponent(src));
    }
    for (const s of r.querySelectorAll('picture source'))
      s.remove();
  }

  function applySettings (s) {
    const d = document.documentElement;
    const reflows = d.dataset.font !== s.font ||
                    d.style.getPropertyValue('--reader-size') !== s.size + 'pt' ||
                    d.style.getPropertyValue('--reader-width') !== s.width + 'ch';
    d.dataset.theme = s.theme;
    d.dataset.contrast = s.contrast;
    d.dataset.font = s.font;
    d.style.setProperty('--reader-size', s.size + 'pt');
    d.style.setProperty('--reader-width', s.width + 'ch');
    // Another size, font or width reflows the text as a new window width
    // does: the same words go back to the top (a larger size took them
    // down the view and out of it, QA-n).
    if (reflows && place)
      keepPlace();
  }

  // The box of the first character at or after code point @cp that
  // shows: not the white space between two paragraphs, which has none.
  function shownPointAt (cp) {
    const start = pointAt(cp);
    if (!start)
      return null;
    const walker = document.createTreeWalker(root(), NodeFilter.SHOW_TEXT);
    let node = start.node;
    let offset = start.offset;
    walker.currentNode = node;
    do {
      for (; offset < node.data.length; offset++) {
        const rect = /\S/.test(node.data[offset]) ? charRect(node, offset) : null;
        if (rect)
          return rect;
      }
      offset = 0;
    } while ((node = walker.nextNode()));
    return null;
  }

  // The reading position (readingFraction()): its words at the top,
  // without writing it back as the reader's own scrolling.  A page hidden
  // behind the plain text has no layout to scroll in: it goes there once
  // shown.
  function scrollToPosition (position) {
    if (document.hidden) {
      pendingPosition = position;
      return;
    }
    pendingPosition = -1;
    restoring = true;
    const r = root();
    const total = r ? cpLength(r.textContent) : 0;
    // The text's start is the page's top, the title and byline above it
    // in view: scrolled to the first words, they were scrolled off
    // (Plain Text's Ctrl+Home, then the page; QA-q 8).
    const rect = total > 0 && position > 0 ? shownPointAt(Math.min(total - 1, Math.round(position * total))) : null;
    if (rect) {
      window.scrollTo(0, Math.max(0, Math.round(window.scrollY + rect.top)));
    } else {
      const max = document.documentElement.scrollHeight - window.innerHeight;
      window.scrollTo(0, Math.round(position * Math.max(0, max)));
    }
    setTimeout(() => { restoring = false; }, 100);
  }

  // The first element of the article whose id is one of @ids (a link's
  // #fragment, as written or decoded), or null.
  function findTarget (ids) {
    const r = root();
    return (ids || []).map((id) => document.getElementById(id)).find((e) => e && r && r.contains(e)) || null;
  }

  // Find in the article (the find bar, clipper-reader-view.c).  Every
  // match is marked with the CSS highlight "clipper-find" and the one shown
  // with "clipper-find-current" (reader-page.css), which paint without
  // touching the DOM: the article's text nodes, and so every highlight's
  // offsets, stay as they are.  The shown match is also selected, as
  // WebKit's find did.  The page keeps which match it shows, so that "3
  // of 12" is always that one: WebKit's search_next() went on from a
  // click in the article while the bar counted on from the last match.
  const INLINE = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM',
                          'FONT', 'I', 'INS', 'KBD', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN',
                          'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'LABEL',
                          // A word with its ruby (furigana) runs on with the words around.
                          'RUBY', 'RB', 'RT', 'RP', 'WBR']);
  const UNSEARCHED = new Set(['STYLE', 'SCRIPT', 'NOSCRIPT', 'TEMPLATE', 'TITLE']);
  let finding = { text: '', ranges: [], index: -1 };

  function blockOf (node) {
    let e = node.parentElement;
    while (e && INLINE.has(e.tagName))
      e = e.parentElement;
    return e;
  }

  // A character compared without case (one whose lower case is longer,
  // as "İ", compares as itself, so that the text keeps its indices).
  // Per code point: an astral capital (Deseret's) has a lower case of
  // its own, its two halves none.
  function fold (c) {
    const l = c.toLowerCase();
    return l.length === c.length ? l : c;
  }

  // The ranges of @text in the page's words, title included, as read:
  // white space runs count as one space and blocks do not run together.
  // Only what is shown: not the text of an element not rendered
  // (display: none), which has no client rects, nor of a closed
  // <details> past its summary, which WebKit lays out unpainted, rects
  // and all.
  function matchRanges (text) {
    const needle = Array.from(text.replace(/\s+/g, ' '), fold).join('');
    const chars = [];
    const nodes = [];
    const offsets = [];
    const rendered = new Map();
    const shown = (e) => {
      if (rendered.has(e))
        return rendered.get(e);
      // (display: contents has no box of its own, its text has.)
      let visible = e.getClientRects().length > 0 ||
          (getComputedStyle(e).display === 'contents' && !!e.parentElement && shown(e.parentElement));
      for (let d = e.closest('details:not([open])'); visible && d;
           d = d.parentElement ? d.parentElement.closest('details:not([open])') : null) {
        const summary = Array.from(d.children).find((c) => c.tagName === 'SUMMARY');
        visible = !!summary && summary.contains(e);
      }
      rendered.set(e, visible);
      return visible;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement && !UNSEARCHED.has(n.parentElement.tagName) &&
                          !n.parentElement.closest('[hidden]') && shown(n.parentElement))
        ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
    });
    let block = null;
    let node;
    if (needle === '' || needle === ' ')
      return [];
    while ((node = walker.nextNode())) {
      const b = blockOf(node);
      if (b !== block && chars.length > 0) {
        chars.push('\n');
        nodes.push(null);
        offsets.push(0);
      }
      block = b;
      const data = node.data;
      for (let i = 0; i < data.length; i++) {
        let c = data[i];
        const cp = data.codePointAt(i);
        if (cp > 0xffff) {
          // Folded whole, kept as its two code units: the text's indices
          // are code units.
          const f = fold(String.fromCodePoint(cp));
          chars.push(f[0], f[1]);
          nodes.push(node, node);
          offsets.push(i, i + 1);
          i++;
          continue;
        }
        if (/\s/.test(c)) {
          if (chars.length > 0 && (chars[chars.length - 1] === ' ' || chars[chars.length - 1] === '\n'))
            continue;
          c = ' ';
        }
        chars.push(fold(c));
        nodes.push(node);
        offsets.push(i);
      }
    }
    const hay = chars.join('');
    const ranges = [];
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
      const last = at + needle.length - 1;
      if (!nodes[at] || !nodes[last])
        continue;
      const range = document.createRange();
      range.setStart(nodes[at], offsets[at]);
      range.setEnd(nodes[last], offsets[last] + 1);
      ranges.push(range);
    }
    return ranges;
  }

  function paintFind () {
    if (typeof CSS === 'undefined' || !CSS.highlights || typeof Highlight === 'undefined')
      return;
    const current = finding.ranges[finding.index];
    CSS.highlights.set('clipper-find', new Highlight(...finding.ranges.filter((r) => r !== current)));
    if (current)
      CSS.highlights.set('clipper-find-current', new Highlight(current));
    else
      CSS.highlights.delete('clipper-find-current');
  }

  // The match the reader goes to from the selection or caret, when they
  // moved it off the shown match (a click in the article): the next one
  // after it, or the one before; -1 when it is not in the page.
  function matchFromCaret (step) {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || !document.body.contains(sel.anchorNode))
      return -1;
    const here = sel.getRangeAt(0);
    if (isShown(here, finding.ranges[finding.index]))
      return -1;
    const n = finding.ranges.length;
    if (step > 0) {
      // The first match starting at or after the caret.
      const i = finding.ranges.findIndex((r) => r.compareBoundaryPoints(Range.END_TO_START, here) >= 0);
      return i >= 0 ? i : 0;
    }
    // The last match ending before it.
    for (let i = n - 1; i >= 0; i--)
      if (finding.ranges[i].compareBoundaryPoints(Range.START_TO_END, here) <= 0)
        return i;
    return n - 1;
  }

  // The selection @here is the match @shown still.  Compared as text,
  // not as DOM points: WebKit may move the selection's ends to the next
  // text node, the same place.
  function isShown (here, shown) {
    return !!shown &&
      textBefore(here.startContainer, here.startOffset) === textBefore(shown.startContainer, shown.startOffset) &&
      textBefore(here.endContainer, here.endOffset) === textBefore(shown.endContainer, shown.endOffset);
  }

  // How much of the page's text comes before (node, offset).
  function textBefore (node, offset) {
    const before = document.createRange();
    before.setStart(document.body, 0);
    before.setEnd(node, offset);
    return before.toString().length;
  }

  function showMatch () {
    const range = finding.ranges[finding.index];
    if (!range)
      return;
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range.cloneRange());
    // Reported at once, as the match's, even when it was selected
    // already (Ctrl+F again on the same text): the view gives it no
    // popover.  Told apart by a flag the view set before, a match's
    // report came after the reader's own next selection, or never, and
    // that selection then had no popover.
    clearTimeout(selectionTimer);
    lastSelectionKey = null;
    reportSelection(true);
    const rect = range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight)
      window.scrollBy(0, rect.top - window.innerHeight / 3);
  }

  // @step 0: @text is new (or the page's words changed), from the first
  // match; 1 or -1: the next or the previous, round the end.
  function find (text, step) {
    const fresh = step === 0 || text !== finding.text;
    const sel = window.getSelection();
    const wasShown = sel && sel.rangeCount > 0 && isShown(sel.getRangeAt(0), finding.ranges[finding.index]);
    if (fresh) {
      finding = { text: text, ranges: matchRanges(text), index: -1 };
      if (step === 0)
        step = 1;
    }
    const n = finding.ranges.length;
    if (n > 0) {
      const from = fresh ? -1 : matchFromCaret(step);
      if (from >= 0)
        finding.index = from;
      else if (finding.index < 0)
        finding.index = step > 0 ? 0 : n - 1;
      else
        finding.index = (finding.index + n + step) % n;
      showMatch();
    } else if (wasShown) {
      // No match: the last one shown is no longer selected, as if found.
      sel.collapseToStart();
    }
    paintFind();
    return JSON.stringify({ matches: n, index: Math.max(0, finding.index) });
  }

  function findClear () {
    finding = { text: '', ranges: [], index: -1 };
    if (typeof CSS !== 'undefined' && CSS.highlights) {
      CSS.highlights.delete('clipper-find');
      CSS.highlights.delete('clipper-find-current');
    }
  }

  window.clipper = {
    version: VERSION,
    // Back to where the last link within the article was followed from;
    // false when there is none.
    back () {
      if (jumps.length === 0)
        return false;
      window.scrollTo(0, jumps.pop());
      return true;
    },
    // Ctrl+Home and Ctrl+End: the top and the end of the page.
    scrollToEdge (end) {
      window.scrollTo(0, end ? document.documentElement.scrollHeight : 0);
      return true;
    },
    init (config) {
      highlights = config.highlights || [];
      // Painted already, from the page as served (paintServed()), unless
      // they changed since.
      if (paintKey(highlights) !== paintedKey) {
        paint(highlights);
        servedPaint = false;
      }
      // Opened by a link with a #fragment (from another article): at its
      // target when the article has it, instead of the reading position.
      // A page hidden behind the plain text has no layout to find it in
      // (the plain text asks targetOffset()).
      const target = document.hidden ? null : findTarget(config.targets);
      if (target) {
        // With the room above it that a link within the page leaves
        // (scroll-margin-top).
        const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
        window.scrollTo(0, Math.max(0, Math.round(window.scrollY + target.getBoundingClientRect().top - margin)));
        markTarget(target);
      } else if (config.position > 0)
        scrollToPosition(config.position);
      placeWidth = window.innerWidth;
      capturePlace();
      requestAnimationFrame(() => post('ready', {
        highlights: highlights.length, paintMs: paintMs, domOps: domOps, served: servedPaint,
      }));
      return true;
    },
    // Where in the article's text the first of @ids the article has
    // begins (code points), for the plain text to open a link's
    // #fragment at; -1 when it has none.
    targetOffset (ids) {
      const target = findTarget(ids);
      return target ? offsetOf(target, 0) : -1;
    },
    setHighlights (list) {
      highlights = list;
      // Painting splits and merges text nodes: the place and the selection
      // are kept as offsets in the text meanwhile.  WebKit left the
      // selection in a text node that painting had cut short, with an
      // offset past its end: the caret a colour left at the new
      // highlight's end was lost, and Delete there threw.
      const r = root();
      const keep = place && r && r.contains(place.node) ? offsetOf(place.node, place.offset) : -1;
      const sel = window.getSelection();
      const keepSel = r && sel && sel.rangeCount > 0 && r.contains(sel.anchorNode) && r.contains(sel.focusNode)
        ? [offsetOf(sel.anchorNode, sel.anchorOffset), offsetOf(sel.focusNode, sel.focusOffset)] : null;
      paint(highlights);
      // The find's matches again, in the text nodes painting left.
      if (finding.text !== '') {
        const index = finding.index;
        finding.ranges = matchRanges(finding.text);
        finding.index = Math.min(index, finding.ranges.length - 1);
        paintFind();
      }
      if (keep >= 0) {
        const p = pointAt(keep);
        if (p) {
          place.node = p.node;
          place.offset = p.offset;
        }
      }
      if (keepSel) {
        const a = pointAtOrEnd(keepSel[0]);
        const f = pointAtOrEnd(keepSel[1]);
        if (a && f)
          sel.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
      }
      return document.querySelectorAll('mark.clipper-hl').length;
    },
    applySettings (s) {
      applySettings(s);
      return true;
    },
    selection (snap) {
      const info = selectionInfo(snap !== false);
      return info ? JSON.stringify(info) : '';
    },
    // The selection goes, but not the caret: collapsed at its end, where
    // caret navigation goes on (Shift and the arrows select the next
    // words after a colour key).  Without caret navigation it shows
    // nothing.
    clearSelection () {
      const sel = window.getSelection();
      if (sel && sel.rangeCount > 0)
        sel.collapseToEnd();
      lastSelectionKey = '';
      leftCaret = caretAt();
      return true;
    },
    // Selects code points [start, end) of the article text (tests, the
    // passage suggested for re-attaching an orphan); reveal: scrolled to.
    selectRange (start, end, reveal) {
      const r = root();
      const walker = document.createTreeWalker(r, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let pos = 0;
      let node;
      let started = false;
      while ((node = walker.nextNode())) {
        const len = cpLength(node.data);
        if (!started && start <= pos + len && len > 0 && start < pos + len) {
          range.setStart(node, u16Index(node.data, start - pos));
          started = true;
        }
        if (started && end <= pos + len) {
          range.setEnd(node, u16Index(node.data, end - pos));
          break;
        }
        pos += len;
      }
      if (!started)
        return false;
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      if (reveal) {
        // Its first line a third of the way down (the popover goes above
        // it), however tall its paragraph.
        const rect = range.getBoundingClientRect();
        window.scrollBy(0, rect.top - window.innerHeight / 3);
      }
      scheduleSelection(0);
      return true;
    },
    scrollTo (id) {
      const m = document.querySelector('mark.clipper-hl[data-id="' + Number(id) + '"]');
      if (!m)
        return false;
      // In the middle of the window, or, taller than most of it, its first
      // line a third of the way down: reading it starts there.
      const rect = m.getBoundingClientRect();
      if (rect.height > window.innerHeight * 2 / 3)
        window.scrollBy(0, rect.top - window.innerHeight / 3);
      else
        m.scrollIntoView({ block: 'center' });
      focus = { id: Number(id), y: m.getClientRects().length > 0 ? m.getClientRects()[0].top : 0 };
      // All of it flashes (across paragraphs it is several marks): the
      // eye finds it in the page it was brought to.
      const marks = document.querySelectorAll('mark.clipper-hl[data-id="' + Number(id) + '"]');
      for (const each of marks)
        each.classList.add('clipper-flash');
      setTimeout(() => {
        for (const each of marks)
          each.classList.remove('clipper-flash');
      }, 1200);
      return true;
    },
    // The highlight whose note is being written (0: none) stays in view as
    // the panel opens.  Made from the selection, it is where that was.
    focusHighlight (id) {
      id = Number(id) || 0;
      if (id === 0) {
        focus = null;
        return true;
      }
      const y = focus && focus.sel ? focus.y : null;
      focus = { id: id, y: 0 };
      const rect = focusRect();
      focus.y = y !== null ? y : (rect ? rect.top : window.innerHeight / 3);
      return true;
    },
    // Caret navigation: a caret (a collapsed selection) at the first
    // article text in view, where WebKit shows none until a click.  A
    // selection or caret already in view is left where it is.
    placeCaret () {
      const r = root();
      const sel = window.getSelection();
      if (!r || !sel || !document.caretRangeFromPoint)
        return false;
      if (sel.rangeCount > 0 && r.contains(sel.getRangeAt(0).startContainer)) {
        const rect = sel.getRangeAt(0).getBoundingClientRect();
        if (rect.bottom > 0 && rect.top < window.innerHeight)
          return true;
      }
      const box = r.getBoundingClientRect();
      const rtl = getComputedStyle(r).direction === 'rtl';
      const x = rtl ? box.right - 4 : box.left + 4;
      for (let y = Math.max(2, box.top + 2); y < Math.min(window.innerHeight, box.bottom); y += 6) {
        const c = document.caretRangeFromPoint(x, y);
        if (c && c.startContainer.nodeType === Node.TEXT_NODE && r.contains(c.startContainer) &&
            c.startContainer.data.trim().length > 0) {
          sel.collapse(c.startContainer, c.startOffset);
          return true;
        }
      }
      return false;
    },
    // The caret's offset in the article text (-1 when it is not in it),
    // and whether it is still where clearSelection() left it (Delete
    // removes the highlight there, or the one just made that it ends).
    caret () {
      const offset = caretAt();
      return JSON.stringify({ offset: offset, left: offset >= 0 && offset === leftCaret });
    },
    find (text, step) {
      return find(String(text), Number(step) || 0);
    },
    findClear () {
      findClear();
      return true;
    },
    // The matches as a test reads them: how many the page marks, and the
    // text of the one shown.
    findMarks () {
      const all = CSS.highlights ? CSS.highlights.get('clipper-find') : null;
      const current = CSS.highlights ? CSS.highlights.get('clipper-find-current') : null;
      return JSON.stringify({
        others: all ? all.size : 0,
        current: current && current.size > 0 ? Array.from(current)[0].toString() : '',
      });
    },
    articleText () {
      const r = root();
      return r ? r.textContent : null;
    },
    position () {
      return readingFraction();
    },
    // Where the plain text was read to (switching back from it).
    setPosition (position) {
      if (position >= 0 && position <= 1) {
        scrollToPosition(position);
        capturePlace();
      }
      return true;
    },
  };

  // The page comes with the highlights it was served with (the
  // data-highlights of <html>): painted now, when the document is parsed,
  // the article is laid out and shown once, marks and all.  Painted from
  // init() instead, after the load, a long article was shown bare, then
  // laid out again whole with its marks (hundreds of ms on a busy
  // machine), and its highlights came last.
  function paintServed () {
    const d = document.documentElement;
    const json = d.dataset.highlights;
    if (json === undefined)
      return;
    d.removeAttribute('data-highlights');
    let list;
    try {
      list = JSON.parse(json);
    } catch (e) {
      return;
    }
    if (!Array.isArray(list))
      return;
    paint(list);
    servedPaint = performance.getEntriesByType('paint').length === 0;
  }

  rewriteImages();
  paintServed();
})();

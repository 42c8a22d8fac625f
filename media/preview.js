// @ts-check
/**
 * The table preview page (VS Code webview, or any browser for tests).
 *
 * Data arrives as a message `{ type: 'update', uri, fileName, version, locale, seq, base?, tables, diagnostics, layouts, handout }`
 * (from the extension, or `window.postMessage` / `window.__BUDGET_TABLES__` outside VS Code). With `base`,
 * `tables` is a delta on post `base` (unchanged tables as `{ keep, shift }`: applyDelta). The page is built
 * with DOM calls and `textContent` only: no document string ever reaches innerHTML. Sections are updated in
 * place (only the tables that changed are rebuilt), so the scroll position stays and nothing flickers.
 *
 * Outgoing messages: `{ type: 'ready' }`, `{ type: 'resync' }` (a delta this page cannot apply),
 * `{ type: 'reveal', start, end }` (click on a cell with a source
 * location) and `{ type: 'copy', text }` (copy as TSV). Outside VS Code they are pushed to
 * `window.__BUDGET_OUTBOX__`.
 */
(function () {
  'use strict';

  /** @type {any} */
  const w = window;
  const vscode = typeof w.acquireVsCodeApi === 'function' ? w.acquireVsCodeApi() : null;
  if (!vscode) w.__BUDGET_OUTBOX__ = w.__BUDGET_OUTBOX__ || [];

  /** Rows above which a table is windowed (only the visible rows are in the DOM). */
  const WINDOW_THRESHOLD = 500;
  const OVERSCAN = 30;

  const TEXT = {
    'zh-CN': {
      contents: '目录', copy: '复制为 TSV', copied: '已复制', copyFailed: '复制失败', empty: '没有表格：请打开一个 .budget 文件。',
      noUnit: '文件中没有单位，没有可显示的表格。', errors: (e, w) => `${e} 个错误 · ${w} 个警告`, stale: '数据可能已过期',
      reveal: '单击单元格可跳转到源文件', top: '回到顶部', part: '项目',
      layout: (name, explicit) => `表式：${name}${explicit ? '' : '（推断）'}`, computed: '计算值（文件中未写）',
      differs: (v) => `与计算值不符：计算值 ${v}`, legend: '斜体：计算值（文件中未写）· 标记 ≠：所写数字与计算值不符',
    },
    en: {
      contents: 'Contents', copy: 'Copy as TSV', copied: 'Copied', copyFailed: 'Copy failed', empty: 'No tables: open a .budget file.',
      noUnit: 'The file declares no unit: there is nothing to show.', errors: (e, w) => `${e} error(s) · ${w} warning(s)`, stale: 'Data may be out of date',
      reveal: 'Click a cell to reveal its source', top: 'Back to top', part: 'Project',
      layout: (name, explicit) => `Layout: ${name}${explicit ? '' : ' (inferred)'}`, computed: 'Computed (not written in the file)',
      differs: (v) => `Disagrees with the computed value ${v}`, legend: 'Italic: computed (not written in the file) · marked ≠: the written figure disagrees with its computed value',
    },
  };

  /** @type {{ tables: any[], diagnostics: any[], layouts?: any[], handout?: any, locale: string, uri?: string, fileName?: string, version?: number, seq?: number } | null} */
  let data = null;
  /** Section elements by key, with the JSON they were built from. */
  const sections = new Map();
  /** Windowed tables: key → { table, tbody, width, rowH, from, to, rows }. */
  const windowed = new Map();
  let printing = false;

  function t() {
    const loc = (data && data.locale) || document.body.getAttribute('data-locale') || 'zh-CN';
    return loc === 'en' ? TEXT.en : TEXT['zh-CN'];
  }

  function post(msg) {
    if (vscode) vscode.postMessage(msg);
    else w.__BUDGET_OUTBOX__.push(msg);
  }

  /** @param {string} tag @param {string=} cls @param {string=} text */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function labelOf(tb) {
    return `${tb.id} ${tb.title}${tb.part ? ' — ' + tb.part : ''}`;
  }

  // ── diagnostics on cells ────────────────────────────────────────────────────────────────────────────

  const SEV_RANK = { error: 0, warning: 1, information: 2, hint: 3 };

  /** Diagnostics touching a source span (a diagnostic with an empty range touches the span holding it). */
  /**
   * The diagnostics by start offset, with the running maximum of their ends, so that the ones touching a
   * cell are found by a binary search instead of a scan of all of them for every cell (a large budget has
   * tens of thousands of cells).
   */
  let diagIndex = { list: [], maxEnd: [], of: null };

  function indexDiagnostics() {
    const list = ((data && data.diagnostics) || []).slice().sort((a, b) => a.start - b.start);
    const maxEnd = [];
    let m = -Infinity;
    for (const d of list) maxEnd.push((m = Math.max(m, d.end)));
    diagIndex = { list, maxEnd, of: data };
  }

  function diagnosticsFor(span) {
    if (!span || !data) return [];
    if (diagIndex.of !== data) indexDiagnostics();
    const { list, maxEnd } = diagIndex;
    // The last diagnostic starting at or before span.end.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].start <= span.end) lo = mid + 1;
      else hi = mid;
    }
    const out = [];
    for (let i = lo - 1; i >= 0 && maxEnd[i] >= span.start; i--) {
      const d = list[i];
      if ((d.start < span.end && span.start < d.end) || (d.start === d.end && d.start >= span.start && d.start <= span.end)) out.push(d);
    }
    return out.reverse();
  }

  function decorate(td, cell) {
    // A computed figure (nothing written) and a written one that disagrees with its computed value say so.
    const notes = [];
    if (cell.differs) notes.push(t().differs(cell.differs));
    else if (cell.source) notes.push(cell.source);
    else if (cell.computed) notes.push(t().computed);
    // A figure in another file (`file`): this document's diagnostics are not at its offsets.
    const ds = cell.file ? [] : diagnosticsFor(cell.span);
    if (ds.length) {
      ds.sort((a, b) => (SEV_RANK[a.severity] ?? 9) - (SEV_RANK[b.severity] ?? 9));
      td.classList.add('diag', 'diag-' + (ds[0].severity || 'error'));
      notes.push(...ds.map((d) => d.message));
    }
    if (notes.length) td.title = notes.join('\n');
  }

  // ── building tables ─────────────────────────────────────────────────────────────────────────────────

  function buildCell(cell, col, row) {
    const td = el('td', undefined, cell.text);
    if (cell.amount !== undefined) td.classList.add('num');
    if (cell.head) td.classList.add('label');
    if (cell.indent) td.classList.add('ind' + Math.min(cell.indent, 2));
    if (col === 0 && /^\d{3,7}$/.test(cell.text)) td.classList.add('code');
    if (cell.text.length > 40) td.classList.add('long');
    if (cell.computed) td.classList.add('computed');
    if (cell.differs) td.classList.add('differs');
    if (cell.colSpan > 1) td.colSpan = cell.colSpan;
    if (cell.rowSpan > 1) td.rowSpan = cell.rowSpan;
    if (cell.span && typeof cell.span.start === 'number' && typeof cell.span.end === 'number') {
      td.dataset.start = String(cell.span.start);
      td.dataset.end = String(cell.span.end);
      // Row and column: a click looks the source up in the section's current data, so cells need no
      // rebuilding when an edit elsewhere only moves offsets.
      td.dataset.r = String(row);
      // A figure in another file (a unit's, in 部门支出分单位明细): the click reveals it there.
      if (typeof cell.file === 'string') td.dataset.file = cell.file;
      td.dataset.c = String(col);
      td.classList.add('src');
    }
    decorate(td, cell);
    return td;
  }

  function buildRow(row, r) {
    const tr = el('tr');
    // The row's index in the table: the reader's place is kept by row across a rebuild (readingAnchor).
    tr.dataset.row = String(r);
    row.forEach((cell, i) => {
      if (!cell.covered) tr.appendChild(buildCell(cell, i, r));
    });
    return tr;
  }

  function tableWidth(tb) {
    if (tb.header && tb.header.length) return tb.header[0].reduce((a, h) => a + (h.colSpan || 1), 0);
    return Math.max(tb.columns ? tb.columns.length : 0, ...tb.rows.map((r) => r.length));
  }

  /** Column names as header paths, for the TSV header line. */
  function headerPaths(tb, width) {
    const out = Array.from({ length: width }, () => []);
    const taken = tb.header.map(() => new Array(width).fill(false));
    tb.header.forEach((row, r) => {
      let c = 0;
      for (const h of row) {
        while (c < width && taken[r][c]) c++;
        const cs = h.colSpan || 1;
        const rs = h.rowSpan || 1;
        for (let dr = 0; dr < rs && r + dr < tb.header.length; dr++) for (let dc = 0; dc < cs && c + dc < width; dc++) taken[r + dr][c + dc] = true;
        for (let dc = 0; dc < cs && c + dc < width; dc++) out[c + dc].push(h.text);
        c += cs;
      }
    });
    return out.map((p) => p.join('/'));
  }

  function tsvOf(tb) {
    const clean = (s) => String(s).replace(/[\t\r\n]+/g, ' ');
    const width = tableWidth(tb);
    const lines = [];
    lines.push(tb.header && tb.header.length ? headerPaths(tb, width).map(clean).join('\t') : (tb.columns || []).map(clean).join('\t'));
    // A text cell that a spreadsheet would run as a formula (=, +, -, @) is kept as text, as in the CSV export; a
    // signed number or percentage (a rate, `-0.84%`) is read as a number and stays as it is.
    const safe = (c) => {
      const s = clean(c.text);
      return c.amount === undefined && s.length > 1 && /^[=+\-@]/.test(s) && !/^[-+]?\d[\d,]*(?:\.\d+)?%?$/.test(s) ? "'" + s : s;
    };
    for (const r of tb.rows) lines.push(r.map((c) => (c.covered ? '' : safe(c))).join('\t'));
    return lines.join('\n') + '\n';
  }

  function copyTable(tb, button) {
    const text = tsvOf(tb);
    const done = (ok) => {
      const old = button.dataset.label || button.textContent;
      button.dataset.label = old;
      button.textContent = ok ? t().copied : t().copyFailed;
      setTimeout(() => { button.textContent = button.dataset.label || t().copy; }, 1200);
    };
    if (vscode) {
      // The extension writes the clipboard (always permitted there).
      post({ type: 'copy', text });
      done(true);
      return;
    }
    post({ type: 'copy', text });
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(() => done(true), () => done(false));
    else done(false);
  }

  function hasRowSpans(tb) {
    return tb.rows.some((r) => r.some((c) => c.rowSpan > 1));
  }

  /** A section with its anchor, key and title bar (shared by built sections and placeholders). */
  function sectionShell(tb, key, anchor, cls) {
    const sec = el('section', cls);
    sec.id = anchor;
    sec.dataset.key = key;
    const bar = el('div', 'table-bar');
    const h = el('h2', undefined, tb.title);
    h.prepend(el('span', 'table-no', tb.id));
    bar.appendChild(h);
    sec.appendChild(bar);
    return { sec, bar };
  }

  function buildSection(tb, key, anchor) {
    const { sec, bar } = sectionShell(tb, key, anchor, 'budget-table');
    const btn = el('button', 'copy', t().copy);
    btn.type = 'button';
    btn.addEventListener('click', () => copyTable(tb, btn));
    bar.appendChild(btn);
    if (tb.titleEn) sec.appendChild(el('p', 'en', tb.titleEn));
    if (tb.part) sec.appendChild(el('p', 'subtitle part', `${t().part}：${tb.part}`));
    if (tb.unitLine && tb.unitLine.left) {
      // The unit line as printed: the publisher on the left, the money unit on the right.
      const line = el('p', 'subtitle unit-line');
      line.append(el('span', 'unit-left', tb.unitLine.left), el('span', 'unit-right', tb.unitLine.right));
      sec.appendChild(line);
    } else sec.appendChild(el('p', 'subtitle', tb.subtitle));
    const table = el('table');
    // Wide tables print smaller, so that they fit the width of an A4 landscape page as the documents do.
    if (tableWidth(tb) > 9) table.classList.add('wide');
    if (tb.header && tb.header.length) {
      const thead = el('thead');
      for (const row of tb.header) {
        const tr = el('tr');
        for (const hc of row) {
          const th = el('th', undefined, hc.text);
          if (hc.colSpan > 1) th.colSpan = hc.colSpan;
          if (hc.rowSpan > 1) th.rowSpan = hc.rowSpan;
          tr.appendChild(th);
        }
        thead.appendChild(tr);
      }
      table.appendChild(thead);
    }
    const tbody = el('tbody');
    table.appendChild(tbody);
    if (tb.rows.length > WINDOW_THRESHOLD && !hasRowSpans(tb) && !printing) {
      table.classList.add('windowed');
      // It measures its rows and follows scrolling itself: always laid out.
      sec.classList.add('has-window');
      windowed.set(key, { tb, tbody, width: tableWidth(tb), rowH: 0, from: -1, to: -1 });
    } else {
      tb.rows.forEach((r, i) => tbody.appendChild(buildRow(r, i)));
    }
    const wrap = el('div', 'table-wrap');
    wrap.appendChild(table);
    sec.appendChild(wrap);
    if (tb.note) sec.appendChild(el('p', 'note', tb.note));
    return sec;
  }

  // ── windowing ───────────────────────────────────────────────────────────────────────────────────────

  function spacer(width, height) {
    const tr = el('tr', 'spacer');
    const td = el('td');
    td.colSpan = width;
    td.style.height = height + 'px';
    tr.appendChild(td);
    return tr;
  }

  function updateWindow(win, force) {
    const n = win.tb.rows.length;
    if (!win.rowH) {
      // Measure one row.
      win.tbody.replaceChildren(buildRow(win.tb.rows[0], 0));
      win.rowH = Math.max(16, win.tbody.firstChild.getBoundingClientRect().height || 24);
      force = true;
    }
    const top = win.tbody.getBoundingClientRect().top;
    const first = Math.floor(-top / win.rowH);
    const visible = Math.ceil(window.innerHeight / win.rowH);
    const from = Math.max(0, Math.min(n, first - OVERSCAN));
    const to = Math.max(from, Math.min(n, first + visible + OVERSCAN));
    if (!force && from === win.from && to === win.to) return;
    win.from = from;
    win.to = to;
    const frag = document.createDocumentFragment();
    frag.appendChild(spacer(win.width, from * win.rowH));
    for (let i = from; i < to; i++) frag.appendChild(buildRow(win.tb.rows[i], i));
    frag.appendChild(spacer(win.width, (n - to) * win.rowH));
    win.tbody.replaceChildren(frag);
  }

  function updateWindows(force) {
    for (const win of windowed.values()) updateWindow(win, force);
  }

  // ── progressive building ────────────────────────────────────────────────────────────────────────────

  /** Rows built before the first paint; the other tables follow in slices of at most SLICE_MS. */
  const EAGER_ROWS = 150;
  const SLICE_MS = 12;
  /** Keys of sections still shown as placeholders, in document order. */
  const pending = [];
  let pumpTimer = 0;

  /** A section's title bar and an estimated height, standing in until the table is built. */
  function placeholder(tb, key, anchor) {
    const { sec } = sectionShell(tb, key, anchor, 'budget-table pending');
    sec.style.minHeight = Math.min(20000, 90 + 24 * tb.rows.length) + 'px';
    return sec;
  }

  function buildPending(until) {
    while (pending.length && performance.now() < until) {
      const key = pending.shift();
      const s = sections.get(key);
      if (!s || s.built) continue;
      const sec = buildSection(s.tb, key, s.el.id);
      s.el.replaceWith(sec);
      s.el = sec;
      s.built = true;
      const win = windowed.get(key);
      if (win) updateWindow(win, true);
    }
  }

  function schedulePump() {
    if (pumpTimer || !pending.length) return;
    pumpTimer = setTimeout(() => {
      pumpTimer = 0;
      buildPending(performance.now() + SLICE_MS);
      schedulePump();
    }, 0);
  }

  // ── the page ────────────────────────────────────────────────────────────────────────────────────────

  /** Everything a section shows, as one string (cheaper than JSON for tens of thousands of cells). */
  const fingerprints = new WeakMap();
  function fingerprint(tb) {
    let fp = fingerprints.get(tb);
    if (fp === undefined) {
      fp = computeFingerprint(tb);
      fingerprints.set(tb, fp);
    }
    return fp;
  }

  function computeFingerprint(tb) {
    const parts = [tb.id, tb.title, tb.titleEn || '', tb.subtitle, tb.part || '', tb.note || '', tb.unitLine ? tb.unitLine.left + '|' + tb.unitLine.right : ''];
    for (const row of tb.header || []) for (const h of row) parts.push(`${h.text}|${h.colSpan || 1}|${h.rowSpan || 1}`);
    for (const row of tb.rows) {
      let line = '';
      for (const c of row) line += c.covered ? '\u0001' : `${c.text}\u0003${c.indent || 0}${c.head ? 'h' : ''}${c.amount !== undefined ? 'a' : ''}${c.computed ? 'c' : ''}${c.differs ? 'd' + c.differs : ''}${c.source ? 's' + c.source : ''}${c.file ? 'f' + c.file : ''}${c.colSpan || 1}.${c.rowSpan || 1}\t`;
      parts.push(line);
    }
    return parts.join('\n');
  }

  function sectionKey(tb, i) {
    return `${i}:${tb.id}:${tb.unitName}:${tb.part || ''}`;
  }

  function buildToc(toc, tables, key, layouts) {
    const tocTitle = el('h2', undefined, t().contents);
    // The layout (表式) the tables follow: its name, whether stated or inferred, and why (on hover).
    const head = [tocTitle];
    for (const l of layouts || []) {
      const p = el('p', 'layout' + (l.explicit ? '' : ' inferred'), t().layout(l.name, l.explicit));
      p.title = l.reason || '';
      p.dataset.layout = l.id;
      head.push(p);
    }
    head.push(el('p', 'legend', t().legend));
    const ol = el('ol');
    tables.forEach((tb, i) => {
      const li = el('li');
      const a = el('a', undefined, labelOf(tb));
      a.href = '#t' + (i + 1);
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        const target = document.getElementById('t' + (i + 1));
        if (target) target.scrollIntoView({ block: 'start' });
      });
      li.appendChild(a);
      ol.appendChild(li);
    });
    toc.replaceChildren(...head, ol);
    toc.dataset.key = key;
  }

  function render(next) {
    const app = document.getElementById('app');
    if (!app) return;
    const sameDoc = data && next && data.uri === next.uri;
    data = next;
    const lang = data && data.locale === 'en' ? 'en' : 'zh-CN';
    if (data && data.locale && document.documentElement.lang !== lang) document.documentElement.lang = lang;
    const tables = (data && data.tables) || [];
    const diags = (data && data.diagnostics) || [];
    const scrollY = window.scrollY;
    const anchor = sameDoc ? readingAnchor() : undefined;

    let head = document.getElementById('head');
    let toc = document.getElementById('toc');
    let main = document.getElementById('tables');
    if (!head || !toc || !main) {
      app.replaceChildren();
      head = el('header');
      head.id = 'head';
      toc = el('nav', 'toc');
      toc.id = 'toc';
      main = el('main');
      main.id = 'tables';
      app.append(head, toc, main);
    }

    // Header: file name and diagnostics summary.
    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.filter((d) => d.severity === 'warning').length;
    const headKids = [el('span', 'file', (data && data.fileName) || '')];
    if (errors || warnings) headKids.push(el('span', errors ? 'summary has-errors' : 'summary', t().errors(errors, warnings)));
    headKids.push(el('span', 'hint', t().reveal));
    head.replaceChildren(...headKids);

    // The handout's title and unit line (core/handout.ts), as the exports print them.
    let handout = document.getElementById('handout');
    if (!handout) {
      handout = el('div', 'handout');
      handout.id = 'handout';
      head.after(handout);
    }
    const ho = data && data.handout;
    if (ho && typeof ho.title === 'string') {
      const line = el('p', 'unit-line');
      if (ho.unitLine) line.append(el('span', 'unit-left', String(ho.unitLine.left || '')), el('span', 'unit-right', String(ho.unitLine.right || '')));
      handout.replaceChildren(el('h1', 'title', ho.title), line);
    } else handout.replaceChildren();

    if (!tables.length) {
      toc.replaceChildren();
      delete toc.dataset.key;
      main.replaceChildren(el('p', 'placeholder', data ? t().noUnit : t().empty));
      sections.clear();
      windowed.clear();
      return;
    }

    // Table of contents (rebuilt only when the list of tables or the language changed).
    const layouts = (data && data.layouts) || [];
    const tocKey = tables.map(labelOf).join('\n') + '\u0002' + t().contents + '\u0002' + JSON.stringify(layouts);
    if (toc.dataset.key !== tocKey) buildToc(toc, tables, tocKey, layouts);

    // Sections: rebuild only what changed (diagnostics are part of what a section shows). The first tables
    // are built at once; the rest start as placeholders and are built in short slices right after the
    // first paint (a department file has hundreds of tables).
    const wanted = new Map();
    tables.forEach((tb, i) => {
      const key = sectionKey(tb, i);
      const touching = new Set();
      // Cells are looked up one by one only when some diagnostic falls within the table's source range.
      let lo = Infinity;
      let hi = -Infinity;
      for (const r of tb.rows) {
        for (const c of r) {
          if (!c.span || c.file) continue;
          if (c.span.start < lo) lo = c.span.start;
          if (c.span.end > hi) hi = c.span.end;
        }
      }
      if (lo <= hi && diagnosticsFor({ start: lo, end: hi }).length) {
        for (const r of tb.rows) for (const c of r) if (c.span && !c.file) for (const d of diagnosticsFor(c.span)) touching.add(d);
      }
      // What the section shows: everything but source offsets (an edit moves those of every later table).
      const sig = fingerprint(tb) + '\u0002' + JSON.stringify(diags.filter((d) => touching.has(d)).map((d) => [d.severity, d.message]));
      wanted.set(key, { tb, sig, anchor: 't' + (i + 1) });
    });
    for (const [key, s] of sections) {
      if (!wanted.has(key)) {
        s.el.remove();
        sections.delete(key);
        windowed.delete(key);
      }
    }
    pending.length = 0;
    let eagerRows = 0;
    let prev = null;
    for (const [key, want] of wanted) {
      let s = sections.get(key);
      if (!s || s.sig !== want.sig) {
        windowed.delete(key);
        const now = printing || eagerRows < EAGER_ROWS || (s && s.built);
        const sec = now ? buildSection(want.tb, key, want.anchor) : placeholder(want.tb, key, want.anchor);
        if (now) eagerRows += want.tb.rows.length;
        else pending.push(key);
        if (s) s.el.replaceWith(sec);
        s = { el: sec, sig: want.sig, built: now, tb: want.tb };
        sections.set(key, s);
      } else {
        // Same content: take the new offsets (clicks read them from here; windowed rows are rebuilt from it).
        s.tb = want.tb;
        const win = windowed.get(key);
        if (win) win.tb = want.tb;
        if (!s.built) pending.push(key);
      }
      s.el.id = want.anchor;
      // Keep document order.
      const expectedPrev = prev ? prev.nextSibling : main.firstChild;
      if (expectedPrev !== s.el) main.insertBefore(s.el, expectedPrev);
      prev = s.el;
    }
    for (const node of [...main.childNodes]) if (!(node instanceof HTMLElement) || !node.dataset.key) node.remove();
    updateWindows(true);
    schedulePump();
    if (sameDoc) {
      // Back to the reader's row (or section): a rebuilt section above it may have changed height, so the pixel
      // offset alone would move the content under the reader.
      window.scrollTo(0, scrollY);
      if (anchor) keepAnchor(anchor);
    }
    saveState();
  }

  /**
   * What the reader is looking at: the first section under the top of the window and, within it, the first row
   * there (by its index in the table), with where each stands in the window. Undefined above the first section.
   */
  function readingAnchor() {
    const main = document.getElementById('tables');
    if (!main) return undefined;
    for (const sec of main.children) {
      if (!(sec instanceof HTMLElement) || !sec.dataset.key) continue;
      const box = sec.getBoundingClientRect();
      if (box.bottom <= 0) continue;
      if (box.top > 0) return undefined;
      const a = { key: sec.dataset.key, top: box.top, row: -1, rowTop: 0 };
      const rows = sec.querySelectorAll('tbody tr[data-row]');
      // The first row whose bottom is below the top of the window (rows are in order: a binary search).
      let lo = 0;
      let hi = rows.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (rows[mid].getBoundingClientRect().bottom <= 0) lo = mid + 1;
        else hi = mid;
      }
      if (lo < rows.length) {
        a.row = Number(rows[lo].dataset.row);
        a.rowTop = rows[lo].getBoundingClientRect().top;
      }
      return a;
    }
    return undefined;
  }

  /** Scrolls so that the anchor's row (else its section) stands where it stood. */
  function keepAnchor(a) {
    const s = sections.get(a.key);
    if (!s) return;
    const tr = a.row >= 0 ? s.el.querySelector(`tbody tr[data-row="${a.row}"]`) : null;
    const delta = tr ? tr.getBoundingClientRect().top - a.rowTop : s.el.getBoundingClientRect().top - a.top;
    if (Math.abs(delta) >= 0.5) window.scrollBy(0, delta);
  }

  /**
   * The complete tables of an update. After the first post the extension sends deltas (client/src/preview-delta.ts):
   * a table whose content did not change comes as { keep: index in the previous post, shift: offset delta }
   * and is taken from the current data, its spans moved in place. Undefined when the delta builds on a post
   * this page does not hold.
   */
  function applyDelta(msg) {
    const list = Array.isArray(msg.tables) ? msg.tables : [];
    if (typeof msg.base !== 'number') return list;
    if (!data || data.seq !== msg.base || data.uri !== msg.uri) return undefined;
    const prev = data.tables;
    const out = [];
    const used = new Set();
    for (const e of list) {
      if (!e || typeof e !== 'object') return undefined;
      if (typeof e.keep !== 'number') {
        out.push(e);
        continue;
      }
      const tb = prev[e.keep];
      // Each previous table is kept at most once: its spans are moved in place.
      if (!tb || used.has(e.keep)) return undefined;
      used.add(e.keep);
      out.push(tb);
    }
    // Shift only once the whole delta is known to apply.
    list.forEach((e, i) => {
      const shift = e && typeof e.keep === 'number' ? Number(e.shift) || 0 : 0;
      if (!shift) return;
      for (const row of out[i].rows) for (const c of row) if (c.span && !c.file) c.span = { start: c.span.start + shift, end: c.span.end + shift };
    });
    return out;
  }

  // ── state, events ───────────────────────────────────────────────────────────────────────────────────

  let saveTimer = 0;
  function saveState() {
    if (!vscode) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => vscode.setState({ uri: data && data.uri, scrollY: window.scrollY }), 100);
  }

  document.addEventListener('click', (ev) => {
    const target = /** @type {HTMLElement} */ (ev.target);
    const td = target && target.closest ? target.closest('td.src') : null;
    if (!td) return;
    const sec = td.closest('section.budget-table');
    const live = sec && sections.get(sec.dataset.key);
    const cell = live && live.tb.rows[Number(td.dataset.r)] && live.tb.rows[Number(td.dataset.r)][Number(td.dataset.c)];
    const span = cell && cell.span;
    const start = span ? span.start : Number(td.getAttribute('data-start'));
    const end = span ? span.end : Number(td.getAttribute('data-end'));
    // The figure's own file when it is another (the extension opens only files its tables named), else this one.
    const file = cell ? cell.file : td.dataset.file;
    if (Number.isFinite(start) && Number.isFinite(end)) post({ type: 'reveal', start, end, uri: typeof file === 'string' ? file : data && data.uri });
  });

  let scrollQueued = false;
  window.addEventListener('scroll', () => {
    saveState();
    if (scrollQueued || !windowed.size) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      updateWindows(false);
    });
  }, { passive: true });
  window.addEventListener('resize', () => updateWindows(true));

  // Printing shows every row of windowed tables.
  window.addEventListener('beforeprint', () => {
    printing = true;
    // Everything on paper: the tables not built yet, and every row of the windowed ones.
    buildPending(Infinity);
    // Through a fragment: spreading every row of a large table into one call overflows the stack.
    for (const win of windowed.values()) {
      const all = document.createDocumentFragment();
      win.tb.rows.forEach((r, i) => all.appendChild(buildRow(r, i)));
      win.tbody.replaceChildren(all);
    }
  });
  window.addEventListener('afterprint', () => {
    printing = false;
    updateWindows(true);
  });

  window.addEventListener('message', (ev) => {
    const msg = ev.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'update') {
      const tables = applyDelta(msg);
      // A delta on a post this page does not hold (a reloaded page, a lost message): ask for everything.
      if (!tables) return post({ type: 'resync' });
      render({
        tables,
        diagnostics: Array.isArray(msg.diagnostics) ? msg.diagnostics : [],
        layouts: Array.isArray(msg.layouts) ? msg.layouts : [],
        handout: msg.handout && typeof msg.handout === 'object' ? msg.handout : undefined,
        locale: msg.locale === 'en' ? 'en' : 'zh-CN',
        uri: msg.uri, fileName: msg.fileName, version: msg.version, seq: typeof msg.seq === 'number' ? msg.seq : undefined,
      });
    } else if (msg.type === 'error') {
      const app = document.getElementById('app');
      if (!app) return;
      let box = document.getElementById('error');
      if (!box) {
        box = el('p', 'error-box');
        box.id = 'error';
        app.prepend(box);
      }
      box.textContent = String(msg.message || '');
      box.hidden = !msg.message;
    }
  });

  // Restore (reload, or a revived panel): scroll position once data is there.
  const saved = vscode ? vscode.getState() : null;
  if (w.__BUDGET_TABLES__) {
    const d = w.__BUDGET_TABLES__;
    render({ tables: d.tables || [], diagnostics: d.diagnostics || [], layouts: d.layouts || [], handout: d.handout, locale: d.locale === 'en' ? 'en' : 'zh-CN', uri: d.uri, fileName: d.fileName, version: d.version });
  }
  if (saved && typeof saved.scrollY === 'number') {
    const restore = () => window.scrollTo(0, saved.scrollY);
    window.addEventListener('message', function once(ev) {
      if (ev.data && ev.data.type === 'update' && ev.data.uri === saved.uri) {
        window.removeEventListener('message', once);
        setTimeout(restore, 0);
      }
    });
  }
  post({ type: 'ready' });
})();

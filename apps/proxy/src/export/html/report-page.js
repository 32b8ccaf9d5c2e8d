// The script of the HTML report (`mcpscope export --html`). Plain browser JavaScript, inlined
// into the report and allowed by its CSP hash: no modules, no network, no innerHTML. Every
// string from the recording reaches the page through textContent, so a server that sends
// markup gets it shown, not run.
(function () {
  'use strict';

  const ROW_HEIGHT = 24;
  /** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
  const OVERSCAN = 20;
  /** Children of a JSON array or object drawn per "show more". */
  const CHILD_CHUNK = 200;
  /** Strings longer than this are cut, with a button for the rest. */
  const LONG_STRING = 2000;
  /** "Expand all" stops after this many nodes, so a huge message cannot hang the page. */
  const EXPAND_LIMIT = 5000;

  const data = JSON.parse(document.getElementById('recording-data').textContent);
  const entries = data.entries;
  const bySeq = new Map();
  /** seq of a request -> its response entry. */
  const responseOf = new Map();
  for (const e of entries) bySeq.set(e.seq, e);
  for (const e of entries) if (e.pairSeq !== undefined) responseOf.set(e.pairSeq, e);

  // ---- small DOM helpers (text only) ----

  function el(tag, props, children) {
    const node = document.createElement(tag);
    if (props)
      for (const [k, v] of Object.entries(props)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'text') node.textContent = String(v);
        else if (k === 'className') node.className = v;
        else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    if (children)
      for (const c of children)
        if (c !== undefined && c !== null && c !== false)
          node.append(typeof c === 'string' ? document.createTextNode(c) : c);
    return node;
  }

  function formatMs(ms) {
    if (ms === undefined) return '';
    if (ms < 1) return `${ms.toFixed(2)} ms`;
    if (ms < 1000) return `${ms.toFixed(1)} ms`;
    return `${(ms / 1000).toFixed(2)} s`;
  }

  function formatBytes(n) {
    if (n === undefined) return '';
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
    return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  }

  // ---- what each entry is, in words ----

  function methodOf(e) {
    const m = e.msg;
    if (m && typeof m === 'object' && typeof m.method === 'string') return m.method;
    if (e.pairSeq !== undefined) {
      const req = bySeq.get(e.pairSeq);
      if (req && req.msg && typeof req.msg.method === 'string') return req.msg.method;
    }
    return undefined;
  }

  function idOf(e) {
    const m = e.msg;
    return m && typeof m === 'object' && m.id !== undefined ? ` #${JSON.stringify(m.id)}` : '';
  }

  function labelOf(e) {
    const t = e.transport || {};
    switch (e.kind) {
      case 'request':
      case 'notification':
        return `${methodOf(e) ?? '?'}${idOf(e)}`;
      case 'response':
        return `${methodOf(e) ?? 'response'}${idOf(e)}`;
      case 'error': {
        const err = (e.msg && e.msg.error) || {};
        return `${methodOf(e) ?? 'error'}${idOf(e)}: ${err.code ?? ''} ${err.message ?? ''}`;
      }
      case 'http': {
        const h = t.http;
        if (h)
          return `${h.method} ${h.url}${h.status !== undefined ? ` → ${h.status} ${h.statusText ?? ''}` : ''}`;
        return t.detail ?? e.raw ?? 'http';
      }
      case 'lifecycle':
        return [t.state, t.detail].filter(Boolean).join(': ') || 'lifecycle';
      case 'stderr':
      case 'raw':
        return e.raw ?? (e.msg !== undefined ? JSON.stringify(e.msg) : '');
      default:
        return e.kind;
    }
  }

  const labels = entries.map((e) => labelOf(e).slice(0, 400));

  /** Search text per entry, built on the first search: 100k entries cost a few hundred ms. */
  let haystacks;
  function haystack(i) {
    if (!haystacks) {
      haystacks = entries.map((e, j) => {
        const parts = [labels[j]];
        if (e.msg !== undefined) parts.push(JSON.stringify(e.msg));
        if (e.raw !== undefined) parts.push(e.raw);
        if (e.transport) parts.push(JSON.stringify(e.transport));
        if (e.issues) for (const d of e.issues) parts.push(d.code, d.message);
        return parts.join('\n').toLowerCase();
      });
    }
    return haystacks[i];
  }

  // ---- the summary: target, handshake, counts ----

  function handshake() {
    const init = entries.find(
      (e) =>
        e.dir === 'c2s' &&
        e.kind === 'request' &&
        (methodOf(e) === 'initialize' || methodOf(e) === 'server/discover'),
    );
    if (!init) return undefined;
    return { request: init, response: responseOf.get(init.seq) };
  }

  function counts() {
    const c = {
      request: 0,
      response: 0,
      notification: 0,
      error: 0,
      stderr: 0,
      http: 0,
      lifecycle: 0,
      raw: 0,
    };
    const severity = { error: 0, warning: 0, info: 0 };
    for (const e of entries) {
      c[e.kind] = (c[e.kind] ?? 0) + 1;
      if (e.issues)
        for (const d of e.issues) severity[d.severity] = (severity[d.severity] ?? 0) + 1;
    }
    return { kinds: c, severity };
  }

  function describeTarget(target) {
    if (target.transport === 'stdio') return [target.command, ...(target.args ?? [])].join(' ');
    return target.url;
  }

  function chips(names) {
    return el(
      'span',
      { className: 'chips' },
      names.length === 0
        ? [el('span', { className: 'muted', text: 'none' })]
        : names.map((n) => el('span', { className: 'chip', text: n })),
    );
  }

  function renderSummary() {
    const h = data.header;
    const hs = handshake();
    const c = counts();
    const last = entries.length > 0 ? entries[entries.length - 1].t : 0;
    const rows = [
      ['Target', `${describeTarget(h.target)} (${h.target.transport})`],
      ['Recorded', `${h.createdAt} by ${h.client.name} ${h.client.version}`],
      ['Duration', formatMs(last)],
    ];
    const grid = el('dl', { className: 'facts' });
    const add = (k, v) => grid.append(el('dt', { text: k }), el('dd', {}, [v]));
    for (const [k, v] of rows) add(k, v);
    if (hs) {
      const params = (hs.request.msg && hs.request.msg.params) || {};
      const result = hs.response && hs.response.msg && hs.response.msg.result;
      const info = (result && result.serverInfo) || {};
      add(
        'Server',
        result
          ? `${info.title ?? info.name ?? '?'}${info.name && info.title ? ` (${info.name})` : ''} ${info.version ?? ''}`
          : hs.response
            ? 'the handshake failed (see the response)'
            : 'no answer to the handshake',
      );
      add(
        'Protocol',
        `offered ${params.protocolVersion ?? '?'}, agreed ${(result && result.protocolVersion) ?? '?'}${hs.response ? ` in ${formatMs(hs.response.durationMs)}` : ''}`,
      );
      add('Server capabilities', chips(Object.keys((result && result.capabilities) || {})));
      add('Client capabilities', chips(Object.keys(params.capabilities || {})));
      if (result && typeof result.instructions === 'string' && result.instructions !== '') {
        add(
          'Instructions',
          el('details', {}, [
            el('summary', { text: `${result.instructions.length} characters` }),
            el('pre', { className: 'instructions', text: result.instructions }),
          ]),
        );
      }
      add(
        '',
        el('button', {
          type: 'button',
          className: 'link',
          text: 'Show the handshake',
          onclick: () => select(indexOfSeq(hs.request.seq), true),
        }),
      );
    } else {
      add('Handshake', 'none in this recording');
    }
    const k = c.kinds;
    add(
      'Entries',
      `${entries.length}: ${k.request} requests, ${k.response} responses, ${k.error} errors, ${k.notification} notifications, ${k.stderr} stderr lines, ${k.http} HTTP, ${k.lifecycle} lifecycle, ${k.raw} raw`,
    );
    add(
      'Diagnostics',
      c.severity.error + c.severity.warning + c.severity.info === 0
        ? 'none'
        : `${c.severity.error} errors, ${c.severity.warning} warnings, ${c.severity.info} info`,
    );
    const children = [
      el('summary', {}, [el('h1', { text: `mcpscope report: ${data.file}` })]),
      grid,
    ];
    for (const w of data.warnings)
      children.push(el('p', { className: 'warning', role: 'status', text: `Warning: ${w}` }));
    return el('details', { className: 'summary', open: true }, children);
  }

  // ---- filters ----

  const FILTERS = [
    ['all', 'All', () => true],
    [
      'messages',
      'Requests & responses',
      (e) => e.kind === 'request' || e.kind === 'response' || e.kind === 'error',
    ],
    ['notifications', 'Notifications', (e) => e.kind === 'notification'],
    [
      'errors',
      'Errors',
      (e) => e.kind === 'error' || (e.issues || []).some((d) => d.severity === 'error'),
    ],
    ['stderr', 'Stderr', (e) => e.kind === 'stderr'],
    [
      'transport',
      'HTTP & lifecycle',
      (e) => e.kind === 'http' || e.kind === 'lifecycle' || e.kind === 'raw',
    ],
    ['diagnostics', 'With diagnostics', (e) => (e.issues || []).length > 0],
  ];
  let filter = FILTERS[0];
  let query = '';
  /** Indexes into `entries` that pass the filter and the search. */
  let visible = entries.map((_, i) => i);
  let selected = -1; // index into entries

  function applyFilters() {
    const q = query.trim().toLowerCase();
    const pass = filter[2];
    const next = [];
    for (let i = 0; i < entries.length; i++)
      if (pass(entries[i]) && (q === '' || haystack(i).includes(q))) next.push(i);
    visible = next;
    countLabel.textContent =
      visible.length === entries.length
        ? `${entries.length} entries`
        : `${visible.length} of ${entries.length} entries`;
    empty.hidden = visible.length > 0;
    spacer.style.height = `${visible.length * ROW_HEIGHT}px`;
    renderRows(true);
  }

  // ---- the virtual list ----

  const list = el('div', {
    className: 'list',
    role: 'listbox',
    'aria-label': 'Entries',
    tabindex: '0',
  });
  const spacer = el('div', { className: 'spacer' });
  const rowsLayer = el('div', { className: 'rows' });
  spacer.append(rowsLayer);
  const empty = el('p', {
    className: 'empty',
    text: 'Nothing matches the search and filter.',
    hidden: true,
  });
  list.append(spacer, empty);

  function rowFor(i) {
    const e = entries[i];
    const dir = e.dir === 'c2s' ? '→' : e.dir === 's2c' ? '←' : '·';
    const issues = e.issues || [];
    const worst = issues.some((d) => d.severity === 'error')
      ? 'error'
      : issues.some((d) => d.severity === 'warning')
        ? 'warning'
        : issues.length
          ? 'info'
          : '';
    const response = e.kind === 'request' ? responseOf.get(e.seq) : undefined;
    const duration = e.durationMs ?? (response && response.durationMs);
    return el(
      'div',
      {
        className: `row kind-${e.kind}${i === selected ? ' selected' : ''}`,
        role: 'option',
        id: `entry-${e.seq}`,
        'aria-selected': i === selected ? 'true' : 'false',
        'data-index': String(i),
      },
      [
        el('span', { className: 'seq', text: String(e.seq) }),
        el('span', { className: 'time', text: (e.t / 1000).toFixed(3) }),
        el('span', { className: `dir dir-${e.dir}`, text: dir, title: e.dir }),
        el('span', { className: 'kind', text: e.kind }),
        el('span', { className: 'label', text: labels[i] }),
        el('span', { className: 'duration', text: formatMs(duration) }),
        el('span', {
          className: `badge ${worst}`,
          text: issues.length ? String(issues.length) : '',
          title: issues.map((d) => d.code).join(', ') || undefined,
        }),
      ],
    );
  }

  let drawn = { from: -1, to: -1 };
  function renderRows(force) {
    const top = list.scrollTop;
    const height = list.clientHeight || 600;
    const from = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const to = Math.min(visible.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    if (!force && from === drawn.from && to === drawn.to) return;
    drawn = { from, to };
    const frag = document.createDocumentFragment();
    for (let k = from; k < to; k++) {
      const row = rowFor(visible[k]);
      row.style.top = `${k * ROW_HEIGHT}px`;
      frag.append(row);
    }
    rowsLayer.replaceChildren(frag);
    const current = selected >= 0 ? `entry-${entries[selected].seq}` : '';
    if (current && document.getElementById(current))
      list.setAttribute('aria-activedescendant', current);
    else list.removeAttribute('aria-activedescendant');
  }

  let frame = 0;
  list.addEventListener('scroll', () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      renderRows(false);
    });
  });
  list.addEventListener('click', (event) => {
    const row = event.target.closest('.row');
    if (row) select(Number(row.dataset.index), false);
  });
  list.addEventListener('keydown', (event) => {
    const at = visible.indexOf(selected);
    let next;
    if (event.key === 'ArrowDown') next = Math.min(visible.length - 1, at + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, at - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = visible.length - 1;
    else return;
    event.preventDefault();
    if (next >= 0 && visible[next] !== undefined) select(visible[next], true);
  });

  function indexOfSeq(seq) {
    // Seqs rise by one from 0 in a recording, so this is usually a direct hit.
    if (entries[seq] && entries[seq].seq === seq) return seq;
    return entries.findIndex((e) => e.seq === seq);
  }

  function select(i, scroll) {
    if (i < 0 || i >= entries.length) return;
    selected = i;
    if (scroll) {
      let k = visible.indexOf(i);
      if (k < 0) {
        // The entry is filtered out: show everything again rather than select the invisible.
        filter = FILTERS[0];
        query = '';
        search.value = '';
        updateFilterButtons();
        applyFilters();
        k = visible.indexOf(i);
      }
      const top = k * ROW_HEIGHT;
      if (top < list.scrollTop || top + ROW_HEIGHT > list.scrollTop + list.clientHeight)
        list.scrollTop = Math.max(0, top - list.clientHeight / 3);
    }
    renderRows(true);
    renderDetail(entries[i]);
  }

  // ---- the detail pane ----

  const detail = el('section', { className: 'detail', 'aria-label': 'Entry detail' });

  function renderDetail(e) {
    const parts = [];
    const response = e.kind === 'request' ? responseOf.get(e.seq) : undefined;
    const request = e.pairSeq !== undefined ? bySeq.get(e.pairSeq) : undefined;
    parts.push(
      el('div', { className: 'detail-head' }, [
        el('h2', { text: `${e.kind} ${labels[indexOfSeq(e.seq)] ?? ''}`.slice(0, 300) }),
        el('div', { className: 'buttons' }, [
          el('button', { type: 'button', text: 'Expand all', onclick: () => expandAll(detail) }),
          el('button', {
            type: 'button',
            text: 'Collapse all',
            onclick: () => collapseAll(detail),
          }),
        ]),
      ]),
    );
    parts.push(factsOf(e));
    parts.push(...entrySections(e, 'Message'));
    if (response) {
      parts.push(
        el('h3', {}, [
          `Response${response.durationMs !== undefined ? ` after ${formatMs(response.durationMs)}` : ''} `,
          el('button', {
            type: 'button',
            className: 'link',
            text: `go to #${response.seq}`,
            onclick: () => select(indexOfSeq(response.seq), true),
          }),
        ]),
      );
      parts.push(...entrySections(response, undefined));
    } else if (e.kind === 'request') {
      parts.push(el('p', { className: 'muted', text: 'No response in this recording.' }));
    }
    if (request) {
      parts.push(
        el('h3', {}, [
          'Request ',
          el('button', {
            type: 'button',
            className: 'link',
            text: `go to #${request.seq}`,
            onclick: () => select(indexOfSeq(request.seq), true),
          }),
        ]),
      );
      parts.push(...entrySections(request, undefined));
    }
    detail.replaceChildren(...parts);
    detail.scrollTop = 0;
  }

  function factsOf(e) {
    const t = e.transport || {};
    const dl = el('dl', { className: 'facts' });
    const add = (k, v) => {
      if (v !== undefined && v !== '')
        dl.append(el('dt', { text: k }), el('dd', { text: String(v) }));
    };
    add('seq', e.seq);
    add('time', `${formatMs(e.t)} after start`);
    add(
      'direction',
      { c2s: 'client → server', s2c: 'server → client', meta: 'about the connection' }[e.dir],
    );
    add('size', formatBytes(e.size));
    add('duration', formatMs(e.durationMs));
    add('state', t.state);
    add('detail', t.detail);
    add('session id', t.sessionId);
    add('SSE event id', t.sseEventId);
    add('pid', t.pid);
    add('exit code', t.exitCode === null ? 'none' : t.exitCode);
    add('signal', t.signal);
    if (t.http) {
      add('HTTP', `${t.http.method} ${t.http.url}`);
      add(
        'status',
        t.http.status !== undefined ? `${t.http.status} ${t.http.statusText ?? ''}` : undefined,
      );
      add('content type', t.http.contentType);
    }
    return dl;
  }

  function entrySections(e, title) {
    const out = [];
    if (e.issues && e.issues.length > 0) {
      out.push(
        el(
          'ul',
          { className: 'issues', 'aria-label': 'Diagnostics' },
          e.issues.map((d) =>
            el('li', { className: d.severity }, [
              el('span', { className: `badge ${d.severity}`, text: d.severity }),
              el('code', { text: d.code }),
              ` ${d.message}`,
              d.path ? el('span', { className: 'muted', text: ` at ${d.path}` }) : undefined,
            ]),
          ),
        ),
      );
    }
    const http = e.transport && e.transport.http;
    if (http && http.requestHeaders) out.push(headerTable('Request headers', http.requestHeaders));
    if (http && http.responseHeaders)
      out.push(headerTable('Response headers', http.responseHeaders));
    if (e.msg !== undefined) {
      if (title) out.push(el('h3', { text: title }));
      autoOpenBudget = AUTO_OPEN_CHILDREN;
      out.push(
        el('div', { className: 'json', role: 'tree', 'aria-label': `JSON of entry ${e.seq}` }, [
          jsonNode(undefined, e.msg, 0),
        ]),
      );
    }
    if (e.raw !== undefined) {
      out.push(el('h3', { text: e.kind === 'stderr' ? 'Stderr line' : 'Text' }));
      out.push(stringView(e.raw, 'raw'));
    }
    return out;
  }

  function headerTable(title, headers) {
    const names = Object.keys(headers);
    return el('details', { className: 'headers' }, [
      el('summary', { text: `${title} (${names.length})` }),
      el(
        'table',
        {},
        names.map((n) =>
          el('tr', {}, [el('th', { scope: 'row', text: n }), el('td', { text: headers[n] })]),
        ),
      ),
    ]);
  }

  // ---- collapsible JSON, drawn lazily ----

  function stringView(text, className) {
    if (text.length <= LONG_STRING) return el('pre', { className, text });
    const pre = el('pre', { className, text: text.slice(0, LONG_STRING) });
    const more = el('button', {
      type: 'button',
      className: 'link',
      text: `show ${text.length - LONG_STRING} more characters`,
      onclick: () => {
        pre.textContent = text;
        more.remove();
      },
    });
    return el('div', {}, [pre, more]);
  }

  function keyLabel(key) {
    return key === undefined ? undefined : el('span', { className: 'key', text: `${key}: ` });
  }

  function leaf(key, value) {
    let node;
    if (typeof value === 'string') {
      const shown = value.length > LONG_STRING ? undefined : JSON.stringify(value);
      node =
        shown !== undefined
          ? el('span', { className: 'v-string', text: shown })
          : stringView(value, 'v-string long');
    } else {
      node = el('span', {
        className: `v-${value === null ? 'null' : typeof value}`,
        text: JSON.stringify(value) ?? String(value),
      });
    }
    return el('div', { className: 'leaf', role: 'treeitem' }, [keyLabel(key), node]);
  }

  /** Children that may still be shown open by default in the entry being drawn. */
  let autoOpenBudget = 0;
  const AUTO_OPEN_CHILDREN = 60;

  function jsonNode(key, value, depth) {
    const isArray = Array.isArray(value);
    if (value === null || typeof value !== 'object') return leaf(key, value);
    const keys = isArray ? value.map((_, i) => i) : Object.keys(value);
    if (keys.length === 0) return leaf(key, value);
    const summary = el('summary', {}, [
      keyLabel(key),
      el('span', { className: 'muted', text: isArray ? `[${keys.length}]` : `{${keys.length}}` }),
      el('span', { className: 'preview', text: preview(value, isArray, keys) }),
    ]);
    const node = el('details', { className: 'node', role: 'treeitem' }, [summary]);
    node._fill = () => {
      if (node._filled) return;
      node._filled = true;
      const body = el('div', { className: 'children', role: 'group' });
      let shown = 0;
      const more = el('button', { type: 'button', className: 'link more' });
      const showMore = () => {
        const end = Math.min(keys.length, shown + CHILD_CHUNK);
        const frag = document.createDocumentFragment();
        for (; shown < end; shown++)
          frag.append(jsonNode(keys[shown], value[keys[shown]], depth + 1));
        body.insertBefore(frag, more);
        if (shown >= keys.length) more.remove();
        else
          more.textContent = `show ${Math.min(CHILD_CHUNK, keys.length - shown)} more of ${keys.length - shown}`;
      };
      more.addEventListener('click', showMore);
      body.append(more);
      showMore();
      node.append(body);
    };
    node.addEventListener('toggle', () => {
      if (node.open) node._fill();
    });
    // Messages open a few levels deep, enough to see arguments and result content at a
    // glance, until a budget of children is spent: a tools/list result stays readable.
    if (depth < 4 && autoOpenBudget > 0) {
      autoOpenBudget -= keys.length;
      node.open = true;
      node._fill();
    }
    return node;
  }

  function preview(value, isArray, keys) {
    if (isArray) return '';
    const text = keys
      .slice(0, 6)
      .map((k) => {
        const v = value[k];
        return `${k}: ${v !== null && typeof v === 'object' ? (Array.isArray(v) ? '[…]' : '{…}') : JSON.stringify(v)}`;
      })
      .join(', ');
    return ` ${text.length > 120 ? `${text.slice(0, 120)}…` : text}${keys.length > 6 ? ', …' : ''}`;
  }

  function expandAll(root) {
    let budget = EXPAND_LIMIT;
    const stack = [...root.querySelectorAll(':scope details.node')];
    while (stack.length > 0 && budget-- > 0) {
      const node = stack.shift();
      node._fill();
      node.open = true;
      for (const child of node.querySelectorAll(':scope > .children > details.node'))
        stack.push(child);
    }
  }

  function collapseAll(root) {
    for (const node of root.querySelectorAll('details.node')) node.open = false;
  }

  // ---- the page ----

  const search = el('input', {
    type: 'search',
    className: 'search',
    placeholder: 'Search methods, payloads, stderr…',
    'aria-label': 'Search entries',
  });
  let debounce = 0;
  search.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      query = search.value;
      applyFilters();
    }, 120);
  });
  const countLabel = el('span', {
    className: 'count',
    'data-testid': 'entry-count',
    role: 'status',
  });
  const filterButtons = FILTERS.map((f) =>
    el('button', {
      type: 'button',
      className: 'filter',
      text: f[1],
      'aria-pressed': 'false',
      onclick: () => {
        filter = f;
        updateFilterButtons();
        applyFilters();
      },
    }),
  );
  function updateFilterButtons() {
    filterButtons.forEach((b, i) =>
      b.setAttribute('aria-pressed', FILTERS[i] === filter ? 'true' : 'false'),
    );
  }

  const header = el('div', { className: 'list-head', 'aria-hidden': 'true' }, [
    el('span', { className: 'seq', text: 'seq' }),
    el('span', { className: 'time', text: 's' }),
    el('span', { className: 'dir', text: '' }),
    el('span', { className: 'kind', text: 'kind' }),
    el('span', { className: 'label', text: 'what' }),
    el('span', { className: 'duration', text: 'duration' }),
    el('span', { className: 'badge', text: '' }),
  ]);

  const app = document.getElementById('app');
  app.append(
    renderSummary(),
    el('div', { className: 'toolbar', role: 'search' }, [
      search,
      el('div', { className: 'filters', role: 'group', 'aria-label': 'Filter' }, filterButtons),
      countLabel,
    ]),
    el('main', {}, [el('div', { className: 'pane' }, [header, list]), detail]),
    el('footer', {
      text: `Generated by ${data.generator}. Secrets are redacted unless the export was made with --no-redact.`,
    }),
  );
  detail.append(
    el('p', {
      className: 'muted',
      text: 'Select an entry to see its message, its pair and its diagnostics.',
    }),
  );
  updateFilterButtons();
  applyFilters();
  new ResizeObserver(() => renderRows(true)).observe(list);
})();

// The script of the HTML report (`mcpscope export --html`). Plain browser JavaScript, inlined
// into the report and allowed by its CSP hash: no modules, no network, no innerHTML. Every
// string from the recording reaches the page through textContent, so a server that sends
// markup gets it shown, not run.
(async function () {
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

  const app = document.getElementById('app');
  let data;
  try {
    data = await loadData();
  } catch (error) {
    const p = document.createElement('p');
    p.className = 'warning';
    p.textContent = `This report could not be read: ${error && error.message}`;
    app.replaceChildren(p);
    return;
  }
  const { meta, index, lines } = data;
  const total = index.length;
  // Columns of an index row (see report-index.ts).
  const [SEQ, T, DIR, KIND, LABEL, DURATION, PAIR, ERRORS, WARNINGS, INFOS] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
  ];

  /** Entry i, parsed when it is shown: the page never holds 100k parsed messages. */
  function entry(i) {
    return JSON.parse(lines[i]);
  }

  /**
   * The embedded recording: base64 of gzip of three parts separated by newlines: a JSON
   * object about the file, the JSON index of list rows, then one JSON line per entry.
   */
  async function loadData() {
    const encoded = document.getElementById('recording-data').textContent.trim();
    const status = document.createElement('p');
    status.className = 'muted loading';
    status.textContent = `Reading ${(encoded.length / 1024 / 1024).toFixed(1)} MB…`;
    app.replaceChildren(status);
    const binary = atob(encoded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    const text = await new Response(stream).text();
    status.remove();
    const first = text.indexOf('\n');
    const second = text.indexOf('\n', first + 1);
    const rest = second < 0 ? '' : text.slice(second + 1);
    return {
      meta: JSON.parse(text.slice(0, first)),
      index: JSON.parse(second < 0 ? text.slice(first + 1) : text.slice(first + 1, second)),
      lines: rest === '' ? [] : rest.split('\n'),
    };
  }

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
    if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
    const minutes = Math.floor(ms / 60_000);
    const rest = `${Math.round((ms % 60_000) / 1000)} s`;
    return minutes < 60
      ? `${minutes} min ${rest}`
      : `${Math.floor(minutes / 60)} h ${minutes % 60} min ${rest}`;
  }

  function formatBytes(n) {
    if (n === undefined) return '';
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
    return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  }

  /** Search text per entry, built on the first search: 100k entries cost a few hundred ms. */
  let haystacks;
  function haystack(i) {
    if (!haystacks) {
      haystacks = index.map((row, j) => `${row[LABEL]}\n${lines[j]}`.toLowerCase());
    }
    return haystacks[i];
  }

  // ---- the summary: target, handshake, counts ----

  function handshake() {
    // The first initialize, or a server/discover the server answered with a discover result;
    // a probe a legacy server refused is negotiation, not the handshake.
    for (let at = 0; at < index.length; at++) {
      const row = index[at];
      if (row[DIR] !== 'c2s' || row[KIND] !== 'request') continue;
      if (!/^(initialize|server\/discover)\b/.test(row[LABEL])) continue;
      const pair = index[at][PAIR];
      const response = pair >= 0 ? entry(pair) : undefined;
      const modern = /^server\/discover\b/.test(row[LABEL]);
      if (modern) {
        const result = response && response.msg && response.msg.result;
        if (!result || !Array.isArray(result.supportedVersions)) continue;
      }
      return { at, request: entry(at), response, modern };
    }
    return undefined;
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
    for (const row of index) {
      c[row[KIND]] = (c[row[KIND]] ?? 0) + 1;
      severity.error += row[ERRORS];
      severity.warning += row[WARNINGS];
      severity.info += row[INFOS];
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
    const h = meta.header;
    const hs = handshake();
    const c = counts();
    const last = total > 0 ? index[total - 1][T] : 0;
    const rows = [
      ['Target', `${describeTarget(h.target)} (${h.target.transport})`],
      ['Recorded', `${h.createdAt} by ${h.client.name} ${h.client.version}`],
      ['Duration', formatMs(last)],
    ];
    const grid = el('dl', { className: 'facts' });
    const add = (k, v) => grid.append(el('dt', { text: k }), el('dd', {}, [v]));
    for (const [k, v] of rows) add(k, v);
    if (hs) {
      const raw = (hs.request.msg && hs.request.msg.params) || {};
      const envelope = raw._meta || {};
      const found = hs.response && hs.response.msg && hs.response.msg.result;
      // The 2026-07-28 handshake carries the offer in _meta and the server in the result's _meta.
      const params = hs.modern
        ? {
            protocolVersion: envelope['io.modelcontextprotocol/protocolVersion'],
            capabilities: envelope['io.modelcontextprotocol/clientCapabilities'],
          }
        : raw;
      const result =
        hs.modern && found
          ? {
              ...found,
              protocolVersion: params.protocolVersion,
              serverInfo: (found._meta || {})['io.modelcontextprotocol/serverInfo'],
            }
          : found;
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
          onclick: () => select(hs.at, true),
        }),
      );
    } else {
      add('Handshake', 'none in this recording');
    }
    const k = c.kinds;
    add(
      'Entries',
      `${total}: ${k.request} requests, ${k.response} responses, ${k.error} errors, ${k.notification} notifications, ${k.stderr} stderr lines, ${k.http} HTTP, ${k.lifecycle} lifecycle, ${k.raw} raw`,
    );
    add(
      'Diagnostics',
      c.severity.error + c.severity.warning + c.severity.info === 0
        ? 'none'
        : `${c.severity.error} errors, ${c.severity.warning} warnings, ${c.severity.info} info`,
    );
    const children = [
      el('summary', {}, [el('h1', { text: `mcpscope report: ${meta.file}` })]),
      grid,
    ];
    for (const w of meta.warnings)
      children.push(el('p', { className: 'warning', role: 'status', text: `Warning: ${w}` }));
    return el('details', { className: 'summary', open: true }, children);
  }

  // ---- filters ----

  const isMessage = (k) => k === 'request' || k === 'response' || k === 'error';
  const FILTERS = [
    ['all', 'All', () => true],
    ['messages', 'Requests & responses', (row) => isMessage(row[KIND])],
    ['notifications', 'Notifications', (row) => row[KIND] === 'notification'],
    ['errors', 'Errors', (row) => row[KIND] === 'error' || row[ERRORS] > 0],
    ['stderr', 'Stderr', (row) => row[KIND] === 'stderr'],
    ['transport', 'HTTP & lifecycle', (row) => ['http', 'lifecycle', 'raw'].includes(row[KIND])],
    ['diagnostics', 'With diagnostics', (row) => row[ERRORS] + row[WARNINGS] + row[INFOS] > 0],
  ];
  let filter = FILTERS[0];
  let query = '';
  /** Indexes of the entries that pass the filter and the search. */
  let visible = index.map((_, i) => i);
  let selected = -1;

  function applyFilters() {
    const q = query.trim().toLowerCase();
    const pass = filter[2];
    const next = [];
    for (let i = 0; i < total; i++)
      if (pass(index[i]) && (q === '' || haystack(i).includes(q))) next.push(i);
    visible = next;
    countLabel.textContent =
      visible.length === total ? `${total} entries` : `${visible.length} of ${total} entries`;
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
    const row = index[i];
    const [errors, warnings, infos] = [row[ERRORS], row[WARNINGS], row[INFOS]];
    const issues = errors + warnings + infos;
    const worst = errors ? 'error' : warnings ? 'warning' : infos ? 'info' : '';
    return el(
      'div',
      {
        className: `row kind-${row[KIND]}${i === selected ? ' selected' : ''}`,
        role: 'option',
        id: `entry-${i}`,
        'aria-selected': i === selected ? 'true' : 'false',
        'data-index': String(i),
      },
      [
        el('span', { className: 'seq', text: String(row[SEQ]) }),
        el('span', { className: 'time', text: (row[T] / 1000).toFixed(3) }),
        el('span', {
          className: `dir dir-${row[DIR]}`,
          text: row[DIR] === 'c2s' ? '→' : row[DIR] === 's2c' ? '←' : '·',
          title: row[DIR],
        }),
        el('span', { className: 'kind', text: row[KIND] }),
        el('span', { className: 'label', text: row[LABEL] }),
        el('span', { className: 'duration', text: formatMs(row[DURATION] ?? undefined) }),
        el('span', {
          className: `badge ${worst}`,
          text: issues ? String(issues) : '',
          title: issues ? `${errors} errors, ${warnings} warnings, ${infos} info` : undefined,
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
    const current = selected >= 0 ? `entry-${selected}` : '';
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

  function select(i, scroll) {
    if (i < 0 || i >= total) return;
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
    renderDetail(i);
  }

  // ---- the detail pane ----

  const detail = el('section', { className: 'detail', 'aria-label': 'Entry detail' });

  function renderDetail(i) {
    const e = entry(i);
    const parts = [];
    const pair = index[i][PAIR];
    const response = e.kind === 'request' && pair >= 0 ? entry(pair) : undefined;
    const request = e.pairSeq !== undefined && pair >= 0 ? entry(pair) : undefined;
    parts.push(
      el('div', { className: 'detail-head' }, [
        el('h2', { text: `${e.kind} ${index[i][LABEL]}` }),
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
            onclick: () => select(pair, true),
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
            onclick: () => select(pair, true),
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
    // Links between an HTTP exchange and the messages it carried.
    const link = (k, seq) => {
      const at = indexOfSeq(seq);
      if (at < 0) return;
      dl.append(
        el('dt', { text: k }),
        el('dd', {}, [
          el('button', {
            type: 'button',
            className: 'link',
            text: `#${seq} ${index[at][LABEL]}`,
            onclick: () => select(at, true),
          }),
        ]),
      );
    };
    if (t.http && t.http.requestSeq !== undefined) link('request body', t.http.requestSeq);
    if (t.httpSeq !== undefined) link('read from', t.httpSeq);
    return dl;
  }

  function indexOfSeq(seq) {
    // Seqs rise by one from 0 in a recording, so this is usually a direct hit.
    if (index[seq] && index[seq][SEQ] === seq) return seq;
    return index.findIndex((row) => row[SEQ] === seq);
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

  app.append(
    renderSummary(),
    el('div', { className: 'toolbar', role: 'search' }, [
      search,
      el('div', { className: 'filters', role: 'group', 'aria-label': 'Filter' }, filterButtons),
      countLabel,
    ]),
    el('main', {}, [el('div', { className: 'pane' }, [header, list]), detail]),
    el('footer', {
      text: `Generated by ${meta.generator}. Secrets are redacted unless the export was made with --no-redact.`,
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

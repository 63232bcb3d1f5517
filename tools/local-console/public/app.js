// The local console's page: preact + htm as ES modules from the console's own server (no build
// step, no CDN). Each view polls its part of the console's JSON API while it is shown.
import { h, render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';

const html = htm.bind(h);

const VIEWS = [
  ['functions', 'Functions'],
  ['queues', 'Queues'],
  ['parameters', 'Parameters'],
  ['tables', 'Tables'],
  ['logs', 'Logs'],
];

/** A call of the console's API: the standard body, whatever the HTTP status. */
const api = async (path, init = {}) => {
  const response = await fetch(path, {
    ...init,
    headers: init.body ? { 'content-type': 'application/json' } : {},
  });
  try {
    return await response.json();
  } catch {
    return { status: 'error', message: `HTTP ${response.status}: not JSON`, data: null };
  }
};

/** Polls `path` every `everyMs` while mounted; `key` changes restart it. */
const usePoll = (path, everyMs, key = path) => {
  const [answer, setAnswer] = useState(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer;
    const load = async () => {
      const next = await api(path).catch((error) => ({ status: 'error', message: String(error), data: null }));
      if (stopped) return;
      setAnswer(next);
      timer = setTimeout(load, everyMs);
    };
    load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key, tick]);
  return [answer, () => setTick((n) => n + 1)];
};

/** A table of the console's look: a header row, then the rows given as children. */
const Grid = ({ headers, children }) =>
  html`<table class="grid">
    <thead>
      <tr>
        ${headers.map((header) => html`<th>${header}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${children}
    </tbody>
  </table>`;

const time = (ms) => new Date(ms).toLocaleTimeString([], { hour12: false });

const Problem = ({ answer }) =>
  answer && answer.status !== 'success' ? html`<p class="problem" data-testid="problem">${answer.message}</p>` : null;

/** Bars of `values` (one per bucket), scaled to the largest. */
const Bars = ({ values, label, className }) => {
  const max = Math.max(1, ...values);
  const width = 4;
  return html`<svg
    class="chart ${className}"
    viewBox="0 0 ${values.length * width} 30"
    preserveAspectRatio="none"
    role="img"
    aria-label=${label}
  >
    ${values.map(
      (value, i) =>
        html`<rect x=${i * width} y=${30 - (value / max) * 30} width=${width - 1} height=${(value / max) * 30} />`,
    )}
  </svg>`;
};

/** Lines of p50 and p99 per bucket (a gap where a bucket had no invocation). */
const Latency = ({ points }) => {
  const max = Math.max(1, ...points.map((point) => point.p99 ?? 0));
  const width = 4;
  const path = (key) =>
    points
      .map((point, i) => (point[key] === undefined ? null : [i * width + width / 2, 30 - (point[key] / max) * 28]))
      .map((xy, i, all) => (xy ? `${all[i - 1] ? 'L' : 'M'}${xy[0]},${xy[1].toFixed(1)}` : ''))
      .join(' ');
  return html`<svg
    class="chart latency"
    viewBox="0 0 ${points.length * width} 30"
    preserveAspectRatio="none"
    role="img"
    aria-label="p50 and p99 duration"
  >
    <path class="p99" d=${path('p99')} />
    <path class="p50" d=${path('p50')} />
    ${points.map((point, i) =>
      point.p99 === undefined
        ? null
        : html`<rect class="dot" x=${i * width + 1} y=${30 - (point.p99 / max) * 28 - 1} width="2" height="2" />`,
    )}
  </svg>`;
};

const Functions = () => {
  const [answer] = usePoll('/api/metrics?windowMs=300000&bucketMs=10000', 2000);
  const series = answer?.data ?? [];
  return html`<section>
    <h2>Functions <small>last 5 minutes, 10 s buckets, from the EMF lines the functions print</small></h2>
    <${Problem} answer=${answer} />
    ${
      series.length === 0 && answer
        ? html`<p class="muted" data-testid="no-invocations">No invocation yet: call an API and it shows here.</p>`
        : null
    }
    <${Grid} headers=${['function', 'invocations', 'errors', 'p50 / p99 ms', 'cold']}>
        ${series.map(
          (fn) =>
            html`<tr data-testid="function-row" data-function=${fn.function}>
              <td>
                <div class="name">${fn.function}</div>
                <div class="muted">${fn.service}</div>
              </td>
              <td>
                <span class="figure" data-testid="invocations">${fn.totals.invocations}</span>
                <${Bars} values=${fn.points.map((p) => p.invocations)} label="invocations" className="calls" />
              </td>
              <td>
                <span class="figure ${fn.totals.errors > 0 ? 'bad' : ''}">${fn.totals.errors}</span>
                <${Bars} values=${fn.points.map((p) => p.errors)} label="errors" className="errors" />
              </td>
              <td>
                <span class="figure">${fn.totals.p50 ?? '–'} / ${fn.totals.p99 ?? '–'}</span>
                <${Latency} points=${fn.points} />
              </td>
              <td>${fn.totals.coldStarts}</td>
            </tr>`,
        )}
      </${Grid}>
  </section>`;
};

const Queues = () => {
  const [answer, reload] = usePoll('/api/queues', 2000);
  const [peeked, setPeeked] = useState(undefined);
  const [notice, setNotice] = useState(undefined);
  const peek = async (name) => setPeeked(await api(`/api/queues/${encodeURIComponent(name)}/messages?max=10`));
  const redrive = async (name) => {
    setNotice(await api(`/api/queues/${encodeURIComponent(name)}/redrive`, { method: 'POST', body: '{}' }));
    setPeeked(undefined);
    reload();
  };
  return html`<section>
    <h2>Queues</h2>
    <${Problem} answer=${answer} />
    ${notice ? html`<p class=${notice.status === 'success' ? 'notice' : 'problem'} data-testid="queue-notice">${notice.message}</p>` : null}
    <${Grid} headers=${['queue', 'visible', 'in flight', 'delayed', '']}>
        ${(answer?.data ?? []).map(
          (queue) =>
            html`<tr data-testid="queue-row" data-queue=${queue.name}>
              <td>
                <div class="name">${queue.name}</div>
                <div class="muted">
                  ${queue.deadLetterFor.length > 0 ? html`<span class="badge">DLQ</span> of ${queue.deadLetterFor.join(', ')}` : null}
                  ${queue.deadLetterQueue ? `failures → ${queue.deadLetterQueue} after ${queue.maxReceiveCount} receives` : null}
                </div>
              </td>
              <td
                class=${queue.deadLetterFor.length > 0 && queue.visible > 0 ? 'figure bad' : 'figure'}
                data-testid="visible"
              >
                ${queue.visible}
              </td>
              <td class="figure">${queue.inFlight}</td>
              <td class="figure">${queue.delayed}</td>
              <td class="actions">
                <button onClick=${() => peek(queue.name)} data-testid="peek">Peek</button>
                ${
                  queue.deadLetterFor.length > 0
                    ? html`<button
                        onClick=${() => redrive(queue.name)}
                        disabled=${queue.visible + queue.inFlight === 0}
                        data-testid="redrive"
                      >
                        Redrive
                      </button>`
                    : null
                }
              </td>
            </tr>`,
        )}
      </${Grid}>
    ${
      peeked
        ? html`<div class="panel" data-testid="peeked">
            <h3>${peeked.data?.queue ?? 'peek'} <small>looked at, not received: nothing changes</small></h3>
            <${Problem} answer=${peeked} />
            ${peeked.data?.messages.length === 0 ? html`<p class="muted">Empty.</p>` : null}
            ${(peeked.data?.messages ?? []).map(
              (message) =>
                html`<div class="message" data-testid="message">
                  <div class="muted">
                    ${message.messageId} · sent ${time(message.sentAt)} · received ${message.receiveCount}× ·
                    ${message.state}
                  </div>
                  <pre>${message.body}</pre>
                </div>`,
            )}
          </div>`
        : null
    }
  </section>`;
};

/** One setting: its value (masked when secret) and an edit box that goes through `npm run params` checks. */
const SettingForm = ({ service, initialKey = '', onDone }) => {
  const [key, setKey] = useState(initialKey);
  const [value, setValue] = useState('');
  const [secure, setSecure] = useState(false);
  const [answer, setAnswer] = useState(undefined);
  const submit = async (event) => {
    event.preventDefault();
    const next = await api('/api/parameters', { method: 'PUT', body: JSON.stringify({ service, key, value, secure }) });
    setAnswer(next);
    if (next.status === 'success') onDone();
  };
  return html`<form class="setting" onSubmit=${submit} data-testid="setting-form" data-service=${service}>
    <input
      placeholder="key, e.g. legacy/maxLatencyMs"
      value=${key}
      onInput=${(e) => setKey(e.target.value)}
      data-testid="setting-key"
    />
    <input placeholder="value" value=${value} onInput=${(e) => setValue(e.target.value)} data-testid="setting-value" />
    <label><input type="checkbox" checked=${secure} onChange=${(e) => setSecure(e.target.checked)} /> secret</label>
    <button type="submit" data-testid="setting-save">Set</button>
    ${
      answer
        ? html`<pre class=${answer.status === 'success' ? 'notice' : 'problem'} data-testid="setting-answer">
${answer.message}</pre>`
        : null
    }
  </form>`;
};

const ParameterTable = ({ parameters, onEdit }) =>
  html`<${Grid} headers=${['key', 'value', 'type', 'version', '']}>
      ${parameters.map(
        (parameter) =>
          html`<tr data-testid="parameter-row" data-key=${parameter.key}>
            <td class="name key">${parameter.key}</td>
            <td class=${parameter.secret ? 'value muted' : 'value'} data-testid="parameter-value">
              ${parameter.value}
            </td>
            <td>${parameter.type}</td>
            <td>${parameter.version}</td>
            <td>${onEdit ? html`<button onClick=${() => onEdit(parameter.key)}>Edit</button>` : null}</td>
          </tr>`,
      )}
    </${Grid}>`;

const Parameters = () => {
  const [answer, reload] = usePoll('/api/parameters', 5000);
  const [editing, setEditing] = useState({});
  const data = answer?.data;
  return html`<section>
    <h2>
      Parameter Store <small>secrets masked; a change is checked as <code>npm run params -- set</code> checks it</small>
    </h2>
    <${Problem} answer=${answer} />
    ${
      data
        ? html`${data.services.map(
              (entry) =>
                html`<div class="panel" data-testid="service-parameters" data-service=${entry.service}>
                  <h3>${entry.service} <small>${entry.path}</small></h3>
                  <${SettingForm}
                    key=${`${entry.service}:${editing[entry.service] ?? ''}`}
                    service=${entry.service}
                    initialKey=${editing[entry.service] ?? ''}
                    onDone=${reload}
                  />
                  <${ParameterTable}
                    parameters=${entry.parameters}
                    onEdit=${(key) => setEditing({ ...editing, [entry.service]: key })}
                  />
                </div>`,
            )}
            <div class="panel">
              <h3>
                shared <small>${data.shared.path} · set as <code>shared/…</code> from a service above</small>
              </h3>
              <${ParameterTable} parameters=${data.shared.parameters} />
            </div>`
        : null
    }
  </section>`;
};

const Tables = () => {
  const [answer] = usePoll('/api/tables', 5000);
  const [table, setTable] = useState(undefined);
  const [cursors, setCursors] = useState([undefined]);
  const [page, setPage] = useState(undefined);
  const cursor = cursors[cursors.length - 1];
  useEffect(() => {
    if (!table) return;
    const query = new URLSearchParams({ limit: '20', ...(cursor ? { cursor } : {}) });
    api(`/api/tables/${encodeURIComponent(table)}/items?${query}`).then(setPage);
  }, [table, cursor]);
  const open = (name) => {
    setTable(name);
    setCursors([undefined]);
    setPage(undefined);
  };
  return html`<section>
    <h2>DynamoDB tables</h2>
    <${Problem} answer=${answer} />
    <${Grid} headers=${['table', 'items', 'keys', '']}>
        ${(answer?.data ?? []).map(
          (entry) =>
            html`<tr data-testid="table-row" data-table=${entry.name}>
              <td class="name">${entry.name}</td>
              <td class="figure" data-testid="item-count">${entry.items}</td>
              <td class="muted">${entry.keys.map((key) => `${key.name} (${key.type})`).join(', ')}</td>
              <td><button onClick=${() => open(entry.name)} data-testid="browse">Browse</button></td>
            </tr>`,
        )}
      </${Grid}>
    ${
      table
        ? html`<div class="panel" data-testid="table-items">
            <h3>${table} <small>page ${cursors.length}</small></h3>
            <${Problem} answer=${page} />
            ${(page?.data?.items ?? []).map((item) => html`<pre class="item" data-testid="item">${JSON.stringify(item)}</pre>`)}
            <div class="actions">
              <button disabled=${cursors.length === 1} onClick=${() => setCursors(cursors.slice(0, -1))}>
                Previous
              </button>
              <button
                disabled=${!page?.data?.next}
                onClick=${() => setCursors([...cursors, page.data.next])}
                data-testid="next-page"
              >
                Next
              </button>
            </div>
          </div>`
        : null
    }
  </section>`;
};

const Logs = () => {
  const [filters, setFilters] = useState(() => ({
    correlationId: new URLSearchParams(location.hash.split('?')[1] ?? '').get('correlationId') ?? '',
    service: '',
    text: '',
  }));
  const [entries, setEntries] = useState([]);
  const after = useRef(0);
  const key = JSON.stringify(filters);
  useEffect(() => {
    let stopped = false;
    let timer;
    after.current = 0;
    setEntries([]);
    const load = async () => {
      const query = new URLSearchParams({ after: String(after.current), limit: '300' });
      for (const [name, value] of Object.entries(filters)) if (value.trim()) query.set(name, value.trim());
      const answer = await api(`/api/logs?${query}`).catch(() => undefined);
      if (stopped) return;
      if (answer?.status === 'success') {
        after.current = answer.data.last;
        if (answer.data.entries.length > 0) setEntries((kept) => [...kept, ...answer.data.entries].slice(-1000));
      }
      timer = setTimeout(load, 1000);
    };
    load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key]);
  const set = (name) => (event) => setFilters({ ...filters, [name]: event.target.value });
  const follow = useCallback((correlationId) => setFilters((current) => ({ ...current, correlationId })), []);
  return html`<section>
    <h2>Logs <small>live, every service; click a correlation id to follow one request</small></h2>
    <div class="filters">
      <input
        placeholder="correlation id"
        value=${filters.correlationId}
        onInput=${set('correlationId')}
        data-testid="filter-correlation"
      />
      <input placeholder="service" value=${filters.service} onInput=${set('service')} />
      <input placeholder="text" value=${filters.text} onInput=${set('text')} />
      <button onClick=${() => setFilters({ correlationId: '', service: '', text: '' })}>Clear</button>
    </div>
    <div class="logs" data-testid="log-lines">
      ${entries.map(
        (entry) =>
          html`<div class="log ${entry.level ?? 'text'}" data-testid="log-line" data-service=${entry.service}>
            <span class="muted">${time(entry.at)}</span>
            <span class="service">${entry.service}</span>
            ${entry.level ? html`<span class="level">${entry.level}</span>` : null}
            ${
              entry.correlationId
                ? html`<a href="#logs" class="correlation" onClick=${() => follow(entry.correlationId)}
                    >${entry.correlationId}</a
                  >`
                : null
            }
            <span class="text">${entry.function ? `${entry.function}: ` : ''}${entry.message}</span>
          </div>`,
      )}
    </div>
  </section>`;
};

const COMPONENTS = { functions: Functions, queues: Queues, parameters: Parameters, tables: Tables, logs: Logs };

const viewOf = () => {
  const name = location.hash.replace(/^#/, '').split('?')[0];
  return COMPONENTS[name] ? name : 'functions';
};

const App = () => {
  const [view, setView] = useState(viewOf());
  const [system] = usePoll('/api/system', 60_000);
  useEffect(() => {
    const onHash = () => setView(viewOf());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const View = COMPONENTS[view];
  return html`<header>
      <h1>local console</h1>
      <span class="muted">stage ${system?.data?.stage ?? '…'} · AWS endpoint ${system?.data?.endpoint ?? '…'}</span>
      <nav>
        ${VIEWS.map(([name, label]) => html`<a href=${`#${name}`} class=${name === view ? 'active' : ''} data-testid=${`nav-${name}`}>${label}</a>`)}
      </nav>
    </header>
    <main data-view=${view}><${View} /></main>`;
};

const root = document.getElementById('app');
root.textContent = ''; // the "Loading" line: render adds to what is there
render(html`<${App} />`, root);

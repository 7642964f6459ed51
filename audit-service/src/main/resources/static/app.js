// Provisioning log page: plain JS, no build step. All data is rendered with textContent (names come from the
// directory and must never be interpreted as HTML). The token lives in sessionStorage for this tab only.
'use strict';

const $ = (sel) => document.querySelector(sel);
const FILTERS = ['from', 'status', 'action', 'objectType', 'nameContains', 'namePrefix', 'sourceId', 'targetId',
  'cycleId', 'changeId', 'errorCode', 'jobId'];
let nextCursor = null;
let roles = [];

function token() { return sessionStorage.getItem('auditToken') || ''; }

function say(text, ok) {
  const m = $('#message');
  m.textContent = text || '';
  m.className = ok ? 'ok' : '';
}

async function api(path, options = {}) {
  const headers = Object.assign({ 'Accept': 'application/json' }, options.headers || {});
  if (token()) headers['Authorization'] = 'Bearer ' + token();
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) throw new Error('Not signed in or token rejected (401)');
  if (response.status === 403) throw new Error('This token may not do that (403: operator role needed)');
  if (!response.ok) {
    let detail = '';
    try { detail = (await response.json()).error || ''; } catch (e) { /* not JSON */ }
    throw new Error('HTTP ' + response.status + (detail ? ': ' + detail : ''));
  }
  return response;
}

async function json(path, options) { return (await api(path, options)).json(); }

function filterParams() {
  const p = new URLSearchParams();
  for (const f of FILTERS) {
    const v = $('#f-' + f).value.trim();
    if (v) p.set(f, v);
  }
  return p;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function row(cells) {
  const tr = el('tr');
  for (const c of cells) {
    const td = el('td');
    if (c instanceof Node) td.appendChild(c); else td.textContent = c == null ? '' : String(c);
    tr.appendChild(td);
  }
  return tr;
}

function kv(obj) {
  return Object.entries(obj || {}).map(([k, v]) => k + ': ' + v).join(', ');
}

async function signIn() {
  try {
    const me = await json('/api/me');
    roles = me.roles;
    $('#who').textContent = 'signed in as ' + me.name + ' (' + me.roles.join(', ') + ')';
    say('');
    await Promise.all([loadLog(true), loadCycles()]);
  } catch (e) {
    roles = [];
    $('#who').textContent = '';
    say(e.message);
  }
}

async function loadCycles() {
  const c = await json('/api/cycles/current');
  const cur = c.current;
  if (cur) {
    const pct = cur.percentComplete == null ? null : cur.percentComplete;
    $('#current-cycle').textContent = cur.cycleId + ' · ' + cur.origin + ' · ' + cur.phase + ' · ' +
      cur.processedObjects + ' of ' + (cur.expectedObjects < 0 ? '?' : cur.expectedObjects) + ' objects' +
      (pct == null ? '' : ' (' + pct + '%)') + ' · ' + cur.counts.total + ' results';
    $('#progress').style.width = (pct == null ? 0 : pct) + '%';
  }
  const last = c.lastSuccessful;
  if (last) {
    $('#last-cycle').textContent = last.cycleId + ' · ' + last.origin + ' · completed ' + last.completedAt + ' · ' +
      last.processedObjects + ' objects · ' + kv(last.counts.byStatus);
  }
}

async function loadSummary() {
  const s = await json('/api/summary?' + filterParams());
  $('#summary').textContent = s.total + ' results · ' + kv(s.byStatus) + ' · ' + kv(s.byAction);
}

async function loadLog(reset) {
  const tbody = $('#log-table tbody');
  const p = filterParams();
  p.set('limit', '50');
  if (reset) { tbody.textContent = ''; nextCursor = null; }
  else if (nextCursor) p.set('cursor', nextCursor);
  const page = await json('/api/provisioning-logs?' + p);
  for (const e of page.items) tbody.appendChild(logRow(e));
  nextCursor = page.nextCursor;
  $('#more').hidden = !nextCursor;
  if (reset) await loadSummary();
}

function logRow(e) {
  const src = e.sourceIdentity || {};
  const tgt = e.targetIdentity || {};
  let action = '';
  if (e.status === 'FAILURE' && roles.includes('OPERATOR')) {
    action = el('button', 'Replay', 'replay-btn');
    action.type = 'button';
    action.dataset.resultId = e.id;
    action.addEventListener('click', (ev) => { ev.stopPropagation(); replay([e.id]); });
  }
  const tr = row([e.activityDateTime, e.action, el('span', e.status, 'status-' + e.status), src.identityType,
    src.displayName || src.id, tgt.displayName || tgt.id, e.error ? e.error.errorCode : '', e.reportedBy, e.changeId, action]);
  tr.dataset.changeId = e.changeId;
  tr.dataset.resultId = e.id;
  tr.addEventListener('click', () => showDetail(e.changeId));
  return tr;
}

async function showDetail(changeId) {
  try {
    const d = await json('/api/provisioning-logs/' + encodeURIComponent(changeId));
    $('#detail-change').textContent = d.changeId;
    const body = $('#detail-body');
    body.textContent = '';
    for (const item of d.results) body.appendChild(resultView(item));
    $('#detail').hidden = false;
    $('#detail').scrollIntoView();
  } catch (e) { say(e.message); }
}

function resultView(item) {
  const r = item.result;
  const box = el('div', null, 'result');
  box.dataset.resultId = r.id;
  box.appendChild(el('h3', r.action + ' · ' + r.status + ' · ' + r.activityDateTime + ' · reported by ' + r.reportedBy +
    (r.origin ? ' · ' + r.origin : '')));
  box.appendChild(el('div', 'Result id ' + r.id + ' · cycle ' + (r.cycleId || '-') + ' · job ' + (r.jobId || '-') +
    ' · ' + r.durationInMilliseconds + ' ms', 'muted'));
  const src = r.sourceIdentity || {}, tgt = r.targetIdentity || {};
  box.appendChild(el('div', 'Source: ' + (src.displayName || '') + ' (' + (src.id || '-') + ') · Target: ' +
    (tgt.displayName || '') + ' (' + (tgt.id || '-') + ')'));
  if (r.error) {
    box.appendChild(el('div', 'Error ' + (r.error.errorCode || '') + ': ' + (r.error.reason || '') +
      (r.error.recommendedAction ? ' · Recommended: ' + r.error.recommendedAction : ''), 'status-FAILURE'));
  }
  if (item.replayOf) {
    const p = el('div', 'Replay of ');
    p.appendChild(link(item.replayOf));
    p.className = 'replay-of';
    box.appendChild(p);
  } else if (r.replayOf) {
    box.appendChild(el('div', 'Replay of ' + r.replayOf + ' (no longer in the log)', 'replay-of'));
  }
  if (item.replayedBy && item.replayedBy.length) {
    const p = el('div', 'Replayed by ', 'replayed-by');
    item.replayedBy.forEach((l, i) => { if (i) p.appendChild(document.createTextNode(', ')); p.appendChild(link(l)); });
    box.appendChild(p);
  }
  box.appendChild(el('h4', 'Steps'));
  const steps = el('table', null, 'steps');
  steps.appendChild(row(['Step', 'Type', 'Status', 'Description', 'Details']));
  for (const s of r.steps || []) steps.appendChild(row([s.name, s.type, s.status, s.description, kv(s.details)]));
  box.appendChild(steps);
  box.appendChild(el('h4', 'Modified properties'));
  const props = el('table', null, 'modified-properties');
  props.appendChild(row(['Property', 'Old value', 'New value']));
  for (const m of r.modifiedProperties || []) props.appendChild(row([m.displayName, m.oldValue, m.newValue]));
  box.appendChild(props);
  if (r.status === 'FAILURE' && roles.includes('OPERATOR')) {
    const b = el('button', 'Replay this failure', 'replay-btn');
    b.type = 'button';
    b.addEventListener('click', () => replay([r.id]));
    box.appendChild(b);
  }
  return box;
}

function link(ref) {
  const a = el('a', ref.id + ' (' + ref.status + ', ' + ref.activityDateTime + ')', 'link');
  a.addEventListener('click', () => showDetail(ref.changeId));
  return a;
}

async function replay(resultIds) {
  try {
    const out = await json('/api/provisioning-logs/replay', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ resultIds, dryRun: false })
    });
    const sink = out.sink;
    say('Replay requested for ' + out.requested.length + ' failure(s)' +
      (sink ? ': sink matched ' + sink.matched + ', replayed ' + sink.replayed : '') +
      (out.rejected.length ? '; not failures: ' + out.rejected.join(', ') : ''), true);
  } catch (e) { say('Replay failed: ' + e.message); }
}

async function download(format) {
  try {
    const p = filterParams();
    p.set('format', format);
    const blob = await (await api('/api/provisioning-logs/export?' + p)).blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'provisioning-logs.' + format;
    a.click();
    URL.revokeObjectURL(a.href);
  } catch (e) { say(e.message); }
}

$('#token-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  sessionStorage.setItem('auditToken', $('#token').value.trim());
  $('#token').value = '';
  signIn();
});
$('#filters').addEventListener('submit', (ev) => { ev.preventDefault(); loadLog(true).catch((e) => say(e.message)); });
$('#more').addEventListener('click', () => loadLog(false).catch((e) => say(e.message)));
$('#close-detail').addEventListener('click', () => { $('#detail').hidden = true; });
$('#export-csv').addEventListener('click', () => download('csv'));
$('#export-jsonl').addEventListener('click', () => download('jsonl'));
if (token()) signIn(); else say('Enter a reader or operator token to see the log.', true);

// pmlab live view: the tree, the power resources and the timeline, kept current from the
// view's Server-Sent Events. Every button runs the shell command of the same name on the
// server; the page itself decides nothing about the model.
'use strict';

const state = { token: null, nodes: new Map(), timelineBusy: false, timelineAgain: false };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function takeToken() {
  const params = new URLSearchParams(location.search);
  const t = params.get('token');
  if (t) {
    sessionStorage.setItem('pmlab.token', t);
    history.replaceState(null, '', location.pathname); // keep the token out of history and referrers
  }
  state.token = t || sessionStorage.getItem('pmlab.token');
  document.getElementById('token-note').hidden = !!state.token;
  document.body.classList.toggle('read-only', !state.token);
}

async function getJson(path) {
  const r = await fetch(path, { cache: 'no-store' });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function showMessage(text, ok) {
  const m = document.getElementById('message');
  m.textContent = text;
  m.className = ok ? 'ok' : 'error';
  m.dataset.ok = String(ok);
}

async function act(action, device, value) {
  if (!state.token) { showMessage('this page has no token: open the address pmlab printed', false); return; }
  const r = await fetch('/api/action', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Pmlab-Token': state.token },
    body: JSON.stringify({ action, device, value }),
  });
  const o = await r.json();
  if (o.ok) {
    showMessage('$ ' + o.command + (o.output ? '\n' + o.output : ''), true);
  } else {
    // as the shell reports a failed statement
    showMessage('pmlab: ' + (o.command ? o.command + ': ' : '') + o.error, false);
  }
  // the events bring the new state; a reload makes sure even without them
  refreshTree();
}

function setMachine(m) {
  document.getElementById('machine').textContent = 'kernel ' + m.kernel + ', ' + m.root;
  document.getElementById('time').textContent = m.time;
  document.getElementById('fw-active').textContent = m.firmware;
  fillSelect(document.getElementById('firmware'), m.firmwares, m.firmware);
  fillSelect(document.getElementById('driver'), m.drivers, document.getElementById('driver').value || 'vfio-pci');
}

function fillSelect(select, options, selected) {
  const current = Array.from(select.options).map(o => o.value).join(',');
  if (current !== options.join(',')) {
    select.replaceChildren(...options.map(o => el('option', { value: o }, o)));
  }
  if (options.includes(selected)) select.value = selected;
}

function nodeItem(n) {
  const li = el('li', {
    class: 'node', 'data-bdf': n.bdf, 'data-power': n.power, 'data-status': n.status,
    'data-driver': n.driver || '', 'data-usage': String(n.usage),
  });
  li.style.paddingLeft = (4 + n.depth * 22) + 'px';
  const driver = n.driver || '-';
  li.append(
    el('span', { class: 'badge power-' + n.power, title: 'power_state' }, n.power),
    el('span', { class: 'bdf' }, n.bdf),
    el('span', { class: 'label' }, n.label || (n.bridge ? 'bridge' : '')),
    el('span', { class: 'status status-' + n.status, title: 'power/runtime_status' }, n.status),
    el('span', { class: 'facts' }, 'usage ' + n.usage + ', driver ' + driver + ', control ' + n.control
      + (n.platform ? ', platform ' + n.platform : '')));
  const buttons = el('span', { class: 'buttons' });
  const button = (label, action, value) => {
    const b = el('button', { type: 'button', 'data-action': action, 'data-bdf': n.bdf }, label);
    b.addEventListener('click', () => act(action, n.bdf, typeof value === 'function' ? value() : value));
    b.disabled = !state.token;
    buttons.append(b);
  };
  button('bind', 'bind', () => document.getElementById('driver').value);
  button('unbind', 'unbind');
  if (n.driver === 'vfio-pci') {
    button('open', 'open');
    button('close', 'close');
    button('low power', 'low-power-enter');
    button('exit low power', 'low-power-exit');
  }
  button(n.control === 'auto' ? 'control on' : 'control auto', 'control', n.control === 'auto' ? 'on' : 'auto');
  li.append(buttons);
  return li;
}

function renderTree(tree) {
  setMachine(tree.machine);
  state.nodes = new Map(tree.nodes.map(n => [n.bdf, n]));
  document.getElementById('tree').replaceChildren(...tree.nodes.map(nodeItem));
  renderResources(tree.resources);
}

function updateNodes(msg) {
  setMachine(msg.machine);
  for (const n of msg.nodes) {
    state.nodes.set(n.bdf, n);
    const old = document.querySelector('#tree li[data-bdf="' + CSS.escape(n.bdf) + '"]');
    if (old) old.replaceWith(nodeItem(n));
  }
  renderResources(msg.resources);
}

function renderResources(resources) {
  const body = document.querySelector('#resources tbody');
  body.replaceChildren(...resources.map(r => el('tr', { 'data-resource': r.name, 'data-on': String(r.on) },
    el('td', {}, r.name), el('td', { class: r.on ? 'on' : 'off' }, r.on ? 'on' : 'off'),
    el('td', {}, r.refCount), el('td', {}, r.users.length ? r.users.join(', ') : '-'),
    el('td', {}, r.onCount), el('td', {}, r.offCount))));
  if (!resources.length) body.append(el('tr', {}, el('td', { colSpan: 6 }, 'none (the firmware has no power resources)')));
}

async function refreshTree() {
  try { renderTree(await getJson('/api/tree')); } catch (e) { showMessage(e.message, false); }
}

// One timeline request at a time; changes during one ask for one more afterwards.
async function refreshTimeline() {
  if (state.timelineBusy) { state.timelineAgain = true; return; }
  state.timelineBusy = true;
  try {
    const r = await fetch('/api/timeline.svg', { cache: 'no-store' });
    const text = await r.text();
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const svg = doc.documentElement;
    if (svg.nodeName === 'svg') {
      document.getElementById('timeline').replaceChildren(document.importNode(svg, true));
    }
  } finally {
    state.timelineBusy = false;
    if (state.timelineAgain) { state.timelineAgain = false; refreshTimeline(); }
  }
}

function connect() {
  const conn = document.getElementById('conn');
  const source = new EventSource('/api/events');
  source.addEventListener('hello', () => {
    conn.textContent = 'live'; conn.className = 'conn live'; conn.dataset.live = 'true';
    refreshTree(); refreshTimeline(); // whatever changed while not connected
  });
  source.addEventListener('tree', e => { setMachine(JSON.parse(e.data).machine); refreshTree(); });
  source.addEventListener('nodes', e => updateNodes(JSON.parse(e.data)));
  source.addEventListener('timeline', () => refreshTimeline());
  source.onerror = () => { conn.textContent = 'reconnecting'; conn.className = 'conn lost'; conn.dataset.live = 'false'; };
}

function wireControls() {
  document.getElementById('advance').addEventListener('click', () => act('advance', null, document.getElementById('advance-by').value.trim()));
  document.getElementById('settle').addEventListener('click', () => act('settle'));
  document.getElementById('swap').addEventListener('click', () => act('firmware', null, document.getElementById('firmware').value));
  for (const id of ['advance', 'settle', 'swap']) document.getElementById(id).disabled = !state.token;
}

takeToken();
wireControls();
refreshTree();
connect();

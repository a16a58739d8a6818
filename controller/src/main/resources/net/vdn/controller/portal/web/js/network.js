// The network view (operators): the topology with each link's capacity, reserved and used rate,
// devices and their ports, every tenant's slices (one highlighted on the topology), and the live
// list of events from GET /api/v1/events.
import { deviceOf, el, follow, get, pathText, rate } from './api.js';
import { layout, SIZE } from './layout.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const POLL_MS = 2000;
const SHOWN_EVENTS = 100;

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Both directions of a link as one line: "a:1|b:2" with the smaller end first. */
function pairKey(l) {
  return [l.src, l.dst].sort().join('|');
}

export class NetworkView {
  constructor() {
    this.devices = [];
    this.ports = new Map();
    this.links = [];
    this.slices = [];
    this.everSeen = new Map(); // pair key -> {a, b} of every link seen since the page opened
    this.events = [];
    $('filter-tenant').onchange = () => { this.fillSliceFilter(); this.render(); };
    $('filter-slice').onchange = () => this.render();
    this.refresh();
    this.timer = setInterval(() => this.refresh(), POLL_MS);
    this.stopStream = follow((type, data) => this.heard(type, data), (state) => {
      $('stream-state').textContent = `(${state})`;
    });
  }

  stop() {
    clearInterval(this.timer);
    this.stopStream();
  }

  async refresh() {
    try {
      const [devices, links, slices] = await Promise.all([get('/devices'), get('/links'), get('/slices')]);
      const ports = await Promise.all(devices.map((d) => get(`/devices/${encodeURIComponent(d.name)}/ports`).catch(() => [])));
      this.devices = devices;
      this.links = links;
      this.slices = slices;
      devices.forEach((d, i) => this.ports.set(d.name, ports[i]));
      for (const l of links) this.everSeen.set(pairKey(l), { a: l.src, b: l.dst });
      this.fillFilters();
      this.render();
    } catch (e) {
      $('stream-state').textContent = `(${e})`;
    }
  }

  heard(type, data) {
    this.events.push(data);
    if (this.events.length > 500) this.events.shift();
    this.renderEvents();
    // What the event changed is read again from the API, once per burst of events.
    clearTimeout(this.soon);
    this.soon = setTimeout(() => this.refresh(), 150);
  }

  fillFilters() {
    const tenants = [...new Set(this.slices.map((s) => s.tenant))].sort();
    const t = $('filter-tenant');
    const sig = JSON.stringify([tenants, this.slices.map((x) => [x.name, x.tenant])]);
    if (sig === this.filtersShown) return; // a list being used is not rebuilt under the user
    this.filtersShown = sig;
    const keep = t.value;
    t.replaceChildren(el('option', { value: '' }, 'All tenants'), ...tenants.map((n) => el('option', { value: n }, n)));
    t.value = tenants.includes(keep) ? keep : '';
    this.fillSliceFilter();
  }

  fillSliceFilter() {
    const s = $('filter-slice');
    const keep = s.value;
    const shown = this.visibleSlices();
    s.replaceChildren(el('option', { value: '' }, 'No slice highlighted'),
      ...shown.map((x) => el('option', { value: x.name }, `${x.name} (${x.tenant})`)));
    s.value = shown.some((x) => x.name === keep) ? keep : '';
  }

  visibleSlices() {
    const tenant = $('filter-tenant').value;
    return this.slices.filter((s) => !tenant || s.tenant === tenant);
  }

  render() {
    this.renderTopology();
    this.renderSlices();
    this.renderDevices();
    this.renderEvents();
  }

  renderTopology() {
    const names = this.devices.map((d) => d.name);
    const at = layout(names);
    const chosen = this.slices.find((s) => s.name === $('filter-slice').value);
    const onPath = new Set((chosen?.paths || []).flat().map((h) => {
      const [src, dst] = h.split(' -> ');
      return [src, dst].sort().join('|');
    }));
    const up = new Map();
    for (const l of this.links) {
      const k = pairKey(l);
      const p = up.get(k) || { a: l.src, b: l.dst, capacity: 0, reserved: 0, used: null };
      p.capacity = Math.max(p.capacity, l.capacityBps);
      p.reserved = Math.max(p.reserved, l.reservedBps);
      if (l.utilization !== null && l.utilization !== undefined) {
        p.used = Math.max(p.used ?? 0, l.utilization * l.capacityBps);
      }
      up.set(k, p);
    }
    const root = $('topology');
    root.setAttribute('viewBox', `0 0 ${SIZE.W} ${SIZE.H}`);
    const lines = svg('g', { class: 'links' });
    const labels = svg('g', { class: 'link-labels' });
    const linkRows = [];
    for (const [k, seen] of this.everSeen) {
      const a = at.get(deviceOf(seen.a));
      const b = at.get(deviceOf(seen.b));
      if (!a || !b) continue;
      const p = up.get(k);
      const attrs = { x1: a[0], y1: a[1], x2: b[0], y2: b[1], 'data-link': k };
      if (!p) {
        lines.append(svg('line', { ...attrs, class: 'link down' }, undefined));
        lines.lastChild.append(svg('title', {}, `${seen.a} – ${seen.b}: down`));
        linkRows.push(el('tr', { 'data-link': k, className: 'down' },
          el('th', { scope: 'row' }, `${seen.a} – ${seen.b}`), el('td', { colSpan: 3 }, 'down')));
        continue;
      }
      const share = p.capacity ? p.reserved / p.capacity : 0;
      const level = share >= 0.9 ? 'full' : share >= 0.5 ? 'busy' : share > 0 ? 'some' : 'free';
      const width = 2 + Math.log10(Math.max(p.capacity, 1e9) / 1e9) * 3;
      const line = svg('line', { ...attrs, class: `link ${level}${onPath.has(k) ? ' on-path' : ''}`, 'stroke-width': width });
      const text = `${rate(p.capacity)} · reserved ${rate(p.reserved)} · used ${p.used === null ? '–' : rate(p.used)}`;
      line.append(svg('title', {}, `${p.a} – ${p.b}: ${text}`));
      lines.append(line);
      const mx = (a[0] + b[0]) / 2;
      const my = (a[1] + b[1]) / 2;
      labels.append(svg('text', { x: mx, y: my - 4, class: 'link-label', 'text-anchor': 'middle', 'data-link': k },
        `${short(p.capacity)} · r ${short(p.reserved)} · u ${p.used === null ? '–' : short(p.used)}`));
      linkRows.push(el('tr', { 'data-link': k, className: onPath.has(k) ? 'chosen' : '' },
        el('th', { scope: 'row' }, `${p.a} – ${p.b}`), el('td', {}, rate(p.capacity)),
        el('td', {}, rate(p.reserved)), el('td', {}, p.used === null ? '–' : rate(p.used))));
    }
    const nodes = svg('g', { class: 'nodes' });
    const ends = new Set((chosen?.endpoints || []).map((e) => e.device));
    for (const d of this.devices) {
      const [x, y] = at.get(d.name);
      const g = svg('g', { class: `node ${d.state}${ends.has(d.name) ? ' end' : ''}`, 'data-device': d.name });
      g.append(svg('circle', { cx: x, cy: y, r: 14 }), svg('title', {}, `${d.name}: ${d.state}`));
      const right = d.name === 'busan';
      g.append(svg('text', { x: right ? x + 20 : x, y: right ? y + 5 : y + 32, 'text-anchor': right ? 'start' : 'middle' }, d.name));
      nodes.append(g);
    }
    root.replaceChildren(svg('title', {}, 'Topology'), lines, nodes, labels);
    $('links').tBodies[0].replaceChildren(...linkRows);
  }

  renderSlices() {
    const chosen = $('filter-slice').value;
    const rows = this.visibleSlices().map((s) => el('tr', { 'data-slice': s.name, className: s.name === chosen ? 'chosen' : '' },
      el('th', { scope: 'row' }, s.name), el('td', {}, s.tenant),
      el('td', {}, el('span', { className: `status ${s.status}` }, s.status)),
      el('td', { className: 'path' }, pathText(s)), el('td', {}, rate(s.cirBps)), el('td', {}, rate(s.pirBps))));
    $('op-slices').tBodies[0].replaceChildren(...rows);
  }

  renderDevices() {
    const cards = this.devices.map((d) => {
      const ports = (this.ports.get(d.name) || []).map((p) => el('li', { className: p.enabled && p.up ? 'up' : 'down' },
        `${p.number}${p.name && p.name !== String(p.number) ? ` ${p.name}` : ''}: ${!p.enabled ? 'disabled' : p.up ? 'up' : 'down'}, ${rate(p.speedBps)}`));
      return el('details', { className: `device ${d.state}`, 'data-device': d.name },
        el('summary', {}, `${d.name} · ${d.kind} · ${d.state} · ${ports.length} ports`),
        el('ul', { className: 'ports' }, ...ports));
    });
    const open = new Set([...$('devices').querySelectorAll('details[open]')].map((x) => x.dataset.device));
    cards.forEach((c) => { c.open = open.has(c.dataset.device); });
    $('devices').replaceChildren(...cards);
  }

  renderEvents() {
    const tenant = $('filter-tenant').value;
    const slice = $('filter-slice').value;
    const shown = this.events.filter((e) => !e.slice
      || ((!tenant || e.tenant === tenant) && (!slice || e.slice === slice)));
    $('events').replaceChildren(...shown.slice(-SHOWN_EVENTS).reverse().map((e) => el('li', { className: e.type, 'data-type': e.type },
      el('time', { dateTime: e.time }, new Date(e.time).toLocaleTimeString()), ' ', el('strong', {}, e.type), ' ', describe(e))));
  }
}

/** 1.2e8 -> "120M", for the labels on the drawing. */
function short(bps) {
  for (const [size, unit] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']]) {
    if (bps >= size) return `${+(bps / size).toFixed(bps / size >= 10 ? 0 : 1)}${unit}`;
  }
  return `${Math.round(bps)}`;
}

function describe(e) {
  const why = e.detail ? ` (${e.detail})` : '';
  if (e.link) return `${e.link}${why}`;
  if (e.slice) return `${e.slice}, tenant ${e.tenant}${e.status ? `, ${e.status}` : ''}${why}`;
  if (e.port !== undefined) return `${e.device} port ${e.port}${e.enabled === false ? ' (disabled)' : ''}`;
  if (e.device) return `${e.device}${why}`;
  return why;
}

// The REST API as the portal calls it: the token from this tab's sessionStorage as a bearer
// token, or (without one) the browser session of an institution's sign-in.

const KEY = 'vdn.token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (t) => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

/** A refusal, worded as the API words it. */
export class ApiError extends Error {
  constructor(status, body) {
    const e = body && body.error;
    super(e ? e.message : `HTTP ${status}`);
    this.status = status;
    this.code = e ? e.status : String(status);
    this.field = e ? e.field : undefined;
  }

  /** "ADMISSION_REFUSED: slice big: no path ..." with the field at fault when there is one. */
  toString() {
    return `${this.code}${this.field ? ` (${this.field})` : ''}: ${this.message}`;
  }
}

function headers(extra = {}) {
  const h = { 'X-Requested-With': 'vdn-portal', ...extra };
  const t = token.get();
  if (t) h.Authorization = `Bearer ${t}`;
  return h;
}

export async function api(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const r = await fetch(`/api/v1${path}`, init);
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!r.ok) throw new ApiError(r.status, json);
  return json;
}

export const get = (path) => api('GET', path);

/**
 * Follows GET /api/v1/events as server-sent events, read with fetch() so the token goes in the
 * Authorization header. Calls onEvent(type, data) for each; reconnects after a second when the
 * stream ends, from the last event seen. Returns a function that stops it.
 */
export function follow(onEvent, onState) {
  let last = null;
  let stopped = false;
  let controller = null;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const h = headers({ Accept: 'text/event-stream' });
        if (last !== null) h['Last-Event-ID'] = last;
        const r = await fetch('/api/v1/events', { headers: h, signal: controller.signal });
        if (!r.ok) throw new ApiError(r.status, await r.json().catch(() => null));
        onState('live');
        await read(r.body, (id, type, data) => { last = id ?? last; onEvent(type, data); });
      } catch (e) {
        if (stopped) return;
        onState(`reconnecting (${e.message || e})`);
        if (e instanceof ApiError && e.status === 401) return;
      }
      await new Promise((res) => setTimeout(res, 1000));
    }
  };
  run();
  return () => { stopped = true; controller?.abort(); };
}

/** Reads an event stream: blank lines end events; "event:", "id:" and "data:" fields. */
async function read(body, emit) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let ev = { type: 'message', id: null, data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (line === '') {
        if (ev.data.length) emit(ev.id, ev.type, JSON.parse(ev.data.join('\n')));
        ev = { type: 'message', id: null, data: [] };
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') ev.type = val;
        else if (field === 'id') ev.id = val;
        else if (field === 'data') ev.data.push(val);
      }
    }
  }
}

/** 1.5e8 -> "150 Mb/s". */
export function rate(bps) {
  if (bps === null || bps === undefined || Number.isNaN(bps)) return '–';
  const units = [[1e12, 'Tb/s'], [1e9, 'Gb/s'], [1e6, 'Mb/s'], [1e3, 'kb/s']];
  for (const [size, unit] of units) {
    if (bps >= size) return `${+(bps / size).toFixed(bps / size >= 100 ? 0 : 1)} ${unit}`;
  }
  return `${Math.round(bps)} b/s`;
}

/** The device of a connect point ("seoul:2" -> "seoul"; "of:00..01:3" -> "of:00..01"). */
export function deviceOf(point) {
  return point.slice(0, point.lastIndexOf(':'));
}

/** The devices a slice's paths run through, in order, as "seoul → busan → changwon". */
export function pathText(slice) {
  if (!slice.paths || slice.paths.length === 0) return slice.devices?.join(', ') || '–';
  return slice.paths.map((hops) => {
    if (hops.length === 0) return slice.devices?.join(', ') || '';
    const names = [deviceOf(hops[0].split(' -> ')[0])];
    for (const h of hops) names.push(deviceOf(h.split(' -> ')[1]));
    return names.join(' → ');
  }).join('; ');
}

/** Makes an element: el('td', {className: 'x'}, 'text', child...). */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k.startsWith('data-') || k.startsWith('aria-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : String(c ?? ''));
  return e;
}

// The slices view: the caller's slices with their live traffic, and the form that creates and
// changes them (on the endpoints granted to the caller's tenant).
import { api, el, get, pathText, rate } from './api.js';

const $ = (id) => document.getElementById(id);
const POLL_MS = 2000;

/**
 * An inter-domain slice's segments, one line per domain: its state, its VLAN there and its ports
 * (border ports with the VLAN on the inter-domain link), and the transit domain that asked for it
 * when this domain did not.
 */
function segments(s) {
  if (!s.domains) return [];
  return [el('ul', { className: 'segments', 'aria-label': `Domains of ${s.name}` },
    ...s.domains.map((d) => el('li', { className: 'segment', 'data-domain': d.domain },
      el('strong', {}, d.domain), ' ',
      el('span', { className: `status ${d.state}` }, d.state),
      ` VLAN ${d.vlan} · ${d.endpoints.map((e) => e.split(':').slice(1).join(':')).join(', ')}`,
      d.via ? ` (through ${d.via})` : '')))];
}

export class SliceView {
  constructor(me) {
    this.me = me;
    this.operator = me.role === 'operator';
    this.writer = me.role !== 'tenant-viewer';
    this.slices = [];
    this.grants = [];
    this.samples = new Map(); // slice -> {t, egressBytes, droppedPackets, rate, drops}
    this.editing = null;
    $('tenant-title').textContent = this.operator ? "Every tenant's slices" : 'My slices';
    $('slice-form').hidden = !this.writer;
    $('slice-tenant').hidden = !this.operator;
    $('slice-tenant-label').hidden = !this.operator;
    $('slice-tenant').required = this.operator;
    $('slice-form').onsubmit = (e) => { e.preventDefault(); this.submit(); };
    $('slice-cancel').onclick = () => this.edit(null);
    this.refresh();
    this.timer = setInterval(() => this.refresh(), POLL_MS);
  }

  stop() {
    clearInterval(this.timer);
  }

  async refresh() {
    try {
      const [slices, grants] = await Promise.all([get('/slices'), get('/grants')]);
      this.slices = slices;
      this.grants = grants;
      await Promise.all(slices.map((s) => this.sample(s)));
      this.render();
    } catch (e) {
      $('slice-error').textContent = String(e);
    }
  }

  /**
   * Delivered rate and drops from the slice's counters, between two readings. Every switch of the
   * slice counts a frame it sends on, so the slice's egress total grows by one frame per switch
   * crossed: over a path of N switches, what was delivered is the growth over N.
   */
  async sample(slice) {
    const name = slice.name;
    const switches = Math.max(1, slice.devices?.length || 1);
    let c;
    try {
      c = await get(`/slices/${encodeURIComponent(name)}/stats`);
    } catch {
      return;
    }
    const now = c.readAtMs ?? Date.now(); // the controller's time of reading, not the answer's arrival
    const before = this.samples.get(name);
    const s = { t: now, egressBytes: c.egressBytes, droppedPackets: c.droppedPackets, rate: null, drops: null };
    if (before && now > before.t) {
      const seconds = (now - before.t) / 1000;
      s.rate = Math.max(0, ((c.egressBytes - before.egressBytes) * 8) / seconds / switches);
      s.drops = Math.max(0, c.droppedPackets - before.droppedPackets);
    }
    s.totalDropped = c.droppedPackets;
    this.samples.set(name, s);
  }

  /**
   * Rows are kept while their slice is unchanged (only the traffic cells are written), so a button
   * being clicked or focused is never swapped out from under the user.
   */
  render() {
    const body = $('slices').tBodies[0];
    const old = new Map([...body.rows].map((r) => [r.dataset.slice, r]));
    const rows = this.slices.map((s) => {
      const fresh = this.row(s);
      const kept = old.get(s.name);
      if (!kept || kept.dataset.sig !== fresh.dataset.sig) return fresh;
      for (const cell of ['delivered', 'drops']) {
        const from = fresh.querySelector(`.${cell}`);
        const to = kept.querySelector(`.${cell}`);
        to.textContent = from.textContent;
        to.dataset.bps = from.dataset.bps ?? '';
      }
      return kept;
    });
    rows.forEach((r, i) => { if (body.rows[i] !== r) body.insertBefore(r, body.rows[i] || null); });
    while (body.rows.length > rows.length) body.deleteRow(rows.length);
    $('no-slices').hidden = this.slices.length > 0;
    $('slices').hidden = this.slices.length === 0;
    const grants = JSON.stringify(this.grants);
    if (!this.editing && grants !== this.shownGrants) this.renderEndpoints(new Set());
  }

  row(s) {
    const sample = this.samples.get(s.name) || {};
    const actions = el('td', { className: 'actions' });
    if (this.writer) {
      actions.append(
        el('button', { type: 'button', onclick: () => this.edit(s), 'aria-label': `Modify ${s.name}` }, 'Modify'),
        el('button', { type: 'button', className: 'danger', onclick: () => this.remove(s), 'aria-label': `Delete ${s.name}` }, 'Delete'),
      );
    }
    const status = el('span', { className: `status ${s.status}` }, s.status);
    if (s.degradedReason) status.title = s.degradedReason;
    const sig = JSON.stringify([s.tenant, s.status, s.degradedReason, s.paths, s.cirBps, s.pirBps, s.endpoints, s.domains]);
    return el('tr', { 'data-slice': s.name, 'data-sig': sig },
      el('th', { scope: 'row' }, s.name),
      el('td', {}, s.tenant),
      el('td', { className: 'status-cell' }, status),
      el('td', { className: 'path' }, pathText(s), ...segments(s)),
      el('td', {}, rate(s.cirBps)),
      el('td', {}, rate(s.pirBps)),
      el('td', { className: 'delivered', 'data-bps': sample.rate ?? '' }, sample.rate === null || sample.rate === undefined ? '…' : rate(sample.rate)),
      el('td', { className: 'drops' }, sample.drops === null || sample.drops === undefined
        ? '…' : `${sample.drops} pkts (${sample.totalDropped} total)`),
      actions);
  }

  /** The granted endpoints as checkboxes (those of the slice being changed checked). */
  renderEndpoints(chosen) {
    this.shownGrants = JSON.stringify(this.grants);
    const list = $('endpoint-list');
    const was = new Set([...list.querySelectorAll('input:checked')].map((i) => i.value));
    const pick = chosen.size ? chosen : was;
    if (this.grants.length === 0) {
      list.replaceChildren(el('p', { className: 'hint' }, 'No edge ports are granted to you yet: ask an operator.'));
      return;
    }
    list.replaceChildren(...this.grants.map((g, i) => {
      const value = `${g.device}:${g.port}`;
      const id = `ep-${i}`;
      const text = `${value}${g.vlan ? ` VLAN ${g.vlan}` : ''}${this.operator ? ` (tenant ${g.tenant})` : ''}`;
      return el('div', { className: 'endpoint' },
        el('input', { type: 'checkbox', id, value, checked: pick.has(value) }),
        el('label', { htmlFor: id }, text));
    }));
  }

  edit(s) {
    this.editing = s;
    $('slice-error').textContent = '';
    $('slice-form-title').textContent = s ? `Modify ${s.name}` : 'New slice';
    $('slice-submit').textContent = s ? 'Save changes' : 'Create slice';
    $('slice-cancel').hidden = !s;
    $('slice-name').readOnly = !!s;
    $('slice-name').value = s ? s.name : '';
    $('slice-id').value = s ? s.sliceId : '';
    $('slice-tenant').value = s?.tenant ?? '';
    $('slice-cir').value = s ? s.cirBps / 1e6 : '';
    $('slice-pir').value = s && s.pirBps !== s.cirBps ? s.pirBps / 1e6 : '';
    this.renderEndpoints(new Set(s ? s.endpoints.map((e) => `${e.device}:${e.port}`) : []));
    // An inter-domain slice keeps its endpoints and VLANs: only its rates can change here.
    const fixed = !!s?.interDomainEndpoints;
    $('slice-id').disabled = fixed;
    $('slice-tenant').disabled = fixed;
    $('endpoint-list').querySelectorAll('input').forEach((i) => { i.disabled = fixed; });
    if (s) $('slice-cir').focus();
  }

  async submit() {
    $('slice-error').textContent = '';
    const endpoints = [...$('endpoint-list').querySelectorAll('input:checked')].map((i) => {
      const at = i.value.lastIndexOf(':');
      return { device: i.value.slice(0, at), port: Number(i.value.slice(at + 1)) };
    });
    const body = {
      name: $('slice-name').value.trim(),
      sliceId: Number($('slice-id').value),
      cirBps: Math.round(Number($('slice-cir').value) * 1e6),
      endpoints,
    };
    if ($('slice-pir').value) body.pirBps = Math.round(Number($('slice-pir').value) * 1e6);
    if (this.operator) body.tenant = $('slice-tenant').value.trim();
    if (this.editing) {
      const keep = this.editing;
      for (const k of ['burstMs', 'trafficClass', 'wavelength']) if (keep[k] !== undefined) body[k] = keep[k];
      if (keep.interDomainEndpoints) {
        // Across domains only the rates change: the same endpoints, no VLAN of its own to give.
        // Burst and class stay the slice's own (the local view shows this domain's defaults).
        // Its tenant too: the slice keeps the one it has.
        for (const k of ['sliceId', 'wavelength', 'burstMs', 'trafficClass', 'tenant']) delete body[k];
        body.endpoints = keep.interDomainEndpoints;
      }
    }
    const button = $('slice-submit');
    button.disabled = true;
    try {
      if (this.editing) await api('PUT', `/slices/${encodeURIComponent(body.name)}`, body);
      else await api('POST', '/slices', body);
      this.edit(null);
      $('endpoint-list').querySelectorAll('input').forEach((i) => { i.checked = false; });
      await this.refresh();
    } catch (e) {
      $('slice-error').textContent = String(e);
    } finally {
      button.disabled = false;
    }
  }

  async remove(s) {
    const dialog = $('confirm');
    $('confirm-text').textContent = `Delete slice ${s.name}? Its traffic stops and its rate is released.`;
    dialog.returnValue = '';
    dialog.showModal();
    await new Promise((res) => dialog.addEventListener('close', res, { once: true }));
    if (dialog.returnValue !== 'ok') return;
    try {
      await api('DELETE', `/slices/${encodeURIComponent(s.name)}`);
      if (this.editing?.name === s.name) this.edit(null);
      await this.refresh();
    } catch (e) {
      $('slice-error').textContent = String(e);
    }
  }
}

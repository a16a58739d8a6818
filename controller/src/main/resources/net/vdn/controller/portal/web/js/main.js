// The portal's entry: signs the caller in, then shows the slices view (tenants and operators)
// and the network view (operators).
import { ApiError, get, token } from './api.js';
import { SliceView } from './slices.js';
import { NetworkView } from './network.js';

const $ = (id) => document.getElementById(id);
let active = [];

async function start() {
  stopViews();
  let me;
  try {
    me = await get('/whoami');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      if (token.get()) $('sign-in-error').textContent = `Not signed in: ${e.message}`;
      token.clear();
      return showSignIn();
    }
    $('sign-in-error').textContent = `The controller did not answer: ${e.message}`;
    return showSignIn();
  }
  $('sign-in').hidden = true;
  $('sign-out').hidden = !me.authentication;
  $('who').textContent = me.tenant
    ? `${me.subject} · tenant ${me.tenant} · ${me.role}`
    : `${me.subject} · ${me.role}`;
  const operator = me.role === 'operator';
  const slices = new SliceView(me);
  active.push(slices);
  if (operator) {
    const network = new NetworkView();
    active.push(network);
    $('views').hidden = false;
    $('show-tenant').onclick = () => show('tenant');
    $('show-operator').onclick = () => show('operator');
    show(location.hash === '#slices' ? 'tenant' : 'operator');
  } else {
    show('tenant');
  }
}

function show(view) {
  $('tenant').hidden = view !== 'tenant';
  $('operator').hidden = view !== 'operator';
  $('show-tenant').setAttribute('aria-pressed', String(view === 'tenant'));
  $('show-operator').setAttribute('aria-pressed', String(view === 'operator'));
  history.replaceState(null, '', view === 'tenant' ? '#slices' : '#network');
}

function stopViews() {
  active.forEach((v) => v.stop());
  active = [];
}

async function showSignIn() {
  for (const id of ['tenant', 'operator', 'views', 'sign-out']) $(id).hidden = true;
  $('who').textContent = '';
  $('sign-in').hidden = false;
  $('token').focus();
  // The institution's sign-in (SAML) is offered only where the controller has it configured.
  const saml = await fetch('/auth/saml/metadata', { method: 'GET' }).catch(() => null);
  $('institution').hidden = !(saml && saml.ok);
}

$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const t = $('token').value.trim();
  $('token').value = '';
  $('sign-in-error').textContent = '';
  if (t) {
    token.set(t);
    start();
  }
});

$('sign-out').addEventListener('click', async () => {
  token.clear();
  stopViews();
  await fetch('/auth/logout', { method: 'POST', headers: { 'X-Requested-With': 'vdn-portal' } })
    .catch(() => null);
  showSignIn();
});

start();

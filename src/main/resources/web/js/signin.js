import { $, page, t } from './app.js';

// The form works without scripts too (the browser posts it); with them, a refused sign-in shows its reason in
// place instead of a bare problem document.
const form = $('#signin-form');
const error = $('#signin-error');
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  error.hidden = true;
  const body = new URLSearchParams(new FormData(form));
  let response;
  try {
    response = await fetch('/j_security_check', { method: 'POST', body, redirect: 'manual', credentials: 'same-origin' });
  } catch (e) {
    error.textContent = t('error.network');
    error.hidden = false;
    return;
  }
  if (response.type === 'opaqueredirect' || response.ok) {
    location.href = page.next || '/';
    return;
  }
  let detail = '';
  try { detail = (await response.json()).detail || ''; } catch (e) { /* not JSON */ }
  error.textContent = (response.status === 429 ? t('signin.throttled') : t('signin.refused')) + (detail ? ' (' + detail + ')' : '');
  error.hidden = false;
  $('#j_password').select();
});

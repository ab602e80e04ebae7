import { api, el, get, page, showError, clearError, t, toast } from './app.js';

// The DA/T 54 (photo) / DA/T 63 (audio-visual) description form: every element with its number and name in the
// interface's language, mandatory ones marked, where an automatic value came from, and the API's validation
// message when a value is refused. Only changed elements are sent, as a merge patch.
export async function descriptionForm(form, error, assetId, editable) {
  let view;
  try {
    view = await get(`/api/v1/assets/${assetId}/description`);
  } catch (e) {
    showError(error, e);
    return;
  }
  const zh = page.language === 'zh-CN';
  const inputs = new Map();
  const rows = [];
  rows.push(el('p', { class: 'muted' }, view.standard, ' · ', view.complete ? t('description.complete') : t('description.missing', { n: (view.missing || []).length })));
  for (const e of view.elements) {
    const fieldId = 'd-' + e.key;
    const mandatory = e.obligation === 'MANDATORY';
    const label = el('label', { for: fieldId }, `${e.number} ${zh ? e.zh : e.en}`, mandatory ? el('abbr', { title: t('form.required'), class: 'req' }, ' *') : null);
    const value = Array.isArray(e.value) ? e.value.join('; ') : (e.value ?? '');
    const system = (e.source || '').startsWith('system') || !editable;
    const input = el('input', { id: fieldId, name: e.key, value: String(value), readonly: system, 'aria-describedby': fieldId + '-src',
      'aria-required': mandatory ? 'true' : undefined, class: (view.missing || []).includes(e.key) ? 'missing' : undefined });
    inputs.set(e.key, { input, element: e, original: String(value) });
    const source = el('small', { id: fieldId + '-src', class: 'source' }, e.source ? t('description.source', { source: e.source }) : '');
    rows.push(label, el('div', {}, input, source));
  }
  if (editable) rows.push(el('button', { type: 'submit', class: 'primary', id: 'description-save' }, t('common.save')));
  form.replaceChildren(...rows);
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    clearError(error);
    const patch = {};
    for (const [key, { input, element, original }] of inputs) {
      if (input.readOnly || input.value === original) continue;
      const v = input.value.trim();
      patch[key] = v === '' ? null : element.repeatable ? v.split(';').map((x) => x.trim()).filter(Boolean) : v;
    }
    if (Object.keys(patch).length === 0) return toast(t('description.unchanged'));
    try {
      await api('PATCH', `/api/v1/assets/${assetId}/description`, patch, 'application/merge-patch+json');
      toast(t('description.saved'));
      await descriptionForm(form, error, assetId, editable);
    } catch (e) { showError(error, e); }
  };
}

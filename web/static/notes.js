// The note taker's page: theme suggestions under the note as it is typed
// (the server's own tagging, GET .../notes/suggest), accepted with Alt+1 to
// Alt+5 or by Tab and Enter on a suggestion, announced to screen readers;
// accepted themes go with the note as `theme` fields. Enter saves the note,
// Shift+Enter starts a new line. Without this file the form still works:
// the saved note's suggestions are offered as buttons in the list.
(() => {
  'use strict';
  const form = document.getElementById('note-form');
  if (!form || !window.fetch) return;
  const text = document.getElementById('note-text');
  const box = document.getElementById('note-suggest');
  const list = document.getElementById('note-suggest-list');
  const keep = document.getElementById('note-accepted');
  const live = document.getElementById('note-live');
  const speaker = document.getElementById('note-speaker');
  const place = document.getElementById('note-place');
  const said = (name, label) => (form.dataset[name] || '').replace('{label}', label);
  const maxKeys = 5;

  // theme -> label, in the order accepted; the form's hidden fields mirror it.
  const accepted = new Map();
  for (const input of keep.querySelectorAll('input[name="theme"]')) {
    accepted.set(input.value, input.dataset.label || input.value);
  }
  let shown = [];  // the latest suggestions: [{theme, label}]
  let timer = 0;
  let asked = 0;   // the newest request; older answers are dropped

  function chips() {
    const all = shown.slice();
    for (const [theme, label] of accepted) {
      if (!all.some((s) => s.theme === theme)) all.push({ theme, label });
    }
    return all;
  }

  function render(focusTheme) {
    const all = chips();
    list.replaceChildren();
    all.forEach((s, i) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'ws-notes-chip';
      button.dataset.theme = s.theme;
      button.setAttribute('aria-pressed', accepted.has(s.theme) ? 'true' : 'false');
      if (i < maxKeys) {
        const key = document.createElement('kbd');
        key.textContent = `Alt+${i + 1}`;
        button.append(key, ' ');
      }
      button.append(s.label);
      button.addEventListener('click', () => toggle(s.theme, s.label, true));
      li.append(button);
      list.append(li);
      if (focusTheme === s.theme) button.focus();
    });
    box.hidden = all.length === 0;
    keep.replaceChildren();
    for (const [theme, label] of accepted) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'theme';
      input.value = theme;
      input.dataset.label = label;
      keep.append(input);
    }
  }

  function toggle(theme, label, keepFocus) {
    if (accepted.has(theme)) {
      accepted.delete(theme);
      live.textContent = said('saidRemoved', label);
    } else {
      accepted.set(theme, label);
      live.textContent = said('saidAccepted', label);
    }
    render(keepFocus ? theme : undefined);
  }

  async function ask() {
    const mine = ++asked;
    const typed = text.value.trim();
    if (!typed) {
      shown = [];
      render();
      return;
    }
    const query = new URLSearchParams({ text: typed, speaker: speaker ? speaker.value : '' });
    if (place && place.value.trim()) query.set('place', place.value.trim());
    try {
      const res = await fetch(`${form.dataset.suggest}?${query}`, {
        credentials: 'same-origin', headers: { Accept: 'application/json' },
      });
      if (!res.ok || mine !== asked) return;
      const body = await res.json();
      if (mine !== asked) return;
      const before = shown.map((s) => s.theme).join(' ');
      shown = (body.suggestions || []).map((s) => ({ theme: s.theme, label: s.label }));
      render();
      if (shown.map((s) => s.theme).join(' ') !== before && shown.length > 0) {
        live.textContent = said('saidCount', String(shown.length)).replace('{count}', String(shown.length));
      }
    } catch (e) {
      // Offline or the server busy: the note is saved without suggestions.
    }
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(ask, 200);
  }

  text.addEventListener('input', later);
  if (speaker) speaker.addEventListener('change', later);
  if (place) place.addEventListener('change', later);
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.isComposing) {
      e.preventDefault();
      if (text.value.trim()) form.requestSubmit();
    }
  });
  form.addEventListener('keydown', (e) => {
    const m = /^Digit([1-9])$/.exec(e.code);
    if (!e.altKey || e.ctrlKey || e.metaKey || !m) return;
    const all = chips();
    const i = Number(m[1]) - 1;
    if (i >= maxKeys || i >= all.length) return;
    e.preventDefault();
    toggle(all[i].theme, all[i].label, false);
  });
  let sending = false;
  form.addEventListener('submit', (e) => {
    // One save at a time; a retry after a failure sends the same note id.
    if (sending) e.preventDefault();
    sending = true;
  });
  render();
  if (text.value.trim()) ask();
})();

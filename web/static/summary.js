// The session summary's print button: shown only when this runs (without
// it, the page says to use the browser's own Print, Ctrl+P).
(() => {
  'use strict';
  const button = document.getElementById('summary-print');
  if (!button || typeof window.print !== 'function') return;
  button.hidden = false;
  const help = document.getElementById('summary-print-help');
  if (help) help.hidden = true;
  button.addEventListener('click', () => window.print());
})();

// A dot vote's live result (web/templates/ws_vote_result.html): polls the
// tally about once a second and moves the bars, figures and counts. The
// page without this script is the same result, current on each reload.
(function () {
  'use strict';
  var live = document.getElementById('vote-live');
  if (!live || !window.fetch) return;
  var counts = document.getElementById('vote-counts');
  var state = document.getElementById('vote-state');
  var last = '';
  function apply(t) {
    var key = JSON.stringify([t.open, t.ballots, t.candidates.map(function (c) { return c.dots; })]);
    if (key === last) return;  // unchanged: aria-live stays quiet
    last = key;
    t.candidates.forEach(function (c) {
      var sel = '[data-candidate="' + (window.CSS && CSS.escape ? CSS.escape(c.id) : c.id) + '"]';
      var row = live.querySelector('g' + sel);
      if (row) {
        row.querySelector('.vote-bar').setAttribute('width', c.width);
        row.querySelector('.vote-dots').textContent = String(c.dots);
      }
      var cell = document.querySelector('tr' + sel + ' .vote-cell');
      if (cell) cell.textContent = String(c.dots);
    });
    counts.textContent = counts.getAttribute('data-template')
      .replace('{ballots}', String(t.ballots)).replace('{dots}', String(t.dots));
    state.textContent = live.getAttribute(t.open ? 'data-open-text' : 'data-closed-text');
  }
  function poll() {
    fetch(live.getAttribute('data-tally'), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (t) { if (t) apply(t); })
      .catch(function () { /* the laptop's server busy or gone: try again */ })
      .then(function () { window.setTimeout(poll, 1000); });
  }
  window.setTimeout(poll, 1000);
})();

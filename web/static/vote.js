// A dot-vote ballot made handier (web/templates/room_vote.html): − and +
// buttons beside each count, the dots left kept current, and on a phone
// one ballot id per vote kept in localStorage, so that a reload or a
// second tab casts the same ballot. Without this script the form works as
// typed numbers, checked by the server.
(function () {
  'use strict';
  var form = document.getElementById('ballot');
  if (!form) return;
  var max = parseInt(form.getAttribute('data-max'), 10) || 0;
  var left = document.getElementById('dots-left');
  var inputs = Array.prototype.slice.call(form.querySelectorAll('input.dot-count'));
  var buttons = Array.prototype.slice.call(form.querySelectorAll('button.dot-button'));

  // Phones keep their first ballot id of this vote; the kiosk never does
  // (every person there is a new ballot).
  if (form.getAttribute('data-keep') === '1') {
    var key = 'lyssna.ballot.' + form.getAttribute('data-vote');
    var field = form.querySelector('input[name="ballot"]');
    try {
      var kept = window.localStorage.getItem(key);
      if (kept && /^[\x21-\x7e]{1,64}$/.test(kept)) field.value = kept;
      else window.localStorage.setItem(key, field.value);
    } catch (e) { /* storage refused (private mode): the page's id stands */ }
  }

  function value(input) {
    var n = parseInt(input.value, 10);
    return isNaN(n) || n < 0 ? 0 : n;
  }
  function placed() {
    return inputs.reduce(function (sum, input) { return sum + value(input); }, 0);
  }
  function update() {
    var used = placed();
    var rest = max - used;
    if (rest >= 0) {
      left.textContent = form.getAttribute('data-left').replace('{n}', String(rest));
      left.classList.remove('over');
    } else {
      left.textContent = form.getAttribute('data-over').replace('{n}', String(-rest));
      left.classList.add('over');
    }
    buttons.forEach(function (b) {
      var input = document.getElementById(b.getAttribute('data-for'));
      var step = parseInt(b.getAttribute('data-step'), 10);
      b.disabled = step < 0 ? value(input) <= 0 : rest <= 0;
    });
  }
  buttons.forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () {
      var input = document.getElementById(b.getAttribute('data-for'));
      var next = value(input) + parseInt(b.getAttribute('data-step'), 10);
      if (next < 0 || (next > value(input) && placed() >= max)) return;
      input.value = String(next);
      update();
      // A button that just became disabled would drop the focus to the page.
      if (b.disabled) {
        var other = b.parentNode.querySelector('button.dot-button:not([disabled])');
        (other || input).focus();
      }
    });
  });
  inputs.forEach(function (input) { input.addEventListener('input', update); });
  update();
})();

// Lyssna: small enhancements of the resident's form. Everything works
// without this file; it only adds conveniences on top of plain HTML forms.
(function () {
  "use strict";
  var form = document.getElementById("answers");
  if (!form) return;

  // Questions asked only after a given answer on the same page.
  function valuesOf(name) {
    var out = [];
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < inputs.length; i++) {
      var el = inputs[i];
      if ((el.type === "radio" || el.type === "checkbox") ? el.checked : el.value) out.push(el.value);
    }
    return out;
  }
  function updateConditions() {
    var conditional = form.querySelectorAll("[data-show-if]");
    for (var i = 0; i < conditional.length; i++) {
      var q = conditional[i];
      var wanted = q.getAttribute("data-show-values").split(" ");
      var given = valuesOf(q.getAttribute("data-show-if"));
      var show = given.some(function (v) { return wanted.indexOf(v) >= 0; });
      q.hidden = !show;
      // Hidden answers are not sent (the server drops them anyway).
      var inputs = q.querySelectorAll("input, textarea, select");
      for (var j = 0; j < inputs.length; j++) inputs[j].disabled = !show;
    }
  }
  form.addEventListener("change", updateConditions);
  updateConditions();

  // A radio choice cannot be undone in plain HTML: offer to clear it.
  var clearLabel = form.getAttribute("data-clear-label");
  var groups = form.querySelectorAll('[data-clearable="radio"]');
  for (var g = 0; g < groups.length; g++) {
    (function (group) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "clear-answer";
      button.textContent = clearLabel;
      var radios = group.querySelectorAll('input[type="radio"]');
      function refresh() {
        var any = false;
        for (var i = 0; i < radios.length; i++) if (radios[i].checked) any = true;
        button.hidden = !any;
      }
      button.addEventListener("click", function () {
        for (var i = 0; i < radios.length; i++) radios[i].checked = false;
        refresh();
        updateConditions();
        if (radios.length) radios[0].focus();
      });
      group.addEventListener("change", refresh);
      group.parentNode.insertBefore(button, group.nextSibling);
      refresh();
    })(groups[g]);
  }

  // Characters left in free-text boxes.
  var counters = form.querySelectorAll("[data-counter]");
  for (var c = 0; c < counters.length; c++) {
    (function (hint) {
      var box = hint.parentNode.querySelector("textarea");
      if (!box) return;
      var max = parseInt(hint.getAttribute("data-counter"), 10);
      var base = hint.textContent;
      function update() {
        var used = Array.from(box.value).length;
        hint.textContent = used > 0 ? base + " (" + used + " / " + max + ")" : base;
      }
      box.addEventListener("input", update);
      update();
    })(counters[c]);
  }

  // A second click while the first submission is on its way sends nothing.
  // (Buttons are not disabled: that would drop their name from the form.)
  var sending = false;
  form.addEventListener("submit", function (event) {
    if (sending) { event.preventDefault(); return; }
    sending = true;
  });
  window.addEventListener("pageshow", function () { sending = false; });

  // After a failed check, start where the problems are listed.
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
})();

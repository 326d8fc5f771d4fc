// Consent page behaviour (progressive enhancement: the server enforces the same rules on submit,
// and every form works without this script).
// - "Authorize tools" is enabled only while every ticked connector shows Connected; a connector's
//   controls are shown only while it is ticked.
// - An API-key row is a form of its own (so Enter saves that row); when it is sent, the main form's
//   choices (ticks, methods, tool boxes) go with it so nothing chosen elsewhere is lost.
(function () {
  var form = document.getElementById('consent-form');
  if (!form) return;
  var button = document.getElementById('authorize-tools');
  var hint = document.getElementById('authorize-hint');
  var rows = Array.prototype.slice.call(form.querySelectorAll('li.connector'));

  function showMethod(row) {
    var chosen = row.querySelector('input[type=radio][name^="method:"]:checked');
    var hidden = row.querySelector('input[type=hidden][name^="method:"]');
    var method = chosen ? chosen.value : hidden ? hidden.value : '';
    Array.prototype.forEach.call(row.querySelectorAll('.method'), function (block) {
      block.hidden = block.getAttribute('data-method') !== method;
    });
  }

  function update() {
    var ready = true;
    rows.forEach(function (row) {
      var ticked = row.querySelector('input[name="connectors"]').checked;
      row.querySelector('.connector-body').hidden = !ticked;
      if (ticked && row.getAttribute('data-connected') !== 'true') ready = false;
      showMethod(row);
    });
    button.disabled = !ready;
    if (hint) hint.hidden = ready;
  }

  function carryChoices(event) {
    var keyForm = event.target;
    Array.prototype.forEach.call(keyForm.querySelectorAll('input[data-carried]'), function (input) {
      keyForm.removeChild(input);
    });
    new FormData(form).forEach(function (value, name) {
      if (name === 'csrf' || name === 'action') return;
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = String(value);
      input.setAttribute('data-carried', '');
      keyForm.appendChild(input);
    });
  }

  form.addEventListener('change', update);
  Array.prototype.forEach.call(document.querySelectorAll('form[data-key-form]'), function (keyForm) {
    keyForm.addEventListener('submit', carryChoices);
  });
  update();
})();

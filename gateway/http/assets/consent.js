// Consent page behaviour (progressive enhancement: the server enforces the same rule on submit).
// "Authorize tools" is enabled only while every ticked connector shows Connected; a connector's
// controls are shown only while it is ticked.
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

  form.addEventListener('change', update);
  update();
})();

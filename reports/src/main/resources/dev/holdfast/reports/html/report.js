// Filters the findings table by the data-* attributes of its rows. No network, no libraries.
(function () {
  var selects = Array.prototype.slice.call(document.querySelectorAll('#filters select'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings-table tbody tr'));
  var counter = document.getElementById('shown-count');
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = selects.every(function (s) {
        return s.value === '' || row.getAttribute('data-' + s.name) === s.value;
      });
      row.hidden = !ok;
      if (ok) { shown++; }
    });
    counter.textContent = shown + ' of ' + rows.length + ' shown';
  }
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  apply();
})();

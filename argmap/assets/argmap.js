/* argmap: small progressive enhancements. Everything works without this script.
   Material's instant navigation swaps pages without reloading, so setup runs on every
   page change through its document$ observable (or once, on sites without it). */
(function () {
  "use strict";

  function sortable(table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      function sort() {
        var body = table.tBodies[0];
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].textContent.trim().toLowerCase();
          var y = b.cells[column].textContent.trim().toLowerCase();
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  }

  function filterable(box) {
    var input = box.querySelector("input");
    var table = document.querySelector("table.argmap-index");
    if (!input || !table) { return; }
    box.hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    });
  }

  function setup() {
    document.querySelectorAll("table[data-sortable]").forEach(sortable);
    document.querySelectorAll(".argmap-filter").forEach(filterable);
    if (window.argmapInteractive) { window.argmapInteractive(document); }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();

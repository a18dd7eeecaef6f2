(function () {
  "use strict";
  var table = document.getElementById("calls");
  if (!table) { return; }
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.querySelectorAll("th[data-col]"));

  function key(row, col) {
    var cell = row.querySelector('td[data-col="' + col + '"]');
    return cell ? cell.getAttribute("data-sort") : "";
  }

  // Click a column: ascending, click again: descending. Missing values always sort last.
  function sortBy(th) {
    var col = th.getAttribute("data-col");
    var numeric = th.getAttribute("data-type") === "num";
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var sign = dir === "ascending" ? 1 : -1;
    var rows = Array.prototype.slice.call(body.rows).map(function (r, i) { return { r: r, i: i, k: key(r, col) }; });
    rows.sort(function (a, b) {
      var ea = a.k === "", eb = b.k === "";
      if (ea || eb) { return ea === eb ? a.i - b.i : (ea ? 1 : -1); }
      var d = numeric ? parseFloat(a.k) - parseFloat(b.k) : a.k.localeCompare(b.k);
      return d ? sign * d : a.i - b.i;
    });
    rows.forEach(function (x) { body.appendChild(x.r); });
  }
  heads.forEach(function (th) {
    var button = th.querySelector("button");
    if (button) { button.addEventListener("click", function () { sortBy(th); }); }
  });
})();

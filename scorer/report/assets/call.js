(function () {
  "use strict";
  var audio = document.getElementById("player");

  // Seek the recording to t seconds and play from there. Before the metadata is loaded the
  // element cannot seek, so the seek waits for it.
  function seek(t) {
    if (!audio || !isFinite(t)) { return; }
    var go = function () {
      audio.currentTime = Math.max(0, t);
      var p = audio.play();
      if (p && p.catch) { p.catch(function () { /* playback refused: the seek still happened */ }); }
    };
    if (audio.readyState >= 1) { go(); } else { audio.addEventListener("loadedmetadata", go, { once: true }); }
  }

  // Any element with data-t (timestamps, moment links, timeline spans) seeks; its href="#uN"
  // still scrolls the transcript to the turn, so the links also work without audio.
  document.addEventListener("click", function (e) {
    var el = e.target && e.target.closest ? e.target.closest("[data-t]") : null;
    if (el) { seek(parseFloat(el.getAttribute("data-t"))); }
  });

  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-cat]"));
  var only = document.getElementById("only-moments");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".utt"));

  function applyFilter() {
    var on = {};
    boxes.forEach(function (b) { on[b.getAttribute("data-cat")] = b.checked; });
    document.querySelectorAll("[data-cats]").forEach(function (el) {
      var cats = el.getAttribute("data-cats").split(" ");
      el.classList.toggle("off", !cats.some(function (c) { return on[c]; }));
    });
    var onlyOn = only && only.checked;
    rows.forEach(function (row) {
      var lit = (row.hasAttribute("data-cats") && !row.classList.contains("off")) ||
        row.querySelector("mark[data-cats]:not(.off)") !== null;
      row.hidden = onlyOn && !lit;
    });
  }
  boxes.concat(only ? [only] : []).forEach(function (b) { b.addEventListener("change", applyFilter); });
  applyFilter();

  if (!audio) { return; }
  var svg = document.getElementById("timeline");
  var head = document.getElementById("playhead");
  var x0 = parseFloat(svg.getAttribute("data-x0"));
  var w = parseFloat(svg.getAttribute("data-w"));
  var duration = parseFloat(svg.getAttribute("data-duration"));
  var starts = rows.map(function (r) { return parseFloat(r.getAttribute("data-start")); });
  var current = null;

  audio.addEventListener("timeupdate", function () {
    var t = audio.currentTime;
    var x = x0 + Math.min(Math.max(t / duration, 0), 1) * w;
    head.setAttribute("x1", x.toFixed(2));
    head.setAttribute("x2", x.toFixed(2));
    head.setAttribute("visibility", "visible");
    var i = -1;
    for (var k = 0; k < starts.length; k++) { if (starts[k] <= t + 0.05) { i = k; } else { break; } }
    var row = i >= 0 ? rows[i] : null;
    if (row !== current) {
      if (current) { current.classList.remove("now"); }
      if (row) { row.classList.add("now"); }
      current = row;
    }
  });
  audio.addEventListener("error", function () {
    var note = document.getElementById("audio-error");
    if (note) { note.hidden = false; }
  });
})();

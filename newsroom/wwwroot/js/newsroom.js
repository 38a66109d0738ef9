// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // The rich-text editor (Trix) replaces the plain HTML textarea when its script loaded; the form posts the same field.
  function enhanceRichText() {
    if (!window.customElements.get("trix-editor")) return;
    document.querySelectorAll("textarea[data-rich-text]").forEach(function (area) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = area.name;
      input.id = area.id + "-html";
      input.value = area.value;
      var editor = document.createElement("trix-editor");
      editor.setAttribute("input", input.id);
      editor.setAttribute("aria-label", "Body");
      editor.setAttribute("data-testid", "body-editor");
      area.removeAttribute("name");
      area.hidden = true;
      area.after(input, editor);
    });
  }

  // The moderation queue: j/k move between comments, a/r/s approve, reject or mark as spam the selected one.
  function keyboardQueue() {
    var queue = document.querySelector("[data-keyboard-queue]");
    if (!queue) return;
    function items() { return Array.prototype.slice.call(queue.querySelectorAll("li.comment")); }
    function current() { return queue.querySelector("li.comment.selected") || items()[0]; }
    function select(item) {
      items().forEach(function (i) { i.classList.remove("selected"); });
      if (item) { item.classList.add("selected"); item.focus(); }
    }
    select(items()[0]);
    queue.addEventListener("focusin", function (e) {
      var li = e.target.closest("li.comment");
      if (li) { items().forEach(function (i) { i.classList.toggle("selected", i === li); }); }
    });
    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      var tag = (e.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select" || e.target.isContentEditable) return;
      var list = items(), item = current(), index = list.indexOf(item);
      var action = { a: "approve", r: "reject", s: "spam" }[e.key];
      if (e.key === "j") { select(list[Math.min(index + 1, list.length - 1)]); e.preventDefault(); }
      else if (e.key === "k") { select(list[Math.max(index - 1, 0)]); e.preventDefault(); }
      else if (action && item) {
        var button = item.querySelector('[data-action="' + action + '"]');
        if (button) {
          var next = list[index + 1] || list[index - 1];
          button.click();
          e.preventDefault();
          if (next) select(next);
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // Trix may define its element a moment after its script ran; wait for it only where the page has a rich field.
    if (window.customElements && document.querySelector("textarea[data-rich-text]")) {
      window.customElements.whenDefined("trix-editor").then(enhanceRichText);
    }
    keyboardQueue();
  });
})();

// The campaign report as a chart (Chart.js, vendored); the table under it is there without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  var canvas = document.getElementById("report-chart"), data = document.getElementById("report-data");
  if (!canvas || !data || !window.Chart) return;
  var report = JSON.parse(data.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: report.labels,
      datasets: [
        { label: "Impressions", data: report.impressions, backgroundColor: "#0b5cad", yAxisID: "y" },
        { label: "Clicks", data: report.clicks, backgroundColor: "#e07b00", yAxisID: "y1", type: "line" }
      ]
    },
    options: { animation: false, scales: { y: { beginAtZero: true }, y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } } } }
  });
  canvas.setAttribute("data-rendered", "true");
});

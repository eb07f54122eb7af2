/* plainlint report: filters, sortable tables and Escape to close an explanation.
   The page works without this script; it only adds to it. No network, no eval, no HTML strings. */
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // Filters by severity and type of problem, one set per document on the page.
  each(document.querySelectorAll("[data-doc]"), function (doc) {
    var box = doc.querySelector("[data-filters]");
    if (!box) { return; }
    var marks = doc.querySelectorAll(".doc-text .hl, .doc-text .mk, .doc-side .whole li");
    var items = doc.querySelectorAll(".finding");
    var groups = doc.querySelectorAll("[data-group]");
    var status = doc.querySelector("[data-status]");
    box.hidden = false;

    function apply() {
      var off = {};
      each(box.querySelectorAll("input[data-filter]"), function (input) {
        if (!input.checked) { off[input.getAttribute("data-filter") + ":" + input.value] = true; }
      });
      function filtered(el) {
        return off["sev:" + el.getAttribute("data-sev")] || off["rule:" + el.getAttribute("data-rule")];
      }
      each(marks, function (mark) {
        var hide = !!filtered(mark);
        mark.classList.toggle("off", hide);
        if (hide && mark.hasAttribute("href")) {
          mark.setAttribute("data-href", mark.getAttribute("href"));
          mark.setAttribute("data-describedby", mark.getAttribute("aria-describedby"));
          mark.removeAttribute("href");
          mark.removeAttribute("aria-describedby");
        } else if (!hide && mark.hasAttribute("data-href")) {
          mark.setAttribute("href", mark.getAttribute("data-href"));
          mark.setAttribute("aria-describedby", mark.getAttribute("data-describedby"));
          mark.removeAttribute("data-href");
          mark.removeAttribute("data-describedby");
        }
      });
      var shown = 0;
      var total = 0;
      each(items, function (item) {
        var count = Number(item.getAttribute("data-count")) || 1;
        item.hidden = !!filtered(item);
        total += count;
        if (!item.hidden) { shown += count; }
      });
      each(groups, function (group) {
        group.hidden = !group.querySelector(".finding:not([hidden])");
      });
      status.textContent = shown === total
        ? "Showing all " + total + " problems."
        : "Showing " + shown + " of " + total + " problems.";
    }
    box.addEventListener("change", apply);
  });

  // A tap or click on a marked word opens its explanation where it is, rather than jumping
  // to the list far below; a second one on the same word follows the link. The keyboard
  // (Enter: a click with no pointer, detail 0) still goes straight to the list.
  var opened = null;
  document.addEventListener("click", function (event) {
    var mark = event.target && event.target.closest ? event.target.closest(".doc-text .hl[href], .doc-text .mk[href]") : null;
    if (!mark) {
      if (opened && !(event.target.closest && event.target.closest(".note"))) {
        opened.classList.remove("open");
        opened = null;
      }
      return;
    }
    if (event.detail === 0 || mark === opened) { return; }
    event.preventDefault();
    if (opened) { opened.classList.remove("open"); }
    mark.classList.remove("quiet");
    mark.classList.add("open");
    opened = mark;
    // Just enough scrolling to show the whole explanation, if it runs off the screen.
    var note = mark.nextElementSibling;
    if (note && note.classList.contains("note") && note.scrollIntoView) {
      note.scrollIntoView({block: "nearest"});
    }
  });

  // Escape closes the explanation of the highlight that has focus (WCAG 1.4.13).
  document.addEventListener("keydown", function (event) {
    var el = document.activeElement;
    if (event.key === "Escape" && el && el.classList &&
        (el.classList.contains("hl") || el.classList.contains("mk"))) {
      el.classList.add("quiet");
    }
    if (event.key === "Escape" && opened) {
      opened.classList.remove("open");
      opened = null;
    }
  });
  document.addEventListener("focusout", function (event) {
    if (event.target && event.target.classList) { event.target.classList.remove("quiet"); }
  });

  // Sortable tables: each column heading becomes a button; aria-sort says the order.
  each(document.querySelectorAll("table[data-sortable]"), function (table) {
    var heads = table.tHead.rows[0].cells;
    var body = table.tBodies[0];
    var live = document.createElement("p");
    live.className = "vh";
    live.setAttribute("role", "status");
    table.parentNode.insertBefore(live, table.nextSibling);
    each(heads, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.getAttribute("data-type") === "number";
        var rows = Array.prototype.slice.call(body.rows);
        rows.forEach(function (row, i) { row.setAttribute("data-i", i); });
        rows.sort(function (a, b) {
          var x = a.cells[column].getAttribute("data-sort") || "";
          var y = b.cells[column].getAttribute("data-sort") || "";
          if (x === "" || y === "") {  // not measured: always last
            return (x === "" ? 1 : 0) - (y === "" ? 1 : 0) || a.getAttribute("data-i") - b.getAttribute("data-i");
          }
          var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
          return (ascending ? c : -c) || a.getAttribute("data-i") - b.getAttribute("data-i");
        });
        rows.forEach(function (row) { body.appendChild(row); });
        each(heads, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        live.textContent = "Sorted by " + button.textContent.replace(/\s+/g, " ").trim() +
          (ascending ? ", lowest first." : ", highest first.");
      });
    });
  });
}());

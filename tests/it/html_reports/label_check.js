// Appended to a copy of a report page by the test: measures every chart's
// text as the browser lays it out and writes what it finds into the page
// (read back with --dump-dom). A label must lie inside its drawing, clear of
// every other label and of every bar and point.
(function () {
  const problems = [];
  const overlap = (a, b) =>
    a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
  let texts = 0;
  let charts = 0;
  document.querySelectorAll("svg.chart").forEach((svg, n) => {
    // A drawing this width of page does not show (the phone's or the screen's) is not laid out.
    if (svg.getClientRects().length === 0) return;
    charts += 1;
    const name = svg.dataset.chart + " chart " + (n + 1);
    const vb = svg.viewBox.baseVal;
    const labels = [...svg.querySelectorAll("text")].map((t) => ({ text: t.textContent, box: t.getBBox() }));
    const marks = [...svg.querySelectorAll("rect[data-value], circle[data-value]")].map((m) => m.getBBox());
    texts += labels.length;
    labels.forEach((l, i) => {
      const b = l.box;
      if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5) {
        problems.push(name + ": \"" + l.text + "\" is clipped by the drawing's edge");
      }
      if (marks.some((m) => m.width > 0 && m.height > 0 && overlap(b, m))) {
        problems.push(name + ": \"" + l.text + "\" lies on a bar or point");
      }
      labels.slice(i + 1).forEach((o) => {
        if (overlap(b, o.box)) problems.push(name + ": \"" + l.text + "\" overlaps \"" + o.text + "\"");
      });
    });
  });
  const out = document.createElement("pre");
  out.id = "label-check";
  out.textContent = "checked " + texts + " labels in " + charts + " charts\n" + (problems.length ? problems.join("\n") : "no problem");
  document.body.appendChild(out);
})();

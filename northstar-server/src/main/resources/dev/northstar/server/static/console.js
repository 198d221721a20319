// Northstar console: small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  sizeBars();
  drawCharts();
  const editor = document.getElementById("sql");
  if (!editor) {
    return;
  }
  // Ctrl+Enter (Cmd+Enter on a Mac) runs the query.
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      editor.form.requestSubmit();
    }
  });
  // Clicking a table name inserts it at the cursor.
  document.querySelectorAll("[data-insert]").forEach((button) => {
    button.addEventListener("click", () => {
      const text = button.getAttribute("data-insert");
      const start = editor.selectionStart;
      const end = editor.selectionEnd;
      editor.setRangeText(text, start, end, "end");
      editor.focus();
    });
  });
  // Show that a query is running, since large ones take a moment.
  editor.form.addEventListener("submit", () => {
    const run = document.getElementById("run");
    if (run) {
      run.disabled = true;
      run.textContent = "Running…";
    }
  });
});

// Bars: the page's CSP forbids inline styles, so widths (percentages computed by the server) come as data.
function sizeBars() {
  document.querySelectorAll("[data-width]").forEach((element) => {
    const width = Number(element.getAttribute("data-width"));
    if (Number.isFinite(width)) {
      element.style.width = Math.max(0, Math.min(100, width)) + "%";
    }
  });
}

// Charts: an element with data-chart='{"x": [epoch seconds], "y": [values]}' becomes a uPlot step chart, or a line
// chart with "line": true (metric history).
function drawCharts() {
  if (typeof uPlot === "undefined") {
    return;
  }
  document.querySelectorAll("[data-chart]").forEach((element) => {
    const data = JSON.parse(element.getAttribute("data-chart"));
    const line = data.line === true;
    const options = {
      width: element.clientWidth,
      height: 180,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      // Rows start from zero, so growth reads at its true size.
      scales: { x: { time: true }, y: { range: (chart, min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [{ stroke: "#6c7a8c" }, { stroke: "#6c7a8c", size: 60 }],
      series: [
        {},
        {
          label: line ? "Value" : "Rows",
          stroke: "#0d6efd",
          width: 2,
          fill: "rgba(13, 110, 253, 0.08)",
          points: { show: true, size: 6 },
          paths: line ? uPlot.paths.linear() : uPlot.paths.stepped({ align: 1 }),
        },
      ],
    };
    new uPlot(options, [data.x, data.y], element);
  });
}

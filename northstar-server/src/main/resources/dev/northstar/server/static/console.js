// Northstar console: small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
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

// Charts: an element with data-chart='{"x": [epoch seconds], "y": [values]}' becomes a uPlot step chart.
function drawCharts() {
  if (typeof uPlot === "undefined") {
    return;
  }
  document.querySelectorAll("[data-chart]").forEach((element) => {
    const data = JSON.parse(element.getAttribute("data-chart"));
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
          label: "Rows",
          stroke: "#0d6efd",
          width: 2,
          fill: "rgba(13, 110, 253, 0.08)",
          points: { show: true, size: 6 },
          paths: uPlot.paths.stepped({ align: 1 }),
        },
      ],
    };
    new uPlot(options, [data.x, data.y], element);
  });
}

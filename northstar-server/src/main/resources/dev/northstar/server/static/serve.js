// Northstar Serve page: refreshes the live decisions every 2 s from the JSON route named by the table's data-source.
// The page works without this file (the table shows the decisions at the time it was served).
document.addEventListener("DOMContentLoaded", () => {
  const table = document.getElementById("live");
  if (!table) {
    return;
  }
  const body = table.querySelector("tbody");
  const source = table.getAttribute("data-source");

  function cell(text, end) {
    const td = document.createElement("td");
    td.textContent = text;
    if (end) {
      td.className = "text-end";
    }
    return td;
  }

  function signed(value) {
    return (value >= 0 ? "+" : "") + value.toFixed(3);
  }

  async function refresh() {
    try {
      const response = await fetch(source, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) {
        return;
      }
      const answer = await response.json();
      const rows = answer.scores.map((score) => {
        const tr = document.createElement("tr");
        const entity = Object.entries(score.entities || {}).map(([key, value]) => key + "=" + value).join(", ");
        const reasons = (score.reasons || []).map((r) => r.feature + " (" + signed(r.contribution) + ")").join(", ");
        tr.append(cell(score.at), cell(score.model), cell(String(score.version), true), cell(entity),
          cell(score.score.toFixed(3), true), cell(score.decision ? "flagged" : "pass"), cell(reasons));
        tr.cells[3].className = "font-monospace";
        return tr;
      });
      body.replaceChildren(...rows);
      table.setAttribute("data-refreshed", String(Date.now()));
    } catch (error) {
      // Keep what is shown; the next refresh tries again.
    }
  }

  setInterval(refresh, 2000);
  refresh();
});

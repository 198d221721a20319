// Northstar console: small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
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

// Northstar catalog search: facet checkboxes apply at once, and the search box suggests tables while typing.
// The page works without this file (the Apply filters and Search buttons submit the same form).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("catalog-search");
  if (!form) {
    return;
  }
  document.querySelectorAll(".ns-facet").forEach((box) => {
    box.addEventListener("change", () => form.requestSubmit());
  });
  const input = document.getElementById("catalog-query");
  const list = document.getElementById("catalog-suggestions");
  let timer = null;
  let sequence = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => suggest(input.value), 200);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      hide();
    }
  });

  async function suggest(text) {
    const mine = ++sequence;
    if (text.trim() === "") {
      hide();
      return;
    }
    // The same search as the page, with the page's filters; the console cookie authenticates the API call.
    const params = new URLSearchParams(new FormData(form));
    params.set("q", text);
    params.set("limit", "6");
    const response = await fetch("/api/v1/catalog/search?" + params.toString(), {credentials: "same-origin"});
    if (!response.ok || mine !== sequence) {
      return;
    }
    const result = await response.json();
    list.replaceChildren();
    for (const hit of result.hits) {
      const [domain, table] = hit.table.split(".");
      const link = document.createElement("a");
      link.className = "list-group-item list-group-item-action ns-suggestion";
      link.href = "/console/catalog/" + domain + "/" + table;
      const name = document.createElement("span");
      name.className = "font-monospace";
      name.textContent = hit.table;
      link.append(name);
      if (hit.product) {
        const product = document.createElement("span");
        product.className = "small text-body-secondary ms-2";
        product.textContent = hit.product;
        link.append(product);
      }
      list.append(link);
    }
    list.classList.toggle("d-none", result.hits.length === 0);
  }

  function hide() {
    sequence++;
    list.classList.add("d-none");
    list.replaceChildren();
  }
});

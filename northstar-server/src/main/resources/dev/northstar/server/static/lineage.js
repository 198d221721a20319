// Northstar console: the interactive lineage graph of /console/lineage, drawn by Cytoscape.js from the lineage API.
// Pan and zoom; click a dataset for its columns and to expand its upstream or downstream; click a column to
// highlight its column-level lineage. window.nsLineage exposes the state for tests and curious people.
(() => {
  "use strict";

  const MAX_COLUMNS_SHOWN = 12;

  function start() {
    const container = document.getElementById("lineage-graph");
    if (!container || typeof cytoscape === "undefined") {
      return;
    }
    const details = document.getElementById("lineage-details");
    const state = { ready: false, loads: 0, highlighted: [], selected: null, error: null };
    window.nsLineage = state;
    // Any script error is kept where a test (or a person in the console) can see it.
    window.addEventListener("error", (event) => {
      state.error = event.message;
    });

    const cy = cytoscape({
      container,
      elements: [],
      minZoom: 0.2,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      style: [
        {
          selector: "node",
          style: {
            "label": "data(label)",
            "text-wrap": "wrap",
            "text-valign": "center",
            "text-halign": "center",
            "font-size": 11,
            "color": "#1f2933",
            "shape": "round-rectangle",
            "width": "label",
            "height": "label",
            "padding": "10px",
            "background-color": "#e7f0fb",
            "border-width": 1,
            "border-color": "#6c8ebf",
          },
        },
        { selector: "node.job", style: { "shape": "round-diamond", "background-color": "#f1f3f5", "border-color": "#868e96", "padding": "18px" } },
        { selector: "node.job.failed", style: { "border-color": "#c92a2a", "border-width": 2 } },
        { selector: "node.center", style: { "border-width": 3, "border-color": "#1c7ed6" } },
        { selector: "node.outside", style: { "background-color": "#fff4e6", "border-color": "#e8590c" } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#0b7285" } },
        { selector: "node.ns-hl", style: { "background-color": "#ffe8cc", "border-color": "#d9480f", "border-width": 3 } },
        {
          selector: "edge",
          style: {
            "width": 1.5,
            "line-color": "#adb5bd",
            "target-arrow-color": "#adb5bd",
            "target-arrow-shape": "triangle",
            "curve-style": "bezier",
          },
        },
        { selector: "edge.ns-hl", style: { "line-color": "#d9480f", "target-arrow-color": "#d9480f", "width": 3 } },
      ],
    });
    state.cy = cy;
    const columnEdges = new Map();

    function url(path, params) {
      return path + "?" + new URLSearchParams(params).toString();
    }

    async function getJson(path, params) {
      const response = await fetch(url(path, params), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const body = await response.json();
      if (!response.ok) {
        throw new Error((body.detail || response.statusText) + (body.hint ? " (" + body.hint + ")" : ""));
      }
      return body;
    }

    function label(node) {
      if (node.kind === "job") {
        return node.name + (node.state ? "\n" + node.state : "");
      }
      const shown = node.columns.slice(0, MAX_COLUMNS_SHOWN);
      const more = node.columns.length > shown.length ? "\n+" + (node.columns.length - shown.length) + " more" : "";
      return node.name + (shown.length ? "\n──────\n" + shown.join("\n") : "") + more;
    }

    function add(graph) {
      const elements = [];
      for (const node of graph.nodes) {
        const existing = cy.getElementById(node.id);
        if (existing.nonempty()) {
          const columns = Array.from(new Set(existing.data("columns").concat(node.columns)));
          existing.data({ columns, label: label(Object.assign({}, node, { columns })) });
          continue;
        }
        const classes = [node.kind];
        if (node.kind === "job" && (node.state === "FAIL" || node.state === "ABORT")) {
          classes.push("failed");
        }
        if (node.kind === "dataset" && node.namespace !== container.dataset.lake) {
          classes.push("outside");
        }
        elements.push({
          group: "nodes",
          data: {
            id: node.id, kind: node.kind, namespace: node.namespace, name: node.name, columns: node.columns,
            state: node.state || null, table: node.table || null, product: node.product === true, label: label(node),
          },
          classes: classes.join(" "),
        });
      }
      for (const edge of graph.edges) {
        const id = "edge:" + edge.source + "->" + edge.target;
        if (cy.getElementById(id).empty()) {
          elements.push({ group: "edges", data: { id, source: edge.source, target: edge.target } });
        }
      }
      for (const edge of graph.column_edges) {
        const key = JSON.stringify(edge);
        columnEdges.set(key, edge);
      }
      cy.add(elements);
      cy.getElementById("dataset:" + container.dataset.namespace + "/" + container.dataset.name).addClass("center");
      layout();
      cy.fit(undefined, 30);
    }

    function layout() {
      cy.layout({
        name: "breadthfirst",
        directed: true,
        roots: cy.nodes().filter((node) => node.indegree(false) === 0),
        spacingFactor: 1.1,
        animate: false,
        // Sources on the left, consumers on the right.
        transform: (node, position) => ({ x: position.y * 1.6, y: position.x }),
      }).run();
    }

    async function load(namespace, name, depth, direction) {
      state.ready = false;
      try {
        add(await getJson("/api/v1/lineage/graph", { namespace, name, depth, direction }));
        state.error = null;
      } catch (error) {
        state.error = error.message;
        details.replaceChildren(alert(error.message));
      } finally {
        state.loads += 1;
        state.ready = true;
      }
    }

    function alert(message) {
      const box = document.createElement("div");
      box.className = "alert alert-danger";
      box.id = "lineage-error";
      box.textContent = message;
      return box;
    }

    function element(tag, attributes, text) {
      const created = document.createElement(tag);
      Object.entries(attributes || {}).forEach(([key, value]) => created.setAttribute(key, value));
      if (text !== undefined) {
        created.textContent = text;
      }
      return created;
    }

    function showNode(node) {
      state.selected = node.id();
      const data = node.data();
      const parts = [element("h2", { class: "h6", id: "lineage-selected" }, data.name),
        element("p", { class: "text-secondary mb-2" }, data.kind + " in " + data.namespace)];
      if (data.kind === "job") {
        parts.push(element("p", { id: "lineage-job-state" }, "Newest run: " + (data.state || "no run reported")));
        details.replaceChildren(...parts);
        return;
      }
      const actions = element("div", { class: "d-flex gap-2 flex-wrap mb-2" });
      const upstream = element("button", { type: "button", class: "btn btn-sm btn-outline-primary", id: "expand-upstream" },
        "Expand upstream");
      upstream.addEventListener("click", () => load(data.namespace, data.name, 2, "upstream"));
      const downstream = element("button", { type: "button", class: "btn btn-sm btn-outline-primary", id: "expand-downstream" },
        "Expand downstream");
      downstream.addEventListener("click", () => load(data.namespace, data.name, 2, "downstream"));
      actions.append(upstream, downstream);
      if (data.table) {
        const [domain, table] = data.table.split(".");
        actions.append(element("a", { class: "btn btn-sm btn-outline-secondary", id: "open-table",
          href: "/console/tables/" + encodeURIComponent(domain) + "/" + encodeURIComponent(table) }, "Table page"));
        if (data.product) {
          actions.append(element("a", { class: "btn btn-sm btn-outline-secondary", id: "open-product",
            href: "/console/products/" + encodeURIComponent(domain) + "/" + encodeURIComponent(table) }, "Product page"));
        }
      }
      actions.append(element("a", { class: "btn btn-sm btn-outline-secondary", id: "recenter",
        href: "/console/lineage?" + new URLSearchParams({ namespace: data.namespace, name: data.name }).toString() },
        "Centre here"));
      parts.push(actions);
      const columns = element("div", { id: "lineage-columns" });
      if (data.columns.length === 0) {
        columns.append(element("p", { class: "text-secondary" }, "No columns known."));
      }
      for (const column of data.columns) {
        const button = element("button", { type: "button", class: "btn btn-sm btn-outline-dark ns-column",
          "data-column": column }, column);
        button.addEventListener("click", () => traceColumn(data, column, button));
        columns.append(button);
      }
      parts.push(element("h3", { class: "h6 mt-2" }, "Columns"), columns,
        element("div", { id: "lineage-column-lineage", class: "mt-2" }));
      details.replaceChildren(...parts);
    }

    function columnKey(column) {
      return column.name + "." + column.column;
    }

    async function traceColumn(dataset, column, button) {
      state.ready = false;
      const target = document.getElementById("lineage-column-lineage");
      try {
        const lineage = await getJson("/api/v1/lineage/columns",
          { namespace: dataset.namespace, name: dataset.name, column });
        cy.elements().removeClass("ns-hl");
        document.querySelectorAll("#lineage-columns .ns-column").forEach((each) => each.classList.remove("active"));
        button.classList.add("active");
        const involved = [lineage.column].concat(lineage.upstream.map((hop) => hop.column),
          lineage.downstream.map((hop) => hop.column));
        const nodes = new Set(involved.map((each) => "dataset:" + each.namespace + "/" + each.name));
        nodes.forEach((id) => cy.getElementById(id).addClass("ns-hl"));
        // Edges along the column's path: dataset -> job -> dataset where both datasets are highlighted.
        cy.edges().forEach((edge) => {
          const source = edge.source();
          const targetNode = edge.target();
          const dataset = source.data("kind") === "dataset" ? source : targetNode;
          const job = source.data("kind") === "job" ? source : targetNode;
          if (nodes.has(dataset.id()) && job.neighborhood("node").some((other) => other.id() !== dataset.id()
              && nodes.has(other.id()))) {
            edge.addClass("ns-hl");
          }
        });
        state.highlighted = involved.map(columnKey);
        const list = element("ul", { class: "list-unstyled mb-0" });
        lineage.upstream.forEach((hop) => list.append(element("li", { class: "ns-upstream" },
          columnKey(hop.column) + " · " + hop.transformation + " · " + hop.hops + " hop" + (hop.hops > 1 ? "s" : ""))));
        lineage.downstream.forEach((hop) => list.append(element("li", { class: "ns-downstream" },
          columnKey(hop.column) + " · " + hop.transformation + " · " + hop.hops + " hop" + (hop.hops > 1 ? "s" : ""))));
        if (!lineage.upstream.length && !lineage.downstream.length) {
          list.append(element("li", { class: "text-secondary" }, "No column lineage recorded."));
        }
        target.replaceChildren(element("h3", { class: "h6" }, "Lineage of " + column), list);
      } catch (error) {
        state.error = error.message;
        target.replaceChildren(alert(error.message));
      } finally {
        state.ready = true;
      }
    }

    cy.on("tap", "node", (event) => showNode(event.target));
    cy.on("tap", (event) => {
      if (event.target === cy) {
        cy.elements().removeClass("ns-hl");
      }
    });
    load(container.dataset.namespace, container.dataset.name, container.dataset.depth, container.dataset.direction)
      .then(() => {
        const center = cy.getElementById("dataset:" + container.dataset.namespace + "/" + container.dataset.name);
        if (center.nonempty()) {
          center.select();
          showNode(center);
        }
      });
  }

  document.addEventListener("DOMContentLoaded", start);
})();

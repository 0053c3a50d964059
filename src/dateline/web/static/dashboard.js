// Dateline dashboard: reads the filters from the URL, fetches the JSON API, draws the
// timeline (SVG), the map (Leaflet over Natural Earth outlines), the table and the
// network. Every value from the database is inserted as text, never as HTML.
"use strict";

(function () {
  const FILTERS = ["since", "until", "source", "target", "actor", "type", "cameo",
    "quad_class", "modality", "min_confidence", "place", "merged"];
  const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation",
    3: "verbal conflict", 4: "material conflict" };
  const QUAD_COLOURS = { 1: "#7fb77e", 2: "#2e7d32", 3: "#f0a04b", 4: "#c62828" };
  const TYPE_COLOURS = {
    AGREE: "#1b9e77", CONSULT: "#66a61e", SUPPORT: "#a6d854", CONCEDE: "#8dd3c7",
    COOPERATE: "#4daf4a", AID: "#006d2c", RETREAT: "#80b1d3", REQUEST: "#377eb8",
    ACCUSE: "#fdb462", REJECT: "#e6ab02", THREATEN: "#ff7f00", PROTEST: "#bc80bd",
    SANCTION: "#984ea3", MOBILIZE: "#a65628", COERCE: "#e7298a", ASSAULT: "#b2182b",
  };
  const NONE_COLOUR = "#8a8f98";
  const PAGE_SIZE = 50;
  const SVG = "http://www.w3.org/2000/svg";

  // -- small helpers ---------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttributes(node, attrs);
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    setAttributes(node, attrs);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setAttributes(node, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(key, value);
    }
  }

  function number(value) {
    return Number(value).toLocaleString("en");
  }

  function plural(count, noun) {
    return `${number(count)} ${noun}${count === 1 ? "" : "s"}`;
  }

  // The filters in the page's URL, as query parameters for the API.
  function urlFilters() {
    const here = new URLSearchParams(location.search);
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      for (const value of here.getAll(name)) if (value !== "") params.append(name, value);
    }
    return params;
  }

  function withParams(base, ...sets) {
    const params = new URLSearchParams();
    for (const set of sets) for (const [k, v] of set) params.append(k, v);
    const query = params.toString();
    return query ? `${base}?${query}` : base;
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
    return body;
  }

  function showError(error) {
    const box = document.getElementById("filter-error");
    if (!box) return;
    box.textContent = error ? String(error.message || error) : "";
    box.hidden = !error;
  }

  function actorLabel(actor) {
    if (!actor) return "–";
    const codes = [actor.country, actor.sector].filter(Boolean).join("/");
    return codes ? `${actor.name} (${codes})` : actor.name;
  }

  // -- the filter form <-> the URL ----------------------------------------------------

  function fillForm(form, params) {
    for (const field of form.elements) {
      if (!field.name) continue;
      if (field.type === "checkbox") field.checked = params.get(field.name) === "true";
      else field.value = params.get(field.name) || "";
    }
  }

  function formParams(form) {
    const params = new URLSearchParams();
    for (const field of form.elements) {
      if (!field.name) continue;
      if (field.type === "checkbox") {
        if (field.checked) params.append(field.name, "true");
      } else if (field.value.trim() !== "") {
        params.append(field.name, field.value.trim());
      }
    }
    return params;
  }

  // Keep the filters in the URL (so a view can be shared) and redraw on every change.
  function bindForm(form, redraw) {
    fillForm(form, new URLSearchParams(location.search));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!form.reportValidity()) return;
      navigate(formParams(form));
    });
    form.addEventListener("reset", () => setTimeout(() => navigate(new URLSearchParams())));
    window.addEventListener("popstate", () => {
      fillForm(form, new URLSearchParams(location.search));
      redraw();
    });
    function navigate(params) {
      const query = params.toString();
      history.pushState(null, "", query ? `?${query}` : location.pathname);
      redraw();
    }
    return (params) => {
      fillForm(form, params);
      navigate(params);
    };
  }

  // Merge changes into the URL's filters (used by the timeline zoom).
  function changedFilters(changes) {
    const params = urlFilters();
    for (const [key, value] of Object.entries(changes)) {
      params.delete(key);
      if (value) params.set(key, value);
    }
    return params;
  }

  // -- timeline -----------------------------------------------------------------------

  function periodEnd(start, by) {
    const day = new Date(`${start}T00:00:00Z`);
    if (by === "day") return start;
    if (by === "week") day.setUTCDate(day.getUTCDate() + 6);
    if (by === "month") return start.slice(0, 7);
    if (by === "year") return start.slice(0, 4);
    return day.toISOString().slice(0, 10);
  }

  function finerPeriod(first, last) {
    const days = (Date.parse(last) - Date.parse(first)) / 86400000;
    if (days <= 92) return "day";
    if (days <= 730) return "week";
    return "month";
  }

  function drawSeries(container, periods, options) {
    container.replaceChildren();
    const shown = periods.filter((p) => p.events > 0);
    if (!shown.length) {
      container.append(el("p", { class: "empty" }, container.dataset.empty));
      return;
    }
    const width = Math.max(container.clientWidth, 280);
    const height = options.height || 200;
    const margin = { top: 12, right: options.goldstein ? 44 : 12, bottom: 24, left: 44 };
    const inner = width - margin.left - margin.right;
    const up = periods.map((p) => p.verbal_cooperation + p.material_cooperation);
    const down = periods.map((p) => p.verbal_conflict + p.material_conflict);
    const top = Math.max(1, ...up);
    const bottom = Math.max(1, ...down);
    const plot = height - margin.top - margin.bottom;
    const axis = margin.top + (plot * top) / (top + bottom);
    const scale = plot / (top + bottom);
    const band = inner / periods.length;
    const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`,
      role: "img", "aria-label": options.label || "Events per period" });
    const bars = svg("g", { class: "bars" });
    periods.forEach((p, i) => {
      const w = Math.max(Math.min(band * 0.8, 56), 1);
      const x = margin.left + i * band + (band - w) / 2;
      const group = svg("g", { class: "period", "data-index": i });
      let y = axis;
      for (const q of [1, 2]) {
        const h = p[q === 1 ? "verbal_cooperation" : "material_cooperation"] * scale;
        y -= h;
        if (h > 0) group.append(svg("rect", { x, y, width: w, height: h, class: `q${q}` }));
      }
      y = axis;
      for (const q of [3, 4]) {
        const h = p[q === 3 ? "verbal_conflict" : "material_conflict"] * scale;
        if (h > 0) group.append(svg("rect", { x, y, width: w, height: h, class: `q${q}` }));
        y += h;
      }
      group.append(svg("rect", { x: margin.left + i * band, y: margin.top, width: band,
        height: plot, class: "hit" }));
      group.append(svg("title", {}, `${p.period}: ${up[i]} cooperation, ${down[i]} conflict` +
        `, Goldstein ${Number(p.goldstein).toFixed(1)}`));
      bars.append(group);
    });
    chart.append(bars);
    chart.append(svg("line", { x1: margin.left, x2: width - margin.right, y1: axis, y2: axis,
      class: "axis" }));
    chart.append(svg("text", { x: margin.left - 6, y: margin.top + 10, class: "tick end" },
      number(top)));
    chart.append(svg("text", { x: margin.left - 6, y: height - margin.bottom, class: "tick end" },
      number(bottom)));
    chart.append(svg("text", { x: margin.left - 6, y: axis + 4, class: "tick end" }, "0"));
    const every = Math.max(1, Math.ceil(periods.length / Math.max(2, inner / 70)));
    periods.forEach((p, i) => {
      if (i % every) return;
      chart.append(svg("text", { x: margin.left + i * band + band / 2, y: height - 6,
        class: "tick middle" }, options.by === "year" ? p.period.slice(0, 4)
        : options.by === "month" ? p.period.slice(0, 7) : p.period));
    });
    if (options.goldstein) drawGoldstein(chart, periods, margin, band, height, width);
    if (options.onRange) bindBrush(chart, periods, margin, band, plot, options.onRange);
    container.append(chart);
  }

  function drawGoldstein(chart, periods, margin, band, height, width) {
    const values = periods.map((p) => p.goldstein);
    const extent = Math.max(1, ...values.map(Math.abs));
    const mid = margin.top + (height - margin.top - margin.bottom) / 2;
    const half = (height - margin.top - margin.bottom) / 2;
    const points = values.map((v, i) =>
      `${margin.left + i * band + band / 2},${mid - (v / extent) * half}`);
    chart.append(svg("polyline", { points: points.join(" "), class: "goldstein" }));
    for (const point of points) {
      const [x, y] = point.split(",");
      chart.append(svg("circle", { cx: x, cy: y, r: 2.5, class: "goldstein-point" }));
    }
    chart.append(svg("text", { x: width - margin.right + 4, y: margin.top + 10,
      class: "tick goldstein-label" }, `+${extent.toFixed(0)}`));
    chart.append(svg("text", { x: width - margin.right + 4, y: height - margin.bottom,
      class: "tick goldstein-label" }, `−${extent.toFixed(0)}`));
  }

  // Drag across the chart (or click one bar) to pick a date range.
  function bindBrush(chart, periods, margin, band, plot, onRange) {
    const shade = svg("rect", { class: "brush", y: margin.top, height: plot, width: 0 });
    chart.append(shade);
    let start = null;
    const index = (event) => {
      const box = chart.getBoundingClientRect();
      const i = Math.floor((event.clientX - box.left - margin.left) / band);
      return Math.min(periods.length - 1, Math.max(0, i));
    };
    chart.addEventListener("pointerdown", (event) => {
      start = index(event);
      chart.setPointerCapture(event.pointerId);
    });
    chart.addEventListener("pointermove", (event) => {
      if (start === null) return;
      const [a, b] = [start, index(event)].sort((x, y) => x - y);
      setAttributes(shade, { x: margin.left + a * band, width: (b - a + 1) * band });
    });
    chart.addEventListener("pointerup", (event) => {
      if (start === null) return;
      const [a, b] = [start, index(event)].sort((x, y) => x - y);
      start = null;
      onRange(periods[a].period, periods[b].period);
    });
  }

  function bindTimeline(redrawAll) {
    const container = document.getElementById("timeline");
    if (!container) return null;
    const bySelect = document.getElementById("timeline-by");
    const reset = document.getElementById("timeline-reset");
    const setFilters = redrawAll.setFilters;
    bySelect.addEventListener("change", () => draw());
    reset.addEventListener("click", () => setFilters(changedFilters({ since: "", until: "" })));
    async function draw() {
      const params = urlFilters();
      reset.hidden = !(params.get("since") || params.get("until"));
      const by = bySelect.value;
      try {
        const body = await getJSON(withParams("/api/series", params, [["by", by]]));
        drawSeries(container, body.periods, {
          by,
          label: "Cooperation and conflict per period",
          onRange: setFilters && ((first, last) => {
            const until = periodEnd(last, by);
            bySelect.value = finerPeriod(first, periodEnd(last, "week"));
            setFilters(changedFilters({ since: first, until }));
          }),
        });
        container.dataset.ready = "true";
      } catch (error) {
        showError(error);
      }
    }
    return draw;
  }

  // -- map ----------------------------------------------------------------------------

  function placeColour(place, colourBy) {
    if (colourBy === "type") return TYPE_COLOURS[place.top_type] || NONE_COLOUR;
    const counts = [place.verbal_cooperation, place.material_cooperation,
      place.verbal_conflict, place.material_conflict];
    return QUAD_COLOURS[counts.indexOf(Math.max(...counts)) + 1];
  }

  function drawLegend(colourBy, types) {
    const box = document.getElementById("map-legend");
    if (!box) return;
    const entries = colourBy === "type"
      ? types.map((t) => [TYPE_COLOURS[t] || NONE_COLOUR, t || "no PLOVER type"])
      : Object.entries(QUAD_NAMES).map(([q, name]) => [QUAD_COLOURS[q], name]);
    const list = el("ul", { class: "legend", "aria-label": "Marker colours" });
    for (const [colour, name] of entries) {
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = colour;
      list.append(el("li", {}, swatch, name));
    }
    box.replaceChildren(list);
  }

  function makeMap(container) {
    const map = L.map(container, { worldCopyJump: true, minZoom: 1, maxZoom: 12 })
      .setView([15, 20], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth");
    fetch("/static/vendor/world-atlas/countries-110m.json")
      .then((r) => r.json())
      .then((topology) => {
        const land = topojson.feature(topology, topology.objects.countries);
        L.geoJSON(land, { interactive: false, style: { color: "#aab4be", weight: 0.7,
          fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map).bringToBack();
      });
    return map;
  }

  function bindMap(onPlace) {
    const container = document.getElementById("map");
    if (!container) return null;
    const map = makeMap(container);
    const colourSelect = document.getElementById("colour-by");
    const status = document.getElementById("map-status");
    let layer = null;
    let places = [];
    colourSelect.addEventListener("change", () => render());
    function render() {
      if (layer) map.removeLayer(layer);
      const colourBy = colourSelect.value;
      layer = L.markerClusterGroup({
        maxClusterRadius: 40,
        showCoverageOnHover: false,
        iconCreateFunction: (cluster) => {
          const total = cluster.getAllChildMarkers().reduce((n, m) => n + m.options.events, 0);
          const size = Math.round(26 + Math.min(30, Math.sqrt(total) * 2));
          return L.divIcon({ className: "cluster", iconSize: [size, size],
            html: `<span>${Number(total)}</span>` });
        },
      });
      const most = Math.max(1, ...places.map((p) => p.events));
      for (const place of places) {
        const marker = L.circleMarker([place.lat, place.lon], {
          radius: 5 + 14 * Math.sqrt(place.events / most),
          fillColor: placeColour(place, colourBy), color: "#ffffff", weight: 1.2,
          fillOpacity: 0.9, events: place.events,
        });
        marker.bindTooltip(el("span", {}, el("strong", {}, place.name || "?"),
          ` ${place.country || ""} · ${number(place.events)} events`));
        marker.on("click", () => onPlace && onPlace(place));
        layer.addLayer(marker);
      }
      map.addLayer(layer);
      const types = [...new Set(places.map((p) => p.top_type))];
      drawLegend(colourBy, types);
    }
    async function draw() {
      try {
        const body = await getJSON(withParams("/api/places", urlFilters()));
        places = body.places;
        if (places.length) {
          map.fitBounds(places.map((p) => [p.lat, p.lon]), { padding: [30, 30], maxZoom: 6,
            animate: false });
        }
        render();
        status.textContent = places.length
          ? `${plural(places.length, "place")}, ${plural(places.reduce((n, p) => n + p.events, 0), "located event")}`
          : "No located events match.";
        container.dataset.markers = String(places.length);
        container.dispatchEvent(new Event("drawn"));
        if (drawn.onPlaces) drawn.onPlaces(places);
      } catch (error) {
        showError(error);
      }
    }
    const drawn = { draw, onPlaces: null };
    return drawn;
  }

  async function listPlaceEvents(place) {
    const list = document.getElementById("place-events");
    const title = document.getElementById("place-title");
    title.textContent = `Events at ${place.name || "?"}`;
    const params = urlFilters();
    params.set("place", place.name || "");
    params.set("limit", "200");
    const body = await getJSON(withParams("/api/events", params));
    const here = body.events.filter((e) => e.place && e.place.lat === place.lat &&
      e.place.lon === place.lon);
    list.replaceChildren(...here.map(eventItem));
    document.getElementById("place-hint").textContent =
      `${plural(here.length, "event")} shown of ${number(place.events)}`;
  }

  function eventItem(record) {
    const type = record.plover ? record.plover.type : "–";
    return el("li", {},
      el("a", { href: `/events/${encodeURIComponent(record.id)}` },
        `${record.date || "undated"} ${actorLabel(record.source)} ${type}/${record.cameo.code} ` +
        `${record.target ? actorLabel(record.target) : ""}`),
      el("q", {}, record.sentence));
  }

  // -- table --------------------------------------------------------------------------

  function bindTable() {
    const table = document.getElementById("events-table");
    if (!table) return null;
    const body = table.querySelector("tbody");
    const info = document.getElementById("page-info");
    const count = document.getElementById("table-count");
    const prev = document.getElementById("page-prev");
    const next = document.getElementById("page-next");
    const state = { offset: 0, sort: new URLSearchParams(location.search).get("sort") || "" };
    state.offset = Number(new URLSearchParams(location.search).get("offset")) || 0;
    table.querySelectorAll("button[data-sort]").forEach((button) => {
      button.addEventListener("click", () => {
        const key = button.dataset.sort;
        state.sort = state.sort === key ? `-${key}` : key;
        state.offset = 0;
        remember();
        draw();
      });
    });
    prev.addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); remember(); draw(); });
    next.addEventListener("click", () => { state.offset += PAGE_SIZE; remember(); draw(); });
    function remember() {
      const here = new URLSearchParams(location.search);
      here.delete("offset");
      here.delete("sort");
      if (state.offset) here.set("offset", String(state.offset));
      if (state.sort) here.set("sort", state.sort);
      history.replaceState(null, "", `?${here.toString()}`);
    }
    function markSort() {
      table.querySelectorAll("th").forEach((th) => th.removeAttribute("aria-sort"));
      if (!state.sort) return;
      const key = state.sort.replace("-", "");
      const th = table.querySelector(`button[data-sort="${key}"]`).parentElement;
      th.setAttribute("aria-sort", state.sort.startsWith("-") ? "descending" : "ascending");
    }
    async function draw(fromFilters) {
      if (fromFilters) { state.offset = 0; remember(); }
      const params = urlFilters();
      params.set("offset", String(state.offset));
      params.set("limit", String(PAGE_SIZE));
      if (state.sort) params.set("sort", state.sort);
      try {
        const page = await getJSON(withParams("/api/events", params));
        body.replaceChildren(...page.events.map(tableRow));
        if (!page.events.length) {
          body.append(el("tr", {}, el("td", { colspan: 7, class: "empty" }, "No events match.")));
        }
        const last = page.offset + page.events.length;
        info.textContent = page.total ? `${number(page.offset + 1)}–${number(last)} of ${number(page.total)}` : "";
        count.textContent = plural(page.total, "event");
        prev.disabled = page.offset === 0;
        next.disabled = page.next_offset === null;
        markSort();
        table.dataset.rows = String(page.events.length);
        table.dataset.total = String(page.total);
        showError(null);
      } catch (error) {
        showError(error);
      }
    }
    return draw;
  }

  function tableRow(record) {
    const type = record.plover ? record.plover.type : "–";
    const swatch = el("span", { class: `swatch q${record.cameo.quad_class}`,
      title: QUAD_NAMES[record.cameo.quad_class] });
    return el("tr", {},
      el("td", { class: "nowrap" }, el("a", { href: `/events/${encodeURIComponent(record.id)}` },
        record.date || "undated")),
      el("td", {}, actorLabel(record.source)),
      el("td", { class: "nowrap" }, swatch, `${type}/${record.cameo.code}`),
      el("td", {}, actorLabel(record.target)),
      el("td", {}, record.place ? record.place.name : ""),
      el("td", {}, record.modality),
      el("td", { class: "num" }, Number(record.confidence).toFixed(2)));
  }

  function updateDownloads() {
    document.querySelectorAll("#downloads a[data-format]").forEach((link) => {
      link.href = withParams("/api/export", [["format", link.dataset.format]], urlFilters());
    });
  }

  // -- dyad page ----------------------------------------------------------------------

  async function drawDyad(form) {
    const params = urlFilters();
    const source = params.get("source");
    const seriesBox = document.getElementById("dyad-series");
    const networkBox = document.getElementById("network");
    if (!source) {
      seriesBox.replaceChildren(el("p", { class: "empty" }, "Give a source country or actor."));
      networkBox.replaceChildren();
      return;
    }
    const merged = params.get("merged") ? [["merged", "true"]] : [];
    try {
      const series = await getJSON(withParams("/api/series", params, [["by", "month"]]));
      drawSeries(seriesBox, series.periods, { by: "month", goldstein: true, height: 220,
        label: `Monthly events ${source} to ${params.get("target") || "anyone"}` });
      seriesBox.dataset.ready = "true";
      const [out, into] = await Promise.all([
        getJSON(withParams("/api/network", [["source", source], ["limit", "40"]], merged)),
        getJSON(withParams("/api/network", [["target", source], ["limit", "40"]], merged)),
      ]);
      drawNetwork(networkBox, source, out.edges, into.edges, (partner) => {
        form.elements.target.value = partner;
        form.requestSubmit();
      });
      showError(null);
    } catch (error) {
      showError(error);
    }
  }

  function goldsteinColour(value) {
    const t = Math.max(-1, Math.min(1, value / 6));
    return t < 0 ? `rgb(${200}, ${Math.round(160 + 40 * t)}, ${Math.round(150 + 110 * t)})`
      : `rgb(${Math.round(150 - 110 * t)}, ${Math.round(160 + 20 * t)}, ${Math.round(150 - 80 * t)})`;
  }

  // A segment shortened by ``from`` and ``to`` pixels, so arrows stop at the nodes.
  function trim([x1, y1, x2, y2], from, to) {
    const length = Math.hypot(x2 - x1, y2 - y1) || 1;
    const [dx, dy] = [(x2 - x1) / length, (y2 - y1) / length];
    return [x1 + dx * from, y1 + dy * from, x2 - dx * to, y2 - dy * to];
  }

  // The source actor in the middle, its partners around it; an arrow each way.
  function drawNetwork(container, centre, out, into, onPartner) {
    container.replaceChildren();
    const upper = centre.toUpperCase();
    const edges = [...out.filter((e) => e.source.toUpperCase() === upper),
      ...into.filter((e) => e.target.toUpperCase() === upper)];
    if (!edges.length) {
      container.append(el("p", { class: "empty" }, container.dataset.empty));
      return;
    }
    const centreName = edges[0].source.toUpperCase() === upper ? edges[0].source : edges[0].target;
    const partners = [...new Set(edges.map((e) => (e.source === centreName ? e.target : e.source)))]
      .slice(0, 24);
    const width = Math.max(container.clientWidth, 300);
    const height = Math.min(460, Math.max(300, width * 0.6));
    const cx = width / 2;
    const cy = height / 2;
    const radius = Math.min(width, height) / 2 - 50;
    const most = Math.max(...edges.map((e) => e.events));
    const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": `Actor network around ${centreName}` });
    const defs = svg("defs");
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
      markerWidth: 3.2, markerHeight: 3.2, orient: "auto" });
    marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#3d4652" }));
    defs.append(marker);
    chart.append(defs);
    const position = new Map(partners.map((name, i) => {
      const angle = (2 * Math.PI * i) / partners.length - Math.PI / 2;
      return [name, [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]];
    }));
    for (const edge of edges) {
      const outward = edge.source === centreName;
      const partner = outward ? edge.target : edge.source;
      if (!position.has(partner)) continue;
      const [px, py] = position.get(partner);
      const [x1, y1, x2, y2] = trim(outward ? [cx, cy, px, py] : [px, py, cx, cy],
        outward ? 28 : 18, outward ? 18 : 28);
      const bend = outward ? 0.2 : -0.2;
      const mx = (x1 + x2) / 2 - (y2 - y1) * bend;
      const my = (y1 + y2) / 2 + (x2 - x1) * bend;
      const path = svg("path", { d: `M${x1},${y1} Q${mx},${my} ${x2},${y2}`, class: "edge",
        stroke: goldsteinColour(edge.goldstein_mean),
        "stroke-width": 1.5 + 7 * Math.sqrt(edge.events / most), "marker-end": "url(#arrow)" });
      path.append(svg("title", {}, `${edge.source} → ${edge.target}: ${edge.events} events, ` +
        `mean Goldstein ${edge.goldstein_mean.toFixed(1)}`));
      chart.append(path);
      chart.append(svg("text", { x: (x1 + 2 * mx + x2) / 4, y: (y1 + 2 * my + y2) / 4 - 4,
        class: "edge-label middle" }, number(edge.events)));
    }
    chart.append(svg("circle", { cx, cy, r: 26, class: "node centre" }));
    chart.append(svg("text", { x: cx, y: cy + 4, class: "node-label middle" }, centreName));
    for (const [name, [x, y]] of position) {
      const link = svg("a", { href: `?source=${encodeURIComponent(centreName)}&target=${encodeURIComponent(name)}`,
        class: "partner" });
      link.append(svg("circle", { cx: x, cy: y, r: 16, class: "node" }));
      const below = y >= cy - 1;
      link.append(svg("text", { x, y: below ? y + 32 : y - 24, class: "node-label middle" }, name));
      link.addEventListener("click", (event) => { event.preventDefault(); onPartner(name); });
      chart.append(link);
    }
    container.append(chart);
    container.dataset.edges = String(edges.length);
  }

  // -- pages --------------------------------------------------------------------------

  function startFilteredPage(parts) {
    const form = document.getElementById("filters");
    const redraw = () => {
      showError(null);
      updateDownloads();
      for (const part of parts()) part(true);
    };
    redraw.setFilters = bindForm(form, redraw);
    return redraw;
  }

  function start() {
    const page = document.body.dataset.page;
    if (page === "overview") {
      const draw = bindTimeline({});
      if (draw) draw();
    } else if (page === "events") {
      let drawers = [];
      const redraw = startFilteredPage(() => drawers);
      const timeline = bindTimeline(redraw);
      const map = bindMap(null);
      const table = bindTable();
      drawers = [timeline, map.draw, table];
      updateDownloads();
      timeline();
      map.draw();
      table(false);
    } else if (page === "map") {
      let drawers = [];
      const redraw = startFilteredPage(() => drawers);
      const map = bindMap((place) => listPlaceEvents(place).catch(showError));
      const select = document.getElementById("place-select");
      map.onPlaces = (places) => {
        select.replaceChildren(el("option", { value: "" }, "choose…"),
          ...places.map((p, i) => el("option", { value: i }, `${p.name} (${number(p.events)})`)));
        select.onchange = () => { if (select.value !== "") listPlaceEvents(places[select.value]).catch(showError); };
      };
      drawers = [map.draw];
      updateDownloads();
      map.draw();
    } else if (page === "dyad") {
      const form = document.getElementById("dyad-form");
      const redraw = () => drawDyad(form);
      bindForm(form, redraw);
      redraw();
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})();

// Plain SVG charts: a line chart and a stacked bar chart, drawn from data, sized by their viewBox so they scale with the page.
const svgNs = "http://www.w3.org/2000/svg";
const width = 640;
const height = 220;
const margin = { top: 12, right: 12, bottom: 28, left: 48 };

function element(name, attributes = {}, text) {
  const node = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(container, label) {
  container.replaceChildren();
  const svg = element("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "chart" });
  container.append(svg);
  return svg;
}

// A round upper bound for the y axis and four ticks below it.
function scaleMax(values) {
  const max = Math.max(0, ...values);
  if (max === 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

function axes(svg, max, format, labels, position) {
  const plotHeight = height - margin.top - margin.bottom;
  for (let i = 0; i <= 4; i++) {
    const y = margin.top + plotHeight - (plotHeight * i) / 4;
    svg.append(element("line", { x1: margin.left, x2: width - margin.right, y1: y, y2: y, class: "grid" }));
    svg.append(element("text", { x: margin.left - 6, y: y + 4, class: "tick", "text-anchor": "end" }, format((max * i) / 4)));
  }
  // At most eight x labels, evenly spread, so they never overlap.
  const every = Math.max(1, Math.ceil(labels.length / 8));
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    const x = position(i, labels.length);
    // Labels at either edge grow inwards, so none is cut off.
    const anchor = x - margin.left < 40 ? "start" : width - margin.right - x < 40 ? "end" : "middle";
    svg.append(element("text", { x, y: height - 8, class: "tick", "text-anchor": anchor }, label));
  });
}

function xAt(i, count) {
  const plotWidth = width - margin.left - margin.right;
  return margin.left + (count <= 1 ? plotWidth / 2 : (plotWidth * i) / (count - 1));
}

function yAt(value, max) {
  const plotHeight = height - margin.top - margin.bottom;
  return margin.top + plotHeight - (plotHeight * value) / max;
}

function legend(container, series) {
  const list = document.createElement("ul");
  list.className = "legend";
  for (const { name, color } of series) {
    const item = document.createElement("li");
    item.innerHTML = `<span class="swatch" style="background:${color}"></span>`;
    item.append(name);
    list.append(item);
  }
  container.append(list);
}

/** A chart with nothing to draw says so instead of drawing empty axes. */
export function noData(container, message) {
  const note = document.createElement("p");
  note.className = "empty";
  note.textContent = message;
  container.replaceChildren(note);
}

/** Lines over shared x labels; a null value leaves a gap. Each point has a tooltip. */
export function lineChart(container, { label, labels, series, format = (v) => v.toFixed(3) }) {
  const svg = frame(container, label);
  const max = scaleMax(series.flatMap((s) => s.values.filter((v) => v !== null)));
  axes(svg, max, format, labels, xAt);
  for (const { name, color, values } of series) {
    let path = "";
    values.forEach((value, i) => {
      if (value === null) return;
      path += `${path && values[i - 1] !== null ? "L" : "M"}${xAt(i, labels.length).toFixed(1)},${yAt(value, max).toFixed(1)}`;
      const dot = element("circle", { cx: xAt(i, labels.length), cy: yAt(value, max), r: 3, fill: color, class: "point" });
      dot.append(element("title", {}, `${name}, ${labels[i]}: ${format(value)}`));
      svg.append(dot);
    });
    if (path) svg.prepend(element("path", { d: path, stroke: color, fill: "none", "stroke-width": 2, class: "line" }));
  }
  legend(container, series);
}

/** Stacked bars, one per label; segments in the order of series. */
export function barChart(container, { label, labels, series, format = (v) => `${Math.round(v)}` }) {
  const svg = frame(container, label);
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  // Counts: four whole-number ticks at least.
  const max = Math.ceil(Math.max(4, scaleMax(totals)) / 4) * 4;
  const plotWidth = width - margin.left - margin.right;
  axes(svg, max, format, labels, (i, count) => margin.left + (plotWidth * (i + 0.5)) / count);
  const barWidth = Math.max(1, (plotWidth / labels.length) * 0.8);
  labels.forEach((name, i) => {
    let base = 0;
    const x = margin.left + (plotWidth * (i + 0.1)) / labels.length;
    for (const s of series) {
      const value = s.values[i] ?? 0;
      if (value <= 0) continue;
      const bar = element("rect", {
        x: x.toFixed(1), y: yAt(base + value, max).toFixed(1), width: barWidth.toFixed(1),
        height: (yAt(base, max) - yAt(base + value, max)).toFixed(1), fill: s.color, class: "bar",
      });
      bar.append(element("title", {}, `${s.name}, ${name}: ${format(value)}`));
      svg.append(bar);
      base += value;
    }
  });
  legend(container, series);
}

export const palette = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#0ea5e9", "#64748b", "#d946ef"];

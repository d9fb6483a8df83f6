// One chart of the app (ui/chart_view.py): a plotly figure drawn with one Plotly.react, in
// the page itself (no iframe), by the plotly.js bundle the app serves (asgi.py), loaded
// once per browser tab.

// The bundle, loaded once per tab however many charts ask for it. A failed load is tried
// once more a moment later (a phone's network drops a request now and then; the head's
// early fetch, hosting/page_head.py, may have failed), then forgotten, so the next chart
// (or rerun) tries again.
const RETRY_MS = 1000;

function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__trackerPlotly) {
    window.__trackerPlotly = new Promise((resolve, reject) => {
      const attempt = (retries) => {
        const script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = () => resolve(window.Plotly);
        script.onerror = () => {
          script.remove();
          if (retries > 0) return setTimeout(() => attempt(retries - 1), RETRY_MS);
          window.__trackerPlotly = null;
          reject(new Error("plotly.js did not load"));
        };
        document.head.appendChild(script);
      };
      attempt(1);
    });
  }
  return window.__trackerPlotly;
}

// The chart is one image for a screen reader: named by the heading above it, described
// by the summary Streamlit shows under it (ui.widgets.chart), which may arrive a moment later.
function describe(chart) {
  const holder = chart.closest("[data-testid='stElementContainer']");
  if (!holder) return;
  let before = holder.previousElementSibling;
  let name = "";
  for (; before && !name; before = before.previousElementSibling) {
    const found = before.querySelectorAll("h1, h2, h3, h4");
    if (found.length) name = found[found.length - 1].textContent.trim();
  }
  chart.setAttribute("role", "img");
  chart.setAttribute("aria-label", `Chart: ${name || "what it shows is below"}`);
  const link = () => {
    const next = holder.nextElementSibling;
    const caption = next && next.querySelector("[data-testid='stCaptionContainer']");
    if (!caption) return false;
    if (!caption.id) caption.id = `${chart.id}-summary`;
    chart.setAttribute("aria-describedby", caption.id);
    return true;
  };
  if (link() || !holder.parentElement) return;
  const watch = new MutationObserver(() => link() && watch.disconnect());
  watch.observe(holder.parentElement, { childList: true });
  setTimeout(() => watch.disconnect(), 30000);
}

// Charts are drawn one at a time, top first, with a frame painted between two: on a slow
// phone the first chart shows as soon as it is drawn, rather than once all are, and the
// page keeps answering taps meanwhile.
function drawSoon(draw, allAtOnce) {
  if (allAtOnce) return draw(); // the benchmark's other design (chart_view.DESIGN)
  const queue = (window.__trackerDraws = window.__trackerDraws || { jobs: [], busy: false });
  queue.jobs.push(draw);
  if (queue.busy) return;
  queue.busy = true;
  const next = () => {
    const job = queue.jobs.shift();
    if (!job) {
      queue.busy = false;
      return;
    }
    job();
    requestAnimationFrame(() => setTimeout(next, 0));
  };
  next();
}

// A chart is drawn when it comes within a screen of being seen: on a phone, charts further
// down cost nothing until the person scrolls towards them. Streamlit scrolls its main
// area, not the window, so that area is the observer's root.
function whenNear(chart, act) {
  if (!("IntersectionObserver" in window)) return act();
  let root = chart.parentElement;
  while (root && !/(auto|scroll)/.test(getComputedStyle(root).overflowY)) root = root.parentElement;
  const watch = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      watch.disconnect();
      act();
    },
    { root: root || null, rootMargin: "100% 0px" },
  );
  watch.observe(chart);
}

let charts = 0;

export default function ({ data, parentElement }) {
  let chart = parentElement.querySelector(".tracker-chart");
  if (!chart) {
    chart = document.createElement("div");
    chart.className = "tracker-chart";
    chart.dataset.testid = "trackerChart";
    chart.id = `tracker-chart-${++charts}`;
    parentElement.appendChild(chart);
  }
  // Streamlit keeps the cleanup of the latest call, and runs it when the chart leaves the
  // page: plotly's window listeners (resizing) go with it.
  const cleanup = () => {
    if (window.Plotly && chart.classList.contains("js-plotly-plot")) window.Plotly.purge(chart);
  };
  // Reruns hand over the same figure again: it is drawn already.
  if (chart.__figure === data.figure) return cleanup;
  chart.__figure = data.figure;
  describe(chart);
  whenNear(chart, () => loadPlotly(data.bundle).then(
    (Plotly) =>
      drawSoon(() => {
        if (chart.__figure !== data.figure || !chart.isConnected) return; // replaced meanwhile
        const figure = JSON.parse(data.figure);
        if (chart.classList.contains("tracker-chart-failed")) {
          chart.classList.remove("tracker-chart-failed");
          chart.textContent = "";
        }
        Plotly.react(chart, figure.data, figure.layout, {
          displayModeBar: false,
          responsive: true,
        });
      }, data.allAtOnce),
    () => {
      chart.__figure = null;
      chart.classList.add("tracker-chart-failed");
      chart.textContent =
        "This chart couldn't load just now. The words below say what it shows; " +
        "reloading the page tries again.";
    },
  ));
  return cleanup;
}

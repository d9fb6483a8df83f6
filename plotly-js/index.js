// plotly.js with only the trace types the app's charts use (tracker/charts.py): scatter
// (in plotly's core), bar and heatmap. tracker/plotly_bundle.py builds it with esbuild into
// vendor/; a test checks every figure the app makes against this list (TRACE_TYPES).
var Plotly = require("plotly.js/lib/core");

Plotly.register([require("plotly.js/lib/bar"), require("plotly.js/lib/heatmap")]);

module.exports = Plotly;

// The first page, sent whole (see dashboard/first_page.py).
// 1. The address a page is opened at goes with the request for its layout (header
//    X-Page-Address), so the server sends the page with the layout: no second request.
// 2. On a page that draws charts, the server asks for plotly.js at once (a preload link).
//    It is run as soon as it has arrived (now, if it already has), while the server makes
//    the layout, and the layout is handed to Dash once it has run: the charts are drawn as
//    soon as they are mounted, not after a second fetch and run of plotly.js. If it is still
//    on its way 200 ms after the layout (a slow connection), nothing waits for it: the page
//    comes first, its charts when plotly.js does. Its address is the one Dash's graphs load
//    plotly.js from, should one be drawn before it has run: it is fetched once, whatever
//    runs it first.
(function () {
  const asked = window.fetch.bind(window);

  const GRACE_MS = 200;  // how long the page waits for plotly.js once its layout is here

  function plotlyLink() {
    return document.querySelector('link[rel="preload"][href*="/plotly/package_data/plotly."]');
  }

  const preloaded = plotlyLink();
  if (preloaded) {  // Dash sets its own (plain) address on mount: the preloaded one stays
    Object.defineProperty(window, "_dashPlotlyJSURL", {
      get: function () { return preloaded.href; },
      set: function () {},
      configurable: true,
    });
  }

  function plotlyRun(answer) {
    const link = plotlyLink();
    if (!link || window.Plotly) return null;
    return new Promise(function (done) {
      let settled = false;
      function run() {
        if (settled) return;
        settled = true;
        const script = document.createElement("script");
        script.src = link.href;
        script.onload = script.onerror = done;
        setTimeout(done, 3000);
        document.head.appendChild(script);
      }
      const entry = performance.getEntriesByName(link.href)[0];
      if (entry && entry.responseEnd) {
        run();
        return;
      }
      link.addEventListener("load", run);
      answer.then(function () {
        setTimeout(function () {
          if (!settled) {  // still on its way: the page first, its charts when it comes
            settled = true;
            done();
          }
        }, GRACE_MS);
      }, done);
    });
  }

  window.fetch = function (resource, init) {
    if (typeof resource === "string" && resource.endsWith("_dash-layout")) {
      const headers = new Headers((init && init.headers) || {});
      headers.set("X-Page-Address", window.location.pathname + window.location.search);
      const answer = asked(resource, Object.assign({}, init, {headers: headers}));
      const running = plotlyRun(answer);
      return running ? Promise.all([answer, running]).then(function (both) {
        return both[0];
      }) : answer;
    }
    return asked(resource, init);
  };
})();

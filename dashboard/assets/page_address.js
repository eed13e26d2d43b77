// The first page, sent whole (see dashboard/first_page.py).
// 1. The address a page is opened at goes with the request for its layout (header
//    X-Page-Address), so the server sends the page with the layout: no second request.
// 2. On a page that draws charts, the server asks for plotly.js at once (a preload link).
//    If it has arrived by the time the layout is asked for, it is run now, while the server
//    makes the layout, and the layout is handed to Dash once it has run: the charts are
//    drawn as soon as they are mounted. If it has not arrived (a slow connection), nothing
//    waits for it: the page comes first, its charts when plotly.js does.
(function () {
  const asked = window.fetch.bind(window);

  function plotlyRun() {
    const link = document.querySelector('link[rel="preload"][href$="plotly.min.js"]');
    if (!link || window.Plotly) return null;
    const entry = performance.getEntriesByName(link.href)[0];
    if (!entry || !entry.responseEnd) return null;  // not here yet: do not wait for it
    return new Promise(function (done) {
      const script = document.createElement("script");
      script.src = link.href;
      script.onload = script.onerror = done;
      setTimeout(done, 3000);
      document.head.appendChild(script);
    });
  }

  window.fetch = function (resource, init) {
    if (typeof resource === "string" && resource.endsWith("_dash-layout")) {
      const headers = new Headers((init && init.headers) || {});
      headers.set("X-Page-Address", window.location.pathname + window.location.search);
      const answer = asked(resource, Object.assign({}, init, {headers: headers}));
      const running = plotlyRun();
      return running ? Promise.all([answer, running]).then(function (both) {
        return both[0];
      }) : answer;
    }
    return asked(resource, init);
  };
})();

// Search in the page's language. The index (assets/search/<lang>.js) is fetched only when
// the reader types a query, never on page load. No third party, no storage.
(function () {
  "use strict";
  var form = document.querySelector(".site-search");
  if (!form) return;
  var input = form.querySelector("input");
  var status = document.querySelector(".site-search__status");
  var list = document.querySelector(".site-search__results");
  var index = null;
  var loading = null;
  form.hidden = false;
  document.querySelector(".site-search__nojs").hidden = true;

  function load() {
    if (!loading) {
      status.textContent = form.dataset.loading;
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = form.dataset.index;
        script.onload = function () { index = window.siteSearchIndex || []; resolve(index); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }
  function norm(s) { return s.toLocaleLowerCase().replace(/ё/g, "е"); }
  function snippet(text, term) {
    var at = norm(text).indexOf(term);
    var start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + text.slice(start, start + 180) + "…";
  }
  function show(query) {
    var terms = norm(query).split(/\s+/).filter(function (t) { return t.length > 1; });
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return; }
    var hits = index.map(function (page) {
      var title = norm(page.t), text = norm(page.x), score = 0;
      terms.forEach(function (t) {
        if (title.indexOf(t) >= 0) score += 10;
        score += text.split(t).length - 1;
      });
      return { page: page, score: score };
    }).filter(function (h) { return h.score > 0; })
      .sort(function (a, b) { return b.score - a.score; });
    status.textContent = hits.length ? form.dataset.results.replace("{count}", hits.length) : form.dataset.none;
    hits.slice(0, 20).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = form.dataset.root + h.page.u;
      a.textContent = h.page.t;
      var p = document.createElement("p");
      p.textContent = snippet(h.page.x, terms[0]);
      li.appendChild(a); li.appendChild(p); list.appendChild(li);
    });
  }
  function run() { load().then(function () { show(input.value); }); }
  // No <form>: nothing a reader types can be sent anywhere; Enter and the button search here.
  form.querySelector("button").addEventListener("click", run);
  input.addEventListener("keydown", function (event) { if (event.key === "Enter") run(); });
  input.addEventListener("input", function () { if (input.value.trim().length > 1) run(); });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(); }
})();

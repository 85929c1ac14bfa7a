// quotetrail: small enhancements. Every page works without this file; it only saves clicks.
// Text from the server is only ever moved as DOM nodes or set with textContent, never as HTML.
(function () {
  "use strict";

  function fragments(id) {
    return document.querySelectorAll('.article-text [data-q="' + CSS.escape(id) + '"].st');
  }

  // Where `node` starts in the scrolling panel's content (offsetTop would be relative to the nearest
  // positioned ancestor, and the sticky panel is one on a laptop but not on a phone).
  function topInPanel(node, panel) {
    return node.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
  }

  // --- article page: select a statement to see its card beside it -------------------------------
  function setupArticle() {
    var article = document.querySelector("[data-article]");
    if (!article) return;
    var popover = null;

    function clearSelection() {
      document.querySelectorAll(".selected").forEach(function (node) { node.classList.remove("selected"); });
      if (popover) { popover.remove(); popover = null; }
    }

    function select(id, anchor) {
      clearSelection();
      fragments(id).forEach(function (node) { node.classList.add("selected"); });
      var card = document.getElementById("s-" + id);
      if (!card) return;
      card.classList.add("selected");
      var panel = card.closest(".side");
      if (panel && panel.scrollHeight > panel.clientHeight) {
        panel.scrollTo({ top: topInPanel(card, panel) - 12, behavior: "smooth" });
      }
      popover = document.createElement("div");
      popover.className = "popover " + Array.from(card.classList).filter(function (name) {
        return /^c([0-9]+|x)$/.test(name);
      }).join(" ");
      popover.setAttribute("role", "dialog");
      popover.setAttribute("aria-label", "Statement details");
      var close = document.createElement("button");
      close.type = "button";
      close.className = "close";
      close.setAttribute("aria-label", "Close");
      close.textContent = "×";
      close.addEventListener("click", clearSelection);
      popover.appendChild(close);
      Array.from(card.children).forEach(function (child) { popover.appendChild(child.cloneNode(true)); });
      document.body.appendChild(popover);
      var box = anchor.getBoundingClientRect();
      var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - popover.offsetWidth - 16);
      popover.style.left = Math.max(8, left) + "px";
      popover.style.top = (window.scrollY + box.bottom + 8) + "px";
    }

    article.addEventListener("click", function (event) {
      if (event.target.closest("a")) return;  // the numbered badge keeps its plain link behaviour
      var statement = event.target.closest(".st[data-q]");
      if (!statement) return;
      if (window.getSelection && String(window.getSelection()).length > 0) return;  // a reader selecting text
      select(statement.getAttribute("data-q"), statement);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") clearSelection();
    });
    document.addEventListener("click", function (event) {
      if (popover && !popover.contains(event.target) && !event.target.closest(".article-text")) clearSelection();
    });
    document.querySelectorAll(".cards .card[data-q]").forEach(function (card) {
      var id = card.getAttribute("data-q");
      card.addEventListener("mouseenter", function () {
        fragments(id).forEach(function (node) { node.classList.add("hovered"); });
      });
      card.addEventListener("mouseleave", function () {
        fragments(id).forEach(function (node) { node.classList.remove("hovered"); });
      });
    });
  }

  // --- article page: the statements panel follows the reader; on a phone it waits behind its toggle -----
  var PHONE = "(max-width: 900px)";  // the width at which the stylesheet puts the panel under the text

  function setupStatementsPanel() {
    var details = document.querySelector("details[data-statements]");
    if (!details) return;
    var phone = window.matchMedia(PHONE);
    // Closed on a phone: hundreds of cards under the text would bury the page's end. A badge's link to a
    // card still opens it (browsers open <details> around a fragment target), and so does the toggle.
    function fitWidth() { details.open = !phone.matches; }
    fitWidth();
    phone.addEventListener("change", fitWidth);

    var panel = details.closest(".side");
    var starts = Array.from(document.querySelectorAll('.article-text .st[id^="q-"]'));
    if (!panel || !starts.length) return;
    var current = null;
    var pointerInPanel = false;
    panel.addEventListener("mouseenter", function () { pointerInPanel = true; });
    panel.addEventListener("mouseleave", function () { pointerInPanel = false; });

    // Scroll the panel itself (never the page), only where it is a scrolling column beside the text, and
    // not while the reader is using it.
    function panelFollows() {
      return window.getComputedStyle(panel).position === "sticky" && details.open && !pointerInPanel &&
        panel.scrollHeight > panel.clientHeight;
    }

    // id: the statement being read, or null before the first one (the panel then shows its top: the sources).
    function show(id) {
      if (id === current) return;
      current = id;
      document.querySelectorAll(".cards .card.current, .article-text .st.current").forEach(function (node) {
        node.classList.remove("current");
      });
      if (id === null) {
        if (panelFollows()) panel.scrollTo({ top: 0, behavior: "auto" });
        return;
      }
      fragments(id).forEach(function (node) { node.classList.add("current"); });
      var card = document.getElementById("s-" + id);
      if (!card) return;
      card.classList.add("current");
      if (!panelFollows()) return;
      // Only the part of the panel inside the window counts: at the end of the text the sticky panel
      // rides up with it, and its top is above the window.
      var box = panel.getBoundingClientRect();
      var hidden = Math.max(0, -box.top);
      var shown = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0);
      var top = topInPanel(card, panel);
      var from = panel.scrollTop + hidden;
      if (top < from + 8 || top + card.offsetHeight > from + shown - 8) {
        panel.scrollTo({ top: Math.max(0, top - hidden - 16), behavior: "auto" });
      }
    }

    // The statement being read is the last one that starts above the reading line (40% down the window);
    // none before the reader reaches the first. Statements start in text order, so a binary search finds
    // it in a few layout reads, however long the article.
    function reading() {
      var line = window.innerHeight * 0.4;
      var low = 0, high = starts.length - 1, found = -1;
      while (low <= high) {
        var middle = (low + high) >> 1;
        if (starts[middle].getBoundingClientRect().top <= line) { found = middle; low = middle + 1; }
        else high = middle - 1;
      }
      // At the very end of the page nothing more can scroll past the line: the last statement on screen is it.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
        for (var index = starts.length - 1; index > found; index--) {
          if (starts[index].getBoundingClientRect().top < window.innerHeight) { found = index; break; }
        }
      }
      show(found < 0 ? null : starts[found].getAttribute("data-q"));
    }

    var pending = false;
    function onScroll() {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; reading(); });
    }
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    reading();
  }

  // --- speakers page: filter as you type ------------------------------------------------------------
  function setupSpeakerFilter() {
    var form = document.querySelector("form[data-live-filter]");
    if (!form || !window.fetch) return;
    var input = form.querySelector("input[name=q]");
    var results = document.querySelector("[data-filter-results]");
    var summary = document.querySelector("[data-filter-summary]");
    var timer = null;
    var latest = 0;

    function render(data) {
      var list = document.createElement("ol");
      list.className = "speaker-list";
      var top = Math.max.apply(null, [1].concat(data.speakers.map(function (item) { return item.quote_count; })));
      data.speakers.forEach(function (item) {
        var row = document.createElement("li");
        var name = document.createElement("a");
        name.className = "name";
        name.href = item.url;
        name.textContent = item.name;
        row.appendChild(name);
        if (item.matched_name) {
          var matched = document.createElement("span");
          matched.className = "matched";
          matched.textContent = "as “" + item.matched_name + "”";
          row.appendChild(matched);
        }
        if (item.titles.length) {
          var titles = document.createElement("span");
          titles.className = "titles";
          titles.textContent = item.titles.join(", ");
          row.appendChild(titles);
        }
        var count = document.createElement("span");
        count.className = "count";
        var bar = document.createElement("span");
        bar.className = "bar";
        var fill = document.createElement("span");
        fill.className = "fill w" + Math.ceil(item.quote_count / top * 10);
        bar.appendChild(fill);
        count.appendChild(bar);
        count.appendChild(document.createTextNode(item.quote_count.toLocaleString("en")));
        row.appendChild(count);
        list.appendChild(row);
      });
      results.replaceChildren(list);
      if (!data.speakers.length) {
        var none = document.createElement("p");
        none.className = "empty";
        none.textContent = "No speaker matches. Try fewer letters.";
        results.replaceChildren(none);
      }
      var total = data.pagination.total;
      summary.textContent = data.query
        ? total.toLocaleString("en") + (total === 1 ? " speaker matches “" : " speakers match “") + data.query + "”"
        : total.toLocaleString("en") + " speakers, most quoted first";
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var query = input.value;
        var ticket = ++latest;
        // The whole form (name, type, sort), without empty fields, so the URL stays the page's stable address.
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, key) { if (value) params.append(key, value); });
        var search = params.toString();
        fetch("/speakers.json" + (search ? "?" + search : ""), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (data) {
            if (!data || ticket !== latest) return;  // a newer keystroke already asked
            render(data);
            history.replaceState(null, "", search ? "/speakers?" + search : "/speakers");
          })
          .catch(function () { /* the plain form still works */ });
      }, 120);
    });
  }

  // --- add page: say that something is happening while the pipeline reads the article -----------
  function setupAddForm() {
    var form = document.querySelector("form.add-form");
    if (!form) return;
    form.addEventListener("submit", function () {
      var busy = form.querySelector("[data-busy]");
      if (busy) busy.hidden = false;
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
    });
  }

  // --- quote lists: copy a citation to the clipboard -------------------------------------------------
  // The citation is in the page as text too (the "Cite" details); when the clipboard is refused or missing,
  // that text is opened and selected so the reader can copy it by hand, and the status line says so.
  function setupCitations() {
    document.querySelectorAll(".quote-item").forEach(function (item) {
      var button = item.querySelector("button.copy-citation");
      if (!button) return;
      var link = new URL(button.getAttribute("data-cite-url"), window.location.href).href;
      var text = button.getAttribute("data-citation") + " " + link;
      var shown = item.querySelector("details.cite .cite-url");
      if (shown) shown.textContent = link;
      var status = item.querySelector(".copy-status");
      button.hidden = false;

      function selectByHand() {
        var details = item.querySelector("details.cite");
        var citation = item.querySelector("details.cite .citation");
        if (details) details.open = true;
        if (citation && window.getSelection) {
          var range = document.createRange();
          range.selectNodeContents(citation);
          window.getSelection().removeAllRanges();
          window.getSelection().addRange(range);
        }
        if (status) status.textContent = "Selected: press Ctrl+C (⌘C) to copy";
      }

      button.addEventListener("click", function () {
        if (!navigator.clipboard || !navigator.clipboard.writeText) { selectByHand(); return; }
        navigator.clipboard.writeText(text).then(function () {
          if (status) status.textContent = "Copied";
          button.setAttribute("data-copied", text);
        }, selectByHand);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupCitations();
    setupArticle();
    setupStatementsPanel();
    setupSpeakerFilter();
    setupAddForm();
  });
})();

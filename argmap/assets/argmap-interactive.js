/* argmap: reading the map. Pan and zoom, select a node and its neighbours, filter by type,
   find a node; on text pages a map panel beside the text (wide screens) or in a sheet
   (narrow screens) that follows the reading; touch popovers for badges and citations.

   Progressive enhancement: the static SVG, its links and the text work without this script,
   which only adds controls. Material's instant navigation swaps pages without reloading:
   argmap.js calls window.argmapInteractive(document) on every page change, and this script
   also runs once by itself; a second call for the same page does nothing. */
(function () {
  "use strict";

  var WIDE = "(min-width: 87.5em)"; // 1400px: text and map side by side
  var LEGIBLE_PX = 10; // smallest text a reader should meet at the starting zoom
  var NATURAL = 4 / 3; // Graphviz points to CSS pixels
  var FOLLOW_PAUSE_MS = 4000; // after the reader moves the panel map, it stops following
  var uid = 0;
  var current = null; // {article, cleanups}
  var mapCache = new Map(); // section map URL -> Promise of {title, html, url}

  /* ---------------------------------------------------------------- small helpers */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function clamp(x, lo, hi) { return Math.max(lo, Math.min(hi, x)); }

  function motion(smooth) {
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    return smooth && !still ? "smooth" : "auto";
  }

  /* Diagram links are written as xlink:href (Material's instant navigation breaks on SVG
     links with a plain href), HTML links as href: read and write whichever is there. */
  var XLINK = "http://www.w3.org/1999/xlink";
  function rawHref(a) { return a.getAttribute("href") || a.getAttribute("xlink:href") || ""; }
  function setHref(a, value) {
    if (a.hasAttribute("xlink:href")) { a.setAttributeNS(XLINK, "xlink:href", value); }
    else { a.setAttribute("href", value); }
  }

  function hrefOf(a) {
    var raw = rawHref(a);
    try { return new URL(raw, document.baseURI).href; } catch (e) { return ""; }
  }

  function onCleanup(fn) { if (current) { current.cleanups.push(fn); } }

  function listen(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    onCleanup(function () { target.removeEventListener(type, fn, options); });
  }

  /* Material's instant navigation rewrites every [href] of a fetched page with
     `el.href = el.href`, which throws on SVG links (their href is read-only) and stops the
     page swap; its click handler also fails on them. A no-op setter fixes the first; clicks
     on SVG links never reach Material (see `go`, which navigates through an HTML link). */
  function patchSvgLinks() {
    var proto = window.SVGAElement && window.SVGAElement.prototype;
    if (!proto || proto.argmapPatched) { return; }
    var desc = Object.getOwnPropertyDescriptor(proto, "href");
    if (desc && desc.get && !desc.set && desc.configurable) {
      Object.defineProperty(proto, "href", {
        get: desc.get, set: function () {}, configurable: true, enumerable: desc.enumerable
      });
    }
    proto.argmapPatched = true;
  }

  /* Follow a link the way a click on an ordinary link would (instant navigation included). */
  function go(url) {
    var a = el("a", { href: url, hidden: "" });
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  /* ---------------------------------------------------------------- the diagram model */

  function readDiagram(svg) {
    var title = svg.querySelector(":scope > title[id]");
    var prefix = title ? title.id.replace(/title$/, "") : "";
    var vb = (svg.getAttribute("viewBox") || "").split(/[\s,]+/).map(Number);
    var nodes = new Map();
    svg.querySelectorAll("g.node").forEach(function (g) {
      var raw = g.id && g.id.indexOf(prefix) === 0 ? g.id.slice(prefix.length) : g.id || "";
      var kind = raw.slice(0, 2);
      var key = kind === "n-" ? raw.slice(2) : raw;
      var link = g.querySelector("a");
      var tipEl = link && link.querySelector("title");
      var tip = tipEl ? tipEl.textContent : "";
      var type = ((g.getAttribute("class") || "").match(/argmap-node-([a-z]+)/) || [])[1] || "";
      var isBox = kind === "b-";
      nodes.set(key, {
        key: key,
        g: g,
        link: link && rawHref(link) ? link : null,
        junction: kind === "j-",
        box: isBox,
        type: isBox ? "section" : type,
        id: kind === "n-" ? key : "",
        title: isBox ? tip.replace(/ \(open its map\)$/, "") : tip.split(" — ")[0]
      });
    });
    var sizes = Array.prototype.map.call(svg.querySelectorAll("text[font-size]"), function (t) {
      return parseFloat(t.getAttribute("font-size"));
    }).filter(function (s) { return s > 0; });
    return {
      nodes: nodes,
      vbW: vb[2] || svg.viewBox.baseVal.width || 100,
      vbH: vb[3] || svg.viewBox.baseVal.height || 100,
      minFont: sizes.length ? Math.min.apply(null, sizes) : 14,
      graph: null
    };
  }

  function distance(bb, x, y) {
    var dx = Math.max(bb.x - x, 0, x - (bb.x + bb.width));
    var dy = Math.max(bb.y - y, 0, y - (bb.y + bb.height));
    return Math.sqrt(dx * dx + dy * dy);
  }

  function nearest(list, points) {
    var best = null;
    var bestD = 16; // user units: endpoints touch their node's outline
    list.forEach(function (n) {
      points.forEach(function (p) {
        var d = distance(n.bb, p.x, p.y);
        if (d < bestD) { bestD = d; best = n; }
      });
    });
    return best;
  }

  /* Edges as (from, to) pairs, read from the drawing: each edge starts on its source's
     outline and its path (or arrowhead) ends on its target's. Built on first use, when the
     diagram is laid out. */
  function graphOf(model) {
    if (model.graph) { return model.graph; }
    var list = [];
    model.nodes.forEach(function (n) {
      try { n.bb = n.g.getBBox(); } catch (e) { n.bb = { x: 0, y: 0, width: 0, height: 0 }; }
      list.push(n);
    });
    var svg = list.length ? list[0].g.ownerSVGElement : null;
    var edges = [];
    var adj = new Map();
    model.nodes.forEach(function (n) { adj.set(n.key, []); });
    (svg ? svg.querySelectorAll("g.edge") : []).forEach(function (g) {
      var path = g.querySelector("path");
      if (!path) { return; }
      var len = path.getTotalLength();
      var start = path.getPointAtLength(0);
      var ends = [path.getPointAtLength(len)];
      g.querySelectorAll("polygon").forEach(function (poly) {
        for (var i = 0; i < poly.points.numberOfItems; i++) { ends.push(poly.points.getItem(i)); }
      });
      var from = nearest(list, [start]);
      var to = nearest(list, ends);
      if (!from || !to || from === to) { return; }
      var edge = { g: g, from: from.key, to: to.key };
      edges.push(edge);
      adj.get(from.key).push({ edge: edge, other: to.key });
      adj.get(to.key).push({ edge: edge, other: from.key });
    });
    model.graph = { edges: edges, adj: adj };
    return model.graph;
  }

  /* A node, its neighbours, and through junctions (linked premises, undercut inferences)
     the other premises and the conclusion of the same argument. */
  function neighbourhood(model, key) {
    var graph = graphOf(model);
    var nodes = new Set([key]);
    var edges = new Set();
    var stack = [key];
    while (stack.length) {
      var k = stack.pop();
      (graph.adj.get(k) || []).forEach(function (step) {
        edges.add(step.edge);
        if (!nodes.has(step.other)) {
          nodes.add(step.other);
          if (model.nodes.get(step.other).junction) { stack.push(step.other); }
        }
      });
    }
    return { nodes: nodes, edges: edges };
  }

  /* ---------------------------------------------------------------- an interactive figure */

  function enhance(figure, options) {
    options = options || {};
    if (figure.argmapMap) { return figure.argmapMap; }
    var svg = figure.querySelector("svg.argmap-diagram");
    if (!svg || !svg.querySelector("g.node a[*|href]")) { return null; }
    var model = readDiagram(svg);
    var n = ++uid;
    var state = { scale: 1, selected: "", fitted: false, touched: 0, hidden: new Set() };

    var viewport = el("div", {
      "class": "argmap-viewport",
      tabindex: "0",
      role: "group",
      "aria-label": "Map view. Keys: plus and minus zoom, arrows move, 0 fits the map, " +
        "Enter on a box selects it, Escape clears."
    });
    figure.insertBefore(viewport, svg);
    viewport.appendChild(svg);
    var status = el("p", { "class": "argmap-status", role: "status", "aria-live": "polite" });
    var touchFirst = window.matchMedia && window.matchMedia("(hover: none)").matches;
    status.textContent = touchFirst ?
      "Tap a box to highlight its connections, tap again to open it. Pinch to zoom." :
      "Click a box to highlight its connections, click again to open it. Drag to move; " +
      "Ctrl + wheel (or click, then wheel) to zoom.";
    var hint = el("div", { "class": "argmap-hint", "aria-hidden": "true" });

    function button(label, text, act) {
      var b = el("button", { type: "button", "class": "argmap-btn", "aria-label": label,
                             title: label, text: text });
      b.addEventListener("click", act);
      return b;
    }
    var zoomIn = button("Zoom in", "+", function () { zoomBy(1.4); });
    var zoomOut = button("Zoom out", "\u2212", function () { zoomBy(1 / 1.4); });
    var fitBtn = button("Fit the whole map in view", "Fit", function () { fit(true); });

    // Find a node by id or title.
    var listId = "argmap-find-list-" + n;
    var inputId = "argmap-find-" + n;
    var datalist = el("datalist", { id: listId });
    var seen = new Set();
    model.nodes.forEach(function (node) {
      if (node.junction || !node.title || seen.has(node.title)) { return; }
      seen.add(node.title);
      var label = node.box ? "section" : node.id;
      datalist.appendChild(el("option", { value: node.title, label: label }));
    });
    var input = el("input", { id: inputId, type: "search", list: listId, autocomplete: "off",
                              placeholder: "id or title", "class": "argmap-find-input" });
    var form = el("form", { "class": "argmap-find", role: "search" }, [
      el("label", { "for": inputId, text: "Find" }),
      input,
      el("button", { type: "submit", "class": "argmap-btn", text: "Go" }),
      datalist
    ]);
    form.addEventListener("submit", function (e) { e.preventDefault(); find(input.value); });
    input.addEventListener("input", function (e) {
      var hit = match(input.value, true);
      if (hit && e.inputType !== "insertText" && e.inputType !== "deleteContentBackward") {
        find(input.value);
      }
    });

    // Filter by node type.
    var counts = new Map();
    model.nodes.forEach(function (node) {
      if (node.type) { counts.set(node.type, (counts.get(node.type) || 0) + 1); }
    });
    var chips = el("fieldset", { "class": "argmap-types" },
                   [el("legend", { text: "Show" })]);
    counts.forEach(function (count, type) {
      var box = el("input", { type: "checkbox", checked: "", value: type });
      box.addEventListener("change", function () {
        if (box.checked) { state.hidden.delete(type); } else { state.hidden.add(type); }
        applyFilter();
      });
      chips.appendChild(el("label", { "class": "argmap-chip argmap-chip-" + type }, [
        box, document.createTextNode(" " + type + " "),
        el("span", { "class": "argmap-chip-count", text: "(" + count + ")" })
      ]));
    });

    var toolbar = el("div", { "class": "argmap-toolbar", role: "toolbar",
                              "aria-label": "Map controls" },
                     [el("span", { "class": "argmap-zoom" }, [zoomIn, zoomOut, fitBtn]), form,
                      counts.size > 1 ? chips : null]);
    figure.insertBefore(toolbar, viewport);
    figure.appendChild(hint);
    figure.appendChild(status);
    figure.classList.add("argmap-zoomable");
    if (options.panel) { figure.classList.add("argmap-in-panel"); }

    /* -- zoom and pan: the SVG keeps its viewBox; zooming sets its size in pixels and
       panning scrolls the viewport, so native scrolling and scroll bars keep working. */
    function limits() {
      var w = viewport.clientWidth || 300;
      var h = viewport.clientHeight || 300;
      var fitScale = Math.min((w - 4) / model.vbW, (h - 4) / model.vbH);
      var legible = LEGIBLE_PX / model.minFont;
      return {
        fit: fitScale,
        legible: legible,
        min: Math.min(fitScale, legible) * 0.8,
        max: Math.max(NATURAL, legible) * 3
      };
    }

    function setScale(s, anchor) {
      var lim = limits();
      s = clamp(s, lim.min, lim.max);
      var vr = viewport.getBoundingClientRect();
      var ax = anchor ? anchor.x : vr.left + viewport.clientWidth / 2;
      var ay = anchor ? anchor.y : vr.top + viewport.clientHeight / 2;
      var r0 = svg.getBoundingClientRect();
      var ux = (ax - r0.left) / state.scale;
      var uy = (ay - r0.top) / state.scale;
      state.scale = s;
      svg.style.width = (model.vbW * s).toFixed(1) + "px";
      svg.style.height = (model.vbH * s).toFixed(1) + "px";
      var r1 = svg.getBoundingClientRect();
      viewport.scrollLeft += r1.left + ux * s - ax;
      viewport.scrollTop += r1.top + uy * s - ay;
      zoomIn.disabled = s >= lim.max - 1e-9;
      zoomOut.disabled = s <= lim.min + 1e-9;
    }

    function zoomBy(f, anchor) { state.fitted = false; setScale(state.scale * f, anchor); }

    function fit(announce) {
      state.fitted = true;
      setScale(limits().fit);
      viewport.scrollLeft = 0;
      viewport.scrollTop = 0;
      if (announce) { say("Whole map in view. Zoom in to read the boxes."); }
    }

    function centre(node, smooth) {
      var target = (node.link || node.g).getBoundingClientRect();
      var vr = viewport.getBoundingClientRect();
      var left = viewport.scrollLeft + target.left + target.width / 2 - vr.left -
        viewport.clientWidth / 2;
      var top = viewport.scrollTop + target.top + target.height / 2 - vr.top -
        viewport.clientHeight / 2;
      viewport.scrollTo({ left: left, top: top, behavior: motion(smooth) });
    }

    function inView(node) {
      var t = (node.link || node.g).getBoundingClientRect();
      var v = viewport.getBoundingClientRect();
      return t.left >= v.left && t.right <= v.right && t.top >= v.top && t.bottom <= v.bottom;
    }

    /* Show a node legibly, and centred unless it is already in view. */
    function reveal(key, smooth, onlyIfHidden) {
      var node = model.nodes.get(key);
      if (!node || node.g.classList.contains("argmap-filtered")) { return false; }
      var lim = limits();
      if (state.scale < lim.legible * 0.95) { state.fitted = false; setScale(lim.legible); }
      if (!onlyIfHidden || !inView(node)) { centre(node, smooth); }
      return true;
    }

    function sizeViewport() {
      if (options.panel) { return; } // the panel's CSS gives it the height it has
      var maxH = Math.max(240, Math.round(window.innerHeight * 0.72));
      var lim = limits();
      var start = Math.max(lim.fit, Math.min(lim.legible, NATURAL));
      viewport.style.height = Math.round(clamp(model.vbH * start + 4, 200, maxH)) + "px";
    }

    function start() {
      sizeViewport();
      var lim = limits();
      var legible = Math.min(lim.legible, NATURAL);
      if (lim.fit >= legible) {
        fit(false);
        setScale(Math.min(lim.fit, NATURAL));
        state.fitted = true;
        return;
      }
      state.scale = svg.getBoundingClientRect().width / model.vbW || lim.fit;
      setScale(legible);
      var first = svg.querySelector("g.argmap-focus") || svg.querySelector("g.argmap-node-thesis");
      var key = first ? keyOf(first) : "";
      if (key && model.nodes.has(key)) {
        centre(model.nodes.get(key), false);
      } else { // conclusions are drawn at the top
        viewport.scrollLeft = (viewport.scrollWidth - viewport.clientWidth) / 2;
        viewport.scrollTop = 0;
      }
    }

    function keyOf(g) {
      var found = "";
      model.nodes.forEach(function (node) { if (node.g === g) { found = node.key; } });
      return found;
    }

    /* -- selection */
    function clearSelection(announce) {
      if (!state.selected) { return; }
      state.selected = "";
      svg.classList.remove("argmap-has-selection");
      svg.querySelectorAll(".argmap-selected, .argmap-near").forEach(function (x) {
        x.classList.remove("argmap-selected", "argmap-near");
      });
      if (options.onSelect) { options.onSelect(null); }
      if (announce) { say("Selection cleared."); }
    }

    function select(key, how) {
      var node = model.nodes.get(key);
      if (!node) { return; }
      clearSelection(false);
      state.selected = key;
      state.touched = Date.now(); // a choice: the panel stops following the reading a while
      var hood = neighbourhood(model, key);
      svg.classList.add("argmap-has-selection");
      hood.nodes.forEach(function (k) {
        model.nodes.get(k).g.classList.add(k === key ? "argmap-selected" : "argmap-near");
      });
      hood.edges.forEach(function (edge) { edge.g.classList.add("argmap-near"); });
      var named = Array.from(hood.nodes).filter(function (k) {
        return k !== key && !model.nodes.get(k).junction;
      });
      var what = node.box ? "Section \u201c" + node.title + "\u201d" :
        "\u201c" + node.title + "\u201d (" + node.type + ", " + node.id + ")";
      say(what + " selected, with " + named.length + " connected " +
          (named.length === 1 ? "box" : "boxes") + ". " +
          (how === "find" ? "" : "Activate it again to open its page; Escape clears."));
      if (options.onSelect) { options.onSelect(node, how); }
    }

    function activate(link, e) {
      var g = link.closest("g.node");
      var key = g ? keyOf(g) : "";
      var url = hrefOf(link);
      e.stopPropagation(); // Material's instant navigation cannot read SVG links
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button > 0) { return; } // new tab: browser
      e.preventDefault();
      if (!key || state.selected === key) { go(url); return; }
      select(key, e.detail === 0 ? "key" : "click");
    }

    /* -- filter */
    function applyFilter() {
      var graph = graphOf(model); // measured before anything is hidden
      var hiddenKeys = new Set();
      model.nodes.forEach(function (node) {
        var hide = !!node.type && state.hidden.has(node.type);
        node.g.classList.toggle("argmap-filtered", hide);
        if (hide) { hiddenKeys.add(node.key); }
      });
      model.nodes.forEach(function (node) {
        if (!node.junction) { return; }
        var shown = (graph.adj.get(node.key) || []).filter(function (s) {
          return !hiddenKeys.has(s.other);
        });
        if (shown.length < 2) { hiddenKeys.add(node.key); node.g.classList.add("argmap-filtered"); }
        else { node.g.classList.remove("argmap-filtered"); }
      });
      graph.edges.forEach(function (edge) {
        edge.g.classList.toggle("argmap-filtered",
                                hiddenKeys.has(edge.from) || hiddenKeys.has(edge.to));
      });
      if (state.selected && hiddenKeys.has(state.selected)) { clearSelection(false); }
      var shownTypes = Array.from(counts.keys()).filter(function (t) {
        return !state.hidden.has(t);
      });
      say(shownTypes.length ? "Showing " + shownTypes.join(", ") + "." : "All types hidden.");
    }

    /* -- find */
    function match(q, exactOnly) {
      q = (q || "").trim().toLowerCase();
      if (!q) { return null; }
      var exact = null;
      var partial = null;
      model.nodes.forEach(function (node) {
        if (node.junction) { return; }
        var id = node.id.toLowerCase();
        var title = node.title.toLowerCase();
        if (!exact && (id === q || title === q)) { exact = node; }
        if (!partial && (id.indexOf(q) >= 0 || title.indexOf(q) >= 0)) { partial = node; }
      });
      return exact || (exactOnly ? null : partial);
    }

    function find(q) {
      var node = match(q, false);
      if (!node) {
        say(q.trim() ? "No box on this map matches \u201c" + q.trim() + "\u201d." :
            "Type an id or words of a title.");
        return;
      }
      if (node.g.classList.contains("argmap-filtered")) {
        state.hidden.delete(node.type);
        chips.querySelectorAll("input").forEach(function (b) {
          if (b.value === node.type) { b.checked = true; }
        });
        applyFilter();
      }
      reveal(node.key, false, false);
      select(node.key, "find");
      if (node.link) { node.link.focus({ preventScroll: true }); }
    }

    /* -- messages */
    function say(text) { status.textContent = text; }
    var hintTimer = 0;
    function flashHint(text) {
      hint.textContent = text;
      hint.classList.add("argmap-hint-on");
      clearTimeout(hintTimer);
      hintTimer = setTimeout(function () { hint.classList.remove("argmap-hint-on"); }, 1600);
    }

    /* -- input: clicks, keys, wheel, pointers */
    viewport.addEventListener("click", function (e) {
      if (state.dragged) { state.dragged = false; e.preventDefault(); e.stopPropagation(); return; }
      var link = e.target.closest("a");
      if (link && viewport.contains(link)) { activate(link, e); return; }
      clearSelection(true);
    });
    viewport.addEventListener("dragstart", function (e) { e.preventDefault(); });

    viewport.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) { return; }
      var step = Math.max(40, viewport.clientWidth / 6);
      state.touched = Date.now();
      switch (e.key) {
        case "+": case "=": zoomBy(1.4); break;
        case "-": case "_": zoomBy(1 / 1.4); break;
        case "0": fit(true); break;
        case "ArrowLeft": viewport.scrollLeft -= step; break;
        case "ArrowRight": viewport.scrollLeft += step; break;
        case "ArrowUp": viewport.scrollTop -= step; break;
        case "ArrowDown": viewport.scrollTop += step; break;
        case "Escape": clearSelection(true); break;
        case "Enter": case " ":
          var link = e.target.closest && e.target.closest("a");
          if (!link || !viewport.contains(link)) { return; }
          activate(link, { stopPropagation: function () {}, preventDefault: function () {},
                           detail: 0, button: 0 });
          break;
        default: return;
      }
      e.preventDefault();
    });

    viewport.addEventListener("wheel", function (e) {
      var active = options.panel || e.ctrlKey || figure.contains(document.activeElement);
      if (!active) { flashHint("Ctrl + scroll to zoom, or click the map first"); return; }
      e.preventDefault();
      state.touched = Date.now();
      var unit = e.deltaMode === 1 ? 32 : e.deltaMode === 2 ? 400 : 1;
      zoomBy(Math.exp(-e.deltaY * unit * 0.002), { x: e.clientX, y: e.clientY });
    }, { passive: false });

    var pointers = new Map();
    var pan = null;
    var pinch = null;
    function pinchInfo() {
      var pts = Array.from(pointers.values());
      return {
        d: Math.hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y) || 1,
        x: (pts[0].x + pts[1].x) / 2,
        y: (pts[0].y + pts[1].y) / 2
      };
    }
    viewport.addEventListener("pointerdown", function (e) {
      if (e.pointerType === "mouse" && e.button !== 0) { return; }
      if (e.pointerType === "mouse") { pointers.clear(); } // one mouse, whatever was missed
      state.touched = Date.now();
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pointers.size === 1) {
        pan = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: false,
                left: viewport.scrollLeft, top: viewport.scrollTop, touch: e.pointerType !== "mouse" };
      } else if (pointers.size === 2) {
        var info = pinchInfo();
        pinch = { d: info.d, x: info.x, y: info.y, scale: state.scale };
        pan = null;
        Array.from(pointers.keys()).forEach(function (id) {
          try { viewport.setPointerCapture(id); } catch (err) { /* pointer gone */ }
        });
      }
    });
    viewport.addEventListener("pointermove", function (e) {
      if (!pointers.has(e.pointerId)) { return; }
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pinch && pointers.size >= 2) {
        var info = pinchInfo();
        state.fitted = false;
        setScale(pinch.scale * info.d / pinch.d, { x: info.x, y: info.y });
        viewport.scrollLeft -= info.x - pinch.x;
        viewport.scrollTop -= info.y - pinch.y;
        pinch.x = info.x;
        pinch.y = info.y;
        state.dragged = true;
        return;
      }
      if (!pan || pan.id !== e.pointerId) { return; }
      var dx = e.clientX - pan.x;
      var dy = e.clientY - pan.y;
      if (!pan.moved && Math.hypot(dx, dy) < 6) { return; }
      if (!pan.moved) {
        pan.moved = true;
        viewport.classList.add("argmap-grabbing");
        try { viewport.setPointerCapture(e.pointerId); } catch (err) { /* pointer gone */ }
      }
      var wantTop = pan.top - dy;
      viewport.scrollLeft = pan.left - dx;
      viewport.scrollTop = wantTop;
      if (pan.touch) { // at the map's edge, a finger keeps scrolling the page
        var rest = wantTop - viewport.scrollTop;
        if (Math.abs(rest) > 1) {
          window.scrollBy(0, rest - (pan.chained || 0));
          pan.chained = rest;
        }
      }
    });
    function release(e) {
      if (!pointers.has(e.pointerId)) { return; }
      pointers.delete(e.pointerId);
      if (pan && pan.moved) { state.dragged = true; setTimeout(function () { state.dragged = false; }, 0); }
      if (pinch && pointers.size < 2) {
        pinch = null;
        setTimeout(function () { state.dragged = false; }, 0);
      }
      if (!pointers.size) { pan = null; viewport.classList.remove("argmap-grabbing"); }
    }
    viewport.addEventListener("pointerup", release);
    viewport.addEventListener("pointercancel", release);

    var lastWidth = window.innerWidth;
    listen(window, "resize", function () {
      if (window.innerWidth === lastWidth && !options.panel) { return; }
      lastWidth = window.innerWidth;
      sizeViewport();
      if (state.fitted) { fit(false); } else { setScale(state.scale); }
    });

    start();
    var api = {
      figure: figure,
      model: model,
      select: select,
      clear: clearSelection,
      reveal: reveal,
      fit: fit,
      touched: function () { return state.touched; },
      refresh: function () { start(); },
      mark: function (keys) {
        model.nodes.forEach(function (node) {
          node.g.classList.toggle("argmap-inview", keys.has(node.key));
        });
      },
      hover: function (key) {
        model.nodes.forEach(function (node) {
          node.g.classList.toggle("argmap-hovered", node.key === key);
        });
      }
    };
    figure.argmapMap = api;
    return api;
  }

  /* ---------------------------------------------------------------- the text panel */

  function sectionMapUrl(article) {
    var meta = document.querySelector('meta[name="argmap-section"][data-argmap-map]');
    if (meta) {
      return Promise.resolve(new URL(meta.getAttribute("data-argmap-map"), location.href).href);
    }
    var marked = article.querySelector("[data-argmap-section-map]");
    if (marked) {
      return Promise.resolve(
        new URL(marked.getAttribute("data-argmap-section-map"), location.href).href);
    }
    // Otherwise: the node page of the first badge names its section's map.
    var badge = article.querySelector("a.argmap-badge[data-argmap-node]");
    if (!badge) { return Promise.reject(new Error("no badge")); }
    var nodeUrl = hrefOf(badge);
    return fetchDoc(nodeUrl).then(function (doc) {
      var link = doc.querySelector('.argmap-node-meta a[href*="maps/"]');
      if (!link) { throw new Error("no section map"); }
      return new URL(link.getAttribute("href"), nodeUrl).href;
    });
  }

  function fetchDoc(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(r.status + " " + url); }
      return r.text();
    }).then(function (text) { return new DOMParser().parseFromString(text, "text/html"); });
  }

  function loadMap(url) {
    if (!mapCache.has(url)) {
      mapCache.set(url, fetchDoc(url).then(function (doc) {
        var figure = Array.prototype.find.call(doc.querySelectorAll("figure.argmap-figure"),
          function (f) { return f.querySelector("svg.argmap-diagram g.node a[*|href]"); });
        if (!figure) { throw new Error("no map in " + url); }
        // Links were relative to the map page: make them absolute for any page.
        figure.querySelectorAll("a[*|href]").forEach(function (a) {
          setHref(a, new URL(rawHref(a), url).href);
        });
        var h1 = doc.querySelector("h1");
        var title = h1 ? h1.textContent.replace(/\u00b6/g, "").trim() : "Map";
        return { title: title, html: figure.outerHTML, url: url };
      }).catch(function (err) { mapCache.delete(url); throw err; }));
    }
    return mapCache.get(url);
  }

  function setupPanel(article) {
    var badges = Array.prototype.slice.call(
      article.querySelectorAll("a.argmap-badge[data-argmap-node]"));
    if (!badges.length || article.querySelector(".argmap-print-cover")) { return; }
    var host = document.querySelector(".md-main__inner") || article.parentElement;
    var wide = window.matchMedia(WIDE);
    var panelId = "argmap-panel-" + (++uid);
    var panel = el("aside", { "class": "argmap-panel", id: panelId,
                              "aria-label": "Map of this section" });
    var heading = el("p", { "class": "argmap-panel-title", text: "Map of this section" });
    var open = el("a", { "class": "argmap-panel-link", text: "Open the map page" });
    var close = el("button", { type: "button", "class": "argmap-btn argmap-panel-close",
                               "aria-label": "Hide the map", title: "Hide the map",
                               text: "\u00d7" });
    var body = el("div", { "class": "argmap-panel-body" },
                  [el("p", { "class": "argmap-panel-note", text: "Loading the map\u2026" })]);
    panel.appendChild(el("div", { "class": "argmap-panel-head" }, [heading, open, close]));
    panel.appendChild(body);
    var toggle = el("button", { type: "button", "class": "argmap-panel-toggle",
                                "aria-controls": panelId, "aria-expanded": "false",
                                text: "Map" });
    host.appendChild(panel);
    host.appendChild(toggle);
    onCleanup(function () {
      panel.remove();
      toggle.remove();
      document.body.classList.remove("argmap-panel-docked", "argmap-panel-sheet");
    });

    var map = null;
    var loading = null;
    var visible = new Set();
    var sheetOpen = false;

    function preferHidden() {
      try { return localStorage.getItem("argmap.panel") === "hidden"; } catch (e) { return false; }
    }
    function remember(hidden) {
      try { localStorage.setItem("argmap.panel", hidden ? "hidden" : "shown"); } catch (e) { /**/ }
    }

    function shown() { return wide.matches ? !preferHidden() : sheetOpen; }

    function layout() {
      var isShown = shown();
      document.body.classList.toggle("argmap-panel-docked", wide.matches && isShown);
      document.body.classList.toggle("argmap-panel-sheet", !wide.matches && isShown);
      panel.hidden = !isShown;
      toggle.setAttribute("aria-expanded", String(isShown));
      toggle.textContent = isShown ? "Hide map" : "Map";
      toggle.hidden = isShown;
      if (isShown) { ensure(); }
      if (map) { map.refresh(); update(); }
    }

    function ensure() {
      if (loading) { return loading; }
      loading = sectionMapUrl(article).then(loadMap).then(function (found) {
        if (!document.body.contains(panel)) { return; }
        body.innerHTML = found.html;
        var figure = body.querySelector("figure");
        heading.textContent = found.title;
        open.setAttribute("href", found.url);
        map = enhance(figure, { panel: true, onSelect: chosen });
        // Ids stay unique if the page shows the same diagram (read above, renamed now).
        var svg = figure.querySelector("svg");
        svg.querySelectorAll("title[id], desc[id]").forEach(function (x) {
          x.id = "panel-" + x.id;
        });
        ["aria-labelledby", "aria-describedby"].forEach(function (a) {
          if (svg.getAttribute(a)) { svg.setAttribute(a, "panel-" + svg.getAttribute(a)); }
        });
        update(true);
      }).catch(function () {
        body.innerHTML = "";
        body.appendChild(el("p", { "class": "argmap-panel-note",
                                   text: "The map could not be loaded here." }));
        loading = null;
      });
      return loading;
    }

    function chosen(node, how) {
      if (!node || how === "find" || !node.id) { return; }
      var badge = document.getElementById("at-" + node.id);
      if (!badge) { return; }
      badge.scrollIntoView({ behavior: motion(true), block: "center" });
      flash(badge);
      if (how === "key") { badge.focus({ preventScroll: true }); }
    }

    function flash(badge) {
      var para = badge.closest("p, li") || badge;
      [badge, para].forEach(function (x) {
        x.classList.remove("argmap-flash");
        void x.offsetWidth; // restart the animation
        x.classList.add("argmap-flash");
      });
    }

    function update(first) {
      if (!map) { return; }
      var ordered = badges.filter(function (b) { return visible.has(b); });
      var keys = new Set(ordered.map(function (b) { return b.getAttribute("data-argmap-node"); }));
      map.mark(keys);
      var lead = ordered.length ? ordered[0].getAttribute("data-argmap-node") : "";
      if (lead && (first || Date.now() - map.touched() > FOLLOW_PAUSE_MS)) {
        map.reveal(lead, !first, true);
      }
    }

    var pending = 0;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        if (en.isIntersecting) { visible.add(en.target); } else { visible.delete(en.target); }
      });
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(function () { update(false); });
    }, { rootMargin: "-64px 0px -20% 0px" });
    badges.forEach(function (b) { observer.observe(b); });
    onCleanup(function () { observer.disconnect(); });

    // Pointing at a badge points at its box.
    function hover(e) {
      var b = e.target.closest && e.target.closest("a.argmap-badge[data-argmap-node]");
      if (map) { map.hover(b && e.type !== "mouseout" && e.type !== "focusout" ?
                            b.getAttribute("data-argmap-node") : ""); }
    }
    ["mouseover", "mouseout", "focusin", "focusout"].forEach(function (t) {
      listen(article, t, hover);
    });

    close.addEventListener("click", function () {
      if (wide.matches) { remember(true); } else { sheetOpen = false; }
      layout();
      toggle.focus();
    });
    toggle.addEventListener("click", function () {
      if (wide.matches) { remember(false); } else { sheetOpen = !sheetOpen; }
      layout();
      if (shown()) { close.focus({ preventScroll: true }); }
    });
    listen(wide, "change", layout);
    listen(document, "keydown", function (e) {
      if (e.key === "Escape" && sheetOpen && !wide.matches && panel.contains(document.activeElement)) {
        sheetOpen = false;
        layout();
        toggle.focus();
      }
    });
    layout();
    current.panel = {
      show: function (key) {
        if (!shown()) {
          if (wide.matches) { remember(false); } else { sheetOpen = true; }
          layout();
        }
        ensure().then(function () {
          if (map) { map.reveal(key, false, false); map.select(key, "find"); }
        });
      }
    };
  }

  /* ---------------------------------------------------------------- touch popovers */

  function setupPopovers(article) {
    var targets = article.querySelectorAll("a.argmap-badge[title], .argmap-cite a[title]");
    if (!targets.length) { return; }
    targets.forEach(function (a) {
      if (!a.hasAttribute("data-argmap-tip")) {
        a.setAttribute("data-argmap-tip", a.getAttribute("title") || "");
      }
    });
    var pointerType = "";
    var openFor = null;
    var pop = el("div", { "class": "argmap-popover", role: "tooltip",
                          id: "argmap-popover-" + (++uid), hidden: "" });
    (document.querySelector(".md-main__inner") || article).appendChild(pop);
    onCleanup(function () {
      pop.remove();
      document.body.classList.remove("argmap-popover-open");
    });

    function hide() {
      if (!openFor) { return; }
      openFor.removeAttribute("aria-describedby");
      openFor = null;
      pop.hidden = true;
      document.body.classList.remove("argmap-popover-open");
    }

    function show(a) {
      var badge = a.classList.contains("argmap-badge");
      pop.innerHTML = "";
      var tip = a.getAttribute("data-argmap-tip");
      pop.appendChild(el("p", { "class": "argmap-popover-text", text: tip }));
      var actions = el("p", { "class": "argmap-popover-hint" }, [
        document.createTextNode(badge ? "Tap the badge again to open the argument. " :
                                "Tap again for the reference list. ")
      ]);
      var key = a.getAttribute("data-argmap-node");
      if (badge && key && current && current.panel) {
        var onMap = el("button", { type: "button", "class": "argmap-btn", text: "Show on the map" });
        onMap.addEventListener("click", function () { hide(); current.panel.show(key); });
        actions.appendChild(onMap);
      }
      pop.appendChild(actions);
      pop.hidden = false;
      document.body.classList.add("argmap-popover-open");
      a.setAttribute("aria-describedby", pop.id);
      openFor = a;
      var r = a.getBoundingClientRect();
      var w = Math.min(320, window.innerWidth - 16);
      pop.style.width = w + "px";
      pop.style.left = clamp(r.left + r.width / 2 - w / 2, 8, window.innerWidth - w - 8) + "px";
      var below = r.bottom + 8;
      pop.style.top = below + "px";
      var h = pop.offsetHeight;
      if (below + h > window.innerHeight - 8 && r.top - h - 8 > 0) {
        pop.style.top = (r.top - h - 8) + "px";
      }
    }

    listen(article, "pointerdown", function (e) { pointerType = e.pointerType; }, true);
    listen(article, "click", function (e) {
      var a = e.target.closest && e.target.closest("a[data-argmap-tip]");
      if (!a || !article.contains(a)) { return; }
      if (pointerType !== "touch" && pointerType !== "pen") { return; }
      pointerType = "";
      if (openFor === a) { hide(); return; } // second tap: follow the link
      e.preventDefault();
      e.stopPropagation();
      show(a);
    });
    listen(document, "pointerdown", function (e) {
      if (openFor && !pop.contains(e.target) && e.target !== openFor &&
          !openFor.contains(e.target)) { hide(); }
    }, true);
    listen(window, "scroll", hide, { passive: true });
    listen(document, "keydown", function (e) { if (e.key === "Escape") { hide(); } });
  }

  /* ---------------------------------------------------------------- the print edition */

  /* The print edition holds the arguments and references its links point to: they link
     within the page, so a saved PDF links within itself too. */
  function setupPrint(article) {
    var hint = article.querySelector(".argmap-print-hint");
    if (!hint) { return; }
    function local(a, id) {
      if (id && document.getElementById(id)) { setHref(a, "#" + id); }
    }
    article.querySelectorAll("a.argmap-badge[data-argmap-node]").forEach(function (a) {
      local(a, "print-node-" + a.getAttribute("data-argmap-node"));
    });
    article.querySelectorAll("svg a[*|href]").forEach(function (a) {
      var found = rawHref(a).match(/arguments\/([^/#]+)\/?$/);
      if (found) { local(a, "print-node-" + decodeURIComponent(found[1])); }
    });
    article.querySelectorAll(".argmap-cite a[href*='#ref-']").forEach(function (a) {
      local(a, (a.getAttribute("href") || "").split("#")[1]);
    });
    if (hint.querySelector("button") || typeof window.print !== "function") { return; }
    var b = el("button", { type: "button", "class": "argmap-btn", text: "Print or save as PDF" });
    b.addEventListener("click", function () { window.print(); });
    hint.appendChild(document.createTextNode(" "));
    hint.appendChild(b);
  }

  /* ---------------------------------------------------------------- entry point */

  function setup(root) {
    patchSvgLinks();
    var doc = root && root.querySelector ? root : document;
    var article = doc.querySelector("article.md-content__inner") ||
      doc.querySelector("article") || doc.querySelector("main") || doc.body;
    if (!article) { return; }
    if (current && current.article === article) { return; } // this page is set up already
    if (current) { current.cleanups.forEach(function (fn) { fn(); }); }
    current = { article: article, cleanups: [], panel: null };
    article.querySelectorAll("figure.argmap-figure").forEach(function (f) {
      if (!f.closest(".argmap-panel")) { enhance(f, {}); }
    });
    setupPanel(article);
    setupPopovers(article);
    setupPrint(article);
  }

  window.argmapInteractive = setup;

  // Every SVG link click is handled here, so Material's handler never meets one.
  document.addEventListener("click", function (e) {
    var link = e.target && e.target.closest && e.target.closest("svg a[*|href]");
    if (!link || e.defaultPrevented || link.closest(".argmap-viewport")) { return; }
    e.stopPropagation();
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button > 0) { return; }
    e.preventDefault();
    go(hrefOf(link));
  }, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(document); });
  } else {
    setup(document);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setup(document); });
  }
})();

// Java Concurrency Cookbook: the only script, and everything works without it except what it
// adds: the copy buttons, the filter box and the theme toggle.
(function () {
  "use strict";

  var THEME_KEY = "cookbook-theme";

  // Apply a theme the reader chose before, as early as possible (this file loads in <head>).
  try {
    var saved = localStorage.getItem(THEME_KEY);
    if (saved === "light" || saved === "dark") {
      document.documentElement.setAttribute("data-theme", saved);
    }
  } catch (e) {
    // Storage may be off (file:// in some browsers, private modes): the system theme applies.
  }

  function systemDark() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function currentlyDark() {
    var chosen = document.documentElement.getAttribute("data-theme");
    return chosen ? chosen === "dark" : systemDark();
  }

  function setUpThemeToggle() {
    var button = document.querySelector(".theme-toggle");
    if (!button) {
      return;
    }
    function label() {
      var dark = currentlyDark();
      button.textContent = dark ? "Light theme" : "Dark theme";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
    }
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      var next = currentlyDark() ? "light" : "dark";
      document.documentElement.setAttribute("data-theme", next);
      try {
        localStorage.setItem(THEME_KEY, next);
      } catch (e) {
        // Not remembered: it still applies to this page.
      }
      label();
    });
    if (window.matchMedia) {
      window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", label);
    }
  }

  // The code column holds every line of the file, one element each (hidden ones included).
  function lineTexts(selector) {
    return Array.prototype.map.call(document.querySelectorAll(selector), function (line) {
      return line.textContent.replace(/\n$/, "");
    });
  }

  function dedent(lines) {
    var indent = Infinity;
    lines.forEach(function (l) {
      if (l.trim() !== "") {
        indent = Math.min(indent, l.length - l.replace(/^\s+/, "").length);
      }
    });
    if (indent === Infinity) {
      indent = 0;
    }
    return lines.map(function (l) {
      return l.trim() === "" ? "" : l.substring(indent);
    });
  }

  // The file, exactly: every line of the code column, in order.
  function fileText() {
    return lineTexts(".segments .line").join("\n") + "\n";
  }

  // The idiom: each region's lines without marker lines, dedented, regions apart by a blank line.
  function idiomText() {
    var regions = [];
    var current = null;
    document.querySelectorAll(".segments .line").forEach(function (line) {
      var inside = line.classList.contains("idiom");
      if (inside && line.classList.contains("idiom-first")) {
        current = [];
        regions.push(current);
      }
      if (inside && !line.classList.contains("marker")) {
        current.push(line.textContent.replace(/\n$/, ""));
      }
    });
    return regions.map(function (r) { return dedent(r).join("\n"); }).join("\n\n") + "\n";
  }

  // A hidden textarea: the way to copy where the clipboard API is missing or refused.
  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "copy-buffer";
    area.style.position = "fixed";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function setUpCopyButtons() {
    var status = document.querySelector(".copy-status");
    document.querySelectorAll("button.copy").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var what = button.getAttribute("data-copy");
        var text = what === "idiom" ? idiomText() : fileText();
        var lines = text.split("\n").length - 1;
        function done(ok) {
          button.setAttribute("data-copied", ok ? "yes" : "no");
          if (status) {
            status.textContent = ok ? "Copied " + lines + " lines." : "Could not copy: select the lines by hand.";
          }
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done(true); },
            function () { done(copyWithTextarea(text)); });
        } else {
          done(copyWithTextarea(text));
        }
      });
    });
  }

  // The index's filter: every word typed must appear in an entry's ID, title, Python or Java names.
  function setUpFilter() {
    var box = document.querySelector(".filter");
    var input = document.getElementById("filter");
    if (!box || !input) {
      return;
    }
    box.hidden = false;
    var count = document.getElementById("filter-count");
    var empty = document.querySelector(".filter-empty");
    var entries = document.querySelectorAll(".recipe-entry");
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (entry) {
        var text = entry.getAttribute("data-search");
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        entry.hidden = !match;
        if (match) {
          shown++;
        }
      });
      document.querySelectorAll(".catalogue .chapter").forEach(function (chapter) {
        chapter.hidden = chapter.querySelector(".recipe-entry:not([hidden])") === null;
      });
      if (count) {
        count.textContent = words.length ? shown + " of " + entries.length + " recipes" : "";
      }
      if (empty) {
        empty.hidden = shown !== 0;
      }
    }
    input.addEventListener("input", apply);
    apply();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpThemeToggle();
    setUpCopyButtons();
    setUpFilter();
  });
})();

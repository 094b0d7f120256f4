// A code block or table wider than the page scrolls; a keyboard user must be able to reach it
// to scroll it (WCAG 2.1.1), so each one that overflows becomes focusable.
function courseFocusableScrollers() {
  document.querySelectorAll("pre, article table, .cell_output .output").forEach(function (el) {
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
      el.tabIndex = 0;
    }
  });
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", courseFocusableScrollers);
} else {
  courseFocusableScrollers();
}
window.addEventListener("resize", courseFocusableScrollers);

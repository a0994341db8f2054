// Progressive enhancements; every page works without them.

// The phone menu in the header (templates/base.html). Without JavaScript the "Menü" link opens the header through
// its #menu fragment (CSS :target) and a second link closes it. With JavaScript the first link becomes a button that
// says whether the menu is open (aria-expanded) and the page keeps its address.
(() => {
  const header = document.getElementById("menu");
  const toggle = header && header.querySelector(".menu-toggle--open");
  if (!toggle) return;
  const close = header.querySelector(".menu-toggle--close");
  if (close) close.remove();
  header.classList.add("site-header--enhanced");
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-controls", "account-nav main-nav");
  const show = (open) => {
    header.classList.toggle("site-header--open", open);
    toggle.setAttribute("aria-expanded", String(open));
  };
  show(window.location.hash === "#menu");
  toggle.addEventListener("click", (event) => {
    event.preventDefault();
    show(toggle.getAttribute("aria-expanded") !== "true");
  });
  toggle.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      toggle.click();
    }
  });
})();

// Filters (templates/consultation/proposal_list.html) fold behind "Filter" on phones; where the page has room for
// them beside the results they start open.
(() => {
  if (!window.matchMedia("(min-width: 56rem)").matches) return;
  for (const panel of document.querySelectorAll("details.filter-panel")) panel.open = true;
})();

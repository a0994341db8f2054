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

// Linked proposals in the application form (templates/ideas/includes/proposal_links.html): matches show as one types
// (at most 10, from the competition's JSON search); checked ones stay. Without JavaScript the "Suchen" button asks the
// server, which shows the form again with the matches.
(() => {
  const box = document.querySelector("fieldset.proposal-links[data-search-url]");
  const input = box && box.querySelector("input[name=proposal_query]");
  const list = box && box.querySelector(".proposal-options");
  if (!input || !list) return;
  let timer = 0;
  let latest = 0;
  const search = async () => {
    const query = input.value.trim();
    const ask = ++latest;
    for (const item of [...list.children]) {
      if (!item.querySelector("input:checked")) item.remove();
    }
    if (query.length >= 2) {
      const url = `${box.dataset.searchUrl}?${new URLSearchParams({ q: query })}`;
      let results = [];
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        results = response.ok ? (await response.json()).results : [];
      } catch {
        return;
      }
      if (ask !== latest) return;
      const shown = new Set([...list.querySelectorAll("input")].map((el) => el.value));
      for (const proposal of results) {
        if (shown.has(String(proposal.id))) continue;
        const item = document.createElement("li");
        const checkbox = document.createElement("input");
        checkbox.type = "checkbox";
        checkbox.name = "proposal_ids";
        checkbox.value = String(proposal.id);
        checkbox.id = `id_proposal_ids_js_${proposal.id}`;
        const label = document.createElement("label");
        label.htmlFor = checkbox.id;
        const title = document.createElement("span");
        title.dir = "auto";
        title.textContent = proposal.title;
        const reference = document.createElement("span");
        reference.className = "meta";
        reference.textContent = ` (${proposal.reference})`;
        label.append(title, reference);
        item.append(checkbox, " ", label);
        list.append(item);
      }
    }
    list.hidden = list.children.length === 0;
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  // Enter in the search field searches here; in the form's other one-line fields it does nothing (without
  // JavaScript it sends the form through its first button, the search, which keeps everything but the files).
  box.form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.target.tagName !== "INPUT" || event.target.type === "submit") return;
    event.preventDefault();
    if (event.target !== input) return;
    clearTimeout(timer);
    search();
  });
})();

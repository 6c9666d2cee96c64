// callqa team server: a little plain JavaScript on top of pages that work without it.
"use strict";
(function () {
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  document.querySelectorAll("[data-back]").forEach((link) => {
    link.addEventListener("click", (event) => { event.preventDefault(); history.back(); });
  });

  // Admin: a scorecard file chosen is read into the textarea (nothing is uploaded by itself).
  const yaml = document.getElementById("yaml");
  if (yaml) {
    const picker = document.createElement("input");
    picker.type = "file";
    picker.accept = ".yaml,.yml,.json";
    picker.addEventListener("change", () => {
      const file = picker.files && picker.files[0];
      if (file) file.text().then((text) => { yaml.value = text; });
    });
    yaml.parentNode.insertBefore(picker, yaml);
  }

  // Scoring page.
  const form = document.getElementById("score-form");
  if (!form) return;
  const draft = document.querySelector(".scoring").dataset.draft;
  const items = Array.from(form.querySelectorAll(".item"));
  const audio = document.getElementById("audio");
  let current = 0;

  function focusItem(index) {
    if (items.length === 0) return;
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach((item, i) => item.classList.toggle("current", i === current));
    items[current].focus({ preventScroll: false });
    items[current].scrollIntoView({ block: "nearest" });
  }

  function seek(seconds) {
    if (!audio || isNaN(seconds)) return;
    audio.currentTime = seconds;
    audio.play().catch(() => {});
  }

  document.querySelectorAll("#transcript li").forEach((line) => {
    line.addEventListener("click", () => {
      document.querySelectorAll("#transcript li.playing").forEach((other) => other.classList.remove("playing"));
      line.classList.add("playing");
      seek(parseFloat(line.dataset.start));
    });
  });
  document.querySelectorAll("a.seek").forEach((link) => {
    link.addEventListener("click", (event) => { event.preventDefault(); seek(parseFloat(link.dataset.start)); });
  });

  async function refreshBreakdown() {
    const response = await fetch(`/drafts/${draft}/breakdown`, { credentials: "same-origin" });
    if (response.ok) document.getElementById("breakdown-body").innerHTML = await response.text();
  }

  function showProblem(text) {
    let box = document.getElementById("save-problem");
    if (!box) {
      box = document.createElement("p");
      box.id = "save-problem";
      box.className = "flash error";
      box.setAttribute("role", "alert");
      form.prepend(box);
    }
    box.textContent = text;
  }

  // Every answer and note is stored as it is given, like the terminal scorer.
  async function store(item, body) {
    const response = await fetch(`/api/drafts/${draft}/answers/${encodeURIComponent(item)}`, {
      method: "PUT", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({ message: response.statusText }));
      showProblem(problem.message);
      return;
    }
    const old = document.getElementById("save-problem");
    if (old) old.remove();
    await refreshBreakdown();
  }

  function proposalOf(item) {
    const hidden = form.querySelector(`input[name="p.${CSS.escape(item)}"]`);
    return hidden ? hidden.value : undefined;
  }

  form.addEventListener("change", (event) => {
    const input = event.target;
    const name = input.name || "";
    if (name.startsWith("a.")) {
      const item = name.slice(2);
      const body = { answer: input.value };
      const proposed = proposalOf(item);
      if (proposed !== undefined) body.proposed = proposed;
      store(item, body);
    } else if (name.startsWith("n.")) {
      store(name.slice(2), { note: input.value });
    }
  });

  function choose(item, predicate) {
    const radios = Array.from(item.querySelectorAll('input[type="radio"]'));
    const radio = radios.find(predicate);
    if (!radio) return false;
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  function adjustCount(item, delta) {
    const count = item.querySelector("input.count");
    if (!count) return false;
    count.value = String(Math.max(0, (parseInt(count.value, 10) || 0) + delta));
    count.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  items.forEach((item, index) => item.addEventListener("focusin", () => {
    current = index;
    items.forEach((other, i) => other.classList.toggle("current", i === index));
  }));

  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      document.getElementById("submit").click();
      return;
    }
    const target = event.target;
    const typing = target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !["radio", "checkbox"].includes(target.type));
    if (typing) {
      if (event.key === "Escape") { target.blur(); focusItem(current); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const item = items[current];
    let answered = false;
    switch (event.key) {
      case "j": case "ArrowDown": focusItem(current + 1); break;
      case "k": case "ArrowUp": focusItem(current - 1); break;
      case "y": answered = choose(item, (r) => r.value === "yes"); break;
      case "n": answered = choose(item, (r) => r.value === "no"); break;
      case "x": answered = choose(item, (r) => r.value === "na"); break;
      case "a": {
        const proposed = proposalOf(item.dataset.item);
        if (proposed !== undefined) {
          answered = choose(item, (r) => r.value === proposed);
          if (!answered && item.querySelector("input.count")) {
            const count = item.querySelector("input.count");
            count.value = proposed;
            count.dispatchEvent(new Event("change", { bubbles: true }));
            answered = true;
          }
        }
        break;
      }
      case "+": case "=": adjustCount(item, 1); break;
      case "-": adjustCount(item, -1); break;
      case "s": document.getElementById("save").click(); break;
      default:
        if (/^[1-9]$/.test(event.key)) {
          const levels = Array.from(item.querySelectorAll('input[type="radio"]')).filter((r) => r.value !== "na");
          const pick = levels[parseInt(event.key, 10) - 1];
          if (pick && item.dataset.type === "scale") answered = choose(item, (r) => r === pick);
        } else {
          return;
        }
    }
    event.preventDefault();
    if (answered) focusItem(current + 1);
  });

  focusItem(0);
})();

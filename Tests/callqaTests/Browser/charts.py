"""The HTML reports and case pages in a real browser: the system Chromium driven by Playwright.

For every page given: each chart's text labels are measured from the DOM (getBBox, in the
SVG's own units); no two may overlap and none may reach outside the view box. Printed on A4
(print media, 794 px wide), nothing may be wider than the page. A screenshot of each page
goes to the folder given. Prints `ok PAGE` or `FAIL PAGE: why`; the last line is `RESULT ok`
or `RESULT failed`.

usage: charts.py SCREENSHOT_FOLDER PAGE.html…
"""
import os
import sys

from playwright.sync_api import sync_playwright

SHOTS, PAGES = sys.argv[1], sys.argv[2:]
os.makedirs(SHOTS, exist_ok=True)

MEASURE = """() => {
  const problems = [], counts = [];
  document.querySelectorAll('svg.chart').forEach((svg, index) => {
    const box = svg.viewBox.baseVal, name = 'chart ' + (index + 1);
    const labels = [...svg.querySelectorAll('text')].map(t => ({text: t.textContent, b: t.getBBox()}));
    counts.push(labels.length);
    for (const {text, b} of labels) {
      if (b.x < box.x - 0.5 || b.y < box.y - 0.5 || b.x + b.width > box.x + box.width + 0.5 || b.y + b.height > box.y + box.height + 0.5)
        problems.push(`${name}: '${text}' is cut off at ${b.x.toFixed(1)},${b.y.toFixed(1)} ${b.width.toFixed(1)}x${b.height.toFixed(1)}`);
    }
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i].b, c = labels[j].b;
      const w = Math.min(a.x + a.width, c.x + c.width) - Math.max(a.x, c.x);
      const h = Math.min(a.y + a.height, c.y + c.height) - Math.max(a.y, c.y);
      if (w > 0.5 && h > 0.5) problems.push(`${name}: '${labels[i].text}' overlaps '${labels[j].text}' (${w.toFixed(1)}x${h.toFixed(1)})`);
    }
    if (!svg.querySelector('title') || !svg.querySelector('desc') || !svg.querySelector('desc').textContent.trim())
      problems.push(`${name}: no <title> and <desc>`);
  });
  return {problems, counts, lang: document.documentElement.lang};
}"""

A4 = """() => {
  const wide = [...document.querySelectorAll('svg.chart, table')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1);
  return {scroll: document.documentElement.scrollWidth, wide: wide.length};
}"""

failed = False
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1000, "height": 1300})
    for path in PAGES:
        name = os.path.splitext(os.path.basename(path))[0]
        folder = os.path.dirname(path)
        if name == "index":  # a case library's index: named after its folder
            name = os.path.basename(folder) + "-index"
        elif os.path.basename(folder) == "cases":  # a case page: the library and the case number
            name = os.path.basename(os.path.dirname(folder)) + "-" + "-".join(name.split("-")[:2])
        page.set_viewport_size({"width": 1000, "height": 1300})
        page.emulate_media(media="screen")
        page.goto("file://" + os.path.abspath(path))
        page.wait_for_load_state("load")
        result = page.evaluate(MEASURE)
        problems = list(result["problems"])
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True, clip={"x": 0, "y": 0, "width": 1000, "height": 1300})
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 794, "height": 1123})
        printed = page.evaluate(A4)
        if printed["scroll"] > 795 or printed["wide"]:
            problems.append(f"wider than A4 in print: {printed['scroll']} px, {printed['wide']} charts or tables overflow")
        page.pdf(path=os.path.join(SHOTS, f"{name}.pdf"), format="A4", print_background=True) if os.environ.get("CALLQA_PDF") else None
        if problems:
            failed = True
            for problem in problems:
                print(f"FAIL {name}: {problem}", flush=True)
        else:
            print(f"ok {name} charts={len(result['counts'])} labels={sum(result['counts'])} lang={result['lang']}", flush=True)
    browser.close()
print("RESULT failed" if failed else "RESULT ok")

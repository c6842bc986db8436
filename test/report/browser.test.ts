// Opens report.html in real headless Chromium (Debian's `chromium`; .ci/run installs it when it
// can) over the DevTools pipe (test/report/cdp-pipe.ts) and asserts: no console errors or
// exceptions, no network request, and the verdict, every plot and the checklist are visible.
// Skips, with a message, when /usr/bin/chromium is absent.

import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/render.js";
import { tempDir } from "../helpers/cli.js";
import { Browser, CHROMIUM } from "./cdp-pipe.js";
import { fixture } from "./helpers.js";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED test/report/browser.test.ts: ${CHROMIUM} is absent (apt-get install chromium)`);

const CHECKS = `(() => {
  const visible = (el) => { if (!el) return false; const r = el.getBoundingClientRect(); const s = getComputedStyle(el); return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"; };
  const plots = [...document.querySelectorAll("#plots svg")];
  return JSON.stringify({
    verdict: visible(document.querySelector("#verdict")) ? document.querySelector("#verdict .overall").textContent.trim() : null,
    plots: plots.length,
    plotsVisible: plots.filter(visible).length,
    plotLines: document.querySelectorAll("#plot-loss svg path").length,
    checklistRows: [...document.querySelectorAll("#checklist tr[data-item]")].filter(visible).length,
    pending: document.querySelector('#checklist tr[data-item="reporting.hardware-assumptions"] .status').textContent,
    scripts: document.querySelectorAll("script").length,
  });
})()`;

describe.skipIf(!hasChromium)("report.html in headless Chromium", () => {
  it("shows the verdict, the plots and the checklist with no console error", async () => {
    const dir = tempDir();
    const html = renderReport(fixture("identical"), ["html"])[0]!.text;
    const file = join(dir, "report.html");
    writeFileSync(file, html);

    const browser = Browser.launch();
    try {
      const errors: string[] = [];
      const requests: string[] = [];
      browser.on((m) => {
        const p = m.params ?? {};
        if (m.method === "Runtime.consoleAPICalled" && (p["type"] === "error" || p["type"] === "assert")) errors.push(JSON.stringify(p["args"]));
        if (m.method === "Runtime.exceptionThrown") errors.push(JSON.stringify(p["exceptionDetails"]));
        if (m.method === "Log.entryAdded" && (p["entry"] as { level?: string }).level === "error") errors.push(JSON.stringify(p["entry"]));
        if (m.method === "Network.requestWillBeSent") requests.push(String((p["request"] as { url?: string }).url));
      });
      const { result } = await browser.send("Target.createTarget", { url: "about:blank" });
      const attached = await browser.send("Target.attachToTarget", { targetId: result!["targetId"], flatten: true });
      const session = attached.result!["sessionId"] as string;
      for (const domain of ["Runtime", "Log", "Page", "Network"]) await browser.send(`${domain}.enable`, {}, session);
      const loaded = browser.waitFor((m) => m.method === "Page.loadEventFired" && m.sessionId === session, 30_000);
      await browser.send("Page.navigate", { url: pathToFileURL(file).href }, session);
      await loaded;
      const evaluated = await browser.send("Runtime.evaluate", { expression: CHECKS, returnByValue: true }, session);
      const checks = JSON.parse((evaluated.result!["result"] as { value: string }).value) as Record<string, unknown>;

      expect(errors, "console errors").toEqual([]);
      expect(requests.filter((u) => !u.startsWith("file:")), "network requests").toEqual([]);
      expect(checks["verdict"]).toBe("awaiting sign-off");
      expect(checks["plots"]).toBe(4); // loss, accuracy, spread of finalLoss and finalAccuracy
      expect(checks["plotsVisible"]).toBe(4);
      expect(checks["plotLines"] as number).toBeGreaterThan(3);
      expect(checks["checklistRows"]).toBe(21);
      expect(checks["pending"]).toBe("pending");
      expect(checks["scripts"]).toBe(0);
    } finally {
      await browser.close();
    }
  });
});

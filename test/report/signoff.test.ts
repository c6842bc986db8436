// Digest, sign-off and verification. Oracles: the RFC 8785 canonical text of a small value written
// out by hand (its SHA-256 from node:crypto over that literal), and tampering that must be caught.

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { reportDigest } from "../../src/report/digest.js";
import { addSignoff, generateSigningKeys, verifyReportJson } from "../../src/report/signoff.js";
import { UsageError } from "../../src/errors.js";
import { clone, fixture } from "./helpers.js";

const ITEM = "reporting.hardware-assumptions";
const AT = "2026-12-05T10:00:00.000Z";

describe("report digest", () => {
  it("is SHA-256 of the RFC 8785 canonical JSON without the signoffs key", () => {
    // Keys sorted by UTF-16 code units, no whitespace, numbers in ES form (1e-7, 100), per RFC 8785 §3.2.
    const value = { z: 1, a: [true, null, "é"], m: { b: 1e-7, a: 100.0 }, signoffs: [{ by: "x" }] };
    const literal = '{"a":[true,null,"é"],"m":{"a":100,"b":1e-7},"z":1}';
    expect(reportDigest(value)).toBe(createHash("sha256").update(literal, "utf8").digest("hex"));
  });
  it("does not change when a sign-off is added, changes when any number changes", () => {
    const r = fixture("identical");
    const signed = addSignoff(r, r, { by: "A", role: null, items: [], at: AT });
    expect(reportDigest(signed)).toBe(reportDigest(r));
    const edited = clone(r);
    edited.repeats[0]!.timing.wallSeconds += 1e-9;
    expect(reportDigest(edited)).not.toBe(reportDigest(r));
  });
});

describe("sign-off and verify", () => {
  const keys = generateSigningKeys();
  const other = generateSigningKeys();
  const base = fixture("identical");
  const signed = addSignoff(base, base, { by: "Ada", role: "reviewer", items: [{ id: ITEM, status: "pass", note: "README §3" }], at: AT, privateKeyPem: keys.privateKeyPem });

  it("a signed sign-off verifies, also against its own public key", () => {
    const s = signed.signoffs[0]!;
    expect(s.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(s.signature!, "base64")).toHaveLength(64); // Ed25519 signatures are 64 bytes (RFC 8032)
    expect(s.reportDigest).toBe(reportDigest(base));
    expect(verifyReportJson(clone(signed))).toMatchObject({ valid: true, problems: [] });
    expect(verifyReportJson(clone(signed), { publicKeys: [keys.publicKeyPem] }).valid).toBe(true);
  });

  it("changing a number afterwards: invalid, naming the sign-off and the digest", () => {
    const t = clone(signed);
    t.statistics["finalLoss"]!.mean += 1e-12;
    const v = verifyReportJson(t);
    expect(v.valid).toBe(false);
    expect(v.problems.join("\n")).toMatch(/sign-off 1 \(by "Ada".*reportDigest [0-9a-f]{64} no longer matches the report's digest [0-9a-f]{64}/);
  });

  it("an edited sign-off breaks its signature; another key fails --pub", () => {
    const t = clone(signed);
    t.signoffs[0]!.items[0]!.status = "fail";
    expect(verifyReportJson(t).problems.join("\n")).toMatch(/sign-off 1 .*signature does not match/);
    expect(verifyReportJson(clone(signed), { publicKeys: [other.publicKeyPem] }).problems.join("\n")).toMatch(/not one given with --pub/);
  });

  it("a later signature pins earlier sign-offs (editing the first breaks the second)", () => {
    const two = addSignoff(signed, clone(signed), { by: "Bo", role: null, items: [], at: AT, privateKeyPem: other.privateKeyPem });
    expect(verifyReportJson(clone(two)).valid).toBe(true);
    const t = clone(two);
    t.signoffs[0]!.by = "Mallory";
    const problems = verifyReportJson(t).problems.join("\n");
    expect(problems).toMatch(/sign-off 1 .*signature does not match/);
    expect(problems).toMatch(/sign-off 2 .*signature does not match/);
  });

  it("unsigned sign-offs verify without --pub and fail with it", () => {
    const u = addSignoff(base, base, { by: "C", role: null, items: [], at: AT });
    expect(verifyReportJson(clone(u)).valid).toBe(true);
    expect(verifyReportJson(clone(u), { publicKeys: [keys.publicKeyPem] }).valid).toBe(false);
  });

  it("refuses automatic items, unknown items, duplicates, and a tampered report", () => {
    expect(() => addSignoff(base, base, { by: "A", role: null, items: [{ id: "env.runtime", status: "pass", note: null }], at: AT })).toThrow(/evaluated automatically/);
    expect(() => addSignoff(base, base, { by: "A", role: null, items: [{ id: "nope", status: "pass", note: null }], at: AT })).toThrow(UsageError);
    expect(() => addSignoff(base, base, { by: "A", role: null, items: [{ id: ITEM, status: "pass", note: null }, { id: ITEM, status: "fail", note: null }], at: AT })).toThrow(/twice/);
    const t = clone(signed);
    t.run.tolerance = 0.5;
    expect(() => addSignoff(t, t, { by: "B", role: null, items: [], at: AT })).toThrow(/changed after sign-off 1/);
  });

  it("a schema-invalid report is invalid, with the field", () => {
    const t = clone(signed) as unknown as { verdict: { status: string } };
    t.verdict.status = "great";
    expect(verifyReportJson(t).problems[0]).toMatch(/^schema: verdict\.status/);
  });
});

describe("verify recomputes derived fields (unit, on the committed fixtures)", () => {
  it("both fixtures recompute cleanly; a diverged run relabelled identical is caught", () => {
    for (const name of ["identical", "diverged"] as const) expect(verifyReportJson(clone(fixture(name))), name).toMatchObject({ valid: true, problems: [] });
    const d = clone(fixture("diverged"));
    expect(d.verdict.status).not.toBe("identical");
    const stored = d.verdict.status;
    d.verdict.status = "identical";
    d.verdict.firstDivergence = null;
    const v = verifyReportJson(d);
    expect(v.valid).toBe(false);
    expect(v.problems).toContain(`tampered: verdict.status says identical but the repeats give ${stored}`);
    expect(v.recomputed.find((c) => c.field === "verdict.firstDivergence")).toMatchObject({ result: "mismatch", stored: null });
  });
  it("the verdict's reason text is not compared (the harness may prefix it)", () => {
    const r = clone(fixture("identical"));
    r.verdict.reason = `Not tested: no seed ran more than once. ${r.verdict.reason}`;
    expect(verifyReportJson(r).valid).toBe(true);
  });
});

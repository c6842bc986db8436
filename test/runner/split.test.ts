// The command splitter against its oracle: what /bin/sh itself makes of the same words
// (`sh -c 'printf "%s\0" <text>'`), plus the refusals of shell syntax we do not run.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { commandArgv, CommandSyntaxError, splitCommand } from "../../src/runner/split.js";

function shWords(text: string): string[] {
  const out = execFileSync("sh", ["-c", `printf '%s\\0' ${text}`], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("splitCommand", () => {
  const cases = [
    "python3 train.py --seed 7",
    "  spaced\t  out  ",
    `'single quoted $HOME |;&' after`,
    `"double \\"quoted\\" \\\\ back" x`,
    `a\\ b c\\'d`,
    `mixed"quo"'tes'`,
    `empty '' "" args`,
    `--lr=0.1 '{seed}' {outDir}/m.npy`,
    `"a;b|c&d>e<f(g)" 'h&&i'`,
  ];
  for (const text of cases) {
    it(`splits ${JSON.stringify(text)} like sh does`, () => {
      expect(splitCommand(text)).toEqual(shWords(text));
    });
  }

  it("refuses shell operators, substitutions and unclosed quotes with a clear error", () => {
    for (const [text, what] of [
      ["python3 a.py | tee log", 'shell operator "|"'],
      ["a && b", 'shell operator "&&"'],
      ["a; b", 'shell operator ";"'],
      ["a > out", 'shell operator ">"'],
      ["echo $HOME", '"$H"'],
      ['echo "$(date)"', "shell expansion inside double quotes"],
      ["echo `date`", "backquote"],
      ["echo 'open", "never closed"],
      ['echo "open', "never closed"],
      ["echo \\", "lone backslash"],
    ] as const) {
      expect(() => splitCommand(text), text).toThrow(CommandSyntaxError);
      expect(() => splitCommand(text), text).toThrow(what);
    }
    expect(() => splitCommand("a | b")).toThrow(/not through a shell.*sh", "-c"/);
  });

  it("takes argv lists as they are and refuses an empty command", () => {
    expect(commandArgv(["prog", "a b", "$HOME"])).toEqual(["prog", "a b", "$HOME"]);
    expect(() => commandArgv("   ")).toThrow(/names no program/);
    expect(() => commandArgv([""])).toThrow(/names no program/);
  });
});

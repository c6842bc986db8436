// Splits a command string into an argv array the way a POSIX shell would (XCU §2.2 quoting and §2.3
// token recognition), without invoking one: single quotes keep everything literally, double quotes
// keep everything but `\"` `\\` `\$` `` \` `` and a backslash-newline, an unquoted backslash escapes
// the next character, and unquoted whitespace separates words. It is NOT a shell: there are no
// pipes, redirections, `;`/`&&` lists, variable or command substitution, globbing or `~` expansion.
// Those are refused with a message rather than passed through silently as literal text, since a
// user who wrote `a | b` meant a pipe. (Chosen over the `shell-quote` package: ~80 lines, no new
// dependency, and errors we control.)

export class CommandSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandSyntaxError";
  }
}

const OPERATORS = new Set(["|", "&", ";", "<", ">", "(", ")"]);
const HOW = 'write it as an argv list (command: ["prog", "arg"]) or run a shell explicitly: command: ["sh", "-c", "…"]';

function refuse(text: string, at: number, what: string): never {
  throw new CommandSyntaxError(`command "${text}": ${what} at character ${at + 1} — repro-audit runs the program directly, not through a shell; quote it if it is meant literally, or ${HOW}`);
}

/** The argv of `text`; throws CommandSyntaxError on an unclosed quote or a shell operator. */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new CommandSyntaxError(`command "${text}": the single quote at character ${i + 1} is never closed`);
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new CommandSyntaxError(`command "${text}": the double quote at character ${i + 1} is never closed`);
        const d = text[j]!;
        if (d === '"') break;
        if (d === "\\" && j + 1 < n && '"\\$`\n'.includes(text[j + 1]!)) {
          if (text[j + 1] !== "\n") word += text[j + 1];
          j += 2;
          continue;
        }
        if (d === "`" || (d === "$" && j + 1 < n && /[A-Za-z_{(0-9@*#?$!-]/.test(text[j + 1]!))) refuse(text, j, `"${d}${d === "$" ? text[j + 1] : ""}" (shell expansion inside double quotes)`);
        word += d;
        j++;
      }
      inWord = true;
      i = j + 1;
    } else if (c === "\\") {
      if (i + 1 >= n) throw new CommandSyntaxError(`command "${text}": it ends with a lone backslash`);
      if (text[i + 1] !== "\n") word += text[i + 1];
      inWord = true;
      i += 2;
    } else if (OPERATORS.has(c)) {
      refuse(text, i, `the shell operator "${c}${(c === "|" || c === "&") && text[i + 1] === c ? c : ""}"`);
    } else if (c === "`") {
      refuse(text, i, "a backquote (command substitution)");
    } else if (c === "$" && i + 1 < n && /[A-Za-z_{(0-9@*#?$!-]/.test(text[i + 1]!)) {
      refuse(text, i, `"$${text[i + 1]}" (variable or command substitution; use the env: key or the {seed} {repeat} {outDir} placeholders)`);
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** A command as configured (argv list or string) as argv; an empty command is an error. */
export function commandArgv(command: string | readonly string[]): string[] {
  const argv = typeof command === "string" ? splitCommand(command) : [...command];
  if (argv.length === 0 || argv[0] === "") throw new CommandSyntaxError(`command ${JSON.stringify(command)} names no program to run`);
  return argv;
}

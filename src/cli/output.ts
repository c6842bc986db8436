// Small helpers shared by the commands for printing: JSON to stdout, colour only on a TTY
// without NO_COLOR (https://no-color.org).

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  const noColor = process.env["NO_COLOR"];
  return stream.isTTY === true && (noColor === undefined || noColor === "");
}

const codes = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const;

export function paint(text: string, style: keyof typeof codes, stream?: NodeJS.WriteStream): string {
  return useColor(stream) ? `\u001b[${codes[style]}m${text}\u001b[0m` : text;
}
